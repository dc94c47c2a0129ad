//! Before the 1:1, end to end: the store's summaries, agenda order and
//! closing, the prep sheet's facts from real SQL, and `rapport prep` /
//! `rapport summary` as the real binary with a fixed today
//! (`RAPPORT_TODAY=2026-11-24`, a Tuesday) in a private home.

#[path = "prep/cli.rs"]
mod cli;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use rapport::domain::{InitiatedBy, InteractionDraft, PersonDraft, Quality, TopicStatus};
use rapport::journal;
use rapport::prep::SummaryStatus;
use rapport::store::SummaryFor;
use rapport::store::{OneOnOneRecord, Store, StoreError, TopicMove};

const TODAY: &str = "2026-11-24";

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a real date")
}

fn today() -> NaiveDate {
    day(2026, 11, 24)
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0)
        .single()
        .expect("a real instant")
}

fn this_week() -> SummaryFor {
    SummaryFor {
        after: None,
        for_day: None,
    }
}

// ---------------------------------------------------------------- store

fn add_person(store: &mut Store, name: &str) -> i64 {
    let draft = PersonDraft {
        relation: Default::default(),
        name: name.into(),
        role: "Director".into(),
        strengths: vec!["negotiating with finance".into()],
        cadence_days: Some(7),
        is_current: false,
    };
    store
        .people_mut()
        .add_person(&draft, today(), now())
        .expect("person added")
        .id
}

/// A journal with Dana, the current manager.
fn journal() -> (Store, i64) {
    let mut store = Store::open_in_memory().expect("an in-memory journal");
    let dana = add_person(&mut store, "Dana");
    (store, dana)
}

fn draft(store: &Store, person: i64, kind: &str, on: NaiveDate, title: &str) -> InteractionDraft {
    InteractionDraft {
        person_id: person,
        kind_id: store.people().kind_named(kind).expect("a built-in kind").id,
        happened_on: on,
        at_time: None,
        minutes: None,
        quality: (kind != "note").then(|| Quality::new(4).ok()).flatten(),
        initiated_by: InitiatedBy::Me,
        title: title.into(),
        notes: String::new(),
        tags: Vec::new(),
        advice_strength: (kind == "advice").then(|| "negotiating with finance".into()),
        private: false,
    }
}

fn log(store: &mut Store, person: i64, kind: &str, on: NaiveDate, title: &str) -> i64 {
    let d = draft(store, person, kind, on, title);
    store
        .entries_mut()
        .add_interaction(&d, now())
        .expect("logged")
        .id
}

fn topic(store: &mut Store, person: i64, text: &str, added: NaiveDate) -> i64 {
    store
        .agenda_mut()
        .add_topic(person, text, added, now())
        .expect("topic added")
        .id
}

fn agenda(store: &Store, person: i64) -> Vec<String> {
    let topics = store.agenda().topics(Some(person), false).expect("topics");
    topics.into_iter().map(|t| t.text).collect()
}

fn closed_by(store: &Store, topic: i64) -> Option<i64> {
    store
        .connection()
        .query_row(
            "SELECT closed_by_interaction FROM topic WHERE id = ?1",
            [topic],
            |r| r.get(0),
        )
        .expect("the topic is there")
}

