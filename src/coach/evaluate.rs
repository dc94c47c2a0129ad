//! `evaluate`: playbook + signals + nudge state → ranked suggestions. Pure.

use crate::domain::promise::when_due;
use chrono::NaiveDate;
use serde::Serialize;

use super::playbook::{Playbook, Rule};
use super::{Practice, RuleState, SignalName, Signals, SuggestedAction};
use crate::domain::text::{days, days_ago, in_days};

/// The user's nudge state, one entry per rule that has any.
pub type NudgeState = [RuleState];

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
    /// The day of the fact it rests on, to tell this occurrence from the next.
    #[serde(skip)]
    pub anchor: Option<NaiveDate>,
    /// Why it is not shown by default (snoozed, dismissed, switched off).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quiet: Option<String>,
}

/// Every rule that fires, most urgent first; quiet ones (snoozed, dismissed,
/// switched off) only when `include_quiet`.
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
        .filter(|rule| rule.enabled && rule.relations.contains(&signals.relation))
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
            let render = |text: &str| render(text, rule, signal.value, signals);
            Some(Suggestion {
                rule: rule.id.clone(),
                practice: rule.practice,
                priority: rule.priority,
                message: render(&rule.message),
                reason: render(&rule.reason),
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
                anchor: signal.anchor,
                quiet,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        (a.quiet.is_some(), std::cmp::Reverse(a.priority))
            .cmp(&(b.quiet.is_some(), std::cmp::Reverse(b.priority)))
            .then(b.overshoot.total_cmp(&a.overshoot))
            .then(a.rule.cmp(&b.rule))
    });
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

fn number(value: f64) -> String {
    if (value - value.round()).abs() < 1e-9 {
        format!("{}", value.round() as i64)
    } else {
        format!("{value:.1}")
    }
}

/// Fills the placeholders of `text` for this rule and signal.
fn render(text: &str, rule: &Rule, value: f64, signals: &Signals) -> String {
    // A strength of theirs that covers a weakness of yours is the one to name.
    let strength = signals
        .covering
        .as_ref()
        .map(|(s, _)| s.clone())
        .or_else(|| signals.strengths.first().cloned())
        .unwrap_or_else(|| "what they are good at".to_string());
    let weakness = signals
        .covering
        .as_ref()
        .map_or_else(|| "a weak spot of yours".to_string(), |(_, w)| w.clone());
    let topics = signals
        .top_topics
        .iter()
        .map(|t| format!("“{t}”"))
        .collect::<Vec<_>>()
        .join(", ");
    let next = signals.next_one_on_one.map_or_else(
        || "the next 1:1".to_string(),
        |d| d.format("%a %-d %b").to_string(),
    );
    let is_days = matches!(
        rule.signal,
        SignalName::DaysSinceInformal
            | SignalName::DaysSinceOneOnOne
            | SignalName::DaysSinceAdvice
            | SignalName::DaysSinceFeedback
            | SignalName::DaysSinceCheckIn
            | SignalName::OneOnOneOverdueDays
            | SignalName::DaysToOneOnOneWithoutSummary
            | SignalName::OldestOpenAdviceDays
            | SignalName::DaysSinceGoalsConfirmed
            | SignalName::DaysSinceExpectationsConfirmed
            | SignalName::DaysSinceAdviceWhereTheyCoverYou
            | SignalName::DaysToOneOnOneForAReader
            | SignalName::DaysToOneOnOneForAListener
            | SignalName::MyPromiseDueInDays
            | SignalName::MyPromiseOverdueDays
            | SignalName::TheirPromiseOverdueDays
    );
    let promise = signals.promises.get(&rule.signal);
    let values = [
        ("manager", signals.manager.clone()),
        (
            "days",
            if is_days {
                number(value)
            } else {
                String::new()
            },
        ),
        ("value", number(value)),
        ("threshold", number(rule.condition.threshold())),
        ("strength", strength),
        ("topic", signals.carried_topic.clone().unwrap_or_default()),
        (
            "question",
            signals.oldest_advice.clone().unwrap_or_default(),
        ),
        ("count", number(value.round())),
        ("share", format!("{:.0}%", value * 100.0)),
        ("next", next),
        ("weakness", weakness),
        (
            "goal",
            signals
                .goal
                .clone()
                .unwrap_or_else(|| "their goals".to_string()),
        ),
        ("topics", topics),
        (
            "promise",
            promise.map_or_else(|| "a promise".to_string(), |p| p.text.clone()),
        ),
        (
            "when",
            promise
                .and_then(|p| p.due)
                .map_or_else(String::new, |d| when_due(d, signals.today)),
        ),
        (
            "due",
            promise.and_then(|p| p.due).map_or_else(
                || "its day".to_string(),
                |d| d.format("%a %-d %b").to_string(),
            ),
        ),
    ];
    let mut out = text.to_string();
    if is_days {
        // Said in words: `1:1 today`, `1:1 tomorrow`, `1 day`, `asked today`.
        let n = value.round() as i64;
        out = out
            .replace("1:1 in {days} days", &format!("1:1 {}", in_days(n)))
            .replace("{days} days ago", &days_ago(n))
            .replace("{days} days", &days(n));
    }
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), &value);
    }
    out
}
