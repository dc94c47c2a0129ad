//! Before the 1:1: the prep sheet (everything since the last 1:1, the agenda
//! with how long each topic has waited, advice awaiting a report-back,
//! feedback, the summary for the next 1:1), when the next 1:1 is, the
//! summary's window, its generator and the check before it leaves.
//!
//! Pure functions of plain data and a `today`: the journal layer gathers the
//! facts (`journal::prep_facts`, `journal::summary_facts`), this module
//! shapes them, the Prep screen and `rapport prep`/`rapport summary` show
//! them.

pub mod about;
pub mod check;
pub mod markdown;
pub mod next;
pub mod promises;
pub mod status;
pub mod summary;
pub mod template;
pub mod window;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

pub use about::AboutThem;
pub use check::{Concern, Flag, PrivateText, check};
pub use markdown::{ReadingTime, inline, word_count};
pub use next::{NextBasis, NextOneOnOne, next_one_on_one, short_date};
pub use promises::{PrepPromise, PromiseGroup, kept_as_promised, prep_promises};
pub use summary::{SummaryFacts, generate, talking_points, wants_bad_news_early};
pub use template::{SummaryTemplate, TemplateError};
pub use window::{SummaryWindow, WindowFacts, WindowStart};

use crate::domain::{AwaitingAdvice, Category, Interaction, Person, Topic, WeeklySummary};

pub use window::WINDOW_WITHOUT_ONE_ON_ONE_DAYS;

/// How many preview lines of the summary the sheet carries.
pub const PREVIEW_LINES: usize = 6;

/// An open topic and how many 1:1s it has been carried over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgendaTopic {
    #[serde(flatten)]
    pub topic: Topic,
    pub carried_over: u32,
}

/// How many 1:1s a topic added on `added_on` has been carried over by
/// `today`: the 1:1s (formal-category interactions with the person; two on
/// one day count twice) dated after `added_on` and up to `today`.
///
/// A 1:1 on the day the topic was added does not count: a topic added that
/// day most often came out of that meeting (the after-the-1:1 form adds
/// them), and it cannot have been carried over a meeting it was born in. A 1:1
/// logged today does count: it happened, and the topic is still open.
/// `one_on_ones` holds one day per 1:1; the coach's "most carried topic"
/// counts the same way.
pub fn carried_over(added_on: NaiveDate, one_on_ones: &[NaiveDate], today: NaiveDate) -> u32 {
    let count = one_on_ones
        .iter()
        .filter(|d| **d > added_on && **d <= today)
        .count();
    u32::try_from(count).unwrap_or(u32::MAX)
}

/// Topics in agenda order with their carry-over counts.
pub fn agenda(topics: &[Topic], one_on_ones: &[NaiveDate], today: NaiveDate) -> Vec<AgendaTopic> {
    topics
        .iter()
        .map(|t| AgendaTopic {
            topic: t.clone(),
            carried_over: carried_over(t.added_on, one_on_ones, today),
        })
        .collect()
}

/// Where the summary for the next 1:1 stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum SummaryStatus {
    None,
    Draft {
        updated_at: DateTime<Utc>,
    },
    /// Sent before the 1:1 (through rapport, or a `summary`-category entry
    /// logged by hand: then `summary_id` is `None`).
    Sent {
        on: NaiveDate,
        interaction_id: Option<i64>,
        summary_id: Option<i64>,
    },
}

/// The summary for the next 1:1 on the prep sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NextSummary {
    /// The days it covers and the 1:1 it prepares.
    pub window: SummaryWindow,
    pub status: SummaryStatus,
    /// The saved body, if any (raw: sanitise before showing).
    pub body: Option<String>,
    /// Its first non-blank lines.
    pub preview: Vec<String>,
    pub reading: Option<ReadingTime>,
    /// The same content as up to three talking points, for a listener.
    pub talking_points: Vec<String>,
    /// They take things in by listening: Prep offers the talking points.
    pub for_a_listener: bool,
    /// The lines of the saved body to read before it leaves.
    pub flags: Vec<Flag>,
    /// What the check compares a draft against.
    #[serde(skip)]
    pub check_against: CheckAgainst,
}

/// Their names and the private text of the window: what a draft is checked
/// against before it leaves.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckAgainst {
    pub name: String,
    pub call: String,
    pub private: Vec<PrivateText>,
}

impl CheckAgainst {
    /// The name they are called by, for the check's messages.
    pub fn call_name(&self) -> String {
        crate::domain::person::call_name(&self.call, &self.name).to_string()
    }

    pub fn check(&self, draft: &str) -> Vec<Flag> {
        check(draft, &self.name, &self.call, &self.private)
    }
}

