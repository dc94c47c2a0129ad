//! `rapport demo`: the sample journal, and never writing over a real one.

use super::*;

// ---------------------------------------------------------------- demo

#[test]
fn demo_writes_a_sample_journal_to_a_new_file() {
    let w = World::new();
    let out = w.path("demo.db");
    let run = exec(w.bare_command(["demo", "--db", s(&out)]));
    assert_eq!(run.code, 0, "{run:#?}");
    assert_eq!(run.stdout.trim_end(), s(&out));
    assert!(run.stderr.contains("rapport --db"), "{run:#?}");

    let list = exec(w.bare_command(["list", "--db", s(&out), "--json", "-n", "1000"])).ok();
    let entries: Vec<Value> = serde_json::from_str(&list).expect("JSON");
    assert!(entries.len() > 50, "a year of entries: {}", entries.len());
    assert!(entries.iter().all(|e| {
        e["happened_on"]
            .as_str()
            .is_some_and(|d| ("2025-11-24"..=TODAY).contains(&d))
    }));
    let plain = exec(w.bare_command(["list", "--db", s(&out)])).ok();
    assert_eq!(plain.lines().count(), 50);
    let people = exec(w.bare_command(["person", "list", "--db", s(&out)])).ok();
    assert!(people.starts_with("* Dana Okafor"), "{people}");
    assert!(
        !w.default_journal().exists(),
        "the real journal is not touched"
    );
}

#[test]
fn demo_without_db_writes_the_default_demo_file_and_can_rewrite_it() {
    let w = World::new();
    let run = exec(w.bare_command(["demo"]));
    assert_eq!(run.code, 0, "{run:#?}");
    assert_eq!(run.stdout.trim_end(), s(&w.default_demo()));
    let first = exec(w.bare_command(["list", "--json", "--db", s(&w.default_demo())])).ok();
    // A second run starts the demo afresh instead of doubling it.
    exec(w.bare_command(["demo"])).ok();
    let second = exec(w.bare_command(["list", "--json", "--db", s(&w.default_demo())])).ok();
    assert_eq!(
        serde_json::from_str::<Vec<Value>>(&first)
            .expect("JSON")
            .len(),
        serde_json::from_str::<Vec<Value>>(&second)
            .expect("JSON")
            .len()
    );
    assert!(
        !w.default_journal().exists(),
        "the real journal is not touched"
    );
}

#[test]
fn demo_refuses_a_file_that_already_exists() {
    let w = World::with_manager();
    w.log(&["coffee", "mine"]);
    let before = read(&w.db);
    let err = w.run(&["demo"]).usage_error();
    assert!(err.contains("already exists"), "{err}");
    assert_eq!(read(&w.db), before, "left byte for byte");
    assert_eq!(w.list_ids(&[]).len(), 1);
}

#[test]
fn demo_refuses_to_write_into_the_journal_named_by_rapport_db() {
    let w = World::new();
    let journal = w.path("mine.db");
    // The journal does not exist yet.
    let err = exec(
        w.bare_command(["demo", "--db", s(&journal)])
            .env("RAPPORT_DB", &journal),
    )
    .usage_error();
    assert!(err.contains("is your journal"), "{err}");
    assert!(!journal.exists(), "no file was created");

    // It exists, named relatively in RAPPORT_DB.
    exec(
        w.bare_command(["person", "add", "Dana"])
            .env("RAPPORT_DB", "mine.db"),
    )
    .ok();
    let before = read(&journal);
    let err = exec(
        w.bare_command(["demo", "--db", s(&journal)])
            .env("RAPPORT_DB", "mine.db"),
    )
    .usage_error();
    assert!(err.contains("is your journal"), "{err}");
    assert_eq!(read(&journal), before, "left byte for byte");

    // Without --db the demo goes to its own file, not RAPPORT_DB's.
    exec(w.bare_command(["demo"]).env("RAPPORT_DB", &journal)).ok();
    assert_eq!(read(&journal), before, "left byte for byte");
    assert!(w.default_demo().exists());
}

#[test]
fn demo_refuses_to_write_into_the_default_journal() {
    let w = World::new();
    let err = exec(w.bare_command(["demo", "--db", s(&w.default_journal())])).usage_error();
    assert!(err.contains("is your journal"), "{err}");
    assert!(!w.default_journal().exists());
}