#[test]
fn marking_sent_saves_the_body_and_logs_a_summary_entry_that_day() {
    let (mut store, dana) = journal();
    let draft = store
        .agenda_mut()
        .save_summary_draft(dana, this_week(), "first draft", now())
        .expect("draft saved");
    let again = store
        .agenda_mut()
        .save_summary_draft(dana, this_week(), "second draft", now())
        .expect("draft replaced");
    assert_eq!((again.id, again.body.as_str()), (draft.id, "second draft"));

    let sent = store
        .agenda_mut()
        .mark_summary_sent(dana, this_week(), "as sent", day(2026, 11, 23), now())
        .expect("marked sent");
    assert_eq!(sent.summary.id, draft.id);
    assert_eq!(sent.summary.body, "as sent");
    assert_eq!(sent.summary.sent_on, Some(day(2026, 11, 23)));
    assert_eq!(sent.summary.sent_interaction, Some(sent.interaction.id));
    assert_eq!(sent.interaction.kind, "summary");
    assert_eq!(sent.interaction.happened_on, day(2026, 11, 23));
    assert_eq!(sent.interaction.notes, "as sent");
    assert_eq!(
        store
            .aggregates()
            .last_seen(dana)
            .expect("last seen")
            .summary,
        Some(day(2026, 11, 23))
    );

    // What was sent stays as sent.
    let twice = store
        .agenda_mut()
        .mark_summary_sent(dana, this_week(), "again", today(), now());
    assert!(matches!(twice, Err(StoreError::Conflict(m)) if m.contains("already sent")));
    let edit = store
        .agenda_mut()
        .save_summary_draft(dana, this_week(), "edited", now());
    assert!(matches!(edit, Err(StoreError::Conflict(_))));
    let kept = store
        .agenda()
        .summary(dana, this_week().after)
        .expect("read")
        .expect("saved");
    assert_eq!(kept.body, "as sent");
}

#[test]
fn a_summary_cannot_be_sent_by_the_one_on_one_it_follows_or_for_nobody() {
    let (mut store, dana) = journal();
    let after_the_22nd = SummaryFor {
        after: Some(day(2026, 11, 22)),
        for_day: None,
    };
    let early =
        store
            .agenda_mut()
            .mark_summary_sent(dana, after_the_22nd, "x", day(2026, 11, 22), now());
    assert!(matches!(early, Err(StoreError::Conflict(_))));
    let nobody = store
        .agenda_mut()
        .mark_summary_sent(99, this_week(), "x", today(), now());
    assert!(matches!(
        nobody,
        Err(StoreError::NotFound { what: "person", .. })
    ));
    assert_eq!(
        store
            .agenda()
            .summary(dana, this_week().after)
            .expect("read"),
        None
    );
}

#[test]
fn moving_a_topic_swaps_it_with_its_neighbour_and_stops_at_the_ends() {
    let (mut store, dana) = journal();
    let a = topic(&mut store, dana, "A", today());
    let b = topic(&mut store, dana, "B", today());
    let c = topic(&mut store, dana, "C", today());
    assert_eq!(
        store.agenda_mut().move_topic(c, TopicMove::Up, now()).ok(),
        Some(true)
    );
    assert_eq!(agenda(&store, dana), ["A", "C", "B"]);
    assert_eq!(
        store
            .agenda_mut()
            .move_topic(a, TopicMove::Down, now())
            .ok(),
        Some(true)
    );
    assert_eq!(agenda(&store, dana), ["C", "A", "B"]);
    assert_eq!(
        store.agenda_mut().move_topic(c, TopicMove::Up, now()).ok(),
        Some(false)
    );
    assert_eq!(
        store
            .agenda_mut()
            .move_topic(b, TopicMove::Down, now())
            .ok(),
        Some(false)
    );
    store
        .agenda_mut()
        .close_topic(a, TopicStatus::Dropped, today(), now())
        .expect("dropped");
    let closed = store.agenda_mut().move_topic(a, TopicMove::Up, now());
    assert!(matches!(closed, Err(StoreError::Conflict(_))));
    assert!(matches!(
        store.agenda_mut().move_topic(404, TopicMove::Up, now()),
        Err(StoreError::NotFound { what: "topic", .. })
    ));
}

#[test]
fn topics_with_equal_positions_still_move() {
    let (mut store, dana) = journal();
    let a = topic(&mut store, dana, "A", today());
    let b = topic(&mut store, dana, "B", today());
    store
        .connection()
        .execute("UPDATE topic SET position = 0", [])
        .expect("positions flattened, as an import might leave them");
    assert_eq!(
        store.agenda_mut().move_topic(b, TopicMove::Up, now()).ok(),
        Some(true)
    );
    assert_eq!(agenda(&store, dana), ["B", "A"]);
    assert_eq!(
        store.agenda_mut().move_topic(a, TopicMove::Up, now()).ok(),
        Some(true)
    );
    assert_eq!(agenda(&store, dana), ["A", "B"]);
}