impl NextSummary {
    /// `draft, 180 words, about a minute to read` / `sent Tue 24 Nov` / `none yet`.
    pub fn describe(&self, today: NaiveDate) -> String {
        match self.status {
            SummaryStatus::None => "none yet".to_string(),
            SummaryStatus::Draft { .. } => match self.reading {
                Some(r) => format!("draft, {}", r.describe()),
                None => "draft".to_string(),
            },
            SummaryStatus::Sent { on, .. } => format!("sent {}", short_date(on, today)),
        }
    }

    /// `Summary for your 1:1 on Tue 1 Dec`.
    pub fn heading(&self) -> String {
        format!("Summary {}", self.window.for_text())
    }
}

/// The private text of the entries in `entries`, for the check: titles
/// and notes of all but the shared ones, except what is meant for them (an
/// advice ask's question) or was already sent (a summary).
pub fn private_texts(entries: &[Interaction]) -> Vec<PrivateText> {
    entries
        .iter()
        .filter(|e| !e.is_shared() && e.category != Category::Update)
        .flat_map(|e| {
            let title = (e.category != Category::Ask).then_some(&e.title);
            title
                .into_iter()
                .chain([&e.notes])
                .filter(|t| !t.trim().is_empty())
                .map(|t| PrivateText {
                    entry_id: e.id,
                    text: t.clone(),
                })
        })
        .collect()
}

/// What the journal layer gathers for one person's prep sheet.
#[derive(Debug, Clone)]
pub struct PrepFacts {
    pub person: Person,
    pub today: NaiveDate,
    /// The person's first entry.
    pub earliest: Option<NaiveDate>,
    /// The last 1:1 on or before today.
    pub last_one_on_one: Option<Interaction>,
    /// Entries from the window's start (the last 1:1's day, else
    /// [`WINDOW_WITHOUT_ONE_ON_ONE_DAYS`] back) to today, newest first; may
    /// include the last 1:1 itself.
    pub recent: Vec<Interaction>,
    /// More entries fell in the window than `recent` holds.
    pub recent_truncated: bool,
    /// Open topics in agenda order.
    pub open_topics: Vec<Topic>,
    /// One day per 1:1 since the oldest open topic was added.
    pub one_on_ones: Vec<NaiveDate>,
    /// Open advice asks, oldest first: the first [`ADVICE_SHOWN`].
    pub open_advice: Vec<AwaitingAdvice>,
    /// How many advice asks are open in all.
    pub open_advice_total: usize,
    /// The summary saved for the next 1:1 (filed after the last 1:1).
    pub summary: Option<WeeklySummary>,
    /// The latest `summary`-category entry on or before today, sent through
    /// rapport or logged by hand.
    pub summary_entry: Option<Interaction>,
    /// What the summary for the next 1:1 is made from.
    pub summary_facts: SummaryFacts,
    /// What you know of them.
    pub profile: crate::domain::Profile,
    /// The live expectations between you.
    pub expectations: Vec<crate::domain::Expectation>,
    /// Promises with them: the open ones and those closed since the window's start.
    pub promises: Vec<crate::domain::Promise>,
    /// The calendar's next 1:1 and the typical weekday of 1:1s.
    pub plan: next::Plan,
}

impl PrepFacts {
    /// The first day "since the last 1:1" covers.
    pub fn window_start(last_one_on_one: Option<NaiveDate>, today: NaiveDate) -> NaiveDate {
        last_one_on_one.unwrap_or_else(|| {
            today
                .checked_sub_days(chrono::Days::new(WINDOW_WITHOUT_ONE_ON_ONE_DAYS))
                .unwrap_or(today)
        })
    }
}

/// Everything to look at before a 1:1 with one person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PrepSheet {
    pub person_id: i64,
    pub person: String,
    pub today: NaiveDate,
    pub next_one_on_one: NextOneOnOne,
    /// `Tue 1 Dec, in 7 days`.
    pub next_one_on_one_text: String,
    pub last_one_on_one: Option<Interaction>,
    /// The first day `since_last` covers.
    pub since: NaiveDate,
    /// Entries since the last 1:1 (that 1:1 itself aside), newest first.
    pub since_last: Vec<Interaction>,
    /// More entries happened since than `since_last` lists.
    pub more_since_last: bool,
    /// Open topics in agenda order, with carry-over counts.
    pub agenda: Vec<AgendaTopic>,
    /// Advice asks awaiting a report-back, oldest first: the first
    /// [`ADVICE_SHOWN`].
    pub advice: Vec<AwaitingAdvice>,
    /// How many asks await a report-back in all.
    pub advice_total: usize,
    /// Feedback received since the last 1:1, newest first.
    pub feedback: Vec<Interaction>,
    pub summary: NextSummary,
    /// Their goals, pressures, style, and expectations to confirm.
    pub about: AboutThem,
    /// Open promises, mine due by the next 1:1 first ([`prep_promises`]).
    pub promises: Vec<PrepPromise>,
    /// Mine kept since the last 1:1: done as promised.
    pub kept_since_last: Vec<crate::domain::Promise>,
}

