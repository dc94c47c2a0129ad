//! The user's data in and out: export, import, backup, restore and doctor.
//!
//! Store-level tests prove the JSON round trip over generated journals; the
//! rest run the real binary against temporary journals with a fixed today
//! (`RAPPORT_TODAY=2026-11-24`) and a private home, data and config directory.

use std::ffi::OsStr;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use chrono::{DateTime, Days, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use rapport::domain::{
    Category, CheckInDraft, InitiatedBy, InteractionDraft, PersonDraft, Quality, TopicStatus,
};
use rapport::store::{Store, document_from_value, parse_json_value};
use serde_json::Value;
use tempfile::TempDir;

const TODAY: &str = "2026-11-24";

// ------------------------------------------------------------- harness

/// What one run of the binary did.
#[derive(Debug)]
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn from_output(out: Output) -> Run {
        Run {
            code: out.status.code().expect("the process exited, not killed"),
            stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
        }
    }

    fn ok(self) -> String {
        assert_eq!(self.code, 0, "expected success: {self:#?}");
        self.stdout
    }

    /// Asserts a usage error (exit 2) with nothing on stdout; returns stderr.
    fn usage_error(self) -> String {
        assert_eq!(self.code, 2, "expected a usage error: {self:#?}");
        assert_eq!(self.stdout, "", "a failed command prints no data");
        self.stderr
    }
}

/// A private world for the binary: home, data and config directories, and a
/// journal path, inside a temporary directory.
struct World {
    dir: TempDir,
    db: PathBuf,
}

impl World {
    fn new() -> World {
        let dir = TempDir::new().expect("a temp dir");
        let db = dir.path().join("journal.db");
        World { dir, db }
    }

    /// A journal with a current manager, Dana.
    fn with_manager() -> World {
        let w = World::new();
        w.run(&[
            "person",
            "add",
            "Dana",
            "--strength",
            "finance",
            "--every",
            "7",
        ])
        .ok();
        w
    }

    /// The world's folder made 0700, as rapport makes a folder it creates
    /// (a temporary directory is created 0755).
    fn private(self) -> World {
        std::fs::set_permissions(self.dir.path(), std::fs::Permissions::from_mode(0o700))
            .expect("chmod the temp dir");
        self
    }

    /// Another journal in the same temporary directory.
    fn sibling(&self, name: &str) -> World {
        World {
            dir: TempDir::new_in(self.dir.path()).expect("a temp dir"),
            db: self.dir.path().join(name),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn command<I, S>(&self, args: I) -> Command
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_rapport"));
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.dir.path().join("home"))
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("RAPPORT_TODAY", TODAY)
            .current_dir(self.dir.path())
            .arg("--db")
            .arg(&self.db)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        cmd
    }

    fn run(&self, args: &[&str]) -> Run {
        Run::from_output(self.command(args).output().expect("the binary runs"))
    }

    fn log(&self, args: &[&str]) -> i64 {
        let mut full = vec!["log"];
        full.extend_from_slice(args);
        let out = self.run(&full).ok();
        out.trim().parse().expect("log prints the new id")
    }

    fn export_json(&self) -> String {
        self.run(&["export", "--format", "json"]).ok()
    }

    fn list_json(&self) -> Vec<Value> {
        let out = self.run(&["list", "--json", "--limit", "1000"]).ok();
        match serde_json::from_str(&out).expect("list --json prints JSON") {
            Value::Array(items) => items,
            other => panic!("not an array: {other}"),
        }
    }

    /// The journal's bytes, with the -wal's if one is left.
    fn snapshot(&self) -> (Vec<u8>, Option<Vec<u8>>) {
        let mut wal = self.db.as_os_str().to_owned();
        wal.push("-wal");
        (read(&self.db), std::fs::read(PathBuf::from(wal)).ok())
    }

