//! The plain commands end to end: the real binary against temporary journals,
//! checking exit codes (0 ok, 1 runtime, 2 usage), the data on stdout and the
//! messages on stderr.
//!
//! Every run has a fixed today (`RAPPORT_TODAY=2026-11-24`, a Tuesday) and a
//! private home, data and config directory, so nothing touches the real ones.

use std::borrow::BorrowMut;
use std::ffi::OsStr;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;
use tempfile::TempDir;

const TODAY: &str = "2026-11-24";

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

    /// Asserts success and returns stdout.
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

    /// Asserts a runtime error (exit 1) with nothing on stdout; returns stderr.
    fn runtime_error(self) -> String {
        assert_eq!(self.code, 1, "expected a runtime error: {self:#?}");
        assert_eq!(self.stdout, "", "a failed command prints no data");
        self.stderr
    }
}

/// A private world for the binary: a home, data and config directory, and a
/// journal path inside a temporary directory.
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
            "person", "add", "Dana", "--role", "Director", "--every", "7",
        ])
        .ok();
        w
    }

    fn home(&self) -> PathBuf {
        self.dir.path().join("home")
    }

    fn data_home(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn config_home(&self) -> PathBuf {
        self.dir.path().join("config")
    }

    /// Where `rapport demo` writes without `--db`.
    fn default_demo(&self) -> PathBuf {
        self.data_home().join("rapport").join("demo.db")
    }

    /// The journal used without `--db` or `RAPPORT_DB`.
    fn default_journal(&self) -> PathBuf {
        self.data_home().join("rapport").join("journal.db")
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The binary with a clean environment and no `--db`.
    fn bare_command<I, S>(&self, args: I) -> Command
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_rapport"));
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.home())
            .env("XDG_DATA_HOME", self.data_home())
            .env("XDG_CONFIG_HOME", self.config_home())
            .env("RAPPORT_TODAY", TODAY)
            .current_dir(self.dir.path())
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        cmd
    }

    /// The binary on this world's journal.
    fn command<I, S>(&self, args: I) -> Command
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut cmd = self.bare_command(args);
        cmd.arg("--db").arg(&self.db);
        cmd
    }

    fn run(&self, args: &[&str]) -> Run {
        exec(self.command(args))
    }

    fn run_with_stdin(&self, args: &[&str], input: &[u8]) -> Run {
        exec_with_stdin(self.command(args), input)
    }

    /// `log …` that must succeed; returns the new id.
    fn log(&self, args: &[&str]) -> i64 {
        let mut full = vec!["log"];
        full.extend_from_slice(args);
        id_from(&self.run(&full).ok())
    }

    /// `show ID --json`, parsed.
    fn show(&self, id: i64) -> Value {
        let out = self.run(&["show", &id.to_string(), "--json"]).ok();
        serde_json::from_str(&out).expect("show --json prints JSON")
    }

    /// `list --json` with extra filters, parsed.
    fn list_json(&self, filters: &[&str]) -> Vec<Value> {
        let mut full = vec!["list", "--json"];
        full.extend_from_slice(filters);
        let out = self.run(&full).ok();
        match serde_json::from_str(&out).expect("list --json prints JSON") {
            Value::Array(items) => items,
            other => panic!("list --json is not an array: {other}"),
        }
    }

    /// The ids `list --json` gives with these filters, in order.
    fn list_ids(&self, filters: &[&str]) -> Vec<i64> {
        self.list_json(filters)
            .iter()
            .map(|e| e["id"].as_i64().expect("an entry has a numeric id"))
            .collect()
    }

    fn people_json(&self, extra: &[&str]) -> Vec<Value> {
        let mut full = vec!["person", "list", "--json"];
        full.extend_from_slice(extra);
        let out = self.run(&full).ok();
        match serde_json::from_str(&out).expect("person list --json prints JSON") {
            Value::Array(items) => items,
            other => panic!("person list --json is not an array: {other}"),
        }
    }

    fn topics_json(&self, extra: &[&str]) -> Vec<Value> {
        let mut full = vec!["topic", "list", "--json"];
        full.extend_from_slice(extra);
        let out = self.run(&full).ok();
        match serde_json::from_str(&out).expect("topic list --json prints JSON") {
            Value::Array(items) => items,
            other => panic!("topic list --json is not an array: {other}"),
        }
    }
}

/// Runs a command (owned, or borrowed after `.env(…)`) to its end.
fn exec(mut cmd: impl BorrowMut<Command>) -> Run {
    Run::from_output(cmd.borrow_mut().output().expect("the binary runs"))
}

