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

#[path = "cli/binary.rs"]
mod binary;
#[path = "cli/config.rs"]
mod config;
#[path = "cli/demo.rs"]
mod demo;
#[path = "cli/entries.rs"]
mod entries;
#[path = "cli/log.rs"]
mod log;
#[path = "cli/people.rs"]
mod people;
#[path = "cli/profiles.rs"]
mod profiles;
#[path = "cli/records.rs"]
mod records;
#[path = "cli/refusals.rs"]
mod refusals;

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
