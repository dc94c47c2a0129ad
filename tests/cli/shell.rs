//! Where rapport meets the shell: completions, the man page, the status
//! line for a prompt, and the reminder for cron.

use super::*;

/// Dana, every 7 days, last 1:1 on Wednesday 18 November: the next one is
/// tomorrow (Wednesday 25), as of today (Tuesday 24).
fn one_on_one_tomorrow() -> World {
    let w = World::with_manager();
    w.log(&["one_on_one", "-q", "4", "Roadmap", "--date", "2026-11-18"]);
    w
}

#[test]
fn completions_are_printed_for_every_shell() {
    let w = World::new();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = w.run(&["completions", shell]).ok();
        assert!(script.contains("rapport"), "{shell}: {script}");
        assert!(script.contains("status"), "{shell} completes subcommands");
        assert!(script.contains("with"), "{shell} completes options");
    }
    assert!(!w.db.exists(), "completions need no journal");
}

#[test]
fn completions_for_an_unknown_shell_are_a_usage_error() {
    let err = World::new().run(&["completions", "tcsh"]).usage_error();
    assert!(err.contains("bash"), "the error lists the shells: {err}");
}

#[test]
fn the_man_page_is_roff_with_every_command() {
    let page = World::new().run(&["man"]).ok();
    assert!(
        page.starts_with(".ie") || page.contains(".TH rapport"),
        "{page}"
    );
    assert!(page.contains(".TH rapport 1"), "{page}");
    for command in ["log", "status", "remind", "completions"] {
        assert!(page.contains(command), "the page names {command}");
    }
}

#[test]
fn status_says_nothing_and_creates_nothing_without_a_journal() {
    let w = World::new();
    let run = w.run(&["status"]);
    assert_eq!(
        (run.code, run.stdout.as_str(), run.stderr.as_str()),
        (0, "", "")
    );
    assert!(!w.db.exists(), "status must not create a journal");
    let default = exec(w.bare_command(["status"]));
    assert_eq!((default.code, default.stdout.as_str()), (0, ""));
    assert!(!w.default_journal().exists());
    assert!(!w.data_dir().exists(), "nor its directory");
}

#[test]
fn status_says_nothing_on_a_file_it_cannot_read_and_leaves_it_alone() {
    let w = World::new();
    std::fs::write(&w.db, b"not a journal at all").expect("a foreign file");
    let run = w.run(&["status"]);
    assert_eq!(
        (run.code, run.stdout.as_str(), run.stderr.as_str()),
        (0, "", "")
    );
    assert_eq!(read(&w.db), b"not a journal at all");
}

#[test]
fn status_says_nothing_with_broken_settings() {
    let w = one_on_one_tomorrow();
    std::fs::create_dir_all(w.config_home().join("rapport")).expect("config dir");
    std::fs::write(w.config_home().join("rapport/config.toml"), "journal = [").expect("toml");
    let run = w.run(&["status"]);
    assert_eq!(
        (run.code, run.stdout.as_str(), run.stderr.as_str()),
        (0, "", "")
    );
    let bad_today = exec(w.command(["status"]).env("RAPPORT_TODAY", "someday"));
    assert_eq!((bad_today.code, bad_today.stderr.as_str()), (0, ""));
}

#[test]
fn status_names_the_one_on_one_tomorrow_and_the_unsent_summary() {
    let w = one_on_one_tomorrow();
    assert_eq!(w.run(&["status"]).ok(), "1:1 tomorrow · summary not sent\n");
    assert_eq!(
        w.run(&["status", "--separator", " | "]).ok(),
        "1:1 tomorrow | summary not sent\n"
    );
    w.run(&["summary", "--mark-sent"]).ok();
    assert_eq!(w.run(&["status"]).ok(), "1:1 tomorrow\n");
}

#[test]
fn status_is_empty_when_the_next_one_on_one_is_days_away() {
    let w = World::with_manager();
    w.log(&["one_on_one", "Roadmap", "--date", "2026-11-23"]);
    assert_eq!(w.run(&["status"]).ok(), "");
}

#[test]
fn status_json_gives_the_line_and_its_parts() {
    let w = one_on_one_tomorrow();
    let out = w.run(&["status", "--format", "json"]).ok();
    let doc: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(doc["line"], "1:1 tomorrow · summary not sent");
    assert_eq!(doc["one_on_one"], "1:1 tomorrow");
    assert_eq!(doc["summary"], "summary not sent");
    assert_eq!(doc["promises"], Value::Null);
}

#[test]
fn status_does_not_change_the_journal() {
    let w = one_on_one_tomorrow();
    let before = read(&w.db);
    w.run(&["status"]).ok();
    assert_eq!(read(&w.db), before);
}

#[test]
fn remind_says_the_day_before_a_one_on_one_to_send_the_summary() {
    let w = one_on_one_tomorrow();
    let said = w.run(&["remind"]).ok();
    assert_eq!(
        said,
        "1:1 with Dana tomorrow: send this week's summary today (rapport summary)\n"
    );
    w.run(&["summary", "--mark-sent"]).ok();
    assert_eq!(w.run(&["remind"]).ok(), "");
}

#[test]
fn remind_is_quiet_without_a_journal() {
    let w = World::new();
    assert_eq!(w.run(&["remind", "--notify"]).ok(), "");
    assert!(!w.db.exists());
}