fn exec_with_stdin(mut cmd: Command, input: &[u8]) -> Run {
    cmd.stdin(Stdio::piped());
    let mut child = cmd.spawn().expect("the binary runs");
    let mut stdin = child.stdin.take().expect("stdin is piped");
    // Written from a thread so a large input cannot deadlock against full output pipes.
    let input = input.to_vec();
    let writer = std::thread::spawn(move || {
        // The binary may exit without reading; a broken pipe is not the test's failure.
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().expect("the binary finishes");
    writer.join().expect("the writer thread finishes");
    Run::from_output(out)
}

fn id_from(stdout: &str) -> i64 {
    let line = stdout.trim_end_matches('\n');
    assert!(!line.contains('\n'), "expected one line, got {stdout:?}");
    line.parse()
        .unwrap_or_else(|_| panic!("expected an id on stdout, got {stdout:?}"))
}

fn names(people: &[Value]) -> Vec<&str> {
    people
        .iter()
        .map(|p| p["name"].as_str().expect("a person has a name"))
        .collect()
}

fn current_name(people: &[Value]) -> Vec<&str> {
    people
        .iter()
        .filter(|p| p["is_current"] == Value::Bool(true))
        .map(|p| p["name"].as_str().expect("a person has a name"))
        .collect()
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn s(p: &Path) -> &str {
    p.to_str().expect("temp paths are UTF-8")
}

// ---------------------------------------------------------------- log

#[test]
fn log_prints_only_the_new_id_on_stdout_and_a_message_on_stderr() {
    let w = World::with_manager();
    let run = w.run(&["log", "coffee", "-q", "5", "Coffee walk"]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert_eq!(run.stdout, "1\n");
    assert!(run.stderr.contains("logged coffee with Dana"), "{run:#?}");
    let second = w.log(&["meal", "Dinner"]);
    assert_eq!(second, 2);
}

#[test]
fn log_without_a_manager_says_to_add_one_first() {
    let w = World::new();
    let err = w.run(&["log", "coffee", "Coffee"]).usage_error();
    assert!(
        err.contains("rapport person add NAME --current"),
        "the message says how to fix it: {err}"
    );
    // Nothing was stored, and listing still works.
    assert_eq!(w.list_ids(&[]), Vec::<i64>::new());
}

#[test]
fn log_defaults_to_today_me_the_current_manager_and_no_extras() {
    let w = World::with_manager();
    let id = w.log(&["chat", "Hallway chat"]);
    let e = w.show(id);
    assert_eq!(e["happened_on"], TODAY);
    assert_eq!(e["initiated_by"], "me");
    assert_eq!(e["person"], "Dana");
    assert_eq!(e["kind"], "chat");
    assert_eq!(e["category"], "informal");
    assert_eq!(e["title"], "Hallway chat");
    assert_eq!(e["time"], Value::Null);
    assert_eq!(e["minutes"], Value::Null);
    assert_eq!(e["quality"], Value::Null);
    assert_eq!(e["notes"], "");
    assert_eq!(e["tags"], serde_json::json!([]));
    assert_eq!(e["advice_loop"], Value::Null);
}

#[test]
fn log_stores_every_flag() {
    let w = World::with_manager();
    w.run(&["person", "add", "Sam Whitfield"]).ok();
    let id = w.log(&[
        "one_on_one",
        "Roadmap and hiring",
        "--date",
        "2026-11-20",
        "--time",
        "9:05",
        "--minutes",
        "45",
        "-q",
        "4",
        "--by",
        "them",
        "--with",
        "sam whitfield",
        "--tag",
        "hiring",
        "--tag",
        "roadmap,#q3, growth",
        "-t",
        "hiring",
        "--notes",
        "She picked the hiring topic.",
    ]);
    let e = w.show(id);
    assert_eq!(e["id"], id);
    assert_eq!(e["kind"], "one_on_one");
    assert_eq!(e["category"], "formal");
    assert_eq!(e["happened_on"], "2026-11-20");
    assert_eq!(e["time"], "09:05");
    assert_eq!(e["minutes"], 45);
    assert_eq!(e["quality"], 4);
    assert_eq!(e["initiated_by"], "them");
    assert_eq!(e["person"], "Sam Whitfield");
    assert_eq!(e["title"], "Roadmap and hiring");
    assert_eq!(e["notes"], "She picked the hiring topic.");
    let mut tags: Vec<&str> = e["tags"]
        .as_array()
        .expect("tags are an array")
        .iter()
        .map(|t| t.as_str().expect("a tag is a string"))
        .collect();
    tags.sort_unstable();
    assert_eq!(tags, ["growth", "hiring", "q3", "roadmap"]);
}

#[test]
fn log_dates_accept_relative_forms_counted_from_today() {
    let w = World::with_manager();
    // 2026-11-24 is a Tuesday; a weekday name means the most recent one before today.
    let cases = [
        ("today", "2026-11-24"),
        ("yesterday", "2026-11-23"),
        ("-3d", "2026-11-21"),
        ("3 days ago", "2026-11-21"),
        ("friday", "2026-11-20"),
        ("Mon", "2026-11-23"),
        ("tuesday", "2026-11-17"),
        ("2024-02-29", "2024-02-29"),
    ];
    for (input, expected) in cases {
        let id = w.log(&["chat", &format!("on {input}"), "-d", input]);
        assert_eq!(w.show(id)["happened_on"], expected, "--date {input}");
    }
}

#[test]
fn log_refuses_impossible_dates_naming_the_input() {
    let w = World::with_manager();
    for bad in ["2026-02-30", "2026-13-01", "2026-00-10", "someday", "+3d"] {
        let err = w.run(&["log", "chat", "x", "--date", bad]).usage_error();
        assert!(err.contains(bad), "the message names `{bad}`: {err}");
    }
    let err = w
        .run(&["log", "chat", "x", "--date", "2026-02-30"])
        .usage_error();
    assert!(err.contains("28 days"), "it says why: {err}");
    let err = w
        .run(&["log", "chat", "x", "--date", "2026-13-01"])
        .usage_error();
    assert!(err.contains("month"), "it says why: {err}");
    assert_eq!(w.list_ids(&[]), Vec::<i64>::new(), "nothing was logged");
}

#[test]
fn log_refuses_bad_times_and_minutes() {
    let w = World::with_manager();
    for bad in ["25:00", "10:60", "noon", "10", "+1:00"] {
        let err = w.run(&["log", "chat", "x", "--time", bad]).usage_error();
        assert!(err.contains(bad), "the message names `{bad}`: {err}");
    }
    for bad in ["0", "1441", "-5", "ten"] {
        w.run(&["log", "chat", "x", "--minutes", bad]).usage_error();
    }
    assert_eq!(w.list_ids(&[]), Vec::<i64>::new(), "nothing was logged");
}

#[test]
fn log_refuses_quality_outside_one_to_five() {
    let w = World::with_manager();
    for bad in ["0", "6", "-1", "4.5", "good"] {
        let err = w.run(&["log", "coffee", "x", "-q", bad]).usage_error();
        assert!(err.contains(bad), "the message names `{bad}`: {err}");
    }
    assert_eq!(w.list_ids(&[]), Vec::<i64>::new(), "nothing was logged");
}

#[test]
fn log_refuses_a_quality_on_a_note() {
    let w = World::with_manager();
    let err = w
        .run(&["log", "note", "Felt anxious", "-q", "3"])
        .usage_error();
    assert!(err.contains("no quality"), "{err}");
    // Without a quality the note is fine.
    let id = w.log(&["note", "Felt anxious"]);
    assert_eq!(w.show(id)["category"], "note");
}

#[test]
fn log_with_an_unknown_kind_lists_the_known_ones() {
    let w = World::with_manager();
    let err = w.run(&["log", "party", "x"]).usage_error();
    assert!(err.contains("party"), "{err}");
    for known in [
        "one_on_one",
        "meal",
        "coffee",
        "chat",
        "advice",
        "summary",
        "feedback",
        "note",
    ] {
        assert!(err.contains(known), "lists `{known}`: {err}");
    }
    assert!(err.contains("rapport kind add"), "{err}");
}

#[test]
fn log_kind_aliases_map_to_the_builtin_kinds() {
    let w = World::with_manager();
    for (alias, kind) in [
        ("1on1", "one_on_one"),
        ("1:1", "one_on_one"),
        ("dinner", "meal"),
        ("lunch", "meal"),
        ("COFFEE", "coffee"),
    ] {
        let id = w.log(&[alias, "x"]);
        assert_eq!(w.show(id)["kind"], kind, "{alias}");
    }
}

#[test]
fn log_with_an_unknown_person_lists_the_known_ones() {
    let w = World::with_manager();
    w.run(&["person", "add", "Sam"]).ok();
    let err = w
        .run(&["log", "coffee", "x", "--with", "Zed"])
        .usage_error();
    assert!(err.contains("Zed"), "{err}");
    assert!(err.contains("Dana") && err.contains("Sam"), "{err}");
}

#[test]
fn log_refuses_a_tag_with_a_space() {
    let w = World::with_manager();
    let err = w
        .run(&["log", "coffee", "x", "--tag", "two words"])
        .usage_error();
    assert!(err.contains("two words"), "{err}");
}

#[test]
fn log_reads_notes_from_standard_input_with_notes_dash() {
    let w = World::with_manager();
    let notes = "line one\nline two\twith a tab\n\u{1b}[1mbold\u{1b}[0m 🙂\n";
    let run = w.run_with_stdin(&["log", "coffee", "x", "--notes", "-"], notes.as_bytes());
    let id = id_from(&run.ok());
    assert_eq!(w.show(id)["notes"], notes);
}

#[test]
fn log_refuses_notes_on_standard_input_that_are_not_utf8() {
    let w = World::with_manager();
    let err = w
        .run_with_stdin(&["log", "coffee", "x", "--notes", "-"], b"caf\xe9 \xff")
        .usage_error();
    assert!(err.contains("UTF-8"), "{err}");
    assert_eq!(w.list_ids(&[]), Vec::<i64>::new());
}

#[test]
fn log_reads_notes_from_a_file() {
    let w = World::with_manager();
    let file = w.path("notes.md");
    std::fs::write(&file, "# Notes\n\n- one\n- two\n").expect("write notes");
    let id = w.log(&["coffee", "x", "--notes-file", s(&file)]);
    assert_eq!(w.show(id)["notes"], "# Notes\n\n- one\n- two\n");
}

#[test]
fn log_stores_a_one_megabyte_notes_file_exactly() {
    let w = World::with_manager();
    let pattern = "Plain words, 会議の記録, emoji 👩‍💻🎉, a tab\there, CRLF\r\n\u{1b}[31mred\u{1b}[0m \u{7} ' \" ; -- \\ %\n";
    let mut notes = String::new();
    while notes.len() < 1 << 20 {
        notes.push_str(pattern);
    }
    let file = w.path("big.txt");
    std::fs::write(&file, &notes).expect("write notes");
    let id = w.log(&["one_on_one", "Long one", "--notes-file", s(&file)]);
    let stored = w.show(id)["notes"]
        .as_str()
        .expect("notes are a string")
        .to_string();
    assert_eq!(stored.len(), notes.len());
    assert!(stored.as_bytes() == read(&file).as_slice(), "byte for byte");
    // The plain view shows it without driving the terminal.
    let shown = w.run(&["show", &id.to_string()]).ok();
    assert!(!shown.contains('\u{1b}') && !shown.contains('\u{7}'));
}

#[test]
fn log_refuses_a_notes_file_that_is_not_utf8() {
    let w = World::with_manager();
    let file = w.path("latin1.txt");
    std::fs::write(&file, b"Caf\xe9 au lait, \xff\xfe").expect("write notes");
    let err = w
        .run(&["log", "coffee", "x", "--notes-file", s(&file)])
        .usage_error();
    assert!(err.contains("not UTF-8"), "{err}");
    assert!(err.contains(s(&file)), "names the file: {err}");
    assert_eq!(w.list_ids(&[]), Vec::<i64>::new(), "nothing was logged");
}

#[test]
fn log_refuses_a_missing_notes_file_naming_it() {
    let w = World::with_manager();
    let file = w.path("nope.txt");
    let err = w
        .run(&["log", "coffee", "x", "--notes-file", s(&file)])
        .usage_error();
    assert!(err.contains(s(&file)), "{err}");
}

#[test]
fn log_refuses_notes_and_a_notes_file_together() {
    let w = World::with_manager();
    let file = w.path("n.txt");
    std::fs::write(&file, "x").expect("write notes");
    w.run(&[
        "log",
        "coffee",
        "x",
        "--notes",
        "y",
        "--notes-file",
        s(&file),
    ])
    .usage_error();
}

#[test]
fn log_advice_with_a_strength_opens_an_advice_loop() {
    let w = World::with_manager();
    let id = w.log(&[
        "advice",
        "How should I pitch the pricing migration?",
        "--strength",
        "  negotiating with finance ",
    ]);
    let e = w.show(id);
    assert_eq!(e["category"], "ask");
    let advice = &e["advice_loop"];
    assert_eq!(
        advice["question"],
        "How should I pitch the pricing migration?"
    );
    assert_eq!(advice["strength"], "negotiating with finance");
    assert_eq!(advice["reported_on"], Value::Null);
    let plain = w.run(&["show", &id.to_string()]).ok();
    assert!(plain.contains("awaiting your report-back"), "{plain}");
    assert!(plain.contains("negotiating with finance"), "{plain}");
}

#[test]
fn strength_on_a_kind_that_is_not_an_ask_is_refused_not_dropped() {
    let w = World::with_manager();
    let err = w
        .run(&["log", "coffee", "Coffee", "--strength", "finance"])
        .usage_error();
    assert!(
        err.contains("--strength") && err.contains("coffee"),
        "{err}"
    );
    assert_eq!(w.list_ids(&[]), Vec::<i64>::new(), "nothing was logged");

    let coffee = w.log(&["coffee", "Coffee"]).to_string();
    w.run(&["edit", &coffee, "--strength", "finance"])
        .usage_error();
    // Turning it into an ask while naming the strength is fine.
    w.run(&["edit", &coffee, "--kind", "advice", "--strength", "finance"])
        .ok();
    let advice = &w.show(coffee.parse().expect("an id"))["advice_loop"];
    assert_eq!(advice["strength"], "finance");
    let ask = w.log(&["advice", "How?"]).to_string();
    w.run(&["edit", &ask, "--kind", "chat", "--strength", "x"])
        .usage_error();
    w.run(&["edit", &ask, "--strength", "hiring"]).ok();
    assert_eq!(
        w.show(ask.parse().expect("an id"))["advice_loop"]["strength"],
        "hiring"
    );
}

// ---------------------------------------------------------------- list

/// Five entries over two people, with tags, notes and every category but update.
fn listed_world() -> (World, [i64; 5]) {
    let w = World::with_manager();
    w.run(&["person", "add", "Sam"]).ok();
    let one_on_one = w.log(&[
        "one_on_one",
        "Roadmap and hiring",
        "-d",
        "2026-11-17",
        "-q",
        "4",
        "-t",
        "hiring",
    ]);
    let coffee = w.log(&[
        "coffee",
        "Coffee walk",
        "-d",
        "yesterday",
        "-q",
        "5",
        "-t",
        "informal",
    ]);
    let advice = w.log(&[
        "advice",
        "How to pitch pricing",
        "-d",
        "-3d",
        "--strength",
        "finance",
    ]);
    let feedback = w.log(&[
        "feedback",
        "Be more direct",
        "-d",
        "2026-11-01",
        "--with",
        "Sam",
        "-t",
        "growth,hiring",
    ]);
    let note = w.log(&["note", "Reflection", "--notes", "the zebra crossing idea"]);
    (w, [one_on_one, coffee, advice, feedback, note])
}

#[test]
fn list_shows_entries_newest_first() {
    let (w, [one_on_one, coffee, advice, feedback, note]) = listed_world();
    assert_eq!(
        w.list_ids(&[]),
        vec![note, coffee, advice, one_on_one, feedback]
    );
    let plain = w.run(&["list"]).ok();
    let lines: Vec<&str> = plain.lines().collect();
    assert_eq!(lines.len(), 5, "{plain}");
    assert!(lines[0].contains("Reflection") && lines[0].contains(TODAY));
    assert!(lines[1].contains("Coffee walk") && lines[1].contains("●●●●●"));
    assert!(lines[4].contains("Sam") && lines[4].contains("2026-11-01"));
}

#[test]
fn list_json_entries_carry_every_documented_field() {
    let (w, [one_on_one, ..]) = listed_world();
    let entries = w.list_json(&[]);
    assert_eq!(entries.len(), 5);
    for e in &entries {
        let obj = e.as_object().expect("each entry is an object");
        for key in [
            "id",
            "kind",
            "category",
            "happened_on",
            "time",
            "quality",
            "initiated_by",
            "title",
            "notes",
            "person",
            "tags",
        ] {
            assert!(obj.contains_key(key), "missing `{key}` in {e}");
        }
    }
    let e = entries
        .iter()
        .find(|e| e["id"] == one_on_one)
        .expect("the 1:1 is listed");
    assert_eq!(e["kind"], "one_on_one");
    assert_eq!(e["category"], "formal");
    assert_eq!(e["happened_on"], "2026-11-17");
    assert_eq!(e["quality"], 4);
    assert_eq!(e["person"], "Dana");
    assert_eq!(e["tags"], serde_json::json!(["hiring"]));
}

#[test]
fn list_filters_by_kind_and_category() {
    let (w, [one_on_one, coffee, advice, feedback, note]) = listed_world();
    assert_eq!(w.list_ids(&["--kind", "coffee"]), vec![coffee]);
    assert_eq!(w.list_ids(&["--kind", "1on1"]), vec![one_on_one]);
    assert_eq!(w.list_ids(&["--category", "informal"]), vec![coffee]);
    assert_eq!(w.list_ids(&["--category", "ask"]), vec![advice]);
    assert_eq!(w.list_ids(&["--category", "Feedback"]), vec![feedback]);
    assert_eq!(w.list_ids(&["--category", "note"]), vec![note]);
    assert_eq!(w.list_ids(&["--category", "update"]), Vec::<i64>::new());
    let err = w.run(&["list", "--kind", "party"]).usage_error();
    assert!(err.contains("party") && err.contains("coffee"), "{err}");
    let err = w.run(&["list", "--category", "party"]).usage_error();
    assert!(err.contains("party") && err.contains("informal"), "{err}");
}

#[test]
fn list_filters_by_person_and_tag() {
    let (w, [one_on_one, _, _, feedback, _]) = listed_world();
    assert_eq!(w.list_ids(&["--with", "Sam"]), vec![feedback]);
    assert_eq!(w.list_ids(&["--with", "dana"]).len(), 4);
    assert_eq!(w.list_ids(&["--tag", "hiring"]), vec![one_on_one, feedback]);
    assert_eq!(w.list_ids(&["-t", "growth"]), vec![feedback]);
    assert_eq!(w.list_ids(&["--tag", "nothing"]), Vec::<i64>::new());
    let err = w.run(&["list", "--with", "Zed"]).usage_error();
    assert!(err.contains("Zed") && err.contains("Dana"), "{err}");
}

#[test]
fn list_filters_by_day_range() {
    let (w, [one_on_one, coffee, advice, feedback, note]) = listed_world();
    assert_eq!(
        w.list_ids(&["--since", "-7d"]),
        vec![note, coffee, advice, one_on_one]
    );
    assert_eq!(w.list_ids(&["--since", "yesterday"]), vec![note, coffee]);
    assert_eq!(
        w.list_ids(&["--until", "2026-11-17"]),
        vec![one_on_one, feedback]
    );
    assert_eq!(
        w.list_ids(&["--since", "2026-11-02", "--until", "friday"]),
        vec![one_on_one]
    );
    let err = w.run(&["list", "--since", "2026-02-30"]).usage_error();
    assert!(err.contains("2026-02-30"), "{err}");
    let err = w.run(&["list", "--until", "2026-13-01"]).usage_error();
    assert!(err.contains("2026-13-01"), "{err}");
}

#[test]
fn list_searches_titles_notes_and_tags() {
    let (w, [one_on_one, coffee, _, feedback, note]) = listed_world();
    assert_eq!(w.list_ids(&["--search", "zebra"]), vec![note]);
    assert_eq!(w.list_ids(&["--search", "road"]), vec![one_on_one]);
    assert_eq!(w.list_ids(&["-s", "COFFEE walk"]), vec![coffee]);
    assert_eq!(w.list_ids(&["--search", "growth"]), vec![feedback]);
    assert_eq!(
        w.list_ids(&["--search", "nothing-like-it"]),
        Vec::<i64>::new()
    );
    // Search syntax characters are just text.
    w.list_ids(&["--search", "\"*) OR NEAR( -"]);
    let run = w.run(&["list", "--search", "nothing-like-it"]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("no entries match"), "{run:#?}");
}

#[test]
fn list_limit_keeps_the_newest() {
    let (w, [_, coffee, _, _, note]) = listed_world();
    assert_eq!(w.list_ids(&["--limit", "2"]), vec![note, coffee]);
    assert_eq!(w.run(&["list", "-n", "1"]).ok().lines().count(), 1);
    w.run(&["list", "--limit", "-1"]).usage_error();
    w.run(&["list", "--limit", "many"]).usage_error();
}

#[test]
fn list_limit_of_zero_is_a_usage_error() {
    let (w, _) = listed_world();
    let err = w.run(&["list", "--limit", "0"]).usage_error();
    assert!(err.contains('0'), "{err}");
}

#[test]
fn list_limit_pages_past_five_hundred() {
    let w = World::with_manager();
    // More than one page of the store's 500, without 600 process runs: write them directly.
    {
        let conn = rusqlite::Connection::open(&w.db).expect("open the journal");
        conn.execute_batch(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 600)
             INSERT INTO interaction (person_id, kind_id, happened_on, initiated_by, title, notes,
                                      created_at, updated_at)
             SELECT (SELECT id FROM person), (SELECT id FROM kind WHERE name = 'chat'),
                    date('2026-11-24', '-' || i || ' days'), 'me', 'chat ' || i, '',
                    '2026-11-24T09:00:00.000Z', '2026-11-24T09:00:00.000Z'
               FROM n;",
        )
        .expect("insert entries");
    }
    let ids = w.list_ids(&["--limit", "550"]);
    assert_eq!(ids.len(), 550);
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), 550, "no entry twice across pages");
    assert_eq!(w.list_ids(&["--limit", "1000"]).len(), 600);
    assert_eq!(w.run(&["list"]).ok().lines().count(), 50, "default limit");
}

#[test]
fn list_on_an_empty_journal_says_how_to_start() {
    let w = World::with_manager();
    let run = w.run(&["list"]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("rapport log"), "{run:#?}");
    assert_eq!(w.run(&["list", "--json"]).ok().trim(), "[]");
}

// ---------------------------------------------------------------- text kept exactly

#[test]
fn control_characters_and_sql_in_a_title_are_stored_exactly_and_shown_sanitised() {
    let w = World::with_manager();
    let title = "\u{1b}[31mred\u{1b}[0m\u{7}\ttab\nnext'); DROP TABLE interaction; --";
    let notes = "\u{1b}]0;pwned\u{7}\u{1b}[2J\r\nbye";
    let id = w.log(&["coffee", title, "--notes", notes, "-t", "x'--"]);
    let entries = w.list_json(&[]);
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["title"], title, "stored exactly");
    assert_eq!(entries[0]["notes"], notes, "stored exactly");
    assert_eq!(entries[0]["tags"], serde_json::json!(["x'--"]));

    let plain = w.run(&["list"]).ok();
    assert_eq!(plain.lines().count(), 1, "one line per entry: {plain:?}");
    for raw in ['\u{1b}', '\u{7}', '\t', '\r'] {
        assert!(!plain.contains(raw), "raw {raw:?} in list: {plain:?}");
    }
    assert!(plain.contains("␛[31mred"), "{plain:?}");
    assert!(plain.contains("DROP TABLE interaction"), "{plain:?}");

    let shown = w.run(&["show", &id.to_string()]).ok();
    for raw in ['\u{1b}', '\u{7}', '\r'] {
        assert!(!shown.contains(raw), "raw {raw:?} in show: {shown:?}");
    }
    // The table is still there: a later write and read work.
    w.log(&["chat", "after"]);
    assert_eq!(w.list_ids(&[]).len(), 2);
}

