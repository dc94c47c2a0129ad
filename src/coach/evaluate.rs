//! `evaluate`: playbook + signals + nudge state → ranked suggestions, one
//! per action. Pure.

use chrono::NaiveDate;
use serde::Serialize;

use super::playbook::{Playbook, Rule, Tenure};
use super::render::render;
use super::{Practice, Signals, SuggestedAction};
use crate::domain::RuleState;

/// The user's nudge state, one entry per rule that has any.
pub type NudgeState = [RuleState];

/// How many suggestions are shown; the rest wait behind `--all` or a fold.
pub const SHOWN: usize = 3;

/// An agenda longer than this gets no new topics, only a choice among them.
pub const LONG_AGENDA: usize = 5;

/// A rule that fires, with its words filled in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    pub rule: String,
    pub practice: Practice,
    pub priority: u8,
    pub message: String,
    pub reason: String,
    pub why: String,
    pub action: SuggestedAction,
    /// How far past its threshold the signal is, relative to the threshold.
    pub overshoot: f64,
    /// Rules whose suggestion led to the same action, merged into this one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub merged: Vec<String>,
    /// The day of the fact it rests on, to tell this occurrence from the next.
    #[serde(skip)]
    pub anchor: Option<NaiveDate>,
    /// Why it is not shown by default (snoozed, dismissed, switched off).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quiet: Option<String>,
}

/// Every rule that fires, most urgent first and one per action; quiet ones
/// (snoozed, dismissed, switched off) only when `include_quiet`, after the
/// others.
pub fn evaluate(
    playbook: &Playbook,
    signals: &Signals,
    state: &NudgeState,
    include_quiet: bool,
) -> Vec<Suggestion> {
    if signals.archived {
        return Vec::new();
    }
    let mut out: Vec<Suggestion> = playbook
        .rules
        .iter()
        .filter(|rule| applies(rule, signals))
        .filter_map(|rule| {
            let signal = signals.get(rule.signal)?;
            if !rule.condition.holds(signal.value) {
                return None;
            }
            let quiet = quiet_reason(rule, signal.anchor, state, signals.today);
            if quiet.is_some() && !include_quiet {
                return None;
            }
            let threshold = rule.condition.threshold();
            let render = |text: &str| render(text, rule, &signal, signals);
            let never = |plain: &String, instead: &Option<String>| match instead {
                Some(text) if signal.never => render(text),
                _ => render(plain),
            };
            Some(Suggestion {
                rule: rule.id.clone(),
                practice: rule.practice,
                priority: rule.priority,
                message: capitalized(never(&rule.message, &rule.message_never)),
                reason: never(&rule.reason, &rule.reason_never),
                why: rule.why.clone(),
                action: match &rule.action {
                    SuggestedAction::Topic { text } => {
                        SuggestedAction::Topic { text: render(text) }
                    }
                    SuggestedAction::Log { kind, title } => SuggestedAction::Log {
                        kind: kind.clone(),
                        title: title.as_deref().map(render),
                    },
                    other => other.clone(),
                },
                overshoot: (signal.value - threshold).abs() / threshold.abs().max(1.0),
                merged: Vec::new(),
                anchor: signal.anchor,
                quiet,
            })
        })
        .filter(|s| !is_on_the_agenda(&s.action, signals))
        .collect();
    out.sort_by(|a, b| {
        (a.quiet.is_some(), std::cmp::Reverse(a.priority))
            .cmp(&(b.quiet.is_some(), std::cmp::Reverse(b.priority)))
            .then(b.overshoot.total_cmp(&a.overshoot))
            .then(a.rule.cmp(&b.rule))
    });
    merge_same_steps(out)
}

/// A message starts with a capital, whatever its first placeholder gave.
fn capitalized(text: String) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) if first.is_lowercase() => first.to_uppercase().chain(chars).collect(),
        _ => text,
    }
}

/// Whether a rule is for this person now: enabled, their relation, the
/// tenure it names.
fn applies(rule: &Rule, signals: &Signals) -> bool {
    rule.enabled
        && rule.relations.contains(&signals.relation)
        && match rule.tenure {
            None => true,
            Some(Tenure::New) => signals.is_new(),
            Some(Tenure::Settled) => !signals.is_new(),
        }
}

/// A topic already on the agenda is not suggested again; with a long
/// agenda, no new topic is.
fn is_on_the_agenda(action: &SuggestedAction, signals: &Signals) -> bool {
    let SuggestedAction::Topic { text } = action else {
        return false;
    };
    signals.agenda.len() > LONG_AGENDA || signals.agenda.iter().any(|t| same_words(t, text))
}

fn same_words(a: &str, b: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    words(a) == words(b)
}

/// Whether two suggestions lead to the same step for the user.
fn same_step(a: &SuggestedAction, b: &SuggestedAction) -> bool {
    use SuggestedAction as A;
    match (a, b) {
        (A::Topic { text: x }, A::Topic { text: y }) => same_words(x, y),
        (A::Log { kind: x, .. }, A::Log { kind: y, .. }) => x == y,
        // An agenda or a decision is about different things each time.
        (A::Agenda, A::Agenda) | (A::None, A::None) => false,
        (x, y) => std::mem::discriminant(x) == std::mem::discriminant(y),
    }
}

/// Keeps the first (strongest) suggestion of each step; the others are
/// named in its `merged`. Quiet ones merge only among themselves.
fn merge_same_steps(ranked: Vec<Suggestion>) -> Vec<Suggestion> {
    let mut out: Vec<Suggestion> = Vec::new();
    for s in ranked {
        match out.iter_mut().find(|kept| {
            kept.quiet.is_some() == s.quiet.is_some() && same_step(&kept.action, &s.action)
        }) {
            Some(kept) => kept.merged.push(s.rule),
            None => out.push(s),
        }
    }
    out
}

fn quiet_reason(
    rule: &Rule,
    anchor: Option<NaiveDate>,
    state: &NudgeState,
    today: NaiveDate,
) -> Option<String> {
    let s = state.iter().find(|s| s.rule_id == rule.id)?;
    if s.switched_off {
        return Some("switched off".into());
    }
    if let Some(until) = s.quiet_until.filter(|u| *u > today) {
        let what = if s.dismissed_on.is_some() || s.done_on.is_some() {
            "resting"
        } else {
            "snoozed"
        };
        return Some(format!("{what} until {until}"));
    }
    // Dismissed or done: quiet for as long as it is the same occurrence.
    if s.anchor.is_some() && s.anchor == anchor {
        return Some(
            if s.done_on.is_some() {
                "done"
            } else {
                "dismissed"
            }
            .into(),
        );
    }
    None
}
