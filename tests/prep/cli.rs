//! `rapport prep` and `rapport summary` as the real binary, with a fixed
//! today and a private home, data and config directory.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use rapport::store::Store;
use serde_json::Value;
use tempfile::TempDir;

use super::{TODAY, now, this_week};

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn from(out: Output) -> Run {
        Run {
            code: out.status.code().expect("the process exited"),
            stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
        }
    }

    fn ok(self) -> String {
        assert_eq!(
            self.code, 0,
            "expected success:\n{}\n{}",
            self.stdout, self.stderr
        );
        self.stdout
    }

    fn failed(self, code: i32) -> String {
        assert_eq!(
            self.code, code,
            "expected exit {code}:\n{}\n{}",
            self.stdout, self.stderr
        );
        assert_eq!(self.stdout, "", "a failed command prints no data");
        self.stderr
    }
}

/// A private home, data and config directory and a journal with Dana.
struct World {
    dir: TempDir,
    db: PathBuf,
}

impl World {
    fn new() -> World {
        let dir = TempDir::new().expect("a temp dir");
        let db = dir.path().join("journal.db");
        let w = World { dir, db };
        let dana = [
            "person",
            "add",
            "Dana",
            "--strength",
            "negotiating with finance",
            "--every",
            "7",
        ];
        w.run(&dana).ok();
        w
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_rapport"));
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.dir.path().join("home"))
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env("XDG_CONFIG_HOME", self.config_home())
            .env("RAPPORT_TODAY", TODAY)
            .current_dir(self.dir.path())
            .args(args)
            .arg("--db")
            .arg(&self.db)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        cmd
    }

    fn config_home(&self) -> PathBuf {
        self.dir.path().join("config")
    }

    fn run(&self, args: &[&str]) -> Run {
        Run::from(self.command(args).output().expect("the binary runs"))
    }

    fn run_with_stdin(&self, args: &[&str], input: &str) -> Run {
        use std::io::Write as _;
        let mut cmd = self.command(args);
        cmd.stdin(Stdio::piped());
        let mut child = cmd.spawn().expect("the binary runs");
        if let Some(mut stdin) = child.stdin.take() {
            stdin.write_all(input.as_bytes()).expect("stdin written");
        }
        Run::from(child.wait_with_output().expect("the binary finishes"))
    }

    fn store(&self) -> Store {
        Store::open(&self.db).expect("the journal opens")
    }

    fn user_template(&self, text: &str) -> PathBuf {
        let dir = self.config_home().join("rapport");
        std::fs::create_dir_all(&dir).expect("config dir");
        let file = dir.join("summary.md");
        std::fs::write(&file, text).expect("template written");
        file
    }
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("valid JSON")
}

fn s(p: &Path) -> &str {
    p.to_str().expect("temp paths are UTF-8")
}

