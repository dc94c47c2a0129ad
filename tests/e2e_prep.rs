//! The Prep screen end to end: the real binary in a real pseudo-terminal,
//! read through a terminal emulator (`vt100`), generating this week's
//! summary, copying it (OSC 52), editing it in `$EDITOR` and marking it sent;
//! then the plain commands find the `summary` entry in the journal.
//!
//! The harness follows `tests/e2e.rs`: a fixed today, a private home, data
//! and config directory and journal per test, bounded waits, and every child
//! killed when its test ends.

#![cfg(target_os = "linux")]

use std::ffi::OsStr;
use std::io::{Read, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use tempfile::TempDir;

const TODAY: &str = "2026-11-24";
/// The longest any single wait may take before the test fails.
const TIMEOUT: Duration = Duration::from_secs(10);
const POLL: Duration = Duration::from_millis(20);
/// How OSC 52 starts when it sets the clipboard selection.
const OSC52_CLIPBOARD: &[u8] = b"\x1b]52;c;";

/// A private world: a home, data and config directory, and a journal.
struct World {
    dir: TempDir,
    db: PathBuf,
}

impl World {
    /// A journal whose current manager is Dana, met weekly, with a topic.
    fn new() -> World {
        let dir = TempDir::new().expect("a temp dir");
        let db = dir.path().join("j.db");
        let world = World { dir, db };
        for args in [
            &["person", "add", "Dana", "--every", "7", "--current"][..],
            &[
                "log",
                "one_on_one",
                "Weekly",
                "--date",
                "2026-11-18",
                "-q",
                "4",
            ],
            &[
                "log",
                "coffee",
                "Coffee walk",
                "--date",
                "2026-11-20",
                "-q",
                "5",
            ],
            &["topic", "add", "Hiring plan"],
        ] {
            let out = world.cli(args).output().expect("run rapport");
            assert!(
                out.status.success(),
                "`rapport {}` failed: {}",
                args.join(" "),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        world
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Where rapport's data directory is in this world.
    fn data_dir(&self) -> PathBuf {
        self.root().join("data").join("rapport")
    }

    fn envs(&self) -> Vec<(&'static str, PathBuf)> {
        let root = self.root();
        vec![
            ("HOME", root.join("home")),
            ("XDG_DATA_HOME", root.join("data")),
            ("XDG_CONFIG_HOME", root.join("config")),
            ("RAPPORT_CONFIG_DIR", root.join("config").join("rapport")),
        ]
    }

    fn cli(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_rapport"));
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("RAPPORT_TODAY", TODAY)
            .envs(self.envs())
            .current_dir(self.root())
            .args(args)
            .arg("--db")
            .arg(&self.db)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        cmd
    }

    /// The TUI on this world's journal, with `EDITOR` set when given.
    fn tui(&self, editor: Option<&Path>) -> Tui {
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_rapport"));
        cmd.args([OsStr::new("--db"), self.db.as_os_str()]);
        cmd.env_clear();
        cmd.env("PATH", std::env::var_os("PATH").unwrap_or_default());
        cmd.env("TERM", "xterm-256color");
        cmd.env("RAPPORT_TODAY", TODAY);
        for (key, value) in self.envs() {
            cmd.env(key, value);
        }
        if let Some(editor) = editor {
            cmd.env("EDITOR", editor);
        }
        cmd.cwd(self.root());
        Tui::spawn(cmd)
    }

    fn open_db(&self) -> rusqlite::Connection {
        rusqlite::Connection::open_with_flags(&self.db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("open the journal read-only")
    }
}

/// A child process on a pseudo-terminal and the screen it has drawn.
struct Tui {
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    output: Receiver<Vec<u8>>,
    parser: vt100::Parser,
    /// Every byte the terminal received, in order.
    raw: Vec<u8>,
    /// Kept so the terminal stays open while the child runs.
    _master: Box<dyn MasterPty + Send>,
}

impl Tui {
    fn spawn(cmd: CommandBuilder) -> Tui {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 40,
                cols: 120,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let child = pair.slave.spawn_command(cmd).expect("spawn in the pty");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("a pty reader");
        let writer = pair.master.take_writer().expect("a pty writer");
        let (tx, output) = mpsc::channel();
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if tx.send(buf[..n].to_vec()).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        Tui {
            writer,
            child,
            output,
            parser: vt100::Parser::new(nonzero(40), nonzero(120), 0),
            raw: Vec::new(),
            _master: pair.master,
        }
    }

    fn pump(&mut self) -> bool {
        loop {
            match self.output.try_recv() {
                Ok(bytes) => {
                    self.parser.process(&bytes);
                    self.raw.extend_from_slice(&bytes);
                }
                Err(TryRecvError::Empty) => return true,
                Err(TryRecvError::Disconnected) => return false,
            }
        }
    }

    fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("write to the pty");
        self.writer.flush().expect("flush the pty");
    }

    fn wait_for(&mut self, what: &str, ready: impl Fn(&Tui) -> bool) {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            self.pump();
            if ready(self) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; the screen:\n{}",
                self.screen()
            );
            thread::sleep(POLL);
        }
    }

    fn wait_for_text(&mut self, text: &str) {
        self.wait_for(&format!("“{text}” on screen"), |t| {
            t.screen().contains(text)
        });
    }

    fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + TIMEOUT;
        let status = loop {
            self.pump();
            if let Some(status) = self.child.try_wait().expect("poll the child") {
                break status;
            }
            assert!(
                Instant::now() < deadline,
                "the child did not exit; the screen:\n{}",
                self.screen()
            );
            thread::sleep(POLL);
        };
        status.exit_code()
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n.max(1)).expect("at least 1")
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The Prep screen is up, with the summary pane drawn.
fn prep_is_drawn(t: &Tui) -> bool {
    let screen = t.screen();
    t.parser.screen().alternate_screen()
        && screen.contains("This week's summary")
        && screen.contains("next 1:1")
}

#[test]
fn a_summary_generated_copied_and_marked_sent_is_in_the_journal() {
    let world = World::new();
    let mut tui = world.tui(None);
    tui.wait_for("the Journal", |t| t.screen().contains("Coffee walk"));
    tui.send(b"3");
    tui.wait_for("the Prep screen", prep_is_drawn);
    tui.wait_for_text("1. Hiring plan");

    tui.send(b"s");
    tui.wait_for_text("# Weekly summary, 2026-W48");
    tui.wait_for_text("draft,");

    let before = tui.raw.len();
    tui.send(b"y");
    tui.wait_for_text("OSC 52");
    let copied = find(&tui.raw[before..], OSC52_CLIPBOARD);
    assert!(copied.is_some(), "the clipboard sequence was written");

    tui.send(b"m");
    tui.wait_for_text("Mark the summary of 2026-W48 sent today?");
    tui.send(b"y");
    tui.wait_for_text("sent Tue 24 Nov");
    tui.send(b"q");
    assert_eq!(tui.wait_exit(), 0);

    let out = world
        .cli(&["list", "--kind", "summary", "--json"])
        .output()
        .expect("rapport list");
    assert!(out.status.success());
    let entries: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let entries = entries.as_array().expect("a list");
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(entries[0]["happened_on"], TODAY);
    assert_eq!(entries[0]["title"], "Weekly summary 2026-W48");
    let notes = entries[0]["notes"].as_str().unwrap_or_default();
    assert!(
        notes.contains("1. Hiring plan"),
        "the entry keeps what was sent: {notes}"
    );
}

#[test]
fn the_editor_gets_a_private_copy_that_is_removed_after() {
    let world = World::new();
    // A leftover of a run that died mid-edit: removed at the next start.
    let leftover = world.data_dir().join("editing").join("4294967294");
    std::fs::create_dir_all(&leftover).expect("a leftover directory");
    std::fs::write(leftover.join("summary-2026-W48.md"), "old private text").expect("write");

    // The "editor" records what it was given, then adds a line.
    let record = world.root().join("record");
    let editor = world.root().join("editor.sh");
    let script = format!(
        "#!/bin/sh\nstat -c %a \"$1\" > '{r}.file'\nstat -c %a \"$(dirname \"$1\")\" > '{r}.dir'\nprintf '%s' \"$1\" > '{r}.path'\nprintf '\\nAdded in the editor.\\n' >> \"$1\"\n",
        r = record.display()
    );
    std::fs::write(&editor, script).expect("write the editor");
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).expect("chmod");

    let mut tui = world.tui(Some(&editor));
    tui.wait_for("the Journal", |t| t.screen().contains("Coffee walk"));
    assert!(!leftover.exists(), "the leftover was cleaned at start");
    tui.send(b"3");
    tui.wait_for("the Prep screen", prep_is_drawn);
    // E with no draft yet generates one, then opens it in the editor.
    tui.send(b"E");
    tui.wait_for_text("saved the summary draft");
    tui.wait_for("the Prep screen again", prep_is_drawn);

    let read =
        |ext: &str| std::fs::read_to_string(record.with_extension(ext)).expect("the editor ran");
    assert_eq!(read("file").trim(), "600");
    assert_eq!(read("dir").trim(), "700");
    let path = PathBuf::from(read("path"));
    assert!(
        path.starts_with(world.data_dir().join("editing")),
        "{}",
        path.display()
    );
    assert!(!path.exists(), "the editor's file is removed");
    assert!(
        !path.parent().is_some_and(Path::exists),
        "and its directory"
    );

    let body: String = world
        .open_db()
        .query_row("SELECT body FROM summary", [], |r| r.get(0))
        .expect("the draft");
    assert!(body.starts_with("# Weekly summary, 2026-W48"), "{body}");
    assert!(body.ends_with("Added in the editor.\n"), "{body}");
    tui.send(b"q");
    assert_eq!(tui.wait_exit(), 0);
}
