//! Store-level JSON round trip over generated journals, and importing into a
//! journal that already has its own records.

use chrono::{DateTime, Days, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use rapport::domain::{
    Category, CheckInDraft, InitiatedBy, InteractionDraft, PersonDraft, Quality, TopicStatus,
};
use rapport::store::{Store, document_from_value, parse_json_value};

use super::*;

// ------------------------------------------------- round trip (store)

fn instant(n: u64) -> DateTime<Utc> {
    let base = Utc
        .with_ymd_and_hms(2026, 1, 5, 8, 0, 0)
        .single()
        .expect("a real instant");
    base + chrono::TimeDelta::milliseconds(i64::try_from(n).expect("small") * 61_001)
}

fn day(offset: u16) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).expect("a day") + Days::new(u64::from(offset))
}

#[derive(Debug, Clone)]
struct EntryPlan {
    person: usize,
    kind: usize,
    day: u16,
    time: Option<(u32, u32)>,
    minutes: Option<u32>,
    quality: Option<i64>,
    by_them: bool,
    title: String,
    notes: String,
    tags: Vec<String>,
    deleted: bool,
    reported: Option<Option<bool>>,
}

/// A weekly summary: whose, how many weeks back, its body, the entry that
/// sent it and the topics picked from it (indexes into what was built).
#[derive(Debug, Clone)]
struct SummaryPlan {
    person: usize,
    weeks_back: u8,
    body: String,
    sent: Option<usize>,
    picks: Vec<usize>,
}

#[derive(Debug, Clone)]
struct JournalPlan {
    people: Vec<(String, Vec<String>, Option<u32>)>,
    user_kinds: Vec<Category>,
    entries: Vec<EntryPlan>,
    topics: Vec<(usize, String, Option<bool>, Option<usize>)>,
    checkins: Vec<(Option<usize>, u16, [u8; 3], String)>,
    summaries: Vec<SummaryPlan>,
    nudges: Vec<(u8, usize, Option<u16>, bool)>,
}

/// Any text at all: control characters, emoji, NUL, wide characters.
fn any_text() -> impl Strategy<Value = String> {
    prop::string::string_regex("(?s).{0,24}").expect("a regex")
}

fn entry_plan() -> impl Strategy<Value = EntryPlan> {
    (
        (0usize..3, 0usize..10, 0u16..330),
        prop::option::of((0u32..24, 0u32..60)),
        prop::option::of(1u32..=1440),
        prop::option::of(1i64..=5),
        any::<bool>(),
        (any_text(), any_text()),
        prop::collection::vec("[a-z0-9_éß-]{1,8}", 0..3),
        any::<bool>(),
        prop::option::of(prop::option::of(any::<bool>())),
    )
        .prop_map(
            |(
                (person, kind, day),
                time,
                minutes,
                quality,
                by_them,
                (title, notes),
                tags,
                deleted,
                reported,
            )| {
                EntryPlan {
                    person,
                    kind,
                    day,
                    time,
                    minutes,
                    quality,
                    by_them,
                    title,
                    notes,
                    tags,
                    deleted,
                    reported,
                }
            },
        )
}

fn journal_plan() -> impl Strategy<Value = JournalPlan> {
    let categories = prop::sample::select(Category::ALL.to_vec());
    (
        prop::collection::vec(
            (
                any_text(),
                prop::collection::vec("[a-z ]{1,12}", 0..3),
                prop::option::of(1u32..=365),
            ),
            1..=3,
        ),
        prop::collection::vec(categories, 0..=2),
        prop::collection::vec(entry_plan(), 0..=10),
        prop::collection::vec(
            (
                0usize..3,
                any_text(),
                prop::option::of(any::<bool>()),
                prop::option::of(0usize..10),
            ),
            0..=4,
        ),
        prop::collection::vec(
            (
                prop::option::of(0usize..3),
                0u16..330,
                [1u8..=5, 1u8..=5, 1u8..=5],
                any_text(),
            ),
            0..=3,
        ),
        prop::collection::vec(
            (
                0usize..3,
                0u8..40,
                any_text(),
                prop::option::of(0usize..10),
                prop::collection::vec(0usize..4, 0..3),
            )
                .prop_map(|(person, weeks_back, body, sent, picks)| SummaryPlan {
                    person,
                    weeks_back,
                    body,
                    sent,
                    picks,
                }),
            0..=3,
        ),
        prop::collection::vec(
            (
                0u8..4,
                0usize..3,
                prop::option::of(0u16..330),
                any::<bool>(),
            ),
            0..=3,
        ),
    )
        .prop_map(
            |(people, user_kinds, entries, topics, checkins, summaries, nudges)| JournalPlan {
                people: people
                    .into_iter()
                    .enumerate()
                    // Names are unique and never blank: prefix each with its index.
                    .map(|(i, (name, strengths, cadence))| {
                        (format!("P{i} {name}"), strengths, cadence)
                    })
                    .collect(),
                user_kinds,
                entries,
                topics,
                checkins,
                summaries,
                nudges,
            },
        )
}

