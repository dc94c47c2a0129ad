//! The prep sheet and topic carry-over on hand-built journals.

use chrono::{DateTime, NaiveDate, Utc};

use super::*;
use crate::domain::{AdviceLoop, AwaitingAdvice, InitiatedBy, Quality, TopicStatus, WeeklySummary};

pub(super) fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("test dates are real")
}

/// Tuesday of ISO week 2026-W48.
pub(super) fn today() -> NaiveDate {
    d(2026, 11, 24)
}

pub(super) fn stamp() -> DateTime<Utc> {
    DateTime::from_timestamp(1_795_000_000, 0).unwrap_or_default()
}

pub(super) fn dana() -> Person {
    Person {
        relation: Default::default(),
        id: 1,
        name: "Dana Okafor".into(),
        role: "Director".into(),
        is_current: true,
        cadence_days: Some(7),
        next_one_on_one: None,
        archived: false,
        strengths: vec!["negotiating with finance".into()],
        call: String::new(),
    }
}

fn category_of(kind: &str) -> Category {
    match kind {
        "one_on_one" => Category::Formal,
        "meal" | "coffee" | "chat" | "walk" => Category::Informal,
        "advice" => Category::Ask,
        "summary" => Category::Update,
        "feedback" => Category::Feedback,
        "win" | "risk" | "decision" => Category::Work,
        _ => Category::Note,
    }
}

/// An entry with Dana: id, kind, day, quality (0 for none), title.
pub(super) fn entry(id: i64, kind: &str, on: NaiveDate, quality: i64, title: &str) -> Interaction {
    Interaction {
        id,
        person_id: 1,
        person: "Dana Okafor".into(),
        kind_id: 1,
        kind: kind.into(),
        category: category_of(kind),
        happened_on: on,
        at_time: None,
        minutes: None,
        quality: Quality::new(quality).ok(),
        initiated_by: InitiatedBy::Me,
        title: title.into(),
        notes: "private notes".into(),
        tags: Vec::new(),
        advice_loop: None,
        created_at: stamp(),
        updated_at: stamp(),
        version: 1,
        private: false,
        uid: id,
    }
}

pub(super) fn topic(id: i64, text: &str, added_on: NaiveDate) -> Topic {
    Topic {
        id,
        person_id: 1,
        person: "Dana Okafor".into(),
        text: text.into(),
        position: id,
        status: TopicStatus::Open,
        added_on,
        closed_on: None,
    }
}

pub(super) fn ask(id: i64, question: &str, strength: &str, asked_on: NaiveDate) -> AwaitingAdvice {
    AwaitingAdvice {
        advice: AdviceLoop {
            id,
            interaction_id: 100 + id,
            question: question.into(),
            strength: strength.into(),
            applied: None,
            reported_on: None,
        },
        asked_on,
    }
}

fn facts() -> PrepFacts {
    PrepFacts {
        person: dana(),
        today: today(),
        earliest: Some(d(2026, 1, 5)),
        last_one_on_one: None,
        recent: Vec::new(),
        recent_truncated: false,
        open_topics: Vec::new(),
        one_on_ones: Vec::new(),
        open_advice: Vec::new(),
        open_advice_total: 0,
        summary: None,
        summary_entry: None,
        summary_facts: summary_facts(None, None),
        profile: Default::default(),
        expectations: Vec::new(),
        promises: Vec::new(),
        plan: crate::prep::next::Plan::default(),
    }
}

/// The summary's facts with the last 1:1 and the last summary sent on these days.
fn summary_facts(last: Option<NaiveDate>, sent: Option<NaiveDate>) -> crate::prep::SummaryFacts {
    crate::prep::SummaryFacts {
        manager: dana(),
        window: crate::prep::SummaryWindow::of(&crate::prep::WindowFacts {
            today: today(),
            last_one_on_one: last,
            one_on_one_before: None,
            last_summary: sent,
            next_one_on_one: Some(d(2026, 11, 26)),
        }),
        entries: Vec::new(),
        open_topics: Vec::new(),
        new_asks: Vec::new(),
        reported_advice: Vec::new(),
        goals: Vec::new(),
        bad_news_early: false,
        already_sent: None,
        promises: Vec::new(),
    }
}

fn saved_summary(body: &str, sent_on: Option<NaiveDate>) -> WeeklySummary {
    WeeklySummary {
        id: 7,
        person_id: 1,
        after_one_on_one: None,
        for_one_on_one: Some(d(2026, 11, 26)),
        body: body.into(),
        sent_on,
        sent_interaction: sent_on.map(|_| 99),
        picked_topics: Vec::new(),
        created_at: stamp(),
        updated_at: stamp(),
    }
}

#[test]
fn a_topic_is_carried_over_by_each_one_on_one_after_the_day_it_was_added() {
    let one_on_ones = [
        d(2026, 11, 3),
        d(2026, 11, 10),
        d(2026, 11, 17),
        d(2026, 11, 24),
    ];
    assert_eq!(carried_over(d(2026, 11, 4), &one_on_ones, today()), 3);
    // Added on a 1:1's day: it came out of that meeting, which does not count.
    assert_eq!(carried_over(d(2026, 11, 10), &one_on_ones, today()), 2);
    // A 1:1 today counts once it is logged.
    assert_eq!(carried_over(d(2026, 11, 20), &one_on_ones, today()), 1);
    assert_eq!(carried_over(d(2026, 11, 24), &one_on_ones, today()), 0);
    // 1:1s after `today` (planned, or viewed as of an earlier day) do not.
    assert_eq!(
        carried_over(d(2026, 11, 4), &one_on_ones, d(2026, 11, 16)),
        1
    );
    assert_eq!(carried_over(d(2026, 11, 4), &[], today()), 0);
    // Two 1:1s on one day are two meetings.
    let twice = [d(2026, 11, 17), d(2026, 11, 17)];
    assert_eq!(carried_over(d(2026, 11, 4), &twice, today()), 2);
}