impl PrepSheet {
    pub fn build(facts: &PrepFacts) -> PrepSheet {
        let today = facts.today;
        let last = facts.last_one_on_one.as_ref();
        let next = next::next_one_on_one_planned(
            &facts.person,
            last.map(|l| l.happened_on),
            facts.earliest,
            today,
            facts.plan,
        );
        let since = PrepFacts::window_start(last.map(|l| l.happened_on), today);
        let since_last: Vec<Interaction> = facts
            .recent
            .iter()
            .filter(|e| e.happened_on >= since && e.happened_on <= today)
            .filter(|e| last.is_none_or(|l| l.id != e.id))
            .cloned()
            .collect();
        let feedback = since_last
            .iter()
            .filter(|e| e.category == Category::Feedback)
            .cloned()
            .collect();
        PrepSheet {
            person_id: facts.person.id,
            person: facts.person.name.clone(),
            today,
            next_one_on_one: next,
            next_one_on_one_text: next.describe(today),
            last_one_on_one: last.cloned(),
            since,
            since_last,
            more_since_last: facts.recent_truncated,
            agenda: agenda(&facts.open_topics, &facts.one_on_ones, today),
            advice: facts.open_advice.clone(),
            advice_total: facts.open_advice_total.max(facts.open_advice.len()),
            feedback,
            summary: next_summary(facts),
            about: AboutThem::build(&facts.profile, &facts.expectations, today),
            promises: prep_promises(&facts.promises, next.on, today),
            kept_since_last: kept_as_promised(&facts.promises, since, today),
        }
    }
}

/// Where the summary for the next 1:1 stands: sent through rapport, or a
/// `summary`-category entry (`logged`, the last one) sent before that 1:1,
/// else a saved draft filed after the last 1:1, else none.
pub fn summary_status(
    saved: Option<&WeeklySummary>,
    logged: Option<&Interaction>,
    window: &SummaryWindow,
) -> SummaryStatus {
    // The draft filed after the last 1:1 is this 1:1's; an older one was
    // for a 1:1 that has happened since.
    let saved = saved.filter(|s| s.after_one_on_one == window.previous);
    let sent = saved.and_then(|s| Some((s, s.sent_on?)));
    let logged = logged.filter(|e| window.sent_on == Some(e.happened_on));
    if let Some((s, on)) = sent {
        SummaryStatus::Sent {
            on,
            interaction_id: s.sent_interaction,
            summary_id: Some(s.id),
        }
    } else if let Some(e) = logged {
        SummaryStatus::Sent {
            on: e.happened_on,
            interaction_id: Some(e.id),
            summary_id: saved.map(|s| s.id),
        }
    } else if let Some(s) = saved {
        SummaryStatus::Draft {
            updated_at: s.updated_at,
        }
    } else {
        SummaryStatus::None
    }
}

fn next_summary(facts: &PrepFacts) -> NextSummary {
    let sf = &facts.summary_facts;
    let window = sf.window;
    let saved = facts
        .summary
        .as_ref()
        .filter(|s| s.after_one_on_one == window.previous);
    let status = summary_status(saved, facts.summary_entry.as_ref(), &window);
    let body = saved
        .map(|s| s.body.clone())
        .filter(|b| !b.trim().is_empty());
    let preview = body
        .as_deref()
        .map(|b| {
            b.lines()
                .map(str::trim_end)
                .filter(|l| !l.trim().is_empty())
                .take(PREVIEW_LINES)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    let check_against = CheckAgainst {
        name: facts.person.name.clone(),
        call: facts.person.call.clone(),
        private: private_texts(&sf.entries),
    };
    NextSummary {
        window,
        status,
        reading: body.as_deref().map(ReadingTime::of),
        flags: body
            .as_deref()
            .map(|b| check_against.check(b))
            .unwrap_or_default(),
        body,
        preview,
        talking_points: talking_points(sf),
        for_a_listener: facts.profile.takes_in() == Some(crate::domain::TakesIn::Listener),
        check_against,
    }
}

#[cfg(test)]
mod tests;