/// Builds the planned journal through the store's API (and plain SQL for
/// the tables no command writes yet: summaries and nudge states).
fn build(plan: &JournalPlan) -> Store {
    let mut store = Store::open_in_memory().expect("open");
    let mut clock = 0u64;
    let mut tick = || {
        clock += 1;
        instant(clock)
    };
    let mut people = Vec::new();
    for (i, (name, strengths, cadence)) in plan.people.iter().enumerate() {
        let draft = PersonDraft {
            name: name.clone(),
            role: name.chars().rev().collect(),
            strengths: strengths.clone(),
            cadence_days: *cadence,
            is_current: false,
            relation: rapport::domain::Relation::ALL[i % 4],
        };
        people.push(
            store
                .people_mut()
                .add_person(&draft, day(3), tick())
                .expect("person")
                .id,
        );
    }
    for (i, category) in plan.user_kinds.iter().enumerate() {
        store
            .people_mut()
            .add_kind(&format!("mine_{i}"), *category)
            .expect("kind");
    }
    let kinds = store.people().kinds().expect("kinds");
    let mut entries = Vec::new();
    for e in &plan.entries {
        let kind = &kinds[e.kind % kinds.len()];
        let draft = InteractionDraft {
            person_id: people[e.person % people.len()],
            kind_id: kind.id,
            happened_on: day(e.day),
            at_time: e
                .time
                .and_then(|(h, m)| chrono::NaiveTime::from_hms_opt(h, m, 0)),
            minutes: e.minutes,
            quality: e
                .quality
                .filter(|_| kind.category.takes_quality())
                .and_then(|q| Quality::new(q).ok()),
            initiated_by: if e.by_them {
                InitiatedBy::Them
            } else {
                InitiatedBy::Me
            },
            title: e.title.clone(),
            notes: e.notes.clone(),
            tags: e.tags.clone(),
            advice_strength: Some(e.notes.chars().take(5).collect()),
            private: kind.category == Category::Work && e.by_them,
        };
        let saved = store
            .entries_mut()
            .add_interaction(&draft, tick())
            .expect("entry");
        if let (Some(loop_), Some(applied)) = (&saved.advice_loop, e.reported) {
            store
                .advice_mut()
                .report_advice(loop_.id, applied, day(e.day + 3))
                .expect("report back");
        }
        if e.deleted {
            store
                .entries_mut()
                .delete_interaction(saved.id, tick())
                .expect("delete");
        }
        entries.push(saved.id);
    }
    let mut topics = Vec::new();
    for (person, text, close, closer) in &plan.topics {
        let text = format!("T {text}");
        let t = store
            .agenda_mut()
            .add_topic(people[person % people.len()], &text, day(9), tick())
            .expect("topic");
        if let Some(discussed) = close {
            let status = if *discussed {
                TopicStatus::Discussed
            } else {
                TopicStatus::Dropped
            };
            store
                .agenda_mut()
                .close_topic(t.id, status, day(12), tick())
                .expect("close");
            if let Some(closer) = closer.filter(|_| !entries.is_empty()) {
                store
                    .connection()
                    .execute(
                        "UPDATE topic SET closed_by_interaction = ?1 WHERE id = ?2",
                        (entries[closer % entries.len()], t.id),
                    )
                    .expect("link the closing 1:1");
            }
        }
        topics.push(t.id);
    }
    for (person, on, [trust, clarity, ease], note) in &plan.checkins {
        let draft = CheckInDraft {
            person_id: person.map(|p| people[p % people.len()]),
            checked_on: day(*on),
            trust: *trust,
            clarity: *clarity,
            ease: *ease,
            note: note.clone(),
        };
        store
            .check_ins_mut()
            .add_check_in(&draft, tick())
            .expect("check-in");
    }
    for SummaryPlan {
        person,
        weeks_back,
        body,
        sent,
        picks,
    } in &plan.summaries
    {
        let monday = NaiveDate::from_ymd_opt(2026, 11, 23).expect("a Monday")
            - Days::new(7 * u64::from(*weeks_back));
        let sent_interaction = sent
            .filter(|_| !entries.is_empty())
            .map(|i| entries[i % entries.len()]);
        let stamp = tick().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
        let added = store
            .connection()
            .execute(
                "INSERT OR IGNORE INTO summary (person_id, after_one_on_one, body, sent_on, sent_interaction, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                rusqlite::params![
                    people[person % people.len()],
                    monday.format("%Y-%m-%d").to_string(),
                    body,
                    sent_interaction.map(|_| monday.format("%Y-%m-%d").to_string()),
                    sent_interaction,
                    stamp
                ],
            )
            .expect("summary");
        if added == 1 && !topics.is_empty() {
            let id = store.connection().last_insert_rowid();
            for pick in picks {
                store
                    .connection()
                    .execute(
                        "INSERT OR IGNORE INTO summary_pick (summary_id, topic_id) VALUES (?1, ?2)",
                        (id, topics[pick % topics.len()]),
                    )
                    .expect("pick");
            }
        }
    }
    for (rule, person, snoozed, dismissed) in &plan.nudges {
        store
            .connection()
            .execute(
                "INSERT OR IGNORE INTO nudge_state
                        (rule_id, person_id, snoozed_until, dismissed_at, anchor, switched_off)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                rusqlite::params![
                    format!("rule-{rule}"),
                    people[person % people.len()],
                    snoozed.map(|d| day(d).format("%Y-%m-%d").to_string()),
                    dismissed
                        .then(|| instant(99).to_rfc3339_opts(chrono::SecondsFormat::Millis, true)),
                    dismissed.then(|| day(u16::from(*rule) * 7).format("%Y-%m-%d").to_string()),
                    !dismissed && *rule == 3,
                ],
            )
            .expect("nudge state");
    }
    store
}