#[test]
fn the_agenda_keeps_topic_order_and_counts_each_topic() {
    let topics = [
        topic(5, "Budget", d(2026, 11, 18)),
        topic(2, "Hiring", d(2026, 11, 2)),
    ];
    let one_on_ones = [d(2026, 11, 10), d(2026, 11, 17)];
    let agenda = agenda(&topics, &one_on_ones, today());
    let counts: Vec<(i64, u32)> = agenda
        .iter()
        .map(|a| (a.topic.id, a.carried_over))
        .collect();
    assert_eq!(counts, vec![(5, 0), (2, 2)]);
}

#[test]
fn since_the_last_one_on_one_lists_newer_entries_and_feedback_apart() {
    let last = entry(10, "one_on_one", d(2026, 11, 17), 4, "Roadmap");
    let mut f = facts();
    f.recent = vec![
        entry(14, "feedback", d(2026, 11, 23), 3, "Be more direct"),
        entry(13, "coffee", d(2026, 11, 20), 5, "Coffee walk"),
        entry(11, "chat", d(2026, 11, 17), 3, "Corridor chat after"),
        last.clone(),
    ];
    f.last_one_on_one = Some(last);
    let sheet = PrepSheet::build(&f);
    let ids: Vec<i64> = sheet.since_last.iter().map(|e| e.id).collect();
    assert_eq!(ids, vec![14, 13, 11], "newest first, the 1:1 itself aside");
    assert_eq!(sheet.since, d(2026, 11, 17));
    assert_eq!(
        sheet.feedback.iter().map(|e| e.id).collect::<Vec<_>>(),
        vec![14]
    );
    assert_eq!(sheet.next_one_on_one_text, "Tue 24 Nov, today");
    assert_eq!(sheet.last_one_on_one.map(|l| l.id), Some(10));
}

#[test]
fn with_no_one_on_one_yet_the_sheet_looks_back_a_month() {
    let mut f = facts();
    f.earliest = Some(d(2026, 11, 20));
    f.recent = vec![entry(3, "coffee", d(2026, 11, 20), 4, "First coffee")];
    let sheet = PrepSheet::build(&f);
    assert_eq!(sheet.since, d(2026, 10, 25));
    assert_eq!(sheet.since_last.len(), 1);
    assert_eq!(sheet.next_one_on_one_text, "Fri 27 Nov, in 3 days");
}

#[test]
fn the_sheet_carries_topics_advice_and_the_next_one_on_one() {
    let mut f = facts();
    f.last_one_on_one = Some(entry(10, "one_on_one", d(2026, 11, 14), 4, "Roadmap"));
    f.open_topics = vec![topic(1, "Hiring", d(2026, 11, 1))];
    f.one_on_ones = vec![d(2026, 11, 7), d(2026, 11, 14)];
    f.open_advice = vec![ask(
        1,
        "How to pitch the migration?",
        "finance",
        d(2026, 11, 20),
    )];
    let sheet = PrepSheet::build(&f);
    assert_eq!(sheet.agenda.first().map(|a| a.carried_over), Some(2));
    assert_eq!(
        sheet.advice.first().map(|a| a.days_waiting(today())),
        Some(4)
    );
    assert!(sheet.next_one_on_one.is_overdue());
    assert_eq!(sheet.next_one_on_one_text, "Sat 21 Nov, overdue by 3 days");
}

#[test]
fn this_weeks_summary_is_none_draft_or_sent() {
    let mut f = facts();
    let sheet = PrepSheet::build(&f);
    assert_eq!(sheet.summary.status, SummaryStatus::None);
    assert_eq!(sheet.summary.describe(today()), "none yet");

    f.summary = Some(saved_summary(
        "# Weekly summary\n\n\nHi Dana, my week.\n",
        None,
    ));
    let sheet = PrepSheet::build(&f);
    assert!(matches!(sheet.summary.status, SummaryStatus::Draft { .. }));
    assert_eq!(
        sheet.summary.preview,
        vec!["# Weekly summary", "Hi Dana, my week."]
    );
    assert_eq!(
        sheet.summary.describe(today()),
        "draft, 6 words, about a minute to read"
    );

    f.summary = Some(saved_summary("sent body", Some(d(2026, 11, 23))));
    let sheet = PrepSheet::build(&f);
    assert_eq!(sheet.summary.describe(today()), "sent Mon 23 Nov");
    assert!(matches!(
        sheet.summary.status,
        SummaryStatus::Sent {
            interaction_id: Some(99),
            summary_id: Some(7),
            ..
        }
    ));
}

#[test]
fn a_summary_logged_by_hand_since_the_last_one_on_one_counts_as_sent() {
    let mut f = facts();
    f.summary_entry = Some(entry(42, "summary", d(2026, 11, 23), 0, "Weekly update"));
    f.summary_facts = summary_facts(Some(d(2026, 11, 17)), Some(d(2026, 11, 23)));
    let sheet = PrepSheet::build(&f);
    assert_eq!(
        sheet.summary.status,
        SummaryStatus::Sent {
            on: d(2026, 11, 23),
            interaction_id: Some(42),
            summary_id: None
        }
    );
    // One sent before the last 1:1 was that 1:1's.
    f.summary_entry = Some(entry(41, "summary", d(2026, 11, 20), 0, "Weekly update"));
    f.summary_facts = summary_facts(Some(d(2026, 11, 21)), Some(d(2026, 11, 20)));
    assert_eq!(PrepSheet::build(&f).summary.status, SummaryStatus::None);
}
