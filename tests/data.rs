//! The user's data in and out: export, import, backup, restore and doctor.
//!
//! Store-level tests prove the JSON round trip over generated journals; the
//! rest run the real binary against temporary journals with a fixed today
//! (`RAPPORT_TODAY=2026-11-24`) and a private home, data and config directory.

use std::ffi::OsStr;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;
use tempfile::TempDir;

#[path = "data/backup.rs"]
mod backup;
#[path = "data/columns.rs"]
mod columns;
#[path = "data/doctor.rs"]
mod doctor;
#[path = "data/export.rs"]
mod export;
#[path = "data/import.rs"]
mod import;
#[path = "data/round_trip.rs"]
mod round_trip;

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