/// The export as `rapport export` writes it (one record at a time), checked
/// byte for byte against the whole document serialized at once.
fn exported(store: &Store) -> String {
    let mut streamed = Vec::new();
    store
        .documents()
        .write_export(&mut streamed, std::path::Path::new("test export"))
        .expect("export");
    let streamed = String::from_utf8(streamed).expect("UTF-8");
    let whole = store
        .documents()
        .export_document()
        .expect("export")
        .to_json()
        .expect("JSON");
    assert_eq!(streamed, whole, "the streamed export is the document");
    streamed
}

/// The document imported as `rapport import` does (as a stream, each
/// record written as it is read), its reading checked against the same
/// text parsed whole.
fn imported(text: &str, into: &mut Store) -> rapport::store::ImportReport {
    let value = parse_json_value(text).expect("valid JSON");
    let whole = document_from_value(&value).expect("a valid document");
    let doc = rapport::store::read_document(text.as_bytes()).expect("read as a stream");
    assert_eq!(doc, whole, "the streamed reading is the whole one");
    // As `rapport import` does: each record written as it is read.
    into.documents_mut()
        .import_document_from(text.as_bytes(), false)
        .expect("imported")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn export_then_import_into_an_empty_journal_then_export_gives_the_same_document(
        plan in journal_plan()
    ) {
        let original = build(&plan);
        let first = exported(&original);
        let mut copy = Store::open_in_memory().expect("open");
        imported(&first, &mut copy);
        let second = exported(&copy);
        prop_assert_eq!(&first, &second);

        // Importing the same document again adds nothing.
        let again = imported(&first, &mut copy);
        prop_assert_eq!(again.imported(), 0, "{:?}", again);
        prop_assert_eq!(exported(&copy), first);
    }
}

