//! The work log from the shell: `win` and `risk` are logged like any entry,
//! take no quality, are shared unless `--private`, and a person's `call`
//! name is set with `person set --call`.

use super::*;

#[test]
fn a_win_is_logged_shared_and_a_private_one_is_marked() {
    let w = World::with_manager();
    let win = w.log(&["win", "Shipped the billing export; p95 down 40%"]);
    let shown = w.show(win);
    assert_eq!(shown["category"], "work");
    assert_eq!(shown["private"], false);
    let private = w.log(&["win", "Interviewing elsewhere", "--private"]);
    assert_eq!(w.show(private)["private"], true);
    let detail = w.run(&["show", &private.to_string()]).ok();
    assert!(
        detail.contains("visible  private: marked private"),
        "{detail}"
    );
    let list = w.run(&["list"]).ok();
    assert!(list.contains("(private) Interviewing elsewhere"), "{list}");
    assert!(!list.contains("(private) Shipped"), "{list}");
    assert_eq!(w.list_ids(&["--category", "work"]), vec![private, win]);
    // Shared again with an edit.
    w.run(&["edit", &private.to_string(), "--shared"]).ok();
    assert_eq!(w.show(private)["private"], false);
}

#[test]
fn work_entries_take_no_quality_and_only_they_can_be_shared() {
    let w = World::with_manager();
    let err = w
        .run(&["log", "risk", "Vendor late", "-q", "3"])
        .usage_error();
    assert!(
        err.contains("work-log entry") && err.contains("no quality"),
        "{err}"
    );
    let err = w
        .run(&["log", "note", "A reflection", "--shared"])
        .usage_error();
    assert!(err.contains("never shared"), "{err}");
    let note = w.log(&["note", "A reflection"]);
    let detail = w.run(&["show", &note.to_string()]).ok();
    assert!(
        detail.contains("only work entries are ever shared"),
        "{detail}"
    );
}

#[test]
fn users_add_their_own_work_kinds() {
    let w = World::with_manager();
    w.run(&["kind", "add", "decision", "-c", "work"]).ok();
    let id = w.log(&["decision", "We go with Postgres"]);
    assert_eq!(w.show(id)["category"], "work");
}

#[test]
fn a_person_is_called_by_the_first_word_of_their_name_unless_set() {
    let w = World::new();
    w.run(&["person", "add", "Dana Okafor", "--every", "7"])
        .ok();
    let people = w.run(&["person", "list", "--json"]).ok();
    let people: Value = serde_json::from_str(&people).expect("JSON");
    assert_eq!(people[0]["call"], "");
    w.run(&["person", "set", "Dana Okafor", "--call", "Dee"])
        .ok();
    let people: Value =
        serde_json::from_str(&w.run(&["person", "list", "--json"]).ok()).expect("JSON");
    assert_eq!(people[0]["call"], "Dee");
}

#[test]
fn private_and_call_survive_an_export_and_import() {
    let w = World::new();
    w.run(&["person", "add", "Dana Okafor", "--every", "7"])
        .ok();
    w.run(&["person", "set", "Dana Okafor", "--call", "Dee"])
        .ok();
    w.log(&["win", "Shipped it"]);
    w.log(&["risk", "Vendor slipping", "--private"]);
    let export = w.path("out.json");
    w.run(&["export", "--out", s(&export)]).ok();
    let doc: Value =
        serde_json::from_slice(&std::fs::read(&export).expect("written")).expect("JSON");
    assert_eq!(doc["people"][0]["call"], "Dee");
    let private: Vec<bool> = doc["interactions"]
        .as_array()
        .expect("entries")
        .iter()
        .map(|e| e["private"].as_bool().expect("a flag"))
        .collect();
    assert_eq!(private, vec![false, true]);
    let other = World::new();
    other.run(&["import", s(&export)]).ok();
    let list = other.run(&["list"]).ok();
    assert!(list.contains("(private) Vendor slipping"), "{list}");
    let people: Value =
        serde_json::from_str(&other.run(&["person", "list", "--json"]).ok()).expect("JSON");
    assert_eq!(people[0]["call"], "Dee");
}
