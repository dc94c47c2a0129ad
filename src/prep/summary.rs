//! The summary for the next 1:1: what happened since the last summary (or
//! the last 1:1), as markdown a manager can skim in a minute and pick the
//! 1:1's topics from, and the same content as three talking points for a
//! manager who would rather hear it.
//!
//! Built from shared entries only: the `work` entries not marked private
//! (wins, risks with their plan, the user's own work kinds), the agenda,
//! advice asks made in the window and the ones reported back on. Notes,
//! ratings and every interaction with the manager stay out (a reflection,
//! a 2/5 or "lunch with Dana" is not news to Dana). Each section is left
//! out when it has nothing to say.

use std::fmt::Write as _;

use super::AgendaTopic;
use super::markdown::inline;
use super::next::short_date;
use super::template::{Placeholder, SummaryTemplate};
use super::window::SummaryWindow;
use crate::domain::profile::overlap;
use crate::domain::text::shown_line;
use crate::domain::{AdviceLoop, AwaitingAdvice, Category, Interaction, Person};

/// Everything one summary is made from, gathered by the application layer.
#[derive(Debug, Clone)]
pub struct SummaryFacts {
    pub manager: Person,
    pub window: SummaryWindow,
    /// The window's entries, in any order and of any category: only the
    /// shared ones are used.
    pub entries: Vec<Interaction>,
    /// Topics open on the window's last day, in agenda order.
    pub open_topics: Vec<AgendaTopic>,
    /// Advice asks made in the window and still open on its last day.
    pub new_asks: Vec<AwaitingAdvice>,
    /// Advice asks reported back on in the window.
    pub reported_advice: Vec<AdviceLoop>,
    /// Their current goals.
    pub goals: Vec<String>,
    /// Their profile says they want bad news early: risks come first.
    pub bad_news_early: bool,
    /// The text of the last summary sent, when the window starts from it:
    /// what it already said is not said again.
    pub already_sent: Option<String>,
    /// Promises with them: mine kept in the window, mine still open.
    pub promises: Vec<crate::domain::Promise>,
}

impl SummaryFacts {
    /// The shared work entries of the window not already in the last summary
    /// sent, oldest first.
    fn work(&self) -> Vec<&Interaction> {
        let sent = self.already_sent.as_deref().map(str::to_lowercase);
        let mut work: Vec<&Interaction> = self
            .entries
            .iter()
            .filter(|e| e.is_shared() && self.window.contains(e.happened_on))
            .filter(|e| !e.title.trim().is_empty())
            .filter(|e| {
                sent.as_deref()
                    .is_none_or(|s| !s.contains(&inline(&e.title).to_lowercase()))
            })
            .collect();
        work.sort_by_key(|e| (e.happened_on, e.at_time, e.id));
        work
    }

    fn done(&self) -> Vec<&Interaction> {
        self.work().into_iter().filter(|e| !is_risk(e)).collect()
    }

    fn risks(&self) -> Vec<&Interaction> {
        self.work().into_iter().filter(|e| is_risk(e)).collect()
    }
}

/// A `risk` entry: a problem or bad news, its notes the plan.
fn is_risk(entry: &Interaction) -> bool {
    entry.category == Category::Work && entry.kind == "risk"
}

/// Whether a profile's "bad news" answer asks for it early ("early, in
/// person", "first thing", "asap", "straight away").
pub fn wants_bad_news_early(how: &str) -> bool {
    let how = how.to_lowercase();
    [
        "early",
        "first",
        "asap",
        "as soon",
        "straight away",
        "right away",
        "immediately",
        "up front",
        "upfront",
        "at once",
    ]
    .iter()
    .any(|w| how.contains(w))
}

/// The summary for `facts`, filled into `template`.
pub fn generate(template: &SummaryTemplate, facts: &SummaryFacts) -> String {
    let window = &facts.window;
    template.render(|slot| match slot {
        Placeholder::Manager => inline(facts.manager.call_name()),
        Placeholder::Name => inline(&facts.manager.name),
        Placeholder::OneOnOne => match window.for_one_on_one {
            Some(_) => format!("our 1:1 on {}", window.one_on_one_text()),
            None => "our next 1:1".to_string(),
        },
        Placeholder::Since => window.since_text(),
        Placeholder::Dates => window.days_text(),
        Placeholder::Week => crate::domain::Week::containing(window.to).label(),
        Placeholder::Work => {
            let (done, risks) = (done(facts), risks(facts));
            if facts.bad_news_early {
                format!("{risks}\n{done}")
            } else {
                format!("{done}\n{risks}")
            }
        }
        Placeholder::Done => done(facts),
        Placeholder::Risks => risks(facts),
        Placeholder::Topics => topics(&facts.open_topics),
        Placeholder::Asks => asks(&facts.new_asks),
        Placeholder::Reported => reported(&facts.reported_advice),
        Placeholder::Goals => goals(facts),
        Placeholder::NextOneOnOne => next_line(window),
        Placeholder::Promises => promises(facts),
    })
}

