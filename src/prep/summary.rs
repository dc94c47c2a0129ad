//! The weekly summary generator: one week of the journal, as markdown a
//! manager can skim in a minute, so they can pick the 1:1's topics.
//!
//! It only rearranges what the user wrote: titles of entries, topics and
//! advice questions, and the strengths they listed. Notes and quality ratings
//! stay private (a reflection or a 2/5 is not for the manager's inbox).
//! Every section is left out when it has nothing to say, except that a week
//! with no entries says "Nothing logged this week." and the next week's
//! section always says when the next 1:1 is.

use std::fmt::Write as _;

use chrono::NaiveDate;

use super::markdown::inline;
use super::next::{NextBasis, NextOneOnOne, short_date};
use super::template::{Placeholder, SummaryTemplate};
use super::{AgendaTopic, AwaitingAdvice};
use crate::domain::Week;
use crate::domain::profile::overlap;
use crate::domain::text::count;
use crate::domain::{AdviceLoop, Category, Interaction, Person};

/// Quality from which an interaction is a highlight.
pub const HIGHLIGHT_QUALITY: u8 = 4;

/// Everything one week's summary is made from, gathered by the store.
#[derive(Debug, Clone)]
pub struct SummaryFacts {
    pub manager: Person,
    pub week: Week,
    /// The last day looked at: the week's Sunday, or today if sooner.
    pub as_of: NaiveDate,
    /// The week's entries up to `as_of`, in any order.
    pub entries: Vec<Interaction>,
    /// Topics open on `as_of`, in agenda order.
    pub open_topics: Vec<AgendaTopic>,
    /// Advice asks open on `as_of`, oldest first.
    pub open_advice: Vec<AwaitingAdvice>,
    /// Advice asks reported back on during the week.
    pub reported_advice: Vec<AdviceLoop>,
    /// The next 1:1 as of `as_of`.
    pub next: NextOneOnOne,
    /// Their current goals, so the summary can open with how the week serves them.
    pub goals: Vec<String>,
    /// Promises with them: mine kept this week, mine still open.
    pub promises: Vec<crate::domain::Promise>,
}

/// The summary for `facts`, filled into `template`.
pub fn generate(template: &SummaryTemplate, facts: &SummaryFacts) -> String {
    let mut entries: Vec<&Interaction> = facts
        .entries
        .iter()
        .filter(|e| facts.week.contains(e.happened_on) && e.happened_on <= facts.as_of)
        .collect();
    entries.sort_by_key(|e| (e.happened_on, e.at_time, e.id));
    template.render(|slot| match slot {
        Placeholder::Manager => inline(&facts.manager.name),
        Placeholder::Week => facts.week.label(),
        Placeholder::Dates => facts.week.days_text(),
        Placeholder::Highlights => highlights(&entries),
        Placeholder::Topics => topics(&facts.open_topics),
        Placeholder::Advice => advice(&facts.open_advice),
        Placeholder::Fyi => fyi(&entries, &facts.reported_advice),
        Placeholder::NextWeek => next_week(facts),
        Placeholder::Goals => goals(&facts.goals, &entries, &facts.open_topics),
        Placeholder::Promises => promises(facts),
    })
}

/// "Done as promised": mine kept this week; "Heads-up": mine moved to a new
/// day this week, or past their day and still open — said before they ask.
fn promises(facts: &SummaryFacts) -> String {
    let monday = facts.week.monday();
    let kept: Vec<String> = super::kept_as_promised(&facts.promises, monday, facts.as_of)
        .iter()
        .map(|p| {
            let on = p.closed_on.map(|d| d.format(" (%a)").to_string());
            format!("- {}{}", inline(&p.text), on.unwrap_or_default())
        })
        .collect();
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
            .find(|m| m.moved_on >= monday && m.moved_on <= facts.as_of);
        match (moved, p.due_on) {
            (Some(m), Some(due)) if due >= facts.as_of => {
                let from = m
                    .from_due
                    .map(|d| format!(" from {}", short_date(d, facts.as_of)))
                    .unwrap_or_default();
                risks.push(format!(
                    "- {}: moves{from} to {}",
                    inline(&p.text),
                    short_date(due, facts.as_of)
                ));
            }
            (_, Some(due)) if due < facts.as_of => risks.push(format!(
                "- {}: was due {}; I will come back with a new day",
                inline(&p.text),
                short_date(due, facts.as_of)
            )),
            _ => {}
        }
    }
    let mut out = section("Done as promised", &kept);
    if !risks.is_empty() {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&section("Heads-up", &risks));
    }
    out
}

/// Where an entry goes in the summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Highlight,
    Feedback,
    /// Logged this week, not a highlight: FYI.
    Also,
    /// Covered elsewhere (asks) or not news (the summaries themselves).
    Nowhere,
}