#[test]
fn remind_notify_sends_it_through_notify_send() {
    let w = one_on_one_tomorrow();
    let bin = w.path("bin");
    std::fs::create_dir_all(&bin).expect("a bin dir");
    let script = bin.join("notify-send");
    let sent = w.path("sent.txt");
    std::fs::write(
        &script,
        format!("#!/bin/sh\nprintf '%s\\n' \"$@\" > '{}'\n", s(&sent)),
    )
    .expect("a fake notify-send");
    std::fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o755))
        .expect("executable");
    let path = format!("{}:{}", s(&bin), std::env::var("PATH").unwrap_or_default());
    let run = exec(w.command(["remind", "--notify"]).env("PATH", path));
    assert_eq!(run.code, 0, "{run:#?}");
    let notified = String::from_utf8(read(&sent)).expect("UTF-8");
    assert!(notified.contains("1:1 with Dana tomorrow"), "{notified}");
}

#[test]
fn remind_notify_without_notify_send_still_prints() {
    let w = one_on_one_tomorrow();
    let run = exec(
        w.command(["remind", "--notify"])
            .env("PATH", "/nonexistent"),
    );
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(run.stdout.contains("1:1 with Dana tomorrow"), "{run:#?}");
}

#[test]
fn status_and_remind_count_my_promises_due_and_remind_names_them() {
    let w = World::with_manager();
    w.log(&["one_on_one", "Roadmap", "--date", "2026-11-23"]);
    w.run(&["promise", "add", "send the cost model", "--due", "today"])
        .ok();
    // Theirs overdue is the coach's to raise, not the prompt's.
    w.run(&[
        "promise",
        "add",
        "the hiring plan",
        "--due",
        "2026-11-24",
        "--by",
        "them",
    ])
    .ok();
    w.run(&["promise", "add", "a later one", "--due", "+3d"])
        .ok();
    assert_eq!(w.run(&["status"]).ok(), "1 promise due\n");
    assert_eq!(
        w.run(&["remind"]).ok(),
        "“send the cost model” is due today: keep it or say when\n"
    );
    w.run(&["promise", "add", "the rotation proposal", "--due", "today"])
        .ok();
    assert_eq!(w.run(&["status"]).ok(), "2 promises due\n");
    let said = w.run(&["remind"]).ok();
    assert!(said.contains("is due today and 1 more due"), "{said}");
}

/// The README's install step and every line it gives for the shell, the
/// prompt, tmux, starship, cron and systemd: each is there, and each
/// `rapport` command in them runs as written.
#[test]
fn the_readme_gives_install_and_every_shell_line_and_each_runs() {
    let readme = include_str!("../../README.md");
    let w = one_on_one_tomorrow();
    let lines: [(&str, &[&str]); 15] = [
        ("cargo install --locked --path .", &[]),
        ("rapport completions bash > ", &["completions", "bash"]),
        ("rapport completions zsh > ", &["completions", "zsh"]),
        ("rapport completions fish > ", &["completions", "fish"]),
        ("rapport completions elvish >> ", &["completions", "elvish"]),
        (
            "rapport completions powershell >> ",
            &["completions", "powershell"],
        ),
        ("rapport man > ", &["man"]),
        (
            "source <(rapport completions bash --dynamic)",
            &["completions", "bash", "--dynamic"],
        ),
        ("set -g status-right '#(rapport status)", &["status"]),
        (
            r#"$(rapport status --separator " | ")"#,
            &["status", "--separator", " | "],
        ),
        (r#"command = "rapport status""#, &["status"]),
        ("rapport remind --notify", &["remind"]),
        ("ExecStart=%h/.cargo/bin/rapport remind --notify", &[]),
        ("OnCalendar=", &[]),
        ("systemctl --user enable --now rapport-remind.timer", &[]),
    ];
    for (line, args) in lines {
        assert!(readme.contains(line), "the README lacks `{line}`");
        if !args.is_empty() {
            w.run(args).ok();
        }
    }
    let status = w.run(&["status", "--separator", " | "]).ok();
    assert!(status.contains(" | "), "{status}");
}

/// What the shell gets back when it asks `rapport` to complete `line`
/// (fish's protocol: one candidate a line, its help after a tab).
fn completed(w: &World, env_db: bool, line: &[&str]) -> Vec<String> {
    let mut cmd = w.bare_command(["--", "rapport"]);
    cmd.args(line).env("COMPLETE", "fish");
    if env_db {
        cmd.env("RAPPORT_DB", &w.db);
    }
    exec(cmd)
        .ok()
        .lines()
        .map(|l| l.split('\t').next().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn the_shell_completes_people_and_kinds_from_the_journal() {
    let w = World::with_manager();
    w.run(&["person", "add", "Sam Whitfield", "--role", "VP"])
        .ok();
    w.run(&["person", "add", "Sam Ortiz"]).ok();
    let db = w.db.to_string_lossy().to_string();
    let people = completed(&w, false, &["--db", &db, "log", "coffee", "--with", ""]);
    assert!(people.contains(&"Dana".to_string()), "{people:?}");
    // Two Sams: their whole names, since the first one selects neither.
    assert!(people.contains(&"Sam Whitfield".to_string()), "{people:?}");
    assert!(people.contains(&"Sam Ortiz".to_string()), "{people:?}");
    let person = completed(&w, true, &["person", "set", "D"]);
    assert_eq!(person, ["Dana"], "RAPPORT_DB finds the journal too");
    let kinds = completed(&w, true, &["log", "co"]);
    assert_eq!(kinds, ["coffee"]);
    let list = completed(&w, true, &["list", "--kind", "one"]);
    assert_eq!(list, ["one_on_one"]);
    // The registration script for each shell hands completion back to rapport.
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = w.run(&["completions", shell, "--dynamic"]).ok();
        assert!(script.contains("COMPLETE"), "{shell}: {script}");
    }
}

#[test]
fn completing_without_a_journal_offers_no_names_and_creates_nothing() {
    let w = World::new();
    let db = w.db.to_string_lossy().to_string();
    let people = completed(&w, false, &["--db", &db, "prep", "--with", ""]);
    assert!(people.is_empty(), "{people:?}");
    assert!(!w.db.exists());
}
