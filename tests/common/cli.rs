//! The real binary, outside any terminal: a private world per test (home,
//! data and config directory and a journal path inside a temporary
//! directory), a fixed today (`RAPPORT_TODAY=2026-11-24`, a Tuesday), and
//! what each run did (exit code, stdout, stderr).
//!
//! Shared by the test crates that run `rapport` (`#[path]`-included as
//! `cli_harness`); each adds its own helpers in its own `impl World`.

#![allow(dead_code)]

use std::borrow::BorrowMut;
use std::ffi::OsStr;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use tempfile::TempDir;

pub const TODAY: &str = "2026-11-24";

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn from_output(out: Output) -> Run {
        Run {
            code: out.status.code().expect("the process exited, not killed"),
            stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
        }
    }

    /// Asserts success and returns stdout.
    pub fn ok(self) -> String {
        assert_eq!(self.code, 0, "expected success: {self:#?}");
        self.stdout
    }

    /// Asserts a usage error (exit 2) with nothing on stdout; returns stderr.
    pub fn usage_error(self) -> String {
        assert_eq!(self.code, 2, "expected a usage error: {self:#?}");
        assert_eq!(self.stdout, "", "a failed command prints no data");
        self.stderr
    }

    /// Asserts a runtime error (exit 1) with nothing on stdout; returns stderr.
    pub fn runtime_error(self) -> String {
        assert_eq!(self.code, 1, "expected a runtime error: {self:#?}");
        assert_eq!(self.stdout, "", "a failed command prints no data");
        self.stderr
    }
}

/// A private world for the binary: home, data and config directories, and a
/// journal path, inside a temporary directory.
pub struct World {
    pub dir: TempDir,
    pub db: PathBuf,
}

impl World {
    pub fn new() -> World {
        let dir = TempDir::new().expect("a temp dir");
        let db = dir.path().join("journal.db");
        World { dir, db }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn home(&self) -> PathBuf {
        self.path("home")
    }

    pub fn data_home(&self) -> PathBuf {
        self.path("data")
    }

    pub fn config_home(&self) -> PathBuf {
        self.path("config")
    }

    /// rapport's own data directory in this world.
    pub fn data_dir(&self) -> PathBuf {
        self.data_home().join("rapport")
    }

    /// The environment every run gets, besides `PATH` and `RAPPORT_TODAY`.
    pub fn envs(&self) -> Vec<(&'static str, PathBuf)> {
        vec![
            ("HOME", self.home()),
            ("XDG_DATA_HOME", self.data_home()),
            ("XDG_CONFIG_HOME", self.config_home()),
        ]
    }

    /// The binary with a clean environment and no `--db`.
    pub fn bare_command<I, S>(&self, args: I) -> Command
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_rapport"));
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("RAPPORT_TODAY", TODAY)
            .envs(self.envs())
            .current_dir(self.root())
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        cmd
    }

    /// The binary on this world's journal.
    pub fn command<I, S>(&self, args: I) -> Command
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut cmd = self.bare_command(args);
        cmd.arg("--db").arg(&self.db);
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Run {
        exec(self.command(args))
    }

    pub fn run_with_stdin(&self, args: &[&str], input: &[u8]) -> Run {
        exec_with_stdin(self.command(args), input)
    }

    /// `log …` that must succeed; returns the new id.
    pub fn log(&self, args: &[&str]) -> i64 {
        let mut full = vec!["log"];
        full.extend_from_slice(args);
        id_from(&self.run(&full).ok())
    }

    /// The journal opened directly, read-only, to check what is in the file.
    pub fn open_db(&self) -> rusqlite::Connection {
        rusqlite::Connection::open_with_flags(&self.db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("open the journal read-only")
    }
}

/// Runs a command (owned, or borrowed after `.env(…)`) to its end.
pub fn exec(mut cmd: impl BorrowMut<Command>) -> Run {
    Run::from_output(cmd.borrow_mut().output().expect("the binary runs"))
}

pub fn exec_with_stdin(mut cmd: Command, input: &[u8]) -> Run {
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

pub fn id_from(stdout: &str) -> i64 {
    let line = stdout.trim_end_matches('\n');
    assert!(!line.contains('\n'), "expected one line, got {stdout:?}");
    line.parse()
        .unwrap_or_else(|_| panic!("expected an id on stdout, got {stdout:?}"))
}

pub fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

pub fn s(p: &Path) -> &str {
    p.to_str().expect("temp paths are UTF-8")
}

/// The permission bits of `path`.
pub fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}