fn place(entry: &Interaction) -> Place {
    match entry.category {
        Category::Update | Category::Ask => Place::Nowhere,
        Category::Feedback => Place::Feedback,
        Category::Note => Place::Highlight,
        _ if entry.quality.is_some_and(|q| q.get() >= HIGHLIGHT_QUALITY) => Place::Highlight,
        _ => Place::Also,
    }
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

/// `Coffee walk (coffee, Wed)`; an untitled entry is named by its kind.
fn entry_text(entry: &Interaction) -> String {
    let kind = kind_label(&entry.kind);
    let day = entry.happened_on.format("%a");
    if entry.title.trim().is_empty() {
        format!("{} ({day})", capitalised(&kind))
    } else if entry.category == Category::Note {
        format!("{} ({day})", inline(&entry.title))
    } else {
        format!("{} ({kind}, {day})", inline(&entry.title))
    }
}

fn kind_label(kind: &str) -> String {
    match kind {
        "one_on_one" => "1:1".to_string(),
        other => other.replace('_', " "),
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn highlights(entries: &[&Interaction]) -> String {
    if entries.iter().all(|e| e.category == Category::Update) {
        return "Nothing logged this week.\n".to_string();
    }
    let lines: Vec<String> = entries
        .iter()
        .filter(|e| place(e) == Place::Highlight)
        .map(|e| format!("- {}", entry_text(e)))
        .collect();
    section("Highlights", &lines)
}

/// "## How this week serves your goals": each goal of theirs with the
/// week's entries and open topics that share its words; goals nothing
/// touched this week are left out, and so is the section when none was.
fn goals(goals: &[String], entries: &[&Interaction], open: &[AgendaTopic]) -> String {
    let lines: Vec<String> = goals
        .iter()
        .filter_map(|goal| {
            let mut work: Vec<String> = entries
                .iter()
                .filter(|e| place(e) != Place::Nowhere || e.category == Category::Ask)
                .filter(|e| overlap(goal, &e.title) > 0)
                .map(|e| entry_text(e))
                .collect();
            work.extend(
                open.iter()
                    .filter(|t| overlap(goal, &t.topic.text) > 0)
                    .map(|t| format!("{} (on the agenda)", inline(&t.topic.text))),
            );
            (!work.is_empty()).then(|| format!("- **{}**: {}", inline(goal), work.join("; ")))
        })
        .collect();
    section("How this week serves your goals", &lines)
}

fn topics(open: &[AgendaTopic]) -> String {
    if open.is_empty() {
        return String::new();
    }
    let mut lines: Vec<String> = open
        .iter()
        .enumerate()
        .map(|(i, t)| format!("{}. {}", i + 1, inline(&t.topic.text)))
        .collect();
    lines.push(String::new());
    lines.push("Reply with the numbers you would like to cover.".to_string());
    section("Topics for you to pick from", &lines)
}

fn advice(open: &[AwaitingAdvice]) -> String {
    // The same question asked twice is one thing to ask about.
    let mut seen: Vec<String> = Vec::new();
    let lines: Vec<String> = open
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
                strength => format!("- {question} (your strength: {})", inline(strength)),
            }
        })
        .collect();
    section("Where I'd value your advice", &lines)
}

fn fyi(entries: &[&Interaction], reported: &[AdviceLoop]) -> String {
    let mut lines: Vec<String> = Vec::new();
    for entry in entries.iter().filter(|e| place(e) == Place::Feedback) {
        let day = entry.happened_on.format("%a");
        if entry.title.trim().is_empty() {
            lines.push(format!("- Thank you for your feedback ({day})"));
        } else {
            let title = inline(&entry.title);
            lines.push(format!("- Thank you for your feedback: {title} ({day})"));
        }
    }
    for advice in reported.iter().filter(|a| !a.question.trim().is_empty()) {
        let outcome = match advice.applied {
            Some(true) => "I applied it",
            Some(false) => "I did not apply it in the end",
            None => "reported back",
        };
        let question = inline(&advice.question);
        lines.push(format!("- Your advice on {question}: {outcome}"));
    }
    for entry in entries.iter().filter(|e| place(e) == Place::Also) {
        lines.push(format!("- {}", entry_text(entry)));
    }
    section("FYI", &lines)
}

fn next_week(facts: &SummaryFacts) -> String {
    let next = &facts.next;
    let mut lines = vec![match (next.on, next.basis) {
        (None, _) | (_, NextBasis::Unplanned) => "- Our next 1:1: not planned yet".to_string(),
        (Some(on), _) if on < facts.as_of => format!(
            "- Our next 1:1 was due {}: shall we find a time?",
            short_date(on, facts.as_of)
        ),
        (Some(on), _) => format!("- Our next 1:1: {}", short_date(on, facts.as_of)),
    }];
    for t in facts.open_topics.iter().filter(|t| t.carried_over > 0) {
        let times = count(t.carried_over, "1:1", "1:1s");
        lines.push(format!(
            "- Still open after {times}: {}",
            inline(&t.topic.text)
        ));
    }
    section("Next week", &lines)
}

#[cfg(test)]
#[path = "summary_tests.rs"]
mod tests;
