//! Note text stays in the journal: a sentinel string in a note never shows
//! on stderr, in a file beside the journal, or in panic output, even when a
//! panic holding the note is forced (`RAPPORT_TEST_PANIC`, debug builds).

use std::ffi::OsStr;

use super::pty_harness::Tui;
use super::*;

const SENTINEL: &str = "SENTINEL-7f3a9c-private-remark";

/// Every file under `dir` but the journal's own (which must hold the note),
/// that contains the sentinel.
fn files_leaking(dir: &Path, journal: &Path) -> Vec<String> {
    let mut leaks = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return leaks;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        // Backups are copies of the journal: holding the note is their job.
        if path.is_dir() && path.file_name() == Some(OsStr::new("backups")) {
            continue;
        }
        if path.is_dir() {
            leaks.extend(files_leaking(&path, journal));
            continue;
        }
        let name = path.to_string_lossy().into_owned();
        if name.starts_with(&*journal.to_string_lossy()) {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap_or_default();
        if bytes
            .windows(SENTINEL.len())
            .any(|w| w == SENTINEL.as_bytes())
        {
            leaks.push(name);
        }
    }
    leaks
}

fn assert_not_on_stderr(run: &Run, what: &str) {
    assert!(
        !run.stderr.contains(SENTINEL),
        "{what}: the note reached stderr: {}",
        run.stderr
    );
}

#[test]
fn a_note_never_reaches_stderr_even_in_a_forced_panic() {
    let w = World::with_manager();
    let note = format!("my manager said {SENTINEL} in private");

    let saved = w.run(&["log", "coffee", "Coffee", "--notes", &note]);
    assert_not_on_stderr(&saved, "log");
    let id = id_from(&saved.stdout);
    for args in [
        &["list"][..],
        &["list", "--json"],
        &["show", &id.to_string()],
        &["prep"],
        &["summary", "--json"],
        &["doctor"],
        &["backup"],
    ] {
        let run = w.run(args);
        assert_not_on_stderr(&run, &args.join(" "));
    }
    // Refusals around a note: a bad quality, an unknown kind, a stale edit.
    for args in [
        &["log", "coffee", "x", "-q", "9", "--notes", &note][..],
        &["log", "no_such_kind", "x", "--notes", &note],
        &[
            "edit",
            &id.to_string(),
            "--notes",
            &note,
            "--title",
            "t",
            "--expect-version",
            "99",
        ],
    ] {
        let run = w.run(args);
        assert_ne!(run.code, 0, "{args:?} fails");
        assert_not_on_stderr(&run, &args.join(" "));
    }
    // An import whose bad line holds the note names the line, not the note.
    let elsewhere = tempfile::TempDir::new().expect("a temp dir");
    let csv = elsewhere.path().join("bad.csv");
    std::fs::write(
        &csv,
        format!("happened_on,kind,title,notes\n2026-11-20,coffee,ok,fine\nnot-a-date,coffee,bad,{SENTINEL}\n"),
    )
    .expect("write the csv");
    let import = w.run(&["import", s(&csv)]);
    assert_ne!(import.code, 0, "{import:#?}");
    assert!(
        import.stderr.contains('3'),
        "names the line: {}",
        import.stderr
    );
    assert_not_on_stderr(&import, "import");

    // A panic whose payload holds the note: the hook prints only where.
    let mut cmd = w.command(["log", "coffee", "Panics", "--notes", &note]);
    cmd.env("RAPPORT_TEST_PANIC", "log");
    let run = exec(cmd);
    assert_eq!(run.code, 101, "the forced panic happened: {run:#?}");
    assert!(
        run.stderr.contains("rapport stopped on a bug"),
        "{}",
        run.stderr
    );
    assert_not_on_stderr(&run, "a forced panic");

    let leaks = files_leaking(w.root(), &w.db);
    assert!(
        leaks.is_empty(),
        "files besides the journal hold the note: {leaks:?}"
    );
}

#[test]
fn a_forced_panic_in_the_tui_restores_the_terminal_and_keeps_the_note_out_of_stderr() {
    let w = World::with_manager();
    let stderr_file = w.path("stderr.txt");
    // `sh` keeps the terminal and sends rapport's stderr to a file.
    let script = r#"RAPPORT_TEST_PANIC=save-entry "$0" --db "$1" 2>"$2"; code=$?; stty -a; echo "rapport exited with $code""#;
    let args = [
        OsStr::new("-c"),
        OsStr::new(script),
        OsStr::new(env!("CARGO_BIN_EXE_rapport")),
        w.db.as_os_str(),
        stderr_file.as_os_str(),
    ];
    let mut tui = Tui::spawn(w.pty_command("sh", &args));
    tui.wait_for("the Journal", |t| t.screen().contains("Journal"));
    tui.send(b"a");
    tui.wait_for_text("New entry");
    tui.send(b"\tCoffee\t4\t");
    tui.send(format!("my manager said {SENTINEL} in private").as_bytes());
    tui.wait_for_text(SENTINEL);
    tui.send(b"\x13");
    tui.wait_for("the shell to report the exit", |t| {
        t.raw_text_from(0).contains("rapport exited with")
    });
    tui.wait_exit();
    let leave =
        pty_harness::rfind(&tui.raw, b"\x1b[?1049l").expect("the alternate screen was left");
    let after = tui.raw_text_from(leave);
    assert!(after.contains("rapport exited with 101"), "{after}");
    assert!(
        after.split_whitespace().any(|f| f == "icanon")
            && after.split_whitespace().any(|f| f == "echo"),
        "the terminal is cooked again: {after}"
    );
    let stderr = std::fs::read_to_string(&stderr_file).expect("the stderr file");
    assert!(stderr.contains("rapport stopped on a bug"), "{stderr}");
    assert!(
        !stderr.contains(SENTINEL),
        "the note reached stderr: {stderr}"
    );
    let leaks = files_leaking(w.root(), &w.db);
    assert!(
        leaks.is_empty(),
        "files besides the journal hold the note: {leaks:?}"
    );
}
