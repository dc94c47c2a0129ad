//! `rapport next` as a whole process: JSON fields, a broken user
//! playbook, three steps then a count, a past day, an archived person.

fn rapport(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args(args)
        .arg("--db")
        .arg(dir.join("demo.db"))
        .env("RAPPORT_TODAY", "2026-11-24")
        .env("HOME", dir)
        .env("XDG_DATA_HOME", dir)
        .env("XDG_CONFIG_HOME", dir)
        .env("RAPPORT_CONFIG_DIR", dir.join("config"))
        .env_remove("RAPPORT_DB")
        .output()
        .expect("run")
}

#[test]
fn rapport_next_json_lists_the_ranked_suggestions_with_their_fields() {
    let dir = tempfile::tempdir().expect("tempdir");
    assert!(rapport(dir.path(), &["demo"]).status.success());
    let out = rapport(dir.path(), &["next", "--json"]);
    assert!(out.status.success(), "{out:?}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let list = json.as_array().expect("an array");
    assert!(list.len() >= 3, "{json}");
    for key in [
        "rule", "practice", "priority", "message", "reason", "action",
    ] {
        assert!(list[0].get(key).is_some(), "missing {key}");
    }
    let text = String::from_utf8_lossy(&rapport(dir.path(), &["next"]).stdout).to_string();
    assert!(text.starts_with("1. "), "{text}");
}

#[test]
fn a_broken_user_playbook_is_reported_and_the_built_in_one_used() {
    let dir = tempfile::tempdir().expect("tempdir");
    assert!(rapport(dir.path(), &["demo"]).status.success());
    std::fs::create_dir_all(dir.path().join("config")).expect("config dir");
    std::fs::write(
        dir.path().join("config/playbook.toml"),
        "[[rule]]\nid = \"informal-gap\"\nabove = \"soon\"\n",
    )
    .expect("write");
    let out = rapport(dir.path(), &["next"]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("playbook.toml:3"), "{err}");
    assert!(err.contains("built-in playbook"), "{err}");
    assert!(!out.stdout.is_empty(), "suggestions still came");
}

#[test]
fn rapport_next_prints_three_steps_then_says_how_many_more() {
    let dir = tempfile::tempdir().expect("tempdir");
    assert!(rapport(dir.path(), &["demo"]).status.success());
    let text = String::from_utf8_lossy(&rapport(dir.path(), &["next"]).stdout).to_string();
    assert!(text.contains("1. ") && text.contains("3. "), "{text}");
    assert!(!text.contains("\n4. "), "only three: {text}");
    assert!(
        text.contains(" more step") && text.contains(", less urgent: rapport next --all"),
        "{text}"
    );
    let all = String::from_utf8_lossy(&rapport(dir.path(), &["next", "--all"]).stdout).to_string();
    assert!(all.contains("\n4. "), "{all}");
    assert!(!all.contains("less urgent"), "{all}");
}

#[test]
fn rapport_next_as_of_a_past_day_does_not_count_later_entries() {
    let dir = tempfile::tempdir().expect("tempdir");
    assert!(
        rapport(dir.path(), &["person", "add", "Dana", "--every", "7"])
            .status
            .success()
    );
    for (day, kind) in [
        ("2026-08-04", "one_on_one"),
        ("2026-11-20", "one_on_one"),
        ("2026-11-20", "coffee"),
    ] {
        let out = rapport(dir.path(), &["log", kind, "-q", "4", "-d", day, "an entry"]);
        assert!(out.status.success(), "{out:?}");
    }
    let out = rapport(
        dir.path(),
        &["next", "--date", "2026-09-01", "--signals", "--all"],
    );
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(out.status.success(), "{out:?}");
    assert!(
        text.contains("it was due Tue 11 Aug, 21 days ago"),
        "{text}"
    );
    let line = text
        .lines()
        .find(|l| l.trim_start().starts_with("days_since_one_on_one"))
        .expect("the signal");
    assert!(
        line.contains("28.00"),
        "as of 1 Sep the last 1:1 was 4 Aug: {line}"
    );
    let signals = text.split("signals on").nth(1).expect("signals printed");
    for line in signals.lines().skip(1) {
        let value = line.split_whitespace().nth(1).unwrap_or("0");
        assert!(
            !value.starts_with('-') || line.contains("overdue"),
            "negative: {line}"
        );
    }
}

#[test]
fn rapport_next_with_an_archived_person_says_they_are_not_coached() {
    let dir = tempfile::tempdir().expect("tempdir");
    assert!(rapport(dir.path(), &["demo"]).status.success());
    assert!(
        rapport(dir.path(), &["person", "set", "Sam", "--archive"])
            .status
            .success()
    );
    let out = rapport(dir.path(), &["next", "--with", "Sam"]);
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(text.contains("is archived"), "{text}");
    assert!(!text.contains("1. "), "{text}");
}
