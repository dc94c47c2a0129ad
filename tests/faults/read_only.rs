//! A journal this user may not write (the file, its folder, or both): the
//! plain commands read it, every write is refused clearly with the file
//! left as it was, and the TUI opens with a READ-ONLY banner. Never a panic.
//!
//! Root is not stopped by permissions, so when the tests run as root the
//! binary runs as `nobody` on a world handed to `nobody`.

use std::ffi::OsStr;
use std::os::unix::process::CommandExt;

use super::pty_harness::Tui;
use super::*;

/// Which part of the journal loses its write permission.
#[derive(Debug, Clone, Copy)]
enum Locked {
    File,
    Folder,
    Both,
}

/// A journal with two entries, made read-only as `locked` says; the journal
/// sits in its own folder so the folder can be locked alone.
fn locked_world(locked: Locked) -> World {
    let mut w = World::new();
    w.db = w.path("journal").join("journal.db");
    std::fs::create_dir(w.path("journal")).expect("the journal's folder");
    w.run(&["person", "add", "Dana", "--current"]).ok();
    w.log(&["coffee", "Coffee walk", "-q", "4"]);
    w.log(&["one_on_one", "Weekly", "-q", "3"]);
    if running_as_root() {
        // The test binary may sit where `nobody` cannot reach it (a clone
        // under a 0700 folder): `nobody` runs a copy inside the world.
        // Copied by `cp`, not here: a file this process held open for
        // writing could leak into a child another test forks at that
        // moment, and exec would then fail with "text file busy".
        let copied = Command::new("cp")
            .arg(env!("CARGO_BIN_EXE_rapport"))
            .arg(w.path("rapport"))
            .status()
            .expect("cp runs");
        assert!(copied.success(), "copy the binary");
        chmod(&w.path("rapport"), 0o755);
        chmod(w.root(), 0o755);
        give_to_nobody(w.root());
    }
    let folder = w.path("journal");
    match locked {
        Locked::File => chmod(&w.db, 0o400),
        Locked::Folder => chmod(&folder, 0o500),
        Locked::Both => {
            chmod(&w.db, 0o400);
            chmod(&folder, 0o500);
        }
    }
    w
}

/// The binary on the world's journal, as a user the permissions stop.
fn run_unprivileged(w: &World, args: &[&str]) -> Run {
    let mut cmd = Command::new(binary(w));
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("RAPPORT_TODAY", TODAY)
        .envs(w.envs())
        .current_dir(w.root())
        .args(args)
        .arg("--db")
        .arg(&w.db)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if running_as_root() {
        cmd.uid(NOBODY).gid(NOBODY);
    }
    exec(cmd)
}

/// The binary the unprivileged runs use: as root, the world's own copy.
fn binary(w: &World) -> std::path::PathBuf {
    if running_as_root() {
        w.path("rapport")
    } else {
        std::path::PathBuf::from(env!("CARGO_BIN_EXE_rapport"))
    }
}

/// The journal's bytes, and whether its `-wal` holds anything: SQLite may
/// leave an empty `-wal` and a `-shm` (an index) beside a file it could
/// only read, but never a change.
fn journal_state(w: &World) -> (Vec<u8>, bool) {
    let mut wal = w.db.as_os_str().to_owned();
    wal.push("-wal");
    let wal_has_data = std::fs::metadata(std::path::PathBuf::from(wal)).is_ok_and(|m| m.len() > 0);
    (read(&w.db), wal_has_data)
}

fn assert_unchanged(w: &World, before: &(Vec<u8>, bool), what: &str) {
    let after = journal_state(w);
    assert!(after.0 == before.0, "{what}: the journal's bytes changed");
    assert!(!after.1, "{what}: a change was left in the -wal");
}

fn reads_but_refuses_writes(locked: Locked) {
    let w = locked_world(locked);
    let before = journal_state(&w);

    let listed = run_unprivileged(&w, &["list"]).ok();
    assert!(
        listed.contains("Coffee walk") && listed.contains("Weekly"),
        "{locked:?}: the entries are read: {listed}"
    );
    for args in [
        &["log", "meal", "Lunch"][..],
        &["edit", "1", "--title", "Changed"],
        &["rm", "1"],
        &["person", "add", "Robin"],
        &["topic", "add", "Hiring"],
    ] {
        let run = run_unprivileged(&w, args);
        assert_eq!(run.code, 1, "{locked:?} `{}`: {run:#?}", args.join(" "));
        assert!(
            run.stderr.contains("read-only") && run.stderr.contains("nothing was saved"),
            "{locked:?} `{}` says why: {}",
            args.join(" "),
            run.stderr
        );
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    }
    assert_unchanged(&w, &before, &format!("{locked:?}"));
}

#[test]
fn a_read_only_journal_file_is_read_and_writes_are_refused() {
    reads_but_refuses_writes(Locked::File);
}

#[test]
fn a_journal_in_a_read_only_folder_is_read_and_writes_are_refused() {
    reads_but_refuses_writes(Locked::Folder);
}

#[test]
fn a_read_only_file_in_a_read_only_folder_is_read_and_writes_are_refused() {
    reads_but_refuses_writes(Locked::Both);
}

#[test]
fn the_tui_on_a_read_only_journal_shows_a_banner_and_refuses_saves() {
    let w = locked_world(Locked::Both);
    let bin_path = binary(&w);
    let bin = bin_path.as_os_str();
    let db = w.db.as_os_str();
    let cmd = if running_as_root() {
        if Command::new("setpriv").arg("--version").output().is_err() {
            eprintln!("SKIPPED the TUI read-only test: running as root without setpriv");
            return;
        }
        let ids = format!("{NOBODY}");
        let args = [
            OsStr::new("--reuid"),
            OsStr::new(&ids),
            OsStr::new("--regid"),
            OsStr::new(&ids),
            OsStr::new("--clear-groups"),
            OsStr::new("--"),
            bin,
            OsStr::new("--db"),
            db,
        ];
        w.pty_command("setpriv", &args)
    } else {
        w.pty_command(env!("CARGO_BIN_EXE_rapport"), &[OsStr::new("--db"), db])
    };
    let before = journal_state(&w);
    let mut tui = Tui::spawn(cmd);
    tui.wait_for("the Journal with its READ-ONLY banner", |t| {
        let screen = t.screen();
        screen.contains("READ-ONLY") && screen.contains("Coffee walk")
    });
    tui.send(b"a");
    tui.wait_for_text("New entry");
    tui.send(b"\t");
    tui.send(b"Lunch that cannot be saved");
    tui.send(b"\x13");
    // The banner's status line already says "read-only" before the save:
    // wait for the refusal's own words.
    tui.wait_for("the refusal in the status line", |t| {
        t.screen().contains("nothing was saved")
    });
    // Esc asks whether to throw the typed form away; yes, then quit. Each
    // key waits for the screen it answers: an Esc and a key read together
    // are taken for Alt and that key.
    tui.send(b"\x1b");
    tui.wait_for_text("Discard what you typed?");
    tui.send(b"y");
    tui.wait_for("the form to close", |t| !t.screen().contains("New entry"));
    tui.send(b"q");
    assert_eq!(tui.wait_exit(), 0, "quits cleanly:\n{}", tui.screen());
    assert_unchanged(&w, &before, "the TUI");
}
