//! The journal's screen end to end: the real binary in a real pseudo-terminal,
//! its output fed to a terminal emulator (`vt100`) so the tests read the
//! screen a person would see, and send the bytes their keys would send.
//!
//! Every run has a fixed today (`RAPPORT_TODAY=2026-11-24`), a private home,
//! data and config directory, and its own journal passed with `--db`. Every
//! wait is bounded, and every child is killed when its test ends, pass or
//! fail, so nothing hangs.

#![cfg(unix)]

use std::ffi::OsStr;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use tempfile::TempDir;

#[path = "e2e/screens.rs"]
mod screens;
#[path = "e2e/signals.rs"]
mod signals;

const TODAY: &str = "2026-11-24";
/// The longest any single wait may take before the test fails.
const TIMEOUT: Duration = Duration::from_secs(10);
const POLL: Duration = Duration::from_millis(20);

const CTRL_S: &[u8] = b"\x13";
const RIGHT: &[u8] = b"\x1b[C";
const TAB: &[u8] = b"\t";
const ENTER: &[u8] = b"\r";

/// A private world: a home, data and config directory, and a journal path.
struct World {
    dir: TempDir,
    db: PathBuf,
}

impl World {
    fn new() -> World {
        let dir = TempDir::new().expect("a temp dir");
        let db = dir.path().join("j.db");
        World { dir, db }
    }

    /// A journal whose current manager is Dana.
    fn with_manager() -> World {
        let world = World::new();
        let out = world
            .cli(&["person", "add", "Dana", "--current"])
            .output()
            .expect("run `rapport person add`");
        assert!(
            out.status.success(),
            "`rapport person add` failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        world
    }

    fn envs(&self) -> Vec<(&'static str, PathBuf)> {
        let root = self.dir.path();
        vec![
            ("HOME", root.join("home")),
            ("XDG_DATA_HOME", root.join("data")),
            ("XDG_CONFIG_HOME", root.join("config")),
            ("RAPPORT_CONFIG_DIR", root.join("config").join("rapport")),
        ]
    }

    /// A plain command on this world's journal, outside any terminal.
    fn cli(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_rapport"));
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("RAPPORT_TODAY", TODAY)
            .envs(self.envs())
            .current_dir(self.dir.path())
            .args(args)
            .arg("--db")
            .arg(&self.db)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        cmd
    }

    /// `program args…` with this world's environment, for a pty.
    fn pty_command<S: AsRef<OsStr>>(&self, program: &str, args: &[S]) -> CommandBuilder {
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.env_clear();
        cmd.env("PATH", std::env::var_os("PATH").unwrap_or_default());
        cmd.env("TERM", "xterm-256color");
        cmd.env("RAPPORT_TODAY", TODAY);
        for (key, value) in self.envs() {
            cmd.env(key, value);
        }
        cmd.cwd(self.dir.path());
        cmd
    }

    /// The journal's screen on this world's journal.
    fn tui(&self) -> Tui {
        let db = self.db.as_os_str();
        Tui::spawn(self.pty_command(env!("CARGO_BIN_EXE_rapport"), &[OsStr::new("--db"), db]))
    }

    /// The journal's screen run by `sh`, which then prints `stty -a` and the
    /// exit code: how the terminal was left is read after it exits.
    fn tui_then_stty(&self) -> Tui {
        let script = r#""$0" --db "$1"; code=$?; stty -a; echo "rapport exited with $code""#;
        let bin = OsStr::new(env!("CARGO_BIN_EXE_rapport"));
        let args = [
            OsStr::new("-c"),
            OsStr::new(script),
            bin,
            self.db.as_os_str(),
        ];
        Tui::spawn(self.pty_command("sh", &args))
    }

    fn open_db(&self) -> rusqlite::Connection {
        rusqlite::Connection::open_with_flags(&self.db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("open the journal read-only")
    }
}

/// A child process on a pseudo-terminal and the screen it has drawn.
struct Tui {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    pid: u32,
    output: Receiver<Vec<u8>>,
    parser: vt100::Parser,
    /// Every byte the terminal received, in order.
    raw: Vec<u8>,
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
        // Only the child holds the terminal side, so reads end when it exits.
        drop(pair.slave);
        let pid = child.process_id().expect("the child's pid");
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
            master: pair.master,
            writer,
            child,
            pid,
            output,
            parser: vt100::Parser::new(nonzero(40), nonzero(120), 0),
            raw: Vec::new(),
        }
    }

    /// Feeds what has arrived to the screen; false once the reader is done.
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

    /// Polls until `ready` holds for the screen, or fails showing it.
    fn wait_for(&mut self, what: &str, ready: impl Fn(&Tui) -> bool) {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            self.pump();
            if ready(self) {
                return;
            }
            if Instant::now() > deadline {
                panic!(
                    "timed out waiting for {what}; the screen (alternate: {}):\n{}",
                    self.parser.screen().alternate_screen(),
                    self.screen()
                );
            }
            thread::sleep(POLL);
        }
    }

    fn wait_for_text(&mut self, text: &str) {
        self.wait_for(&format!("“{text}” on screen"), |t| {
            t.screen().contains(text)
        });
    }

    /// Waits for the child to exit, then for the last of its output.
    fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + TIMEOUT;
        let status = loop {
            self.pump();
            if let Some(status) = self.child.try_wait().expect("poll the child") {
                break status;
            }
            if Instant::now() > deadline {
                panic!("the child did not exit; the screen:\n{}", self.screen());
            }
            thread::sleep(POLL);
        };
        let deadline = Instant::now() + Duration::from_secs(2);
        while self.pump() && Instant::now() < deadline {
            thread::sleep(POLL);
        }
        status.exit_code()
    }

    fn alive(&mut self) -> bool {
        self.child.try_wait().expect("poll the child").is_none()
    }

    /// Resizes the terminal and the emulator reading it.
    fn resize(&mut self, cols: u16, rows: u16) {
        self.pump();
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize the pty");
        // The emulator cannot be 0×0; what is drawn then is not read.
        self.parser.set_size(nonzero(rows), nonzero(cols));
    }

    /// The raw bytes received since `from`, as text.
    fn raw_text_from(&self, from: usize) -> String {
        String::from_utf8_lossy(&self.raw[from.min(self.raw.len())..]).into_owned()
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_some() {
            return;
        }
        for pid in children_of(self.pid) {
            signal(pid, "KILL");
        }
        signal(self.pid, "KILL");
        let _ = self.child.wait();
    }
}

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n.max(1)).expect("at least 1")
}

fn signal(pid: u32, name: &str) {
    let status = Command::new("kill")
        .arg(format!("-{name}"))
        .arg(pid.to_string())
        .stderr(Stdio::null())
        .status()
        .expect("run kill");
    // A process already gone is fine when cleaning up; tests check effects.
    let _ = status;
}

/// `/proc/PID/stat`, split after the command name (which may hold spaces).
fn proc_stat(pid: u32) -> Option<Vec<String>> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let (_, rest) = stat.rsplit_once(')')?;
    Some(rest.split_whitespace().map(str::to_string).collect())
}

fn children_of(parent: u32) -> Vec<u32> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|&pid| {
            proc_stat(pid)
                .is_some_and(|f| f.get(1).map(String::as_str) == Some(&parent.to_string()))
        })
        .collect()
}

/// The Journal screen is up (and, with it, raw mode: keys can be sent).
fn journal_is_drawn(t: &Tui) -> bool {
    let screen = t.screen();
    t.parser.screen().alternate_screen() && screen.contains("Journal") && screen.contains("rapport")
}