/// "Done as promised": mine kept in the window.
fn promises(facts: &SummaryFacts) -> String {
    let (from, as_of) = (facts.window.from, facts.window.to);
    let kept: Vec<String> = super::kept_as_promised(&facts.promises, from, as_of)
        .iter()
        .map(|p| {
            let on = p.closed_on.map(|d| d.format(" (%a)").to_string());
            format!("- {}{}", inline(&p.text), on.unwrap_or_default())
        })
        .collect();
    section("Done as promised", &kept)
}

/// Promises of mine at risk, for "Risks and bad news": moved to a new day
/// in the window, or past their day and still open — said before they ask.
fn promise_risks(facts: &SummaryFacts) -> Vec<String> {
    let (from, as_of) = (facts.window.from, facts.window.to);
    let mut risks = Vec::new();
    let mine_open = facts
        .promises
        .iter()
        .filter(|p| p.made_by == crate::domain::MadeBy::Me && p.state.is_open());
    for p in mine_open {
        let moved = p
            .moves
            .iter()
            .rev()
            .find(|m| m.moved_on >= from && m.moved_on <= as_of);
        match (moved, p.due_on) {
            (Some(m), Some(due)) if due >= as_of => {
                let old = m
                    .from_due
                    .map(|d| format!(" from {}", short_date(d, as_of)))
                    .unwrap_or_default();
                risks.push(format!(
                    "- {}: moves{old} to {}",
                    inline(&p.text),
                    short_date(due, as_of)
                ));
            }
            (_, Some(due)) if due < as_of => risks.push(format!(
                "- {}: was due {}; I will come back with a new day",
                inline(&p.text),
                short_date(due, as_of)
            )),
            _ => {}
        }
    }
    risks
}

fn section(heading: &str, lines: &[String]) -> String {
    if lines.is_empty() {
        return String::new();
    }
    let mut out = format!("## {heading}\n\n");
    for line in lines {
        let _ = writeln!(out, "{line}");
    }
    out
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// `Shipped the export`, or `Decision: We go with Postgres` for a work kind
/// of the user's.
fn work_text(entry: &Interaction) -> String {
    if entry.kind == "win" || entry.kind == "risk" {
        inline(&entry.title)
    } else {
        format!(
            "{}: {}",
            capitalised(&entry.kind.replace('_', " ")),
            inline(&entry.title)
        )
    }
}

fn done(facts: &SummaryFacts) -> String {
    let lines: Vec<String> = facts
        .done()
        .iter()
        .map(|e| format!("- {}", work_text(e)))
        .collect();
    section("Done", &lines)
}

fn risks(facts: &SummaryFacts) -> String {
    let mut lines: Vec<String> = facts
        .risks()
        .iter()
        .map(|e| match e.notes.trim() {
            "" => format!("- {}", work_text(e)),
            plan => format!(
                "- {}. Plan: {}",
                work_text(e).trim_end_matches('.'),
                inline(without_plan_label(plan))
            ),
        })
        .collect();
    lines.extend(promise_risks(facts));
    section("Risks and bad news", &lines)
}

/// A plan as written, without a "Plan:" the user typed before it, so the
/// line does not read "Plan: Plan: …".
fn without_plan_label(plan: &str) -> &str {
    match plan.get(..5) {
        Some(label) if label.eq_ignore_ascii_case("plan:") => plan[5..].trim_start(),
        _ => plan,
    }
}

fn topics(open: &[AgendaTopic]) -> String {
    if open.is_empty() {
        return String::new();
    }
    let mut lines: Vec<String> = open
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let carried = match t.carried_over {
                0 => String::new(),
                1 => " (carried over from our last 1:1)".to_string(),
                n => format!(" (carried over {n} 1:1s)"),
            };
            format!("{}. {}{carried}", i + 1, inline(&t.topic.text))
        })
        .collect();
    lines.push(String::new());
    lines.push("Reply with the numbers you would like to cover.".to_string());
    section("Topics for you to pick", &lines)
}

