//! Signals and job control: TERM, HUP and INT leave the terminal as found,
//! Ctrl-Z suspends and `fg` redraws, and a draft typed before SIGKILL is
//! offered back.

use std::path::Path;

use super::*;

const ENTER_ALT_SCREEN: &[u8] = b"\x1b[?1049h";
const LEAVE_ALT_SCREEN: &[u8] = b"\x1b[?1049l";
const ENABLE_PASTE: &[u8] = b"\x1b[?2004h";
const DISABLE_PASTE: &[u8] = b"\x1b[?2004l";
const CTRL_Z: &[u8] = b"\x1a";

/// The state letter: `R`, `S`, `T` (stopped), `Z`…
fn proc_state(pid: u32) -> Option<String> {
    proc_stat(pid).and_then(|fields| fields.first().cloned())
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
    tui.wait_for_text("scroll, esc closes");
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