#[test]
fn emoji_and_cjk_are_stored_exactly_and_shown() {
    let w = World::new();
    w.run(&["person", "add", "岡田 美咲"]).ok();
    let title = "会議: 来年の採用計画 👩‍💻🎉 café";
    let notes = "한국어, العربية, e\u{301}, 🇯🇵 and 𝄞";
    let id = w.log(&["one_on_one", title, "--notes", notes, "-t", "採用"]);
    let e = w.show(id);
    assert_eq!(e["title"], title);
    assert_eq!(e["notes"], notes);
    assert_eq!(e["person"], "岡田 美咲");
    assert_eq!(e["tags"], serde_json::json!(["採用"]));
    assert_eq!(w.list_ids(&["--tag", "採用"]), vec![id]);
    assert_eq!(w.list_ids(&["--with", "岡田 美咲"]), vec![id]);
    let plain = w.run(&["list"]).ok();
    assert!(plain.contains(title), "{plain}");
    let shown = w.run(&["show", &id.to_string()]).ok();
    assert!(shown.contains(title) && shown.contains(notes), "{shown}");
}

// ---------------------------------------------------------------- show

#[test]
fn show_prints_one_entry_in_full() {
    let w = World::with_manager();
    let id = w.log(&[
        "one_on_one",
        "Roadmap",
        "-d",
        "2026-11-20",
        "--time",
        "10:00",
        "--minutes",
        "30",
        "-q",
        "4",
        "--by",
        "them",
        "-t",
        "hiring",
        "--notes",
        "first line\nsecond line",
    ]);
    let out = w.run(&["show", &id.to_string()]).ok();
    assert!(out.starts_with(&format!("#{id}  Roadmap\n")), "{out}");
    for part in [
        "Fri 20 Nov 2026 at 10:00 for 30 min",
        "one_on_one (formal)",
        "with     Dana",
        "●●●●○ 4/5",
        "by them",
        "#hiring",
        "first line\nsecond line",
    ] {
        assert!(out.contains(part), "missing {part:?} in {out}");
    }
    let json = w.show(id);
    assert_eq!(json["title"], "Roadmap");
    assert_eq!(json["version"], 1);
}

