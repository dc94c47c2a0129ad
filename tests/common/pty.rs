//! A real pseudo-terminal for the binary: spawn `rapport` (or a shell
//! running it) on a pty, feed what it draws to a terminal emulator (`vt100`)
//! so tests read the screen a person would see, and send the bytes their
//! keys would send.
//!
//! Every wait is bounded, and every child (and its children) is killed when
//! its `Tui` is dropped, pass or fail, so nothing hangs. Shared by the e2e
//! test crates (`#[path]`-included as `pty_harness`, next to `cli_harness`).

#![allow(dead_code)]

use std::ffi::OsStr;
use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

use crate::cli_harness::{TODAY, World};

/// The longest any single wait may take before the test fails: a deadline
/// for a screen that will come, not a timing; generous, since CI runs the
/// suite on a loaded 2-core machine with a debug build.
pub const TIMEOUT: Duration = Duration::from_secs(60);
pub const POLL: Duration = Duration::from_millis(20);

impl World {
    /// `program args…` with this world's environment, for a pty.
    pub fn pty_command<S: AsRef<OsStr>>(&self, program: &str, args: &[S]) -> CommandBuilder {
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.env_clear();
        cmd.env("PATH", std::env::var_os("PATH").unwrap_or_default());
        cmd.env("TERM", "xterm-256color");
        cmd.env("RAPPORT_TODAY", TODAY);
        for (key, value) in self.envs() {
            cmd.env(key, value);
        }
        cmd.cwd(self.root());
        cmd
    }

    /// The journal's screen on this world's journal, with extra environment.
    pub fn tui_with(&self, env: &[(&str, &OsStr)]) -> Tui {
        let db = self.db.as_os_str();
        let mut cmd = self.pty_command(env!("CARGO_BIN_EXE_rapport"), &[OsStr::new("--db"), db]);
        for (key, value) in env {
            cmd.env(key, value);
        }
        Tui::spawn(cmd)
    }

    /// The journal's screen on this world's journal.
    pub fn tui(&self) -> Tui {
        self.tui_with(&[])
    }

    /// The journal's screen run by `sh`, which then prints `stty -a` and the
    /// exit code: how the terminal was left is read after it exits.
    pub fn tui_then_stty(&self) -> Tui {
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
}

/// A child process on a pseudo-terminal and the screen it has drawn.
pub struct Tui {
    pub master: Box<dyn MasterPty + Send>,
    pub writer: Box<dyn Write + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    pub pid: u32,
    output: Receiver<Vec<u8>>,
    pub parser: vt100::Parser,
    /// Every byte the terminal received, in order.
    pub raw: Vec<u8>,
}

impl Tui {
    pub fn spawn(cmd: CommandBuilder) -> Tui {
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
    pub fn pump(&mut self) -> bool {
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

    pub fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    pub fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("write to the pty");
        self.writer.flush().expect("flush the pty");
    }

    /// Polls until `ready` holds for the screen, or fails showing it.
    pub fn wait_for(&mut self, what: &str, ready: impl Fn(&Tui) -> bool) {
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

    pub fn wait_for_text(&mut self, text: &str) {
        self.wait_for(&format!("“{text}” on screen"), |t| {
            t.screen().contains(text)
        });
    }

    /// Waits for the child to exit, then for the last of its output.
    pub fn wait_exit(&mut self) -> u32 {
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

    pub fn alive(&mut self) -> bool {
        self.child.try_wait().expect("poll the child").is_none()
    }

    /// Resizes the terminal and the emulator reading it.
    pub fn resize(&mut self, cols: u16, rows: u16) {
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
    pub fn raw_text_from(&self, from: usize) -> String {
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

pub fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n.max(1)).expect("at least 1")
}

pub fn signal(pid: u32, name: &str) {
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
pub fn proc_stat(pid: u32) -> Option<Vec<String>> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let (_, rest) = stat.rsplit_once(')')?;
    Some(rest.split_whitespace().map(str::to_string).collect())
}

pub fn children_of(parent: u32) -> Vec<u32> {
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

/// Where `needle` first occurs in `haystack`.
pub fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Where `needle` last occurs in `haystack`.
pub fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}