#[test]
fn topics_discussed_close_on_the_one_on_ones_day_linked_to_it() {
    let (mut store, dana) = journal();
    let sam = add_person(&mut store, "Sam");
    let hiring = topic(&mut store, dana, "Hiring", day(2026, 11, 10));
    let budget = topic(&mut store, dana, "Budget", day(2026, 11, 10));
    let theirs = topic(&mut store, sam, "Sam's topic", day(2026, 11, 10));
    let one_on_one = log(&mut store, dana, "one_on_one", day(2026, 11, 17), "Weekly");

    // All or nothing: a topic of someone else's leaves the others open.
    let mixed = store
        .agenda_mut()
        .close_topics_discussed(one_on_one, &[hiring, theirs], now());
    assert!(matches!(mixed, Err(StoreError::Conflict(_))));
    assert_eq!(
        store.agenda().topic(hiring).expect("topic").status,
        TopicStatus::Open
    );

    let closed = store
        .agenda_mut()
        .close_topics_discussed(one_on_one, &[hiring], now())
        .expect("closed");
    assert_eq!(closed[0].status, TopicStatus::Discussed);
    assert_eq!(closed[0].closed_on, Some(day(2026, 11, 17)));
    assert_eq!(closed_by(&store, hiring), Some(one_on_one));
    assert_eq!(closed_by(&store, budget), None);
    let again = store
        .agenda_mut()
        .close_topics_discussed(one_on_one, &[hiring], now());
    assert!(matches!(again, Err(StoreError::Conflict(_))));
    let no_entry = store
        .agenda_mut()
        .close_topics_discussed(404, &[budget], now());
    assert!(matches!(
        no_entry,
        Err(StoreError::NotFound { what: "entry", .. })
    ));
}

#[test]
fn the_after_the_one_on_one_form_saves_everything_or_nothing() {
    let (mut store, dana) = journal();
    let hiring = topic(&mut store, dana, "Hiring", day(2026, 11, 16));
    let budget = topic(&mut store, dana, "Budget", day(2026, 11, 16));
    let record = OneOnOneRecord {
        draft: draft(&store, dana, "one_on_one", today(), "Weekly"),
        discussed: vec![hiring],
        picked: vec![hiring, budget],
    };
    // No summary this week or last to record the picks on: nothing is saved.
    let refused = store.agenda_mut().record_one_on_one(&record, now());
    assert!(matches!(refused, Err(StoreError::Conflict(_))));
    assert_eq!(
        store.agenda().last_one_on_one(dana, today()).expect("read"),
        None
    );
    assert_eq!(
        store.agenda().topic(hiring).expect("topic").status,
        TopicStatus::Open
    );

    store
        .agenda_mut()
        .mark_summary_sent(dana, this_week(), "summary", day(2026, 11, 20), now())
        .expect("sent");
    let saved = store
        .agenda_mut()
        .record_one_on_one(&record, now())
        .expect("recorded");
    assert_eq!(saved.interaction.kind, "one_on_one");
    assert_eq!(saved.closed.len(), 1);
    assert_eq!(closed_by(&store, hiring), Some(saved.interaction.id));
    let summary = saved
        .summary
        .expect("the picks went on the summary sent before it");
    assert_eq!(summary.sent_on, Some(day(2026, 11, 20)));
    assert_eq!(summary.picked_topics, vec![hiring, budget]);

    let mut coffee = record.clone();
    coffee.draft = draft(&store, dana, "coffee", today(), "Coffee");
    coffee.discussed.clear();
    let not_formal = store.agenda_mut().record_one_on_one(&coffee, now());
    assert!(matches!(not_formal, Err(StoreError::Conflict(m)) if m.contains("not a 1:1")));
}