fn asks(new: &[AwaitingAdvice]) -> String {
    // The same question asked twice is one thing to ask about.
    let mut seen: Vec<String> = Vec::new();
    let lines: Vec<String> = new
        .iter()
        .filter(|a| {
            let question = a.advice.question.trim().to_lowercase();
            let fresh = !question.is_empty() && !seen.contains(&question);
            seen.push(question);
            fresh
        })
        .map(|a| {
            let question = inline(&a.advice.question);
            match a.advice.strength.trim() {
                "" => format!("- {question}"),
                strength => format!("- {question} (you know {} well)", inline(strength)),
            }
        })
        .collect();
    section("Where I'd value your advice", &lines)
}

fn reported(reported: &[AdviceLoop]) -> String {
    let lines: Vec<String> = reported
        .iter()
        .filter(|a| !a.question.trim().is_empty())
        .map(|a| {
            let question = inline(a.question.trim());
            match a.applied {
                Some(true) => format!("- On “{question}”: I followed your advice."),
                Some(false) => format!(
                    "- On “{question}”: I weighed your advice and went another way; happy to say why."
                ),
                None => format!("- On “{question}”: I have acted on your advice; more when we meet."),
            }
        })
        .collect();
    section("Reporting back on your advice", &lines)
}

/// "## How this serves your goals": each goal of theirs with the shared
/// work and open topics that share its words; goals nothing touched are
/// left out, and so is the section when none was.
fn goals(facts: &SummaryFacts) -> String {
    let work = facts.work();
    let lines: Vec<String> = facts
        .goals
        .iter()
        .filter_map(|goal| {
            let mut touched: Vec<String> = work
                .iter()
                .filter(|e| overlap(goal, &e.title) > 0)
                .map(|e| work_text(e))
                .collect();
            touched.extend(
                facts
                    .open_topics
                    .iter()
                    .filter(|t| overlap(goal, &t.topic.text) > 0)
                    .map(|t| format!("{} (on the agenda)", inline(&t.topic.text))),
            );
            (!touched.is_empty()).then(|| format!("- **{}**: {}", inline(goal), touched.join("; ")))
        })
        .collect();
    section("How this serves your goals", &lines)
}

/// For an older template's `{{next_week}}`: when the 1:1 is.
fn next_line(window: &SummaryWindow) -> String {
    match window.for_one_on_one {
        Some(_) => format!("Our 1:1: {}.\n", window.one_on_one_text()),
        None => "Our next 1:1 is not planned yet.\n".to_string(),
    }
}

/// Up to three talking points for a manager who would rather hear it: what
/// got done, what is at risk (first when they want bad news early), and
/// what you need from them. Plain text, not markdown.
pub fn talking_points(facts: &SummaryFacts) -> Vec<String> {
    let list = |items: Vec<String>, shown: usize| {
        let more = items.len().saturating_sub(shown);
        let mut text = items.into_iter().take(shown).collect::<Vec<_>>().join("; ");
        if more > 0 {
            let _ = write!(text, "; and {more} more");
        }
        text
    };
    let plain = |e: &Interaction| {
        shown_line(
            e.title
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .as_str(),
        )
    };
    let done: Vec<String> = facts.done().iter().map(|e| plain(e)).collect();
    let risks: Vec<String> = facts
        .risks()
        .iter()
        .map(|e| match e.notes.trim() {
            "" => plain(e),
            plan => format!(
                "{} (plan: {})",
                plain(e),
                shown_line(&plan.split_whitespace().collect::<Vec<_>>().join(" "))
            ),
        })
        .collect();
    let done = (!done.is_empty()).then(|| format!("Done: {}.", list(done, 3)));
    let risk = (!risks.is_empty()).then(|| format!("At risk: {}.", list(risks, 2)));
    let mut need: Vec<String> = Vec::new();
    if let Some(ask) = facts.new_asks.first() {
        need.push(format!(
            "your advice on {}",
            shown_line(ask.advice.question.trim())
        ));
    }
    if !facts.open_topics.is_empty() {
        let topics: Vec<String> = facts
            .open_topics
            .iter()
            .map(|t| shown_line(t.topic.text.trim()))
            .collect();
        need.push(format!("your pick of {}", list(topics, 3)));
    }
    let need = (!need.is_empty()).then(|| {
        let need = need.join("; and ");
        let stop = if need.ends_with(['?', '!', '.']) {
            ""
        } else {
            "."
        };
        format!("From you: {need}{stop}")
    });
    let ordered = if facts.bad_news_early {
        [risk, done, need]
    } else {
        [done, risk, need]
    };
    ordered.into_iter().flatten().collect()
}

#[cfg(test)]
#[path = "summary_tests.rs"]
mod tests;