#[test]
fn importing_into_a_journal_with_its_own_records_keeps_both_and_every_link() {
    let mut theirs = Store::open_in_memory().expect("open");
    let dana = PersonDraft {
        name: "Dana".into(),
        ..PersonDraft::default()
    };
    let sam = PersonDraft {
        name: "Sam".into(),
        ..PersonDraft::default()
    };
    let dana_id = theirs
        .people_mut()
        .add_person(&dana, day(0), instant(1))
        .expect("person")
        .id;
    let sam_id = theirs
        .people_mut()
        .add_person(&sam, day(0), instant(2))
        .expect("person")
        .id;
    let walk = theirs
        .people_mut()
        .add_kind("walk", Category::Informal)
        .expect("kind");
    let mut entry = |person_id, title: &str, n: u16| {
        let draft = InteractionDraft {
            person_id,
            kind_id: walk.id,
            happened_on: day(n),
            at_time: None,
            minutes: None,
            quality: None,
            initiated_by: InitiatedBy::Me,
            title: title.into(),
            notes: String::new(),
            tags: vec!["t".into()],
            advice_strength: None,
            private: false,
        };
        theirs
            .entries_mut()
            .add_interaction(&draft, instant(10 + u64::from(n)))
            .expect("entry")
            .id
    };
    entry(dana_id, "with Dana", 1);
    let closer = entry(sam_id, "with Sam", 2);
    let topic = theirs
        .agenda_mut()
        .add_topic(sam_id, "agenda", day(3), instant(20))
        .expect("topic");
    theirs
        .agenda_mut()
        .close_topic(topic.id, TopicStatus::Discussed, day(4), instant(21))
        .expect("close");
    theirs
        .connection()
        .execute(
            "UPDATE topic SET closed_by_interaction = ?1 WHERE id = ?2",
            (closer, topic.id),
        )
        .expect("link");
    let document = exported(&theirs);

    // A journal that already has a Dana, other entries and other ids.
    let mut mine = Store::open_in_memory().expect("open");
    let my_dana = mine
        .people_mut()
        .add_person(&dana, day(0), instant(100))
        .expect("person");
    for n in 0..3 {
        let draft = InteractionDraft {
            person_id: my_dana.id,
            kind_id: mine.people().kind_named("coffee").expect("coffee").id,
            happened_on: day(n),
            at_time: None,
            minutes: None,
            quality: None,
            initiated_by: InitiatedBy::Me,
            title: format!("mine {n}"),
            notes: String::new(),
            tags: Vec::new(),
            advice_strength: None,
            private: false,
        };
        mine.entries_mut()
            .add_interaction(&draft, instant(200 + u64::from(n)))
            .expect("entry");
    }
    let report = imported(&document, &mut mine);
    let tally = |what: &str| {
        report
            .tallies
            .iter()
            .find(|t| t.what == what)
            .map(|t| (t.imported, t.skipped))
            .expect("a tally")
    };
    // Dana is matched by name; Sam, the kind, both entries and the topic are new.
    assert_eq!(tally("people"), (1, 1));
    assert_eq!(tally("kinds"), (1, 0));
    assert_eq!(tally("interactions"), (2, 0));
    let after: Value = serde_json::from_str(&exported(&mine)).expect("JSON");
    let interactions = after["interactions"].as_array().expect("a list");
    assert_eq!(interactions.len(), 5);
    let sam_entry = interactions
        .iter()
        .find(|e| e["title"] == "with Sam")
        .expect("Sam's entry came in");
    let dana_entry = interactions
        .iter()
        .find(|e| e["title"] == "with Dana")
        .expect("Dana's entry came in");
    assert_eq!(
        dana_entry["person_id"], my_dana.id,
        "joined to the Dana already there"
    );
    assert_eq!(sam_entry["tags"], serde_json::json!(["t"]));
    let topic = &after["topics"][0];
    assert_eq!(
        topic["closed_by_interaction"], sam_entry["id"],
        "the link follows the new id"
    );
    assert_eq!(topic["person_id"], sam_entry["person_id"]);
}
