//! The reliability contract (DESIGN.md §8) under faults, with the real
//! binary: `kill -9` in the middle of writes, two writers and a stale edit,
//! a full disk, a journal without write permission, panics holding note
//! text, and the umask.
//!
//! Every test is bounded: fixed counts, bounded waits, children killed at
//! the end. What this machine cannot do (mount a small disk) is skipped with
//! the reason printed.

#![cfg(target_os = "linux")]

use std::io::{BufRead, BufReader};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

#[path = "common/cli.rs"]
mod cli_harness;
#[path = "common/pty.rs"]
mod pty_harness;

#[path = "faults/disk_full.rs"]
mod disk_full;
#[path = "faults/kill.rs"]
mod kill;
#[path = "faults/read_only.rs"]
mod read_only;
#[path = "faults/sentinel.rs"]
mod sentinel;
#[path = "faults/umask.rs"]
mod umask;
#[path = "faults/writers.rs"]
mod writers;

use cli_harness::*;

/// The uid and gid the read-only tests run as when the tests run as root,
/// since permissions do not stop root.
const NOBODY: u32 = 65534;

impl World {
    /// A journal whose current manager is Dana.
    fn with_manager() -> World {
        let w = World::new();
        w.run(&["person", "add", "Dana", "--current"]).ok();
        w
    }

    /// `sh -c script` with this world's environment; `$0` is the binary
    /// and `$1` the journal.
    fn shell(&self, script: &str) -> Command {
        let mut cmd = Command::new("sh");
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("RAPPORT_TODAY", TODAY)
            .envs(self.envs())
            .current_dir(self.root())
            .arg("-c")
            .arg(script)
            .arg(env!("CARGO_BIN_EXE_rapport"))
            .arg(&self.db)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        cmd
    }

    /// The journal opened read-write as the next run would open it (a
    /// `-wal` left by a killed writer is recovered), checked whole.
    fn integrity(&self) -> (Vec<String>, rusqlite::Connection) {
        let conn = rusqlite::Connection::open(&self.db).expect("the journal opens");
        let verdict = conn
            .prepare("PRAGMA integrity_check")
            .expect("prepare")
            .query_map([], |r| r.get::<_, String>(0))
            .expect("integrity_check runs")
            .collect::<Result<Vec<_>, _>>()
            .expect("rows");
        (verdict, conn)
    }

    /// Ids of the live entries in the file.
    fn entry_ids(&self) -> Vec<i64> {
        let (verdict, conn) = self.integrity();
        assert_eq!(verdict, ["ok"], "integrity_check");
        conn.prepare("SELECT id FROM interaction WHERE deleted_at IS NULL ORDER BY id")
            .expect("prepare")
            .query_map([], |r| r.get(0))
            .expect("query")
            .collect::<Result<Vec<_>, _>>()
            .expect("ids")
    }
}

/// Lines a child prints on stdout, read on a thread so it never blocks.
fn stdout_lines(child: &mut Child) -> thread::JoinHandle<Vec<String>> {
    let out = child.stdout.take().expect("stdout is piped");
    thread::spawn(move || BufReader::new(out).lines().map_while(Result::ok).collect())
}

fn stderr_text(child: &mut Child) -> thread::JoinHandle<String> {
    let err = child.stderr.take().expect("stderr is piped");
    thread::spawn(move || {
        let mut text = String::new();
        let _ = std::io::Read::read_to_string(&mut BufReader::new(err), &mut text);
        text
    })
}

/// Waits for `child` to exit, killing it (and failing) past `limit`.
fn wait_bounded(child: &mut Child, limit: Duration, what: &str) -> std::process::ExitStatus {
    let deadline = Instant::now() + limit;
    loop {
        if let Some(status) = child.try_wait().expect("poll the child") {
            return status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what} did not finish within {limit:?}");
        }
        thread::sleep(Duration::from_millis(10));
    }
}

/// Whether this process runs as root (who permissions do not stop):
/// `/proc/self` belongs to the process's effective user.
fn running_as_root() -> bool {
    std::fs::metadata("/proc/self")
        .map(|m| m.uid() == 0)
        .unwrap_or(false)
}

/// Hands the whole world to `nobody`, for tests that need permissions to
/// bite while running as root.
fn give_to_nobody(path: &Path) {
    std::os::unix::fs::chown(path, Some(NOBODY), Some(NOBODY)).expect("chown to nobody");
    if path.is_dir() {
        for entry in std::fs::read_dir(path).expect("read the dir") {
            give_to_nobody(&entry.expect("an entry").path());
        }
    }
}

fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
        .unwrap_or_else(|e| panic!("chmod {}: {e}", path.display()));
}

/// A small pseudo-random sequence (xorshift), seeded from the clock and
/// printed, so a failing run can be replayed by fixing the seed.
struct Dice(u64);

impl Dice {
    fn new(name: &str) -> Dice {
        let seed = std::env::var("RAPPORT_FAULT_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_nanos() as u64)
                    .unwrap_or(1)
            })
            | 1;
        eprintln!("{name}: RAPPORT_FAULT_SEED={seed}");
        Dice(seed)
    }

    /// A number in `low..high`.
    fn between(&mut self, low: u64, high: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        low + self.0 % (high - low).max(1)
    }
}
