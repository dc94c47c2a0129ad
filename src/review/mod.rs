//! The self-review draft: what a performance review asks for, from the work
//! log and the journal — wins by month, risks handled, feedback received,
//! advice asked and applied, expectations agreed, the summaries sent. The
//! brag document kept as a side effect of managing up.
//!
//! Pure: the application layer gathers [`ReviewFacts`]; this shapes them.
//! Only shared work entries go in (private ones with `include_private`);
//! notes, ratings and the notes of anything but a risk's plan never do.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::domain::{
    Category, Expectation, ExpectationState, HeldBy, Interaction, one_on_ones_with_summary,
};
use crate::prep::inline;

/// Everything the review is made from, for one span of days.
#[derive(Debug, Clone)]
pub struct ReviewFacts {
    pub since: NaiveDate,
    pub until: NaiveDate,
    /// Whose entries, when limited to one person.
    pub with: Option<String>,
    /// The entries of the span (any category; this module picks).
    pub entries: Vec<Interaction>,
    /// Per person, the last 1:1 before `since`, for "sent before the 1:1".
    pub one_on_one_before: Vec<(i64, NaiveDate)>,
    pub expectations: Vec<Expectation>,
    pub include_private: bool,
}

/// One line of the review: a day, whose, and what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReviewItem {
    pub id: i64,
    pub on: NaiveDate,
    pub person: String,
    pub kind: String,
    pub title: String,
    /// A risk's plan (its notes); empty otherwise.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub plan: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub private: bool,
}

/// An advice ask and what came of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReviewAdvice {
    pub on: NaiveDate,
    pub person: String,
    pub question: String,
    pub strength: String,
    /// `applied`, `not_applied` or `open`.
    pub outcome: &'static str,
    pub reported_on: Option<NaiveDate>,
}

/// An expectation agreed with them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReviewExpectation {
    pub text: String,
    /// `theirs of me` or `mine of them`.
    pub held_by: &'static str,
    pub confirmed_on: Option<NaiveDate>,
}

/// The review, as data (`--format json`) and as markdown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Review {
    pub since: NaiveDate,
    pub until: NaiveDate,
    pub with: Option<String>,
    /// Wins by month, `2026-11` first... oldest first.
    pub wins: BTreeMap<String, Vec<ReviewItem>>,
    pub risks: Vec<ReviewItem>,
    pub feedback: Vec<ReviewItem>,
    pub advice: Vec<ReviewAdvice>,
    pub expectations: Vec<ReviewExpectation>,
    pub summaries_sent: usize,
    /// Of the 1:1s in the span, how many had a summary sent before them.
    pub one_on_ones: usize,
    pub one_on_ones_prepared: usize,
}

impl Review {
    pub fn build(facts: &ReviewFacts) -> Review {
        let in_span = |e: &&Interaction| (facts.since..=facts.until).contains(&e.happened_on);
        let mut entries: Vec<&Interaction> = facts.entries.iter().filter(in_span).collect();
        entries.sort_by_key(|e| (e.happened_on, e.at_time, e.id));
        let item = |e: &Interaction, plan: bool| ReviewItem {
            id: e.id,
            on: e.happened_on,
            person: e.person.clone(),
            kind: e.kind.clone(),
            title: e.title.trim().to_string(),
            plan: if plan {
                e.notes.trim().to_string()
            } else {
                String::new()
            },
            private: !e.is_shared(),
        };
        let work = entries.iter().filter(|e| {
            e.category == Category::Work
                && (e.is_shared() || facts.include_private)
                && !e.title.trim().is_empty()
        });
        let mut wins: BTreeMap<String, Vec<ReviewItem>> = BTreeMap::new();
        let mut risks = Vec::new();
        for e in work {
            if e.kind == "risk" {
                risks.push(item(e, true));
            } else {
                wins.entry(format!(
                    "{:04}-{:02}",
                    e.happened_on.year(),
                    e.happened_on.month()
                ))
                .or_default()
                .push(item(e, false));
            }
        }
        let feedback = entries
            .iter()
            .filter(|e| e.category == Category::Feedback && !e.title.trim().is_empty())
            .map(|e| item(e, false))
            .collect();
        let advice = entries
            .iter()
            .filter_map(|e| Some((e, e.advice_loop.as_ref()?)))
            .filter(|(_, a)| !a.question.trim().is_empty())
            .map(|(e, a)| ReviewAdvice {
                on: e.happened_on,
                person: e.person.clone(),
                question: a.question.trim().to_string(),
                strength: a.strength.trim().to_string(),
                outcome: match (a.reported_on.filter(|d| *d <= facts.until), a.applied) {
                    (Some(_), Some(true)) => "applied",
                    (Some(_), Some(false)) => "not_applied",
                    _ => "open",
                },
                reported_on: a.reported_on.filter(|d| *d <= facts.until),
            })
            .collect();
        let expectations = facts
            .expectations
            .iter()
            .filter(|x| x.state == ExpectationState::Agreed && x.dropped_on.is_none())
            .filter(|x| x.added_on <= facts.until)
            .map(|x| ReviewExpectation {
                text: x.text.trim().to_string(),
                held_by: match x.held_by {
                    HeldBy::Them => "theirs of me",
                    HeldBy::Me => "mine of them",
                },
                confirmed_on: x.confirmed_on,
            })
            .collect();
        // Per person: their 1:1s in the span and the summaries sent them.
        let mut people: BTreeMap<i64, (Vec<NaiveDate>, Vec<NaiveDate>)> = BTreeMap::new();
        for e in &entries {
            let (meetings, sent) = people.entry(e.person_id).or_default();
            match e.category {
                Category::Formal => meetings.push(e.happened_on),
                Category::Update => sent.push(e.happened_on),
                _ => {}
            }
        }
        let (mut summaries_sent, mut one_on_ones, mut prepared) = (0, 0, 0);
        for (person, (meetings, sent)) in &people {
            let before = facts
                .one_on_one_before
                .iter()
                .find(|(p, _)| p == person)
                .map(|(_, d)| *d);
            summaries_sent += sent.len();
            one_on_ones += meetings.len();
            prepared += one_on_ones_with_summary(meetings, before, sent)
                .iter()
                .filter(|p| **p)
                .count();
        }
        Review {
            since: facts.since,
            until: facts.until,
            with: facts.with.clone(),
            wins,
            risks,
            feedback,
            advice,
            expectations,
            summaries_sent,
            one_on_ones,
            one_on_ones_prepared: prepared,
        }
    }

