//! The binary itself: no command, `--help` everywhere, a reader that goes
//! away early, `--version`, usage errors and a bad `RAPPORT_TODAY`.

use super::*;

// ---------------------------------------------------------------- the binary itself

#[test]
fn rapport_without_a_command_and_no_terminal_says_it_needs_one() {
    let w = World::new();
    let err = exec(w.command(Vec::<&str>::new())).usage_error();
    assert!(err.contains("terminal"), "{err}");
    assert!(err.contains("rapport --help"), "{err}");
}

#[test]
fn help_works_for_every_command() {
    let w = World::new();
    let commands: &[&[&str]] = &[
        &[],
        &["log"],
        &["list"],
        &["show"],
        &["edit"],
        &["rm"],
        &["undo"],
        &["person"],
        &["person", "add"],
        &["person", "list"],
        &["person", "set"],
        &["kind"],
        &["kind", "add"],
        &["kind", "list"],
        &["checkin"],
        &["topic"],
        &["topic", "add"],
        &["topic", "list"],
        &["topic", "done"],
        &["topic", "drop"],
        &["advice"],
        &["advice", "list"],
        &["advice", "done"],
        &["demo"],
    ];
    for command in commands {
        let mut args = command.to_vec();
        args.push("--help");
        let out = exec(w.bare_command(&args)).ok();
        assert!(out.contains("Usage: rapport"), "{command:?}: {out}");
    }
    let out = exec(w.bare_command(["help", "log"])).ok();
    assert!(out.contains("--notes-file"), "{out}");
    assert!(!w.default_journal().exists(), "help opens no journal");
}

/// Runs `args` with a stdout pipe whose reader has already gone away.
fn run_into_a_closed_pipe(w: &World, args: &[&str]) -> Run {
    let mut cmd = w.command(args);
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    cmd.stdout(writer);
    let out = cmd.output().expect("the binary runs");
    Run {
        code: out.status.code().expect("the process exited, not killed"),
        stdout: String::new(),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

#[test]
fn a_reader_that_goes_away_early_ends_output_quietly() {
    let w = World::with_manager();
    let file = w.path("big.txt");
    std::fs::write(&file, "words ".repeat(100_000)).expect("write notes");
    let id = w
        .log(&["coffee", "Coffee", "--notes-file", s(&file)])
        .to_string();
    w.run(&["topic", "add", "Headcount"]).ok();
    for args in [
        &["list"][..],
        &["list", "--json"],
        &["show", &id],
        &["show", &id, "--json"],
        &["person", "list"],
        &["person", "list", "--json"],
        &["kind", "list"],
        &["topic", "list", "--json"],
        &["export"],
        &["export", "--format", "csv"],
        &["export", "--format", "markdown"],
        &["log", "chat", "piped"],
    ] {
        let run = run_into_a_closed_pipe(&w, args);
        assert_eq!(run.code, 0, "{args:?}: {run:#?}");
        assert!(!run.stderr.contains("panicked"), "{args:?}: {run:#?}");
        assert!(!run.stderr.contains("Broken pipe"), "{args:?}: {run:#?}");
    }
    // The log went through even though nobody read its id.
    assert_eq!(w.list_ids(&["--search", "piped"]).len(), 1);
}

#[test]
fn version_prints_the_version() {
    let w = World::new();
    let out = exec(w.bare_command(["--version"])).ok();
    assert_eq!(out.trim(), format!("rapport {}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn unknown_commands_and_flags_are_usage_errors() {
    let w = World::with_manager();
    for args in [
        &["frobnicate"][..],
        &["log"],
        &["log", "coffee", "x", "--bogus"],
        &["list", "--kind"],
        &["log", "coffee", "x", "--by", "nobody"],
        &["person"],
        &["topic", "close", "1"],
    ] {
        let err = w.run(args).usage_error();
        assert!(!err.is_empty(), "{args:?} says why");
    }
}

#[test]
fn a_bad_rapport_today_is_a_usage_error() {
    let w = World::new();
    let err = exec(w.command(["list"]).env("RAPPORT_TODAY", "2026-02-30")).usage_error();
    assert!(err.contains("RAPPORT_TODAY"), "{err}");
}