#[test]
fn prep_prints_the_sheet_as_text_and_as_json() {
    let w = World::new();
    w.run(&[
        "log",
        "one_on_one",
        "-q",
        "4",
        "Roadmap",
        "--date",
        "2026-11-17",
    ])
    .ok();
    w.run(&[
        "log",
        "feedback",
        "-q",
        "3",
        "Be more direct",
        "--date",
        "yesterday",
    ])
    .ok();
    w.run(&[
        "log",
        "advice",
        "How to pitch?",
        "--strength",
        "finance",
        "--date",
        "-2d",
    ])
    .ok();
    w.run(&["topic", "add", "Headcount plan"]).ok();
    let text = w.run(&["prep"]).ok();
    for expected in [
        "Prep for your 1:1 with Dana",
        "next 1:1  Tue 24 Nov, today",
        "last 1:1  Tue 17 Nov  ●●●●○  Roadmap",
        "Since the last 1:1: 2 entries",
        "Agenda: 1 open topic",
        "Headcount plan",
        "How to pitch? (draws on finance), asked Sun 22 Nov, 2 days ago",
        "Feedback since the last 1:1: 1",
        "Summary for your 1:1 today (17–24 Nov 2026): none yet",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    let sheet = json(&w.run(&["prep", "--json"]).ok());
    assert_eq!(sheet["person"], "Dana");
    assert_eq!(sheet["next_one_on_one"]["on"], "2026-11-24");
    assert_eq!(sheet["next_one_on_one"]["basis"], "cadence");
    assert_eq!(sheet["agenda"][0]["text"], "Headcount plan");
    assert_eq!(sheet["agenda"][0]["carried_over"], 0);
    assert_eq!(sheet["advice"][0]["asked_on"], "2026-11-22");
    assert_eq!(sheet["summary"]["status"]["state"], "none");
    assert_eq!(sheet["summary"]["window"]["from"], "2026-11-17");
    assert_eq!(sheet["summary"]["window"]["for_one_on_one"], "2026-11-24");
}

#[test]
fn summary_prints_markdown_then_mark_sent_logs_the_summary_entry() {
    let w = World::new();
    w.run(&["log", "win", "# Shipped | the plan"]).ok();
    w.run(&["topic", "add", "Hiring"]).ok();
    let run = w.run(&["summary"]);
    assert!(
        run.stderr.contains("generated from the journal"),
        "{}",
        run.stderr
    );
    let markdown = run.ok();
    assert!(
        markdown.starts_with("# Before our 1:1 on Tue 1 Dec\n"),
        "{markdown}"
    );
    assert!(
        markdown.contains("- \\# Shipped \\| the plan\n"),
        "{markdown}"
    );
    assert!(markdown.contains("1. Hiring\n"), "{markdown}");

    let id: i64 = w
        .run(&["summary", "--mark-sent"])
        .ok()
        .trim()
        .parse()
        .expect("an id");
    let entry = json(&w.run(&["show", &id.to_string(), "--json"]).ok());
    assert_eq!(entry["kind"], "summary");
    assert_eq!(entry["happened_on"], TODAY);
    assert_eq!(entry["notes"], markdown.as_str());
    let again = w.run(&["summary", "--mark-sent"]).failed(2);
    assert!(again.contains("already sent"), "{again}");
    let sheet = json(&w.run(&["prep", "--json"]).ok());
    assert_eq!(sheet["summary"]["status"]["state"], "sent");
    let printed = w.run(&["summary"]);
    assert!(
        printed.stderr.contains("as sent Tue 24 Nov"),
        "{}",
        printed.stderr
    );
    assert_eq!(printed.ok(), markdown);
}

#[test]
fn a_saved_draft_is_printed_unless_regenerated() {
    let w = World::new();
    let dana = w.store().people().person_named("Dana").expect("Dana").id;
    w.store()
        .agenda_mut()
        .save_summary_draft(dana, this_week(), "my edited draft\n", now())
        .expect("draft saved");
    assert_eq!(w.run(&["summary"]).ok(), "my edited draft\n");
    let fresh = w.run(&["summary", "--regenerate"]).ok();
    assert!(fresh.starts_with("# Before our 1:1"), "{fresh}");
    let doc = json(&w.run(&["summary", "--json"]).ok());
    assert_eq!(
        (doc["origin"].as_str(), doc["words"].as_u64()),
        (Some("draft"), Some(3))
    );
    // What is marked sent is the draft, not a regenerated text.
    w.run(&["summary", "--mark-sent"]).ok();
    let saved = w
        .store()
        .agenda()
        .summary(dana, this_week().after)
        .expect("read")
        .expect("saved");
    assert_eq!(saved.body, "my edited draft\n");
}

#[test]
fn mark_sent_can_take_the_text_sent_and_the_day_it_went() {
    let w = World::new();
    let run = w.run_with_stdin(
        &[
            "summary",
            "--mark-sent",
            "--body-file",
            "-",
            "--date",
            "yesterday",
        ],
        "What I really sent\n",
    );
    let id = run.ok();
    let entry = json(&w.run(&["show", id.trim(), "--json"]).ok());
    assert_eq!(entry["happened_on"], "2026-11-23");
    assert_eq!(entry["notes"], "What I really sent\n");
    let empty = w.run_with_stdin(
        &[
            "summary",
            "--mark-sent",
            "--body-file",
            "-",
            "--with",
            "Dana",
        ],
        " \n",
    );
    assert!(empty.failed(2).contains("empty"));
}

#[test]
fn a_user_template_overrides_the_builtin_and_a_bad_one_names_file_and_line() {
    let w = World::new();
    w.run(&["topic", "add", "Hiring"]).ok();
    w.user_template("Dear {{manager}} ({{week}})\n\n{{highlights}}{{topics}}\n");
    let out = w.run(&["summary"]).ok();
    assert!(
        out.starts_with("Dear Dana (2026-W48)\n\n## Topics for you to pick"),
        "{out}"
    );
    let file = w.user_template("# {{week}}\n\n{{hightlights}}\n");
    let e = w.run(&["summary"]).failed(1);
    assert!(
        e.contains(&format!(
            "{}:3: unknown placeholder `{{{{hightlights}}}}`",
            s(&file)
        )),
        "{e}"
    );
}

#[test]
fn prep_and_summary_need_someone_to_prepare_for() {
    let dir = TempDir::new().expect("a temp dir");
    let w = World {
        db: dir.path().join("empty.db"),
        dir,
    };
    assert!(w.run(&["prep"]).failed(2).contains("no current manager"));
    assert!(w.run(&["summary"]).failed(2).contains("no current manager"));
    let other = World::new();
    assert!(
        other
            .run(&["prep", "--with", "Nobody"])
            .failed(2)
            .contains("Nobody")
    );
}