    fn win_count(&self) -> usize {
        self.wins.values().map(Vec::len).sum()
    }

    /// The review as markdown to paste into a self-review and edit.
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        let span = span_text(self.since, self.until);
        let _ = writeln!(out, "# Self-review draft, {span}\n");
        let whose = self
            .with
            .as_deref()
            .map(|w| format!(" with {}", inline(w)))
            .unwrap_or_default();
        let counts: Vec<String> = [
            (self.win_count(), "win", "wins"),
            (self.risks.len(), "risk handled", "risks handled"),
            (
                self.feedback.len(),
                "piece of feedback",
                "pieces of feedback",
            ),
            (self.advice.len(), "advice ask", "advice asks"),
        ]
        .into_iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, one, many)| plural(n, one, many))
        .collect();
        let counts = if counts.is_empty() {
            "nothing logged in these days yet".to_string()
        } else {
            counts.join(", ")
        };
        let _ = writeln!(
            out,
            "From my work log and my journal{whose}: {counts}. A draft to edit, not to send as it is.\n"
        );
        if !self.wins.is_empty() {
            let _ = writeln!(out, "## What I delivered\n");
            for (month, items) in &self.wins {
                let _ = writeln!(out, "### {}\n", month_text(month));
                for i in items {
                    let kind = if i.kind == "win" {
                        String::new()
                    } else {
                        format!("{}: ", capitalised(&i.kind.replace('_', " ")))
                    };
                    let _ = writeln!(
                        out,
                        "- {kind}{}{} ({})",
                        inline(&i.title),
                        private_mark(i.private),
                        i.on.format("%-d %b")
                    );
                }
                out.push('\n');
            }
        }
        if !self.risks.is_empty() {
            let _ = writeln!(out, "## Risks I raised and handled\n");
            for i in &self.risks {
                let plan = match i.plan.as_str() {
                    "" => String::new(),
                    plan => format!(" What I did: {}", inline(plan)),
                };
                let _ = writeln!(
                    out,
                    "- {}{} ({}).{plan}",
                    inline(&i.title),
                    private_mark(i.private),
                    i.on.format("%-d %b %Y")
                );
            }
            out.push('\n');
        }
        if !self.feedback.is_empty() {
            let _ = writeln!(out, "## Feedback I received\n");
            for i in &self.feedback {
                let _ = writeln!(
                    out,
                    "- {} (from {}, {})",
                    inline(&i.title),
                    inline(&i.person),
                    i.on.format("%-d %b %Y")
                );
            }
            out.push('\n');
        }
        if !self.advice.is_empty() {
            let _ = writeln!(out, "## Advice I asked for, and what I did with it\n");
            for a in &self.advice {
                let outcome = match a.outcome {
                    "applied" => "I applied it",
                    "not_applied" => "I weighed it and chose another way",
                    _ => "still working on it",
                };
                let _ = writeln!(
                    out,
                    "- {} (asked {} on {}): {outcome}",
                    inline(&a.question),
                    inline(&a.person),
                    a.on.format("%-d %b")
                );
            }
            out.push('\n');
        }
        if !self.expectations.is_empty() {
            let _ = writeln!(out, "## Expectations we agreed\n");
            for x in &self.expectations {
                let when = x
                    .confirmed_on
                    .map(|d| format!(", last confirmed {}", d.format("%-d %b %Y")))
                    .unwrap_or_default();
                let _ = writeln!(out, "- {} ({}{when})", inline(&x.text), x.held_by);
            }
            out.push('\n');
        }
        let _ = writeln!(out, "## Keeping my manager informed\n");
        let _ = writeln!(out, "- Written summaries sent: {}.", self.summaries_sent);
        let _ = writeln!(
            out,
            "- 1:1s with a summary sent before them: {} of {}.",
            self.one_on_ones_prepared, self.one_on_ones
        );
        out
    }
}

fn private_mark(private: bool) -> &'static str {
    if private { " (private)" } else { "" }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// `2026-11` as `November 2026`.
fn month_text(month: &str) -> String {
    NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d")
        .map(|d| d.format("%B %Y").to_string())
        .unwrap_or_else(|_| month.to_string())
}

/// `1 Jun – 30 Nov 2026`.
fn span_text(since: NaiveDate, until: NaiveDate) -> String {
    if since.year() == until.year() {
        format!("{} – {}", since.format("%-d %b"), until.format("%-d %b %Y"))
    } else {
        format!(
            "{} – {}",
            since.format("%-d %b %Y"),
            until.format("%-d %b %Y")
        )
    }
}