#[test]
fn show_of_an_unknown_id_is_a_usage_error() {
    let w = World::with_manager();
    let err = w.run(&["show", "42"]).usage_error();
    assert!(err.contains("42"), "{err}");
    w.run(&["show", "abc"]).usage_error();
    w.run(&["show"]).usage_error();
}

// ---------------------------------------------------------------- edit

#[test]
fn edit_changes_the_given_fields_and_keeps_the_rest() {
    let w = World::with_manager();
    w.run(&["person", "add", "Sam"]).ok();
    let id = w.log(&[
        "one_on_one",
        "Roadmap",
        "-d",
        "2026-11-20",
        "--time",
        "10:00",
        "--minutes",
        "30",
        "-q",
        "4",
        "-t",
        "hiring",
        "--notes",
        "kept",
    ]);
    let before = w.show(id);
    let run = w.run(&[
        "edit",
        &id.to_string(),
        "--title",
        "Roadmap, revised",
        "-q",
        "2",
        "-t",
        "growth",
    ]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.contains(&format!("updated entry {id}")),
        "{run:#?}"
    );
    let after = w.show(id);
    assert_eq!(after["title"], "Roadmap, revised");
    assert_eq!(after["quality"], 2);
    assert_eq!(after["tags"], serde_json::json!(["growth", "hiring"]));
    for same in [
        "kind",
        "happened_on",
        "time",
        "minutes",
        "notes",
        "person",
        "initiated_by",
        "created_at",
    ] {
        assert_eq!(after[same], before[same], "`{same}` kept");
    }
    assert_eq!(after["version"], 2);

    w.run(&[
        "edit",
        &id.to_string(),
        "--kind",
        "coffee",
        "-d",
        "yesterday",
        "--with",
        "Sam",
        "--by",
        "them",
        "--replace-tags",
        "-t",
        "informal",
        "--notes",
        "new notes",
    ])
    .ok();
    let after = w.show(id);
    assert_eq!(after["kind"], "coffee");
    assert_eq!(after["category"], "informal");
    assert_eq!(after["happened_on"], "2026-11-23");
    assert_eq!(after["person"], "Sam");
    assert_eq!(after["initiated_by"], "them");
    assert_eq!(after["tags"], serde_json::json!(["informal"]));
    assert_eq!(after["notes"], "new notes");
    assert_eq!(after["title"], "Roadmap, revised");
    assert_eq!(after["quality"], 2);

    w.run(&["edit", &id.to_string(), "--replace-tags"]).ok();
    assert_eq!(w.show(id)["tags"], serde_json::json!([]));
}

#[test]
fn edit_keeps_an_advice_strength_it_was_not_given() {
    let w = World::with_manager();
    let id = w.log(&["advice", "How to pitch?", "--strength", "finance"]);
    w.run(&["edit", &id.to_string(), "--title", "How to pitch it?"])
        .ok();
    let advice = &w.show(id)["advice_loop"];
    assert_eq!(advice["question"], "How to pitch it?");
    assert_eq!(advice["strength"], "finance");
}

#[test]
fn edit_refuses_bad_input_and_leaves_the_entry_alone() {
    let w = World::with_manager();
    let id = w.log(&["coffee", "Coffee", "-q", "3"]);
    let before = w.show(id);
    let id_text = id.to_string();
    w.run(&["edit", &id_text, "-q", "6"]).usage_error();
    let err = w.run(&["edit", &id_text, "-d", "2026-02-30"]).usage_error();
    assert!(err.contains("2026-02-30"), "{err}");
    let err = w.run(&["edit", &id_text, "--kind", "party"]).usage_error();
    assert!(err.contains("party"), "{err}");
    let err = w.run(&["edit", &id_text, "--kind", "note"]).usage_error();
    assert!(err.contains("no quality"), "{err}");
    let err = w.run(&["edit", &id_text, "--with", "Zed"]).usage_error();
    assert!(err.contains("Zed"), "{err}");
    assert_eq!(w.show(id), before, "unchanged, version included");
    let err = w.run(&["edit", "999", "--title", "x"]).usage_error();
    assert!(err.contains("999"), "{err}");
}

// ---------------------------------------------------------------- rm and undo

