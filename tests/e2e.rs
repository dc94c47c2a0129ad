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

const ENTER_ALT_SCREEN: &[u8] = b"\x1b[?1049h";
const LEAVE_ALT_SCREEN: &[u8] = b"\x1b[?1049l";
const ENABLE_PASTE: &[u8] = b"\x1b[?2004h";
const DISABLE_PASTE: &[u8] = b"\x1b[?2004l";

const CTRL_S: &[u8] = b"\x13";
const CTRL_Z: &[u8] = b"\x1a";
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

/// The state letter: `R`, `S`, `T` (stopped), `Z`…
fn proc_state(pid: u32) -> Option<String> {
    proc_stat(pid).and_then(|fields| fields.first().cloned())
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

/// Waits for `parent` to have exactly one child and returns it.
fn only_child_of(parent: u32) -> u32 {
    let deadline = Instant::now() + TIMEOUT;
    loop {
        if let [pid] = children_of(parent)[..] {
            return pid;
        }
        assert!(Instant::now() < deadline, "no child of {parent} appeared");
        thread::sleep(POLL);
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// The flags `stty -a` printed, e.g. `icanon` or `-echo`.
fn stty_flags(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}

/// Asserts `stty -a` output describes a cooked terminal, not a raw one.
fn assert_cooked(stty: &str) {
    let flags = stty_flags(stty);
    for flag in ["icanon", "echo", "isig", "iexten", "icrnl", "opost"] {
        assert!(
            flags.contains(&flag),
            "`{flag}` is off: raw mode was left on; stty -a said:\n{stty}"
        );
    }
}

fn assert_raw(stty: &str) {
    let flags = stty_flags(stty);
    for flag in ["-icanon", "-echo", "-isig"] {
        assert!(
            flags.contains(&flag),
            "expected raw mode (`{flag}`); stty -a said:\n{stty}"
        );
    }
}

/// `stty -a` of the terminal a live child holds open.
fn stty_of(tty: &Path) -> String {
    let out = Command::new("stty")
        .arg("-a")
        .arg("-F")
        .arg(tty)
        .stdin(Stdio::null())
        .output()
        .expect("run stty");
    assert!(
        out.status.success(),
        "stty -F {} failed: {}",
        tty.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The Journal screen is up (and, with it, raw mode: keys can be sent).
fn journal_is_drawn(t: &Tui) -> bool {
    let screen = t.screen();
    t.parser.screen().alternate_screen() && screen.contains("Journal") && screen.contains("rapport")
}

#[test]
fn first_run_onboarding_then_logging_an_entry_lands_in_the_journal() {
    let world = World::new();
    let mut tui = world.tui();

    tui.wait_for_text("who is your manager");
    tui.send(b"Dana Reyes");
    tui.send(TAB);
    tui.send(b"Director of Engineering");
    // Role → 1:1 every → Strengths; Enter on the last field saves.
    tui.send(ENTER);
    tui.send(ENTER);
    tui.send(ENTER);
    tui.wait_for("the onboarding form to close", |t| {
        !t.screen().contains("who is your manager") && journal_is_drawn(t)
    });

    tui.send(b"a");
    tui.wait_for_text("New entry");
    tui.send(RIGHT); // one_on_one → meal
    tui.wait_for_text("meal");
    tui.send(TAB);
    tui.send(b"Lunch at Marrow");
    tui.send(TAB);
    tui.send(b"4");
    tui.send(CTRL_S);
    tui.wait_for("the form to close and the entry to show", |t| {
        let screen = t.screen();
        !screen.contains("New entry") && screen.contains("Lunch at Marrow")
    });

    tui.send(b"q");
    assert_eq!(tui.wait_exit(), 0, "q exits cleanly");

    let db = world.open_db();
    let rows: Vec<(String, Option<i64>, String, String)> = db
        .prepare(
            "SELECT k.name, i.quality, i.title, p.name
             FROM interaction i JOIN kind k ON k.id = i.kind_id JOIN person p ON p.id = i.person_id
             WHERE i.deleted_at IS NULL",
        )
        .expect("prepare")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert_eq!(
        rows,
        vec![(
            "meal".to_string(),
            Some(4),
            "Lunch at Marrow".to_string(),
            "Dana Reyes".to_string()
        )]
    );
    let (role, current): (String, bool) = db
        .query_row(
            "SELECT role, is_current FROM person WHERE name = 'Dana Reyes'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("the manager from onboarding");
    assert_eq!(role, "Director of Engineering");
    assert!(current, "the onboarded manager is the current one");
}

/// Sends `sig` to the journal's screen and checks it leaves the terminal as
/// it found it: alternate screen left, bracketed paste off, raw mode off.
fn signal_restores_the_terminal(sig: &str, signum: u32) {
    let world = World::with_manager();
    let mut tui = world.tui_then_stty();
    tui.wait_for("the Journal screen", journal_is_drawn);
    let rapport = only_child_of(tui.pid);

    signal(rapport, sig);
    tui.wait_for("the shell to report the exit", |t| {
        t.raw_text_from(0).contains("rapport exited with")
    });
    tui.wait_exit();

    let enter = find(&tui.raw, ENTER_ALT_SCREEN).expect("the alternate screen was entered");
    assert!(
        find(&tui.raw, ENABLE_PASTE).is_some(),
        "bracketed paste was enabled"
    );
    let leave = rfind(&tui.raw, LEAVE_ALT_SCREEN).expect("the alternate screen was left");
    assert!(leave > enter, "left the alternate screen after entering it");
    let paste_off = rfind(&tui.raw, DISABLE_PASTE).expect("bracketed paste was disabled");
    assert!(paste_off > enter, "bracketed paste disabled on the way out");
    assert!(
        !tui.parser.screen().alternate_screen(),
        "the emulator is back on the main screen"
    );

    let after = tui.raw_text_from(leave);
    assert_cooked(&after);
    let code = after
        .split("rapport exited with ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|c| c.parse::<u32>().ok())
        .expect("the exit code");
    assert!(
        code == 0 || code == 128 + signum,
        "SIG{sig} ends with 0 or 128+{signum}, not a crash; got {code}"
    );
}

#[test]
fn sigterm_restores_the_terminal() {
    signal_restores_the_terminal("TERM", 15);
}

#[test]
fn sighup_restores_the_terminal() {
    signal_restores_the_terminal("HUP", 1);
}

#[test]
fn sigint_restores_the_terminal() {
    signal_restores_the_terminal("INT", 2);
}

#[test]
fn ctrl_z_suspends_and_fg_redraws() {
    let world = World::with_manager();
    let mut tui = world.tui();
    tui.wait_for("the Journal screen", journal_is_drawn);
    let tty = tui.master.tty_name().expect("the pty's name");
    assert_raw(&stty_of(&tty));

    tui.send(CTRL_Z);
    let pid = tui.pid;
    tui.wait_for("the process to stop and leave the alternate screen", |t| {
        proc_state(pid).as_deref() == Some("T") && !t.parser.screen().alternate_screen()
    });
    assert!(
        !tui.parser.screen().bracketed_paste(),
        "bracketed paste is off while suspended"
    );
    assert_cooked(&stty_of(&tty));

    signal(pid, "CONT");
    tui.wait_for("the Journal screen drawn again", |t| {
        proc_state(pid).as_deref() != Some("T") && journal_is_drawn(t)
    });
    assert!(
        tui.parser.screen().bracketed_paste(),
        "bracketed paste is back"
    );
    assert_raw(&stty_of(&tty));

    // Still responsive: the help opens, then q quits.
    tui.send(b"?");
    tui.wait_for_text("Help — esc closes");
    tui.send(b"\x1b");
    tui.wait_for("the help to close", |t| !t.screen().contains("esc closes"));
    tui.send(b"q");
    assert_eq!(tui.wait_exit(), 0);
}

#[test]
fn a_draft_typed_before_sigkill_is_offered_back() {
    let world = World::with_manager();
    let title = "Asked about the reorg";
    {
        let mut tui = world.tui();
        tui.wait_for("the Journal screen", journal_is_drawn);
        tui.send(b"a");
        tui.wait_for_text("New entry");
        tui.send(TAB);
        tui.send(title.as_bytes());
        tui.wait_for_text(title);
        // Drafts are saved after a short idle; wait until it is in the file
        // rather than for a fixed time.
        let db = world.open_db();
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let body: Option<String> = db
                .query_row("SELECT body FROM draft WHERE form = 'entry'", [], |r| {
                    r.get(0)
                })
                .ok();
            if body.is_some_and(|b| b.contains(title)) {
                break;
            }
            assert!(Instant::now() < deadline, "the draft was never saved");
            thread::sleep(Duration::from_millis(50));
        }
        signal(tui.pid, "KILL");
        tui.wait_exit();
    }

    let mut tui = world.tui();
    tui.wait_for_text("Restore what you typed");
    tui.send(b"y");
    tui.wait_for("the restored form", |t| {
        let screen = t.screen();
        screen.contains("New entry") && screen.contains(title)
    });
    // The restored form still saves.
    tui.send(CTRL_S);
    tui.wait_for("the restored entry saved", |t| {
        let screen = t.screen();
        !screen.contains("New entry") && screen.contains(title)
    });
    tui.send(b"q");
    assert_eq!(tui.wait_exit(), 0);
    let drafts: i64 = world
        .open_db()
        .query_row("SELECT count(*) FROM draft", [], |r| r.get(0))
        .expect("count drafts");
    assert_eq!(drafts, 0, "a saved form leaves no draft behind");
}

#[test]
fn tiny_and_zero_sizes_never_panic() {
    let world = World::with_manager();
    let mut tui = world.tui();
    tui.wait_for("the Journal screen", journal_is_drawn);
    // A form open makes the overlay draw at every size too.
    tui.send(b"a");
    tui.wait_for_text("New entry");
    tui.send(b"\x1b");
    tui.wait_for("the form to close", |t| !t.screen().contains("New entry"));

    for round in 0..3 {
        for (cols, rows) in [
            (1, 1),
            (20, 5),
            (0, 0),
            (60, 15),
            (3, 40),
            (120, 1),
            (120, 40),
        ] {
            tui.resize(cols, rows);
            match (cols, rows) {
                (20, 5) => tui.wait_for_text("terminal too small"),
                (60, 15) | (120, 40) => tui.wait_for("the Journal screen", journal_is_drawn),
                _ => thread::sleep(Duration::from_millis(60)),
            }
            assert!(
                tui.alive(),
                "rapport died at {cols}×{rows} (round {round}); the output:\n{}",
                tui.raw_text_from(tui.raw.len().saturating_sub(2000))
            );
        }
    }
    tui.send(b"q");
    assert_eq!(tui.wait_exit(), 0);
    let tail = tui.raw_text_from(0);
    assert!(!tail.contains("stopped on a bug"), "no panic message");
}
