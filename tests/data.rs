//! The user's data in and out: export, import, backup, restore and doctor.
//!
//! Store-level tests prove the JSON round trip over generated journals; the
//! rest run the real binary against temporary journals with a fixed today
//! (`RAPPORT_TODAY=2026-11-24`) and a private home, data and config directory.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

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
#[path = "data/streamed_import.rs"]
mod streamed_import;

const TODAY: &str = "2026-11-24";

// ------------------------------------------------------------- harness

#[path = "common/cli.rs"]
mod cli_harness;

use cli_harness::*;

impl World {
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