#[test]
fn rm_hides_an_entry_and_undo_brings_it_back_unchanged() {
    let w = World::with_manager();
    let keep = w.log(&["chat", "Keep"]);
    let id = w.log(&[
        "coffee",
        "Coffee walk",
        "-q",
        "5",
        "-t",
        "informal",
        "--notes",
        "notes",
    ]);
    let before = w.show(id);
    let run = w.run(&["rm", &id.to_string()]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("rapport undo"), "{run:#?}");
    assert_eq!(w.list_ids(&[]), vec![keep]);
    w.run(&["show", &id.to_string()]).usage_error();
    w.run(&["rm", &id.to_string()]).usage_error();

    let run = w.run(&["undo"]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert_eq!(id_from(&run.stdout), id);
    assert_eq!(w.show(id), before);
    assert_eq!(w.list_ids(&[]), vec![id, keep]);

    let err = w.run(&["undo"]).runtime_error();
    assert!(err.contains("nothing to undo"), "{err}");
}

#[test]
fn undo_restores_the_most_recently_deleted_first() {
    let w = World::with_manager();
    let a = w.log(&["chat", "a"]);
    let b = w.log(&["chat", "b"]);
    w.run(&["rm", &b.to_string()]).ok();
    w.run(&["rm", &a.to_string()]).ok();
    assert_eq!(id_from(&w.run(&["undo"]).ok()), a);
    assert_eq!(id_from(&w.run(&["undo"]).ok()), b);
}

#[test]
fn undo_with_nothing_deleted_is_a_runtime_error() {
    let w = World::with_manager();
    let err = w.run(&["undo"]).runtime_error();
    assert!(err.contains("nothing to undo"), "{err}");
}

#[test]
fn rm_of_an_unknown_id_is_a_usage_error() {
    let w = World::with_manager();
    let err = w.run(&["rm", "7"]).usage_error();
    assert!(err.contains('7'), "{err}");
}

// ---------------------------------------------------------------- person

#[test]
fn the_first_person_added_becomes_the_current_manager() {
    let w = World::new();
    let run = w.run(&[
        "person",
        "add",
        "Dana Okafor",
        "--role",
        "Director",
        "--strength",
        "finance",
        "--strength",
        "hiring",
        "--every",
        "7",
    ]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert_eq!(id_from(&run.stdout), 1);
    assert!(run.stderr.contains("current manager"), "{run:#?}");
    w.run(&["person", "add", "Sam"]).ok();
    let people = w.people_json(&[]);
    assert_eq!(names(&people), ["Dana Okafor", "Sam"]);
    assert_eq!(current_name(&people), ["Dana Okafor"]);
    let dana = &people[0];
    assert_eq!(dana["role"], "Director");
    assert_eq!(dana["strengths"], serde_json::json!(["finance", "hiring"]));
    assert_eq!(dana["cadence_days"], 7);
    assert_eq!(dana["next_one_on_one"], Value::Null);
    assert_eq!(dana["archived"], false);
    assert_eq!(people[1]["cadence_days"], Value::Null);

    let plain = w.run(&["person", "list"]).ok();
    assert!(plain.starts_with("* Dana Okafor"), "{plain}");
    assert!(plain.contains("1:1 every 7 days"), "{plain}");
    assert!(plain.contains("strengths: finance; hiring"), "{plain}");
}

#[test]
fn person_add_current_switches_the_manager() {
    let w = World::with_manager();
    w.run(&["person", "add", "Sam", "--current"]).ok();
    assert_eq!(current_name(&w.people_json(&[])), ["Sam"]);
    let id = w.log(&["coffee", "with the new manager"]);
    assert_eq!(w.show(id)["person"], "Sam");
}

#[test]
fn person_set_current_switches_the_manager_back() {
    let w = World::with_manager();
    w.run(&["person", "add", "Sam", "--current"]).ok();
    w.run(&["person", "set", "dana", "--current"]).ok();
    let people = w.people_json(&[]);
    assert_eq!(current_name(&people), ["Dana"]);
    assert_eq!(names(&people), ["Dana", "Sam"], "current first");
}

#[test]
fn person_set_changes_only_the_given_fields() {
    let w = World::with_manager();
    w.run(&[
        "person",
        "set",
        "Dana",
        "--role",
        "VP",
        "--every",
        "14",
        "--strength",
        "strategy",
    ])
    .ok();
    let dana = &w.people_json(&[])[0];
    assert_eq!(dana["role"], "VP");
    assert_eq!(dana["cadence_days"], 14);
    assert_eq!(dana["strengths"], serde_json::json!(["strategy"]));
    assert_eq!(dana["is_current"], true);

    w.run(&["person", "set", "Dana", "--name", "Dana Okafor"])
        .ok();
    let dana = &w.people_json(&[])[0];
    assert_eq!(dana["name"], "Dana Okafor");
    assert_eq!(dana["role"], "VP", "kept");
    assert_eq!(dana["cadence_days"], 14, "kept");
}

#[test]
fn person_set_next_one_on_one_looks_ahead() {
    let w = World::with_manager();
    // Today is Tuesday 2026-11-24.
    for (input, expected) in [
        ("friday", "2026-11-27"),
        ("tuesday", "2026-12-01"),
        ("tomorrow", "2026-11-25"),
        ("+3d", "2026-11-27"),
        ("in 3 days", "2026-11-27"),
        ("2026-12-10", "2026-12-10"),
    ] {
        w.run(&["person", "set", "Dana", "--next-1on1", input]).ok();
        assert_eq!(
            w.people_json(&[])[0]["next_one_on_one"],
            expected,
            "--next-1on1 {input}"
        );
    }
    w.run(&["person", "set", "Dana", "--clear-next"]).ok();
    assert_eq!(w.people_json(&[])[0]["next_one_on_one"], Value::Null);
    for bad in ["yesterday", "2026-02-30", "-3d"] {
        let err = w
            .run(&["person", "set", "Dana", "--next-1on1", bad])
            .usage_error();
        assert!(err.contains(bad), "names `{bad}`: {err}");
    }
}

#[test]
fn person_set_archive_hides_them_unless_all() {
    let w = World::with_manager();
    w.run(&["person", "add", "Sam"]).ok();
    w.run(&["person", "set", "Sam", "--archive"]).ok();
    assert_eq!(names(&w.people_json(&[])), ["Dana"]);
    let all = w.people_json(&["--all"]);
    assert_eq!(names(&all), ["Dana", "Sam"]);
    assert_eq!(all[1]["archived"], true);
    assert!(
        w.run(&["person", "list", "--all"])
            .ok()
            .contains("Sam (archived)")
    );
    w.run(&["person", "set", "Sam", "--unarchive"]).ok();
    assert_eq!(names(&w.people_json(&[])), ["Dana", "Sam"]);
}

#[test]
fn person_set_of_an_unknown_person_lists_the_known_names() {
    let w = World::with_manager();
    w.run(&["person", "add", "Sam"]).ok();
    let err = w
        .run(&["person", "set", "Zed", "--role", "x"])
        .usage_error();
    assert!(err.contains("Zed"), "{err}");
    assert!(err.contains("Dana") && err.contains("Sam"), "{err}");
}

#[test]
fn person_set_with_nothing_to_change_is_a_usage_error() {
    let w = World::with_manager();
    let err = w.run(&["person", "set", "Dana"]).usage_error();
    assert!(err.contains("nothing to change"), "{err}");
}

#[test]
fn edit_with_nothing_to_change_is_a_usage_error() {
    let w = World::with_manager();
    let id = id_from(&w.run(&["log", "meal", "dinner"]).ok()).to_string();
    let err = w.run(&["edit", &id]).usage_error();
    assert!(err.contains("nothing to change"), "{err}");
    let entry: Value = serde_json::from_str(&w.run(&["show", &id, "--json"]).ok()).expect("json");
    assert_eq!(entry["version"], 1, "the entry was not touched");
}

#[test]
fn person_add_refuses_bad_input() {
    let w = World::with_manager();
    let err = w.run(&["person", "add", "dana"]).usage_error();
    assert!(err.contains("already"), "{err}");
    w.run(&["person", "add", "   "]).usage_error();
    w.run(&["person", "add", "Sam", "--every", "0"])
        .usage_error();
    w.run(&["person", "add", "Sam", "--every", "soon"])
        .usage_error();
    assert_eq!(names(&w.people_json(&["--all"])), ["Dana"]);
}

#[test]
fn person_list_on_an_empty_journal_says_how_to_add_one() {
    let w = World::new();
    let run = w.run(&["person", "list"]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.contains("rapport person add NAME --current"),
        "{run:#?}"
    );
    assert_eq!(w.people_json(&[]), Vec::<Value>::new());
}

// ---------------------------------------------------------------- kind

#[test]
fn kind_list_shows_the_builtin_kinds() {
    let w = World::new();
    let out = w.run(&["kind", "list"]).ok();
    for (kind, category) in [
        ("one_on_one", "formal"),
        ("meal", "informal"),
        ("coffee", "informal"),
        ("chat", "informal"),
        ("advice", "ask"),
        ("summary", "update"),
        ("feedback", "feedback"),
        ("note", "note"),
    ] {
        let line = out
            .lines()
            .find(|l| l.split_whitespace().next() == Some(kind))
            .unwrap_or_else(|| panic!("`{kind}` is listed: {out}"));
        assert!(
            line.contains(category) && line.contains("built in"),
            "{line}"
        );
    }
    let json: Value = serde_json::from_str(&w.run(&["kind", "list", "--json"]).ok()).expect("JSON");
    let kinds = json.as_array().expect("an array");
    assert_eq!(kinds.len(), 8);
    assert!(kinds.iter().all(|k| k["builtin"] == true));
}

#[test]
fn kind_add_makes_a_new_kind_to_log_with() {
    let w = World::with_manager();
    let run = w.run(&["kind", "add", "Walk", "--category", "informal"]);
    assert_eq!(run.code, 0, "{run:#?}");
    id_from(&run.stdout);
    let out = w.run(&["kind", "list"]).ok();
    let line = out
        .lines()
        .find(|l| l.starts_with("walk"))
        .unwrap_or_else(|| panic!("walk is listed: {out}"));
    assert!(
        line.contains("informal") && line.contains("yours"),
        "{line}"
    );
    let id = w.log(&["walk", "Walk around the block", "-q", "4"]);
    assert_eq!(w.show(id)["category"], "informal");
    assert_eq!(w.list_ids(&["--kind", "walk"]), vec![id]);
}

#[test]
fn kind_add_refuses_bad_names_and_categories() {
    let w = World::new();
    let err = w
        .run(&["kind", "add", "long walk", "-c", "informal"])
        .usage_error();
    assert!(err.contains("long walk"), "{err}");
    let err = w.run(&["kind", "add", "walk", "-c", "party"]).usage_error();
    assert!(err.contains("party") && err.contains("informal"), "{err}");
    w.run(&["kind", "add", "walk"]).usage_error();
    let err = w
        .run(&["kind", "add", "coffee", "-c", "informal"])
        .usage_error();
    assert!(err.contains("already"), "{err}");
    let json: Value = serde_json::from_str(&w.run(&["kind", "list", "--json"]).ok()).expect("JSON");
    assert_eq!(json.as_array().map(Vec::len), Some(8), "nothing was added");
}

// ---------------------------------------------------------------- checkin

fn checkins(w: &World) -> Vec<(String, i64, i64, i64, String, Option<i64>)> {
    let conn =
        rusqlite::Connection::open_with_flags(&w.db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("open the journal");
    let mut stmt = conn
        .prepare(
            "SELECT checked_on, trust, clarity, ease, note, person_id FROM checkin ORDER BY id",
        )
        .expect("prepare");
    stmt.query_map([], |r| {
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
        ))
    })
    .expect("query")
    .collect::<Result<_, _>>()
    .expect("rows")
}

#[test]
fn checkin_records_the_three_scores() {
    let w = World::with_manager();
    let run = w.run(&[
        "checkin",
        "--trust",
        "3",
        "--clarity",
        "2",
        "--ease",
        "4",
        "--note",
        "still guessing",
    ]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert_eq!(id_from(&run.stdout), 1);
    assert!(
        run.stderr.contains("trust 3, clarity 2, ease 4"),
        "{run:#?}"
    );
    w.run(&[
        "checkin",
        "--trust",
        "5",
        "--clarity",
        "5",
        "--ease",
        "5",
        "-d",
        "friday",
    ])
    .ok();
    assert_eq!(
        checkins(&w),
        vec![
            (
                TODAY.to_string(),
                3,
                2,
                4,
                "still guessing".to_string(),
                Some(1)
            ),
            ("2026-11-20".to_string(), 5, 5, 5, String::new(), Some(1)),
        ]
    );
}

#[test]
fn checkin_refuses_scores_outside_one_to_five() {
    let w = World::with_manager();
    for (flag, bad) in [
        ("--trust", "0"),
        ("--trust", "6"),
        ("--clarity", "0"),
        ("--clarity", "6"),
        ("--ease", "0"),
        ("--ease", "6"),
    ] {
        let mut args = vec!["checkin", "--trust", "3", "--clarity", "3", "--ease", "3"];
        let at = args
            .iter()
            .position(|a| *a == flag)
            .expect("the flag is there");
        args[at + 1] = bad;
        let err = w.run(&args).usage_error();
        assert!(err.contains(bad), "{flag} {bad}: {err}");
    }
    w.run(&["checkin", "--trust", "3", "--clarity", "3"])
        .usage_error();
    let err = w
        .run(&[
            "checkin",
            "--trust",
            "3",
            "--clarity",
            "3",
            "--ease",
            "3",
            "-d",
            "2026-13-01",
        ])
        .usage_error();
    assert!(err.contains("2026-13-01"), "{err}");
    assert_eq!(checkins(&w), vec![], "nothing was recorded");
}

#[test]
fn checkin_works_before_any_manager_is_added() {
    let w = World::new();
    w.run(&["checkin", "--trust", "2", "--clarity", "2", "--ease", "2"])
        .ok();
    assert_eq!(checkins(&w)[0].5, None);
    let err = w
        .run(&[
            "checkin",
            "--trust",
            "2",
            "--clarity",
            "2",
            "--ease",
            "2",
            "--with",
            "Zed",
        ])
        .usage_error();
    assert!(err.contains("Zed"), "{err}");
}

// ---------------------------------------------------------------- topic

#[test]
fn topic_add_list_done_and_drop() {
    let w = World::with_manager();
    let first = id_from(&w.run(&["topic", "add", "Headcount plan"]).ok());
    let second = id_from(&w.run(&["topic", "add", "On-call rotation"]).ok());
    let third = id_from(&w.run(&["topic", "add", "Offsite"]).ok());

    let out = w.run(&["topic", "list"]).ok();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(lines[0].contains("Headcount plan") && lines[0].contains("Dana"));
    assert!(lines[0].contains(&format!("open since {TODAY}")), "{out}");

    let topics = w.topics_json(&[]);
    assert_eq!(topics.len(), 3);
    assert_eq!(topics[0]["id"], first);
    assert_eq!(topics[0]["text"], "Headcount plan");
    assert_eq!(topics[0]["status"], "open");
    assert_eq!(topics[0]["person"], "Dana");

    let run = w.run(&["topic", "done", &first.to_string()]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(run.stderr.contains("discussed"), "{run:#?}");
    w.run(&["topic", "drop", &second.to_string()]).ok();
    let open: Vec<i64> = w
        .topics_json(&[])
        .iter()
        .map(|t| t["id"].as_i64().expect("an id"))
        .collect();
    assert_eq!(open, vec![third]);

    let all = w.topics_json(&["--all"]);
    assert_eq!(all.len(), 3);
    let status = |id: i64| {
        all.iter()
            .find(|t| t["id"] == id)
            .map(|t| (t["status"].clone(), t["closed_on"].clone()))
    };
    assert_eq!(
        status(first),
        Some((Value::from("discussed"), Value::from(TODAY)))
    );
    assert_eq!(
        status(second),
        Some((Value::from("dropped"), Value::from(TODAY)))
    );
    let plain = w.run(&["topic", "list", "--all"]).ok();
    assert!(plain.contains(&format!("discussed {TODAY}")), "{plain}");
}

#[test]
fn closing_a_topic_twice_is_an_error() {
    let w = World::with_manager();
    let id = id_from(&w.run(&["topic", "add", "Headcount"]).ok()).to_string();
    w.run(&["topic", "done", &id]).ok();
    let err = w.run(&["topic", "done", &id]).usage_error();
    assert!(err.contains("already discussed"), "{err}");
    let err = w.run(&["topic", "drop", &id]).usage_error();
    assert!(err.contains("already discussed"), "{err}");
    let status = &w.topics_json(&["--all"])[0]["status"];
    assert_eq!(status, "discussed", "the first close stands");
}

#[test]
fn topic_commands_refuse_unknown_ids_and_people() {
    let w = World::with_manager();
    let err = w.run(&["topic", "done", "9"]).usage_error();
    assert!(err.contains('9'), "{err}");
    w.run(&["topic", "drop", "9"]).usage_error();
    let err = w.run(&["topic", "add", "x", "--with", "Zed"]).usage_error();
    assert!(err.contains("Zed") && err.contains("Dana"), "{err}");
    w.run(&["topic", "list", "--with", "Zed"]).usage_error();
    w.run(&["topic", "add", "   "]).usage_error();
}

#[test]
fn topic_list_with_a_person_shows_only_theirs() {
    let w = World::with_manager();
    w.run(&["person", "add", "Sam"]).ok();
    w.run(&["topic", "add", "For Dana"]).ok();
    w.run(&["topic", "add", "For Sam", "--with", "Sam"]).ok();
    let sams = w.topics_json(&["--with", "Sam"]);
    assert_eq!(sams.len(), 1);
    assert_eq!(sams[0]["text"], "For Sam");
    assert_eq!(w.topics_json(&[]).len(), 2);
}

#[test]
fn topic_add_without_a_manager_says_to_add_one_first() {
    let w = World::new();
    let err = w.run(&["topic", "add", "Headcount"]).usage_error();
    assert!(err.contains("rapport person add NAME --current"), "{err}");
}

// ---------------------------------------------------------------- advice

#[test]
fn advice_list_and_done_follow_an_ask_to_its_report_back() {
    let w = World::with_manager();
    let ask = w.log(&["advice", "How to pitch pricing?", "--strength", "finance"]);
    let other = w.log(&["advice", "Who to bring in early?"]);
    let out = w.run(&["advice", "list"]).ok();
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(
        out.contains("How to pitch pricing? (draws on: finance)"),
        "{out}"
    );

    let loops: Value =
        serde_json::from_str(&w.run(&["advice", "list", "--json"]).ok()).expect("JSON");
    let ids: Vec<i64> = loops
        .as_array()
        .expect("an array")
        .iter()
        .map(|l| l["interaction_id"].as_i64().expect("an id"))
        .collect();
    assert_eq!(ids.len(), 2);
    assert!(ids.contains(&ask) && ids.contains(&other));

    let run = w.run(&["advice", "done", &ask.to_string(), "--applied"]);
    assert_eq!(run.code, 0, "{run:#?}");
    let advice = &w.show(ask)["advice_loop"];
    assert_eq!(advice["applied"], true);
    assert_eq!(advice["reported_on"], TODAY);

    w.run(&[
        "advice",
        "done",
        &other.to_string(),
        "--not-applied",
        "-d",
        "yesterday",
    ])
    .ok();
    let advice = &w.show(other)["advice_loop"];
    assert_eq!(advice["applied"], false);
    assert_eq!(advice["reported_on"], "2026-11-23");

    let run = w.run(&["advice", "list"]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("no advice asks"), "{run:#?}");
    assert_eq!(w.run(&["advice", "list", "--json"]).ok().trim(), "[]");
}

#[test]
fn advice_done_refuses_what_is_not_an_open_ask() {
    let w = World::with_manager();
    let coffee = w.log(&["coffee", "Coffee"]);
    let err = w
        .run(&["advice", "done", &coffee.to_string()])
        .usage_error();
    assert!(err.contains("not an advice ask"), "{err}");
    w.run(&["advice", "done", "99"]).usage_error();
    let ask = w.log(&["advice", "How?"]).to_string();
    w.run(&["advice", "done", &ask, "--applied", "--not-applied"])
        .usage_error();
    let err = w
        .run(&["advice", "done", &ask, "-d", "2026-02-30"])
        .usage_error();
    assert!(err.contains("2026-02-30"), "{err}");
    assert_eq!(
        w.show(ask.parse().expect("an id"))["advice_loop"]["reported_on"],
        Value::Null
    );
}

// ---------------------------------------------------------------- demo

#[test]
fn demo_writes_a_sample_journal_to_a_new_file() {
    let w = World::new();
    let out = w.path("demo.db");
    let run = exec(w.bare_command(["demo", "--db", s(&out)]));
    assert_eq!(run.code, 0, "{run:#?}");
    assert_eq!(run.stdout.trim_end(), s(&out));
    assert!(run.stderr.contains("rapport --db"), "{run:#?}");

    let list = exec(w.bare_command(["list", "--db", s(&out), "--json", "-n", "1000"])).ok();
    let entries: Vec<Value> = serde_json::from_str(&list).expect("JSON");
    assert!(entries.len() > 50, "a year of entries: {}", entries.len());
    assert!(entries.iter().all(|e| {
        e["happened_on"]
            .as_str()
            .is_some_and(|d| ("2025-11-24"..=TODAY).contains(&d))
    }));
    let plain = exec(w.bare_command(["list", "--db", s(&out)])).ok();
    assert_eq!(plain.lines().count(), 50);
    let people = exec(w.bare_command(["person", "list", "--db", s(&out)])).ok();
    assert!(people.starts_with("* Dana Okafor"), "{people}");
    assert!(
        !w.default_journal().exists(),
        "the real journal is not touched"
    );
}

#[test]
fn demo_without_db_writes_the_default_demo_file_and_can_rewrite_it() {
    let w = World::new();
    let run = exec(w.bare_command(["demo"]));
    assert_eq!(run.code, 0, "{run:#?}");
    assert_eq!(run.stdout.trim_end(), s(&w.default_demo()));
    let first = exec(w.bare_command(["list", "--json", "--db", s(&w.default_demo())])).ok();
    // A second run starts the demo afresh instead of doubling it.
    exec(w.bare_command(["demo"])).ok();
    let second = exec(w.bare_command(["list", "--json", "--db", s(&w.default_demo())])).ok();
    assert_eq!(
        serde_json::from_str::<Vec<Value>>(&first)
            .expect("JSON")
            .len(),
        serde_json::from_str::<Vec<Value>>(&second)
            .expect("JSON")
            .len()
    );
    assert!(
        !w.default_journal().exists(),
        "the real journal is not touched"
    );
}

#[test]
fn demo_refuses_a_file_that_already_exists() {
    let w = World::with_manager();
    w.log(&["coffee", "mine"]);
    let before = read(&w.db);
    let err = w.run(&["demo"]).usage_error();
    assert!(err.contains("already exists"), "{err}");
    assert_eq!(read(&w.db), before, "left byte for byte");
    assert_eq!(w.list_ids(&[]).len(), 1);
}

#[test]
fn demo_refuses_to_write_into_the_journal_named_by_rapport_db() {
    let w = World::new();
    let journal = w.path("mine.db");
    // The journal does not exist yet.
    let err = exec(
        w.bare_command(["demo", "--db", s(&journal)])
            .env("RAPPORT_DB", &journal),
    )
    .usage_error();
    assert!(err.contains("is your journal"), "{err}");
    assert!(!journal.exists(), "no file was created");

    // It exists, named relatively in RAPPORT_DB.
    exec(
        w.bare_command(["person", "add", "Dana"])
            .env("RAPPORT_DB", "mine.db"),
    )
    .ok();
    let before = read(&journal);
    let err = exec(
        w.bare_command(["demo", "--db", s(&journal)])
            .env("RAPPORT_DB", "mine.db"),
    )
    .usage_error();
    assert!(err.contains("is your journal"), "{err}");
    assert_eq!(read(&journal), before, "left byte for byte");

    // Without --db the demo goes to its own file, not RAPPORT_DB's.
    exec(w.bare_command(["demo"]).env("RAPPORT_DB", &journal)).ok();
    assert_eq!(read(&journal), before, "left byte for byte");
    assert!(w.default_demo().exists());
}

#[test]
fn demo_refuses_to_write_into_the_default_journal() {
    let w = World::new();
    let err = exec(w.bare_command(["demo", "--db", s(&w.default_journal())])).usage_error();
    assert!(err.contains("is your journal"), "{err}");
    assert!(!w.default_journal().exists());
}

// ---------------------------------------------------------------- where the journal lives

#[test]
fn the_journal_comes_from_rapport_db_then_config_then_the_data_dir() {
    let w = World::new();
    // Default: the data directory.
    exec(w.bare_command(["person", "add", "Default"])).ok();
    assert!(w.default_journal().exists());

    // RAPPORT_DB over the default.
    let env_db = w.path("env.db");
    exec(
        w.bare_command(["person", "add", "FromEnv"])
            .env("RAPPORT_DB", &env_db),
    )
    .ok();
    assert!(env_db.exists());

    // config.toml's `journal` when neither is given.
    let conf_db = w.path("conf.db");
    let conf_dir = w.config_home().join("rapport");
    std::fs::create_dir_all(&conf_dir).expect("config dir");
    std::fs::write(
        conf_dir.join("config.toml"),
        format!("journal = {:?}\n", s(&conf_db)),
    )
    .expect("write config");
    exec(w.bare_command(["person", "add", "FromConfig"])).ok();
    assert!(conf_db.exists());

    fn who(cmd: &mut Command) -> Vec<String> {
        let out = exec(cmd).ok();
        let people: Vec<Value> = serde_json::from_str(&out).expect("JSON");
        names(&people).into_iter().map(str::to_string).collect()
    }
    assert_eq!(
        who(&mut w.bare_command(["person", "list", "--json", "--db", s(&w.default_journal())])),
        ["Default"]
    );
    assert_eq!(
        who(w
            .bare_command(["person", "list", "--json"])
            .env("RAPPORT_DB", &env_db)),
        ["FromEnv"]
    );
    assert_eq!(
        who(&mut w.bare_command(["person", "list", "--json"])),
        ["FromConfig"]
    );
    // --db over RAPPORT_DB.
    assert_eq!(
        who(w
            .bare_command(["person", "list", "--json", "--db", s(&w.default_journal())])
            .env("RAPPORT_DB", &env_db)),
        ["Default"]
    );
}

// ---------------------------------------------------------------- settings

#[test]
fn an_unknown_key_in_config_toml_fails_naming_file_line_and_key() {
    let w = World::new();
    let conf_dir = w.config_home().join("rapport");
    std::fs::create_dir_all(&conf_dir).expect("config dir");
    let file = conf_dir.join("config.toml");
    std::fs::write(&file, "[targets]\ninformal_days = 20\nbogus_key = 1\n").expect("write config");
    for args in [&["list"][..], &["log", "coffee", "x"], &["kind", "list"]] {
        let err = w.run(args).runtime_error();
        assert!(err.contains(s(&file)), "names the file: {err}");
        assert!(err.contains("line 3"), "names the line: {err}");
        assert!(err.contains("bogus_key"), "names the key: {err}");
    }
    assert!(!w.db.exists(), "no journal was created");
}

#[test]
fn rapport_config_dir_overrides_where_config_toml_is_read() {
    let w = World::new();
    let conf_dir = w.path("elsewhere");
    std::fs::create_dir_all(&conf_dir).expect("config dir");
    let file = conf_dir.join("config.toml");
    std::fs::write(&file, "# settings\n\ncolour = \"blue\"\n").expect("write config");
    // The XDG one is fine; only the override is read.
    let err = exec(w.command(["list"]).env("RAPPORT_CONFIG_DIR", &conf_dir)).runtime_error();
    assert!(err.contains(s(&file)), "names the file: {err}");
    assert!(err.contains("line 3"), "names the line: {err}");
    assert!(err.contains("colour"), "names the key: {err}");
    w.run(&["list"]).ok();
}

#[test]
fn a_valid_config_toml_is_accepted() {
    let w = World::new();
    let conf_dir = w.config_home().join("rapport");
    std::fs::create_dir_all(&conf_dir).expect("config dir");
    std::fs::write(
        conf_dir.join("config.toml"),
        "[targets]\ninformal_days = 20\nadvice_days = 14\nsummary_days = 7\ncheckin_days = 7\n",
    )
    .expect("write config");
    w.run(&["list"]).ok();
}

// ---------------------------------------------------------------- files that are not ours

/// Runs a reading and a writing command on `file`; both must fail with exit 1
/// and `expected` in the message, leaving the file byte for byte as it was.
fn assert_refused_untouched(w: &World, file: &Path, expected: &str) {
    let before = read(file);
    for args in [
        &["list"][..],
        &["log", "coffee", "x"],
        &["person", "add", "Dana"],
    ] {
        let mut cmd = w.bare_command(args);
        cmd.arg("--db").arg(file);
        let err = exec(cmd).runtime_error();
        assert!(err.contains(expected), "{args:?}: says {expected:?}: {err}");
        assert!(err.contains(s(file)), "{args:?}: names the file: {err}");
        assert!(err.contains("untouched"), "{args:?}: {err}");
        assert!(read(file) == before, "{args:?}: left byte for byte");
    }
    let backups: Vec<_> = std::fs::read_dir(file.parent().expect("a parent"))
        .expect("list dir")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".bak"))
        .collect();
    assert!(backups.is_empty(), "no migration backup was made");
}

#[test]
fn a_journal_from_a_newer_rapport_is_refused_untouched() {
    let w = World::new();
    let file = w.path("newer.db");
    {
        let conn = rusqlite::Connection::open(&file).expect("create");
        conn.pragma_update(None, "application_id", 0x5250_5254_i32)
            .expect("application_id");
        conn.pragma_update(None, "user_version", 99)
            .expect("user_version");
        conn.execute_batch("CREATE TABLE future (x); INSERT INTO future VALUES (1);")
            .expect("a table");
    }
    assert_refused_untouched(&w, &file, "newer rapport");
}

#[test]
fn a_foreign_sqlite_file_is_refused_untouched() {
    let w = World::new();
    let file = w.path("firefox.sqlite");
    {
        let conn = rusqlite::Connection::open(&file).expect("create");
        conn.execute_batch(
            "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT);
             INSERT INTO moz_places (url) VALUES ('https://example.com');",
        )
        .expect("a table");
    }
    assert_refused_untouched(&w, &file, "another program");
}

#[test]
fn a_sqlite_file_with_another_application_id_is_refused_untouched() {
    let w = World::new();
    let file = w.path("other.db");
    {
        let conn = rusqlite::Connection::open(&file).expect("create");
        conn.pragma_update(None, "application_id", 0x1234_i32)
            .expect("application_id");
        conn.execute_batch("CREATE TABLE t (x);").expect("a table");
    }
    assert_refused_untouched(&w, &file, "another program");
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_untouched() {
    let w = World::new();
    let file = w.path("random.bin");
    // Deterministic noise (xorshift), 8 KiB.
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let bytes: Vec<u8> = (0..8192)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect();
    std::fs::write(&file, &bytes).expect("write");
    assert_refused_untouched(&w, &file, "not a SQLite database");

    let text = w.path("notes.txt");
    std::fs::write(&text, "just some notes, not a database\n").expect("write");
    assert_refused_untouched(&w, &text, "not a SQLite database");
}

#[test]
fn a_corrupt_journal_is_refused_untouched() {
    let w = World::with_manager();
    for i in 0..40 {
        w.log(&[
            "chat",
            &format!("entry {i}"),
            "--notes",
            &"words ".repeat(200),
        ]);
    }
    // After the last process, the WAL is checkpointed into the main file.
    for suffix in ["-wal", "-shm"] {
        let mut side = w.db.clone().into_os_string();
        side.push(suffix);
        let side = PathBuf::from(side);
        if side.exists() {
            assert_eq!(
                std::fs::metadata(&side).expect("stat").len(),
                0,
                "{} holds no frames",
                side.display()
            );
            std::fs::remove_file(&side).expect("remove");
        }
    }
    let mut bytes = read(&w.db);
    let page_size = match u16::from_be_bytes([bytes[16], bytes[17]]) {
        1 => 65_536,
        n => usize::from(n),
    };
    let pages = bytes.len() / page_size;
    assert!(pages >= 4, "a journal of several pages ({pages})");
    // Keep page 1 (the header and schema); scribble over the rest.
    for (i, b) in bytes[page_size..].iter_mut().enumerate() {
        *b = (i as u8).wrapping_mul(31) ^ 0xa5;
    }
    std::fs::write(&w.db, &bytes).expect("write");
    assert_refused_untouched(&w, &w.db, "damaged");
}

// ---------------------------------------------------------------- the binary itself

#[test]
fn rapport_without_a_command_and_no_terminal_says_it_needs_one() {
    let w = World::new();
    let err = exec(w.command(Vec::<&str>::new())).usage_error();
    assert!(err.contains("terminal"), "{err}");
    assert!(err.contains("rapport --help"), "{err}");
}

#[test]
fn help_works_for_every_command() {
    let w = World::new();
    let commands: &[&[&str]] = &[
        &[],
        &["log"],
        &["list"],
        &["show"],
        &["edit"],
        &["rm"],
        &["undo"],
        &["person"],
        &["person", "add"],
        &["person", "list"],
        &["person", "set"],
        &["kind"],
        &["kind", "add"],
        &["kind", "list"],
        &["checkin"],
        &["topic"],
        &["topic", "add"],
        &["topic", "list"],
        &["topic", "done"],
        &["topic", "drop"],
        &["advice"],
        &["advice", "list"],
        &["advice", "done"],
        &["demo"],
    ];
    for command in commands {
        let mut args = command.to_vec();
        args.push("--help");
        let out = exec(w.bare_command(&args)).ok();
        assert!(out.contains("Usage: rapport"), "{command:?}: {out}");
    }
    let out = exec(w.bare_command(["help", "log"])).ok();
    assert!(out.contains("--notes-file"), "{out}");
    assert!(!w.default_journal().exists(), "help opens no journal");
}

/// Runs `args` with a stdout pipe whose reader has already gone away.
fn run_into_a_closed_pipe(w: &World, args: &[&str]) -> Run {
    let mut cmd = w.command(args);
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    cmd.stdout(writer);
    let out = cmd.output().expect("the binary runs");
    Run {
        code: out.status.code().expect("the process exited, not killed"),
        stdout: String::new(),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

#[test]
fn a_reader_that_goes_away_early_ends_output_quietly() {
    let w = World::with_manager();
    let file = w.path("big.txt");
    std::fs::write(&file, "words ".repeat(100_000)).expect("write notes");
    let id = w
        .log(&["coffee", "Coffee", "--notes-file", s(&file)])
        .to_string();
    w.run(&["topic", "add", "Headcount"]).ok();
    for args in [
        &["list"][..],
        &["list", "--json"],
        &["show", &id],
        &["show", &id, "--json"],
        &["person", "list"],
        &["person", "list", "--json"],
        &["kind", "list"],
        &["topic", "list", "--json"],
        &["log", "chat", "piped"],
    ] {
        let run = run_into_a_closed_pipe(&w, args);
        assert_eq!(run.code, 0, "{args:?}: {run:#?}");
        assert!(!run.stderr.contains("panicked"), "{args:?}: {run:#?}");
        assert!(!run.stderr.contains("Broken pipe"), "{args:?}: {run:#?}");
    }
    // The log went through even though nobody read its id.
    assert_eq!(w.list_ids(&["--search", "piped"]).len(), 1);
}

#[test]
fn version_prints_the_version() {
    let w = World::new();
    let out = exec(w.bare_command(["--version"])).ok();
    assert_eq!(out.trim(), format!("rapport {}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn unknown_commands_and_flags_are_usage_errors() {
    let w = World::with_manager();
    for args in [
        &["frobnicate"][..],
        &["log"],
        &["log", "coffee", "x", "--bogus"],
        &["list", "--kind"],
        &["log", "coffee", "x", "--by", "nobody"],
        &["person"],
        &["topic", "close", "1"],
    ] {
        let err = w.run(args).usage_error();
        assert!(!err.is_empty(), "{args:?} says why");
    }
}

#[test]
fn a_bad_rapport_today_is_a_usage_error() {
    let w = World::new();
    let err = exec(w.command(["list"]).env("RAPPORT_TODAY", "2026-02-30")).usage_error();
    assert!(err.contains("RAPPORT_TODAY"), "{err}");
}