#[test]
fn picks_replace_earlier_ones_and_must_be_the_same_persons_topics() {
    let (mut store, dana) = journal();
    let sam = add_person(&mut store, "Sam");
    let a = topic(&mut store, dana, "A", today());
    let b = topic(&mut store, dana, "B", today());
    let theirs = topic(&mut store, sam, "S", today());
    let summary = store
        .agenda_mut()
        .save_summary_draft(dana, this_week(), "draft", now())
        .expect("draft");
    let picked = store
        .agenda_mut()
        .set_summary_picks(summary.id, &[b, a], now())
        .expect("picked");
    assert_eq!(picked.picked_topics, vec![a, b]);
    let picked = store
        .agenda_mut()
        .set_summary_picks(summary.id, &[b], now())
        .expect("picked");
    assert_eq!(picked.picked_topics, vec![b]);
    let wrong = store
        .agenda_mut()
        .set_summary_picks(summary.id, &[theirs], now());
    assert!(matches!(wrong, Err(StoreError::Conflict(_))));
    let kept = store
        .agenda()
        .summary(dana, this_week().after)
        .expect("read")
        .expect("saved");
    assert_eq!(kept.picked_topics, vec![b]);
}

#[test]
fn the_prep_sheet_is_built_from_the_journal_since_the_last_one_on_one() {
    let (mut store, dana) = journal();
    let sam = add_person(&mut store, "Sam");
    log(&mut store, dana, "one_on_one", day(2026, 11, 3), "Early");
    let carried = topic(&mut store, dana, "Carried twice", day(2026, 11, 4));
    log(&mut store, dana, "one_on_one", day(2026, 11, 10), "Middle");
    let last = log(&mut store, dana, "one_on_one", day(2026, 11, 17), "Latest");
    let fresh = topic(&mut store, dana, "Added after the last", day(2026, 11, 17));
    let coffee = log(&mut store, dana, "coffee", day(2026, 11, 20), "Coffee walk");
    let feedback = log(&mut store, dana, "feedback", day(2026, 11, 23), "Be direct");
    let ask = log(
        &mut store,
        dana,
        "advice",
        day(2026, 11, 18),
        "How to pitch?",
    );
    let gone = log(&mut store, dana, "chat", day(2026, 11, 21), "Deleted chat");
    store
        .entries_mut()
        .delete_interaction(gone, now())
        .expect("deleted");
    log(&mut store, sam, "coffee", day(2026, 11, 22), "Not Dana's");
    log(
        &mut store,
        dana,
        "coffee",
        day(2026, 11, 30),
        "Planned, not yet",
    );

    let person = store.people().person(dana).expect("Dana");
    let sheet = journal::prep_sheet(&store, &person, today()).expect("the sheet");
    assert_eq!(sheet.last_one_on_one.as_ref().map(|l| l.id), Some(last));
    let since: Vec<i64> = sheet.since_last.iter().map(|e| e.id).collect();
    assert_eq!(since, vec![feedback, coffee, ask]);
    assert_eq!(
        sheet.feedback.iter().map(|e| e.id).collect::<Vec<_>>(),
        vec![feedback]
    );
    let counts: Vec<(i64, u32)> = sheet
        .agenda
        .iter()
        .map(|a| (a.topic.id, a.carried_over))
        .collect();
    assert_eq!(counts, vec![(carried, 2), (fresh, 0)]);
    assert_eq!(sheet.advice.len(), 1);
    assert_eq!(sheet.advice[0].asked_on, day(2026, 11, 18));
    assert_eq!(sheet.advice[0].advice.strength, "negotiating with finance");
    assert_eq!(sheet.next_one_on_one_text, "Tue 24 Nov, today");
    assert_eq!(sheet.summary.status, SummaryStatus::None);

    let after_the_last = SummaryFor {
        after: Some(day(2026, 11, 17)),
        for_day: Some(today()),
    };
    store
        .agenda_mut()
        .save_summary_draft(dana, after_the_last, "# Draft\n\nHello", now())
        .expect("draft");
    let sheet = journal::prep_sheet(&store, &person, today()).expect("the sheet");
    assert!(matches!(sheet.summary.status, SummaryStatus::Draft { .. }));
    assert_eq!(sheet.summary.preview, vec!["# Draft", "Hello"]);
}