    /// Writes `contents` to a file in the world; returns its path as text.
    fn file(&self, name: &str, contents: impl AsRef<[u8]>) -> String {
        let path = self.path(name);
        std::fs::write(&path, contents).expect("write a test file");
        s(&path).to_string()
    }
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn s(p: &Path) -> &str {
    p.to_str().expect("temp paths are UTF-8")
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

/// Opens a copy read-only and runs `quick_check`; returns its interactions.
fn quick_checked(path: &Path) -> i64 {
    let conn =
        rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("the copy opens");
    let verdict: String = conn
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .expect("quick_check runs");
    assert_eq!(verdict, "ok", "{}", path.display());
    conn.query_row("SELECT count(*) FROM interaction", [], |r| r.get(0))
        .expect("count")
}

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
    for (name, strengths, cadence) in &plan.people {
        let draft = PersonDraft {
            name: name.clone(),
            role: name.chars().rev().collect(),
            strengths: strengths.clone(),
            cadence_days: *cadence,
            is_current: false,
        };
        people.push(store.add_person(&draft, day(3), tick()).expect("person").id);
    }
    for (i, category) in plan.user_kinds.iter().enumerate() {
        store
            .add_kind(&format!("mine_{i}"), *category)
            .expect("kind");
    }
    let kinds = store.kinds().expect("kinds");
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
                .filter(|_| kind.category != Category::Note)
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
        };
        let saved = store.add_interaction(&draft, tick()).expect("entry");
        if let (Some(loop_), Some(applied)) = (&saved.advice_loop, e.reported) {
            store
                .report_advice(loop_.id, applied, day(e.day + 3))
                .expect("report back");
        }
        if e.deleted {
            store.delete_interaction(saved.id, tick()).expect("delete");
        }
        entries.push(saved.id);
    }
    let mut topics = Vec::new();
    for (person, text, close, closer) in &plan.topics {
        let text = format!("T {text}");
        let t = store
            .add_topic(people[person % people.len()], &text, day(9), tick())
            .expect("topic");
        if let Some(discussed) = close {
            let status = if *discussed {
                TopicStatus::Discussed
            } else {
                TopicStatus::Dropped
            };
            store
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
        store.add_check_in(&draft, tick()).expect("check-in");
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
                "INSERT OR IGNORE INTO summary (person_id, week_start, body, sent_on, sent_interaction, created_at, updated_at)
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

fn exported(store: &Store) -> String {
    store
        .export_document()
        .expect("export")
        .to_json()
        .expect("JSON")
}

fn imported(text: &str, into: &mut Store) -> rapport::store::ImportReport {
    let value = parse_json_value(text).expect("valid JSON");
    let doc = document_from_value(&value).expect("a valid document");
    into.import_document(&doc, false).expect("imported")
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

/// The columns the JSON export carries, per table. A migration that adds a
/// table or a column fails this test until the export carries it too.
const EXPORTED_COLUMNS: [(&str, &[&str]); 12] = [
    (
        "person",
        &[
            "id",
            "name",
            "role",
            "is_current",
            "cadence_days",
            "next_one_on_one",
            "archived",
            "created_at",
            "updated_at",
        ],
    ),
    ("strength", &["id", "person_id", "text", "noted_on"]),
    ("kind", &["id", "name", "category", "builtin"]),
    (
        "interaction",
        &[
            "id",
            "person_id",
            "kind_id",
            "happened_on",
            "at_time",
            "minutes",
            "quality",
            "initiated_by",
            "title",
            "notes",
            "created_at",
            "updated_at",
            "version",
            "deleted_at",
        ],
    ),
    ("interaction_tag", &["interaction_id", "tag"]),
    (
        "advice_loop",
        &[
            "id",
            "interaction_id",
            "question",
            "strength",
            "applied",
            "reported_on",
        ],
    ),
    (
        "topic",
        &[
            "id",
            "person_id",
            "text",
            "position",
            "status",
            "added_on",
            "closed_on",
            "closed_by_interaction",
            "created_at",
            "updated_at",
        ],
    ),
    (
        "summary",
        &[
            "id",
            "person_id",
            "week_start",
            "body",
            "sent_on",
            "sent_interaction",
            "created_at",
            "updated_at",
        ],
    ),
    ("summary_pick", &["summary_id", "topic_id"]),
    (
        "checkin",
        &[
            "id",
            "person_id",
            "checked_on",
            "trust",
            "clarity",
            "ease",
            "note",
            "created_at",
        ],
    ),
    (
        "nudge_state",
        &[
            "rule_id",
            "person_id",
            "snoozed_until",
            "dismissed_at",
            "done_at",
            "anchor",
            "switched_off",
        ],
    ),
    // Half-typed form text: not data, so not exported (doctor counts it).
    ("draft", &["form", "body", "saved_at"]),
];

#[test]
fn every_table_and_column_of_the_schema_is_exported_or_knowingly_left_out() {
    let store = Store::open_in_memory().expect("open");
    let conn = store.connection();
    let mut tables: Vec<String> = conn
        .prepare(
            // The search index and the day totals are derived from the
            // interactions and rebuilt by triggers: not data to export.
            "SELECT name FROM sqlite_schema WHERE type = 'table'
               AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'interaction_fts%'
               AND name <> 'day_total' ORDER BY name",
        )
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("tables");
    let mut known: Vec<String> = EXPORTED_COLUMNS
        .iter()
        .map(|(t, _)| t.to_string())
        .collect();
    known.sort();
    tables.sort();
    assert_eq!(
        tables, known,
        "a table was added: export it (src/store/export.rs, docs/export-format.md) and count it in doctor"
    );
    let mut counted: Vec<&str> = rapport::store::TABLES.to_vec();
    counted.sort_unstable();
    assert_eq!(counted, known, "doctor counts every table");
    for (table, columns) in EXPORTED_COLUMNS {
        let found: Vec<String> = conn
            .prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")
            .and_then(|mut s| s.query_map([table], |r| r.get(0))?.collect())
            .expect("columns");
        assert_eq!(
            found, columns,
            "{table} changed: carry the new column in the export"
        );
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
        .add_person(&dana, day(0), instant(1))
        .expect("person")
        .id;
    let sam_id = theirs
        .add_person(&sam, day(0), instant(2))
        .expect("person")
        .id;
    let walk = theirs.add_kind("walk", Category::Informal).expect("kind");
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
        };
        theirs
            .add_interaction(&draft, instant(10 + u64::from(n)))
            .expect("entry")
            .id
    };
    entry(dana_id, "with Dana", 1);
    let closer = entry(sam_id, "with Sam", 2);
    let topic = theirs
        .add_topic(sam_id, "agenda", day(3), instant(20))
        .expect("topic");
    theirs
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
        .add_person(&dana, day(0), instant(100))
        .expect("person");
    for n in 0..3 {
        let draft = InteractionDraft {
            person_id: my_dana.id,
            kind_id: mine.kind_named("coffee").expect("coffee").id,
            happened_on: day(n),
            at_time: None,
            minutes: None,
            quality: None,
            initiated_by: InitiatedBy::Me,
            title: format!("mine {n}"),
            notes: String::new(),
            tags: Vec::new(),
            advice_strength: None,
        };
        mine.add_interaction(&draft, instant(200 + u64::from(n)))
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

// ---------------------------------------------------------- export (cli)

#[test]
fn an_export_file_is_private_in_a_private_new_folder_and_not_overwritten_without_force() {
    let w = World::with_manager();
    w.log(&["coffee", "-q", "5", "Coffee walk"]);
    let out = w.path("exports/all.json");
    w.run(&["export", "--out", s(&out)]).ok();
    assert_eq!(mode(&out), 0o600);
    assert_eq!(mode(&w.path("exports")), 0o700);
    let first = read(&out);
    assert_eq!(
        String::from_utf8_lossy(&first),
        w.export_json(),
        "the file holds the export"
    );

    std::fs::write(&out, "keep me").expect("write");
    let err = w.run(&["export", "--out", s(&out)]).usage_error();
    assert!(
        err.contains("already exists") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(read(&out), b"keep me");

    w.run(&["export", "--format", "csv", "--out", s(&out), "--force"])
        .ok();
    assert!(String::from_utf8_lossy(&read(&out)).starts_with("id,happened_on,"));
    assert_eq!(mode(&out), 0o600);
}

#[test]
fn the_json_export_holds_every_table_with_ids_timestamps_and_deleted_entries_flagged() {
    let w = World::with_manager();
    w.log(&[
        "advice",
        "How to pitch?",
        "--strength",
        "finance",
        "--date",
        "2026-11-20",
    ]);
    let gone = w.log(&["chat", "Hallway"]);
    w.run(&["rm", &gone.to_string()]).ok();
    w.run(&["topic", "add", "Headcount"]).ok();
    w.run(&["checkin", "--trust", "3", "--clarity", "2", "--ease", "4"])
        .ok();
    let doc: Value = serde_json::from_str(&w.export_json()).expect("JSON");
    assert_eq!(doc["format"], "rapport");
    assert_eq!(doc["version"], 1);
    for section in [
        "people",
        "kinds",
        "interactions",
        "advice_loops",
        "topics",
        "summaries",
        "checkins",
        "nudge_states",
    ] {
        assert!(doc[section].is_array(), "{section} is there");
    }
    assert_eq!(doc["people"][0]["strengths"][0]["text"], "finance");
    assert_eq!(doc["kinds"].as_array().map(Vec::len), Some(8));
    let deleted = &doc["interactions"][1];
    assert_eq!(deleted["id"], gone);
    assert!(deleted["deleted_at"].is_string(), "{deleted}");
    assert!(
        doc["interactions"][0]["created_at"]
            .as_str()
            .is_some_and(|t| t.ends_with('Z'))
    );
    assert_eq!(doc["advice_loops"][0]["strength"], "finance");
    assert!(doc.get("drafts").is_none(), "drafts are not data");
}

#[test]
fn json_export_refuses_filters_it_would_ignore() {
    let w = World::with_manager();
    let err = w.run(&["export", "--since", "-30d"]).usage_error();
    assert!(err.contains("csv and markdown"), "{err}");
}

#[test]
fn csv_export_has_a_header_one_row_per_live_entry_and_space_joined_tags() {
    let w = World::with_manager();
    w.log(&[
        "one_on_one",
        "Roadmap, hiring",
        "--time",
        "10:00",
        "--tag",
        "hiring,roadmap",
        "-q",
        "4",
        "--notes",
        "two\nlines",
    ]);
    let gone = w.log(&["chat", "gone"]);
    w.run(&["rm", &gone.to_string()]).ok();
    let out = w.run(&["export", "--format", "csv"]).ok();
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("a header")
        .iter()
        .map(String::from)
        .collect();
    assert_eq!(header[..3], ["id", "happened_on", "time"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a row")).collect();
    assert_eq!(rows.len(), 1, "deleted entries are left out");
    let cell = |name: &str| {
        let i = header.iter().position(|h| h == name).expect("a column");
        rows[0][i].to_string()
    };
    assert_eq!(cell("title"), "Roadmap, hiring");
    assert_eq!(cell("notes"), "two\nlines");
    assert_eq!(cell("tags"), "hiring roadmap");
    assert_eq!(cell("quality"), "4");
    assert_eq!(cell("person"), "Dana");
}

#[test]
fn markdown_export_groups_by_iso_week_filters_and_shows_text_sanitised() {
    let w = World::with_manager();
    w.run(&["person", "add", "Sam"]).ok();
    w.log(&[
        "one_on_one",
        "Roadmap",
        "--date",
        "2026-11-17",
        "-q",
        "4",
        "--notes",
        "red \u{1b}[31malert\nsecond line",
    ]);
    w.log(&["coffee", "Coffee walk", "--date", "2026-11-23", "-q", "5"]);
    w.log(&[
        "meal",
        "Dinner with Sam",
        "--date",
        "2026-11-24",
        "--with",
        "Sam",
    ]);
    w.log(&["chat", "Too early", "--date", "2026-10-01"]);
    let md = w
        .run(&[
            "export",
            "--format",
            "markdown",
            "--since",
            "2026-11-01",
            "--with",
            "Dana",
        ])
        .ok();
    assert!(md.starts_with("# Working with Dana\n"), "{md}");
    assert!(
        md.contains("## Week 47, 2026: Mon 16 Nov to Sun 22 Nov 2026"),
        "{md}"
    );
    assert!(
        md.contains("## Week 48, 2026: Mon 23 Nov to Sun 29 Nov 2026"),
        "{md}"
    );
    assert!(md.contains("Roadmap") && md.contains("Coffee walk"), "{md}");
    assert!(!md.contains("Dinner with Sam"), "--with narrows: {md}");
    assert!(!md.contains("Too early"), "--since narrows: {md}");
    assert!(!md.contains('\u{1b}'), "no raw escape reaches the document");
    assert!(md.contains("\u{241b}[31malert"), "{md}");
    assert!(
        md.contains("  second line"),
        "notes stay inside their item: {md}"
    );
    let everyone = w.run(&["export", "-f", "md", "--until", "2026-11-23"]).ok();
    assert!(everyone.contains("Too early") && !everyone.contains("Dinner with Sam"));
}

// ---------------------------------------------------------- import (cli)

#[test]
fn json_import_into_an_empty_journal_reproduces_the_export_and_a_second_import_adds_nothing() {
    let w = World::with_manager();
    w.log(&["one_on_one", "Roadmap", "-q", "4", "--tag", "hiring"]);
    w.log(&["advice", "Pitch?", "--strength", "finance"]);
    w.run(&["topic", "add", "Headcount"]).ok();
    let file = w.path("all.json");
    w.run(&["export", "-o", s(&file)]).ok();

    let copy = w.sibling("copy.db");
    let run = copy.run(&["import", s(&file)]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(
        run.stderr.contains("imported 1 person, 2 interactions"),
        "{run:#?}"
    );
    assert_eq!(copy.export_json(), String::from_utf8_lossy(&read(&file)));

    let again = copy.run(&["import", s(&file)]);
    assert_eq!(again.code, 0, "{again:#?}");
    assert!(again.stderr.contains("nothing to import"), "{again:#?}");
    assert!(
        again.stderr.contains("skipped 1 person, 2 interactions"),
        "{again:#?}"
    );
    assert_eq!(copy.export_json(), String::from_utf8_lossy(&read(&file)));
}

#[test]
fn a_dry_run_reports_what_would_be_imported_and_writes_nothing() {
    let w = World::with_manager();
    w.log(&["coffee", "Coffee"]);
    let file = w.path("all.json");
    w.run(&["export", "-o", s(&file)]).ok();
    let copy = w.sibling("copy.db");
    copy.run(&["person", "add", "Someone"]).ok();
    let before = copy.snapshot();
    let run = copy.run(&["import", s(&file), "--dry-run"]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(
        run.stderr.contains("would import 1 person, 1 interaction"),
        "{run:#?}"
    );
    assert!(
        run.stderr.contains("dry run: nothing was written"),
        "{run:#?}"
    );
    assert_eq!(copy.snapshot(), before);
}

#[test]
fn csv_import_takes_back_its_own_export_and_skips_rows_already_there() {
    let w = World::with_manager();
    w.log(&[
        "one_on_one",
        "Roadmap, \"hiring\"",
        "--time",
        "9:05",
        "--minutes",
        "30",
        "-q",
        "4",
        "--by",
        "them",
        "--tag",
        "a,b",
        "--notes",
        "multi\nline",
    ]);
    w.log(&["advice", "Pitch?", "--strength", "finance"]);
    w.log(&["note", "A thought"]);
    let file = w.path("all.csv");
    w.run(&["export", "--format", "csv", "-o", s(&file)]).ok();

    let copy = w.sibling("copy.db");
    copy.run(&["person", "add", "Dana"]).ok();
    let run = copy.run(&["import", s(&file)]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(run.stderr.contains("imported 3 interactions"), "{run:#?}");
    let strip_ids = |w: &World| {
        let mut entries = w.list_json();
        for e in &mut entries {
            e["id"] = Value::Null;
            e["advice_loop"]["id"] = Value::Null;
            e["advice_loop"]["interaction_id"] = Value::Null;
        }
        entries
    };
    assert_eq!(strip_ids(&copy), strip_ids(&w));

    let again = copy.run(&["import", s(&file)]);
    assert_eq!(again.code, 0, "{again:#?}");
    assert!(
        again
            .stderr
            .contains("skipped 3 interactions already in the journal (line 2, line 4, line 5)"),
        "{again:#?}"
    );
    assert_eq!(copy.list_json().len(), 3);
}

#[test]
fn csv_columns_may_come_in_any_order_and_most_may_be_left_out() {
    let w = World::with_manager();
    let file = w.file(
        "few.csv",
        "title,kind,happened_on,tags\nLunch,lunch,2026-11-20,\"x, y\"\nSync,1on1,2026-11-21,\n",
    );
    w.run(&["import", &file]).ok();
    let entries = w.list_json();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[1]["kind"], "meal");
    assert_eq!(entries[1]["tags"], serde_json::json!(["x", "y"]));
    assert_eq!(entries[0]["kind"], "one_on_one");
    assert_eq!(entries[0]["person"], "Dana");
}

/// Each bad file is refused with exit 2, a message naming where, and the
/// journal left byte for byte as it was.
#[test]
fn bad_files_are_refused_naming_the_place_and_leave_the_journal_untouched() {
    let w = World::with_manager();
    w.log(&["coffee", "Coffee", "-q", "4"]);
    let good = w.export_json();
    let dup_ids = {
        let mut doc: Value = serde_json::from_str(&good).expect("JSON");
        let first = doc["interactions"][0].clone();
        if let Some(list) = doc["interactions"].as_array_mut() {
            list.push(first);
        }
        doc.to_string()
    };
    let unknown_kind = good.replace("\"kind_id\": 3", "\"kind_id\": 42");
    assert_ne!(unknown_kind, good, "the test edits the kind");
    let header = "happened_on,kind,title";
    let cases: Vec<(&str, String, &str)> = vec![
        ("truncated.json", good[..good.len() / 2].to_string(), "truncated"),
        ("wrong-format.json", good.replace("\"rapport\"", "\"diary\""), "format: this is a `diary` document"),
        ("newer.json", good.replace("\"version\": 1", "\"version\": 2"), "version: 2 was written by a newer rapport"),
        ("old.json", good.replace("\"version\": 1", "\"version\": 0"), "version: 0 is not a version"),
        ("duplicate-ids.json", dup_ids, "interactions[1].id: id 1 appears twice (also at interactions[0])"),
        ("unknown-kind.json", unknown_kind, "interactions[0].kind_id: refers to kind 42, which is not in `kinds`"),
        ("bad-quality.json", good.replace("\"quality\": 4", "\"quality\": 9"), "interactions[0].quality: must be 1 to 5, not 9"),
        ("typo.json", good.replace("\"notes\"", "\"nots\""), "interactions[0].notes: is missing"),
        ("bad-quote.csv", format!("{header}\n2026-11-20,coffee,ok\n2026-11-21,coffee,say \"hi\"\n"), "line 3: a quote inside an unquoted field"),
        ("unclosed.csv", format!("{header}\n2026-11-20,coffee,\"never closed\n"), "line 2: a quoted field opened here is never closed"),
        ("impossible-date.csv", format!("{header}\n2026-11-20,coffee,ok\n2026-02-30,coffee,bad\n"), "line 3, column `happened_on`: `2026-02-30` is not a real date"),
        ("unknown-column.csv", "happened_on,kind,mood\n2026-11-20,coffee,great\n".into(), "line 1, column `mood`: unknown column"),
        ("unknown-kind.csv", format!("{header}\n2026-11-20,coffee,ok\n2026-11-21,walk,bad\n"), "line 3, column `kind`: unknown kind `walk`"),
        ("short-row.csv", format!("{header}\n2026-11-20,coffee\n"), "line 2: this row has 2 fields but the header has 3"),
        ("note-quality.csv", "happened_on,kind,quality\n2026-11-20,note,4\n".into(), "line 2, column `quality`: a note is a reflection"),
        ("nobody.csv", "happened_on,kind,person\n2026-11-20,coffee,Zed\n".into(), "line 2, column `person`: there is no person named `Zed`"),
        ("jrnl-no-date.json", r#"{"tags": {}, "entries": [{"title": "x", "body": "", "tags": [], "starred": false}]}"#.into(), "entries[0].date: is missing"),
    ];
    let before = w.snapshot();
    let rows_before = w.export_json();
    for (name, contents, expected) in cases {
        let file = w.file(name, contents);
        let err = w.run(&["import", &file]).usage_error();
        assert!(
            err.contains(expected),
            "{name}: expected `{expected}` in: {err}"
        );
        assert!(err.contains("nothing was imported"), "{name}: {err}");
        assert_eq!(w.snapshot(), before, "{name} changed the journal");
    }
    let latin1 = w.file(
        "latin1.csv",
        b"happened_on,kind,title\n2026-11-20,coffee,caf\xe9\n",
    );
    let err = w.run(&["import", &latin1]).usage_error();
    assert!(err.contains("line 2: not UTF-8"), "{err}");
    assert_eq!(w.snapshot(), before);
    assert_eq!(w.export_json(), rows_before);
}

#[test]
fn a_byte_order_mark_is_accepted_in_json_and_csv() {
    let w = World::with_manager();
    w.log(&["coffee", "Coffee"]);
    let copy = w.sibling("copy.db");
    let json = copy.file("bom.json", format!("\u{feff}{}", w.export_json()));
    copy.run(&["import", &json]).ok();
    assert_eq!(copy.export_json(), w.export_json());
    let csv = copy.file(
        "bom.csv",
        "\u{feff}happened_on,kind,title\n2026-11-20,chat,BOM row\n",
    );
    copy.run(&["import", &csv]).ok();
    assert!(copy.list_json().iter().any(|e| e["title"] == "BOM row"));
}

#[test]
fn a_ten_megabyte_field_is_imported_and_stored_exactly() {
    let w = World::with_manager();
    let notes: String = "ünïcödé \"quoted\", line\n".repeat(10 * 1024 * 1024 / 24);
    assert!(notes.len() >= 10 * 1024 * 1024 - 64);
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record(["happened_on", "kind", "title", "notes"])
        .expect("header");
    writer
        .write_record(["2026-11-20", "note", "Big", notes.as_str()])
        .expect("row");
    let file = w.file("big.csv", writer.into_inner().expect("bytes"));
    w.run(&["import", &file]).ok();
    let shown: Value = serde_json::from_str(&w.run(&["show", "1", "--json"]).ok()).expect("JSON");
    assert!(
        shown["notes"] == notes.as_str(),
        "the notes came back byte for byte"
    );
}

#[test]
fn a_hand_written_jrnl_export_becomes_interactions_with_kinds_from_tags() {
    let w = World::with_manager();
    w.run(&["person", "add", "Sam"]).ok();
    w.run(&["kind", "add", "walk", "--category", "informal"])
        .ok();
    // As `jrnl --format json` writes it: tag counts, then entries.
    let jrnl = r#"{
  "tags": {"@1on1": 1, "@dinner": 1, "@hiring": 2, "@walk": 1},
  "entries": [
    {"title": "Weekly 1:1.", "body": "She picked the hiring topic.\nThen budgets.", "date": "2026-11-16", "time": "09:30", "tags": ["@1on1", "@hiring"], "starred": false},
    {"title": "Dinner after the offsite.", "body": "", "date": "2026-11-18", "time": "19:45", "tags": ["@hiring", "@dinner"], "starred": true},
    {"title": "Wondering about my scope.", "body": "Ask next week?", "date": "2026-11-20", "time": "22:10", "tags": [], "starred": false},
    {"title": "Walk around the block.", "body": "", "date": "2026-11-21", "time": "12:00", "tags": ["@walk"], "starred": false, "uuid": "ignored by rapport"}
  ]
}"#;
    let file = w.file("journal.json", jrnl);
    let run = w.run(&["import", &file]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(run.stderr.contains("imported 4 interactions"), "{run:#?}");
    let mut entries = w.list_json();
    entries.reverse();
    let summary: Vec<(&str, &str, &str, &str)> = entries
        .iter()
        .map(|e| {
            (
                e["happened_on"].as_str().expect("a day"),
                e["time"].as_str().expect("a time"),
                e["kind"].as_str().expect("a kind"),
                e["person"].as_str().expect("a person"),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("2026-11-16", "09:30", "one_on_one", "Dana"),
            ("2026-11-18", "19:45", "meal", "Dana"),
            ("2026-11-20", "22:10", "note", "Dana"),
            ("2026-11-21", "12:00", "walk", "Dana"),
        ]
    );
    assert_eq!(entries[0]["title"], "Weekly 1:1.");
    assert_eq!(
        entries[0]["notes"],
        "She picked the hiring topic.\nThen budgets."
    );
    assert_eq!(entries[0]["tags"], serde_json::json!(["1on1", "hiring"]));
    assert_eq!(
        entries[1]["tags"],
        serde_json::json!(["dinner", "hiring", "starred"])
    );
    assert!(entries.iter().all(|e| e["quality"].is_null()));

    // Again: nothing new. With --with, the same entries are Sam's, so new.
    let again = w.run(&["import", &file, "--format", "jrnl"]);
    assert!(
        again.stderr.contains("skipped 4 interactions"),
        "{again:#?}"
    );
    let sams = w.run(&["import", &file, "--with", "Sam"]);
    assert!(sams.stderr.contains("imported 4 interactions"), "{sams:#?}");
    assert_eq!(
        w.list_json()
            .iter()
            .filter(|e| e["person"] == "Sam")
            .count(),
        4
    );
}

// ------------------------------------------------------ backup, restore

#[test]
fn a_backup_goes_beside_the_journal_private_verified_and_complete() {
    let w = World::with_manager();
    w.log(&["coffee", "Coffee"]);
    let run = w.run(&["backup"]);
    assert_eq!(run.code, 0, "{run:#?}");
    let path = PathBuf::from(run.stdout.trim());
    assert_eq!(path.parent(), Some(w.path("backups").as_path()));
    assert!(
        path.file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("journal-"))
    );
    assert!(run.stderr.contains("passes quick_check"), "{run:#?}");
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(&w.path("backups")), 0o700);
    assert_eq!(quick_checked(&path), 1);
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    assert!(
        !Path::new(&wal).exists(),
        "a backup is one self-contained file"
    );

    let second = PathBuf::from(w.run(&["backup"]).ok().trim());
    assert_ne!(
        second, path,
        "a second backup in the same second gets its own name"
    );

    let out = w.path("mine.db");
    std::fs::write(&out, "keep").expect("write");
    let err = w.run(&["backup", "--out", s(&out)]).usage_error();
    assert!(err.contains("--force"), "{err}");
    assert_eq!(read(&out), b"keep");
    w.run(&["backup", "--out", s(&out), "--force"]).ok();
    assert_eq!(quick_checked(&out), 1);
    assert_eq!(mode(&out), 0o600);
}

#[test]
fn backups_taken_while_another_process_writes_open_and_pass_quick_check() {
    let w = World::with_manager();
    let writes = 100;
    let mut writer = Command::new("sh");
    writer
        .arg("-c")
        .arg(format!(
            "i=0; while [ $i -lt {writes} ]; do \"$0\" --db \"$1\" log chat \"write $i\" >/dev/null 2>&1 || exit 1; i=$((i+1)); done"
        ))
        .arg(env!("CARGO_BIN_EXE_rapport"))
        .arg(&w.db)
        .env("RAPPORT_TODAY", TODAY)
        .env("HOME", w.path("home"))
        .env("XDG_DATA_HOME", w.path("data"))
        .env("XDG_CONFIG_HOME", w.path("config"))
        .env_remove("RAPPORT_DB")
        .stdin(Stdio::null());
    let mut child = writer.spawn().expect("the writer starts");
    let mut backups = Vec::new();
    loop {
        let finished = child.try_wait().expect("the writer is there").is_some();
        if finished && backups.len() >= 5 {
            break;
        }
        let run = w.run(&["backup"]);
        assert_eq!(run.code, 0, "{run:#?}");
        let path = PathBuf::from(run.stdout.trim());
        backups.push((path.clone(), quick_checked(&path)));
    }
    assert!(
        child.wait().expect("the writer ends").success(),
        "every write succeeded"
    );
    let counts: Vec<i64> = backups.iter().map(|(_, n)| *n).collect();
    assert!(
        counts.windows(2).all(|p| p[0] <= p[1]),
        "each copy is a moment in order: {counts:?}"
    );
    assert_eq!(w.list_json().len(), writes);
}

#[test]
fn restore_brings_a_backup_back_and_keeps_the_journal_as_it_was() {
    let w = World::with_manager();
    w.log(&["coffee", "Before the backup"]);
    let backup = PathBuf::from(w.run(&["backup"]).ok().trim());
    w.log(&["chat", "After the backup"]);
    let before_restore = w.export_json();

    let run = w.run(&["restore", s(&backup)]);
    assert_eq!(run.code, 0, "{run:#?}");
    let titles: Vec<Value> = w.list_json().iter().map(|e| e["title"].clone()).collect();
    assert_eq!(titles, ["Before the backup"]);
    let kept = run
        .stderr
        .lines()
        .find_map(|l| l.strip_prefix("the journal as it was is kept at "))
        .map(PathBuf::from)
        .unwrap_or_else(|| panic!("restore says where: {run:#?}"));
    assert_eq!(mode(&kept), 0o600);
    assert_eq!(quick_checked(&kept), 2);

    // And back again, from the copy it kept.
    w.run(&["restore", s(&kept)]).ok();
    assert_eq!(w.export_json(), before_restore);
    w.log(&["meal", "still writable"]);
}

#[test]
fn restore_refuses_what_is_not_a_good_journal_and_changes_nothing() {
    let w = World::with_manager();
    w.log(&["coffee", "Coffee"]);
    let foreign = w.path("foreign.db");
    rusqlite::Connection::open(&foreign)
        .and_then(|c| c.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);"))
        .expect("a foreign database");
    let newer = PathBuf::from(w.run(&["backup"]).ok().trim());
    rusqlite::Connection::open(&newer)
        .and_then(|c| c.execute_batch("PRAGMA user_version = 99;"))
        .expect("a journal from the future");
    let damaged = PathBuf::from(w.run(&["backup"]).ok().trim());
    let mut bytes = read(&damaged);
    for b in bytes.iter_mut().skip(4096).take(4096) {
        *b = 0xA5;
    }
    std::fs::write(&damaged, bytes).expect("damage it");
    let blank = w.path("blank.db");
    rusqlite::Connection::open(&blank)
        .and_then(|c| c.execute_batch("PRAGMA user_version = 0; VACUUM;"))
        .expect("an empty database");
    let cases = [
        (
            w.file("notes.txt", "just some notes"),
            "it is not a SQLite database",
        ),
        (s(&foreign).to_string(), "another program's SQLite database"),
        (
            s(&newer).to_string(),
            "written by a newer rapport (schema 99",
        ),
        (s(&damaged).to_string(), "it is damaged"),
        (s(&blank).to_string(), "not a rapport journal"),
        (
            s(&w.path("missing.db")).to_string(),
            "there is no such file",
        ),
        (s(&w.db).to_string(), "that is the journal itself"),
    ];
    let before = w.snapshot();
    let listing = || {
        let mut names: Vec<String> = std::fs::read_dir(w.dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        (
            names,
            std::fs::read_dir(w.path("backups"))
                .map(|d| d.count())
                .unwrap_or(0),
        )
    };
    let files_before = listing();
    for (file, expected) in cases {
        let err = w.run(&["restore", &file]).usage_error();
        assert!(
            err.contains(expected),
            "{file}: expected `{expected}` in: {err}"
        );
        assert!(err.contains("left as it was"), "{err}");
        assert_eq!(w.snapshot(), before, "{file} changed the journal");
        assert_eq!(listing(), files_before, "{file} left files behind");
    }
}

#[test]
fn restore_replaces_a_damaged_journal_and_moves_the_damaged_one_aside() {
    let w = World::with_manager();
    w.log(&["coffee", "Saved"]);
    let backup = PathBuf::from(w.run(&["backup"]).ok().trim());
    for n in 0..5 {
        w.run(&["topic", "add", &format!("filler topic {n}")]).ok();
    }
    let mut bytes = read(&w.db);
    let len = bytes.len();
    for b in bytes.iter_mut().skip(len / 2).take(len / 4) {
        *b = 0x5A;
    }
    std::fs::write(&w.db, bytes).expect("damage the journal");
    assert_ne!(w.run(&["list"]).code, 0, "the damaged journal is refused");

    let run = w.run(&["restore", s(&backup)]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert_eq!(w.list_json().len(), 1);
    assert!(run.stderr.contains("kept at"), "{run:#?}");
}

// ---------------------------------------------------------------- doctor

#[test]
fn doctor_reports_a_healthy_journal_and_exits_zero() {
    let w = World::with_manager().private();
    w.log(&["coffee", "Coffee"]);
    let text = w.run(&["doctor"]).ok();
    let schema = format!("schema       {}", rapport::store::SCHEMA_VERSION);
    for expected in [
        "integrity    ok",
        &schema,
        "rows",
        "interaction 1",
        "result       healthy",
    ] {
        assert!(text.contains(expected), "`{expected}` in:\n{text}");
    }
    let report: Value = serde_json::from_str(&w.run(&["doctor", "--json"]).ok()).expect("JSON");
    assert_eq!(report["healthy"], true);
    assert_eq!(report["integrity"], serde_json::json!(["ok"]));
    assert_eq!(report["schema_version"], rapport::store::SCHEMA_VERSION);
    assert_eq!(report["files"][0]["role"], "journal");
    assert_eq!(report["files"][0]["mode"], "0600");
    assert_eq!(report["synced_folder"], Value::Null);
    let person_rows = report["rows"]
        .as_array()
        .and_then(|rows| rows.iter().find(|r| r["table"] == "person"))
        .map(|r| r["rows"].clone());
    assert_eq!(person_rows, Some(Value::from(1)));
}

#[test]
fn doctor_finds_loose_permissions_a_damaged_journal_and_a_missing_one() {
    let w = World::with_manager().private();
    std::fs::set_permissions(&w.db, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let run = w.run(&["doctor"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(run.stdout.contains("NOT private"), "{run:#?}");
    assert!(run.stderr.contains("chmod 600"), "{run:#?}");
    std::fs::set_permissions(&w.db, std::fs::Permissions::from_mode(0o600)).expect("chmod");

    let mut bytes = read(&w.db);
    let len = bytes.len();
    for b in bytes.iter_mut().skip(len / 2) {
        *b = 0x33;
    }
    std::fs::write(&w.db, bytes).expect("damage");
    let run = w.run(&["doctor", "--json"]);
    assert_eq!(run.code, 1, "{run:#?}");
    let report: Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(report["healthy"], false);
    assert!(
        report["problems"][0]
            .as_str()
            .is_some_and(|p| p.contains("damaged")),
        "{report}"
    );

    let nowhere = w.sibling("absent.db");
    let run = nowhere.run(&["doctor"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(run.stdout.contains("there is no journal at"), "{run:#?}");
    assert!(!nowhere.db.exists(), "doctor does not create a journal");
}

#[test]
fn doctor_warns_about_a_synced_folder_with_advice_but_stays_healthy() {
    let outer = World::new();
    for (folder, service) in [("Dropbox", "Dropbox"), ("shared", "Syncthing")] {
        let dir = outer.path(folder);
        std::fs::create_dir_all(&dir).expect("mkdir");
        if service == "Syncthing" {
            std::fs::create_dir_all(dir.join(".stfolder")).expect("marker");
        }
        let w = World {
            dir: TempDir::new_in(outer.dir.path()).expect("a temp dir"),
            db: dir.join("notes").join("journal.db"),
        };
        w.run(&["person", "add", "Dana"]).ok();
        let run = w.run(&["doctor", "--json"]);
        assert_eq!(run.code, 0, "{run:#?}");
        let report: Value = serde_json::from_str(&run.stdout).expect("JSON");
        assert_eq!(report["synced_folder"]["service"], service);
        let warning = report["warnings"][0].as_str().unwrap_or_default();
        assert!(
            warning.contains("-wal") && warning.contains("rapport backup --out"),
            "{warning}"
        );
    }
}
