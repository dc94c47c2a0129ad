//! `person` and `kind`: the current manager, changing, archiving and
//! listing people, and the built-in and user kinds.

use super::*;

// ---------------------------------------------------------------- person

#[test]
fn the_first_person_added_becomes_the_current_manager() {
    let w = World::new();
    let run = w.run(&[
        "person",
        "add",
        "Dana Okafor",
        "--role",
        "Director",
        "--strength",
        "finance",
        "--strength",
        "hiring",
        "--every",
        "7",
    ]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert_eq!(id_from(&run.stdout), 1);
    assert!(run.stderr.contains("current manager"), "{run:#?}");
    w.run(&["person", "add", "Sam"]).ok();
    let people = w.people_json(&[]);
    assert_eq!(names(&people), ["Dana Okafor", "Sam"]);
    assert_eq!(current_name(&people), ["Dana Okafor"]);
    let dana = &people[0];
    assert_eq!(dana["role"], "Director");
    assert_eq!(dana["strengths"], serde_json::json!(["finance", "hiring"]));
    assert_eq!(dana["cadence_days"], 7);
    assert_eq!(dana["next_one_on_one"], Value::Null);
    assert_eq!(dana["archived"], false);
    assert_eq!(people[1]["cadence_days"], Value::Null);

    let plain = w.run(&["person", "list"]).ok();
    assert!(plain.starts_with("* Dana Okafor"), "{plain}");
    assert!(plain.contains("1:1 every 7 days"), "{plain}");
    assert!(plain.contains("strengths: finance; hiring"), "{plain}");
}

#[test]
fn a_relation_is_set_on_add_and_set_listed_and_checked() {
    let w = World::with_manager();
    w.run(&["person", "add", "Sam", "--relation", "skip_level"])
        .ok();
    w.run(&["person", "add", "Ada", "--relation", "mentor"])
        .ok();
    let people = w.people_json(&[]);
    let relation = |name: &str| {
        people
            .iter()
            .find(|p| p["name"] == name)
            .map(|p| p["relation"].clone())
    };
    assert_eq!(
        relation("Dana"),
        Some(Value::from("manager")),
        "the default"
    );
    assert_eq!(relation("Sam"), Some(Value::from("skip_level")));
    assert_eq!(relation("Ada"), Some(Value::from("mentor")));
    w.run(&["person", "set", "Ada", "--relation", "peer"]).ok();
    let plain = w.run(&["person", "list"]).ok();
    assert!(plain.contains("skip-level"), "{plain}");
    assert!(
        plain
            .lines()
            .any(|l| l.contains("Ada") && l.contains("peer")),
        "{plain}"
    );
    let err = w
        .run(&["person", "set", "Ada", "--relation", "boss"])
        .usage_error();
    assert!(err.contains("manager, skip_level, mentor, peer"), "{err}");
}

#[test]
fn person_add_current_switches_the_manager() {
    let w = World::with_manager();
    w.run(&["person", "add", "Sam", "--current"]).ok();
    assert_eq!(current_name(&w.people_json(&[])), ["Sam"]);
    let id = w.log(&["coffee", "with the new manager"]);
    assert_eq!(w.show(id)["person"], "Sam");
}

#[test]
fn person_set_current_switches_the_manager_back() {
    let w = World::with_manager();
    w.run(&["person", "add", "Sam", "--current"]).ok();
    w.run(&["person", "set", "dana", "--current"]).ok();
    let people = w.people_json(&[]);
    assert_eq!(current_name(&people), ["Dana"]);
    assert_eq!(names(&people), ["Dana", "Sam"], "current first");
}

#[test]
fn person_set_changes_only_the_given_fields() {
    let w = World::with_manager();
    w.run(&[
        "person",
        "set",
        "Dana",
        "--role",
        "VP",
        "--every",
        "14",
        "--strength",
        "strategy",
    ])
    .ok();
    let dana = &w.people_json(&[])[0];
    assert_eq!(dana["role"], "VP");
    assert_eq!(dana["cadence_days"], 14);
    assert_eq!(dana["strengths"], serde_json::json!(["strategy"]));
    assert_eq!(dana["is_current"], true);

    w.run(&["person", "set", "Dana", "--name", "Dana Okafor"])
        .ok();
    let dana = &w.people_json(&[])[0];
    assert_eq!(dana["name"], "Dana Okafor");
    assert_eq!(dana["role"], "VP", "kept");
    assert_eq!(dana["cadence_days"], 14, "kept");
}

#[test]
fn person_set_next_one_on_one_looks_ahead() {
    let w = World::with_manager();
    // Today is Tuesday 2026-11-24.
    for (input, expected) in [
        ("friday", "2026-11-27"),
        ("tuesday", "2026-12-01"),
        ("tomorrow", "2026-11-25"),
        ("+3d", "2026-11-27"),
        ("in 3 days", "2026-11-27"),
        ("2026-12-10", "2026-12-10"),
    ] {
        w.run(&["person", "set", "Dana", "--next-1on1", input]).ok();
        assert_eq!(
            w.people_json(&[])[0]["next_one_on_one"],
            expected,
            "--next-1on1 {input}"
        );
    }
    w.run(&["person", "set", "Dana", "--clear-next"]).ok();
    assert_eq!(w.people_json(&[])[0]["next_one_on_one"], Value::Null);
    for bad in ["yesterday", "2026-02-30", "-3d"] {
        let err = w
            .run(&["person", "set", "Dana", "--next-1on1", bad])
            .usage_error();
        assert!(err.contains(bad), "names `{bad}`: {err}");
    }
}

#[test]
fn person_set_archive_hides_them_unless_all() {
    let w = World::with_manager();
    w.run(&["person", "add", "Sam"]).ok();
    w.run(&["person", "set", "Sam", "--archive"]).ok();
    assert_eq!(names(&w.people_json(&[])), ["Dana"]);
    let all = w.people_json(&["--all"]);
    assert_eq!(names(&all), ["Dana", "Sam"]);
    assert_eq!(all[1]["archived"], true);
    assert!(
        w.run(&["person", "list", "--all"])
            .ok()
            .contains("Sam (archived)")
    );
    w.run(&["person", "set", "Sam", "--unarchive"]).ok();
    assert_eq!(names(&w.people_json(&[])), ["Dana", "Sam"]);
}

#[test]
fn person_set_of_an_unknown_person_lists_the_known_names() {
    let w = World::with_manager();
    w.run(&["person", "add", "Sam"]).ok();
    let err = w
        .run(&["person", "set", "Zed", "--role", "x"])
        .usage_error();
    assert!(err.contains("Zed"), "{err}");
    assert!(err.contains("Dana") && err.contains("Sam"), "{err}");
}

#[test]
fn person_set_with_nothing_to_change_is_a_usage_error() {
    let w = World::with_manager();
    let err = w.run(&["person", "set", "Dana"]).usage_error();
    assert!(err.contains("nothing to change"), "{err}");
}

#[test]
fn edit_with_nothing_to_change_is_a_usage_error() {
    let w = World::with_manager();
    let id = id_from(&w.run(&["log", "meal", "dinner"]).ok()).to_string();
    let err = w.run(&["edit", &id]).usage_error();
    assert!(err.contains("nothing to change"), "{err}");
    let entry: Value = serde_json::from_str(&w.run(&["show", &id, "--json"]).ok()).expect("json");
    assert_eq!(entry["version"], 1, "the entry was not touched");
}

#[test]
fn person_add_refuses_bad_input() {
    let w = World::with_manager();
    let err = w.run(&["person", "add", "dana"]).usage_error();
    assert!(err.contains("already"), "{err}");
    w.run(&["person", "add", "   "]).usage_error();
    w.run(&["person", "add", "Sam", "--every", "0"])
        .usage_error();
    w.run(&["person", "add", "Sam", "--every", "soon"])
        .usage_error();
    assert_eq!(names(&w.people_json(&["--all"])), ["Dana"]);
}

#[test]
fn person_list_on_an_empty_journal_says_how_to_add_one() {
    let w = World::new();
    let run = w.run(&["person", "list"]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.contains("rapport person add NAME --current"),
        "{run:#?}"
    );
    assert_eq!(w.people_json(&[]), Vec::<Value>::new());
}

// ---------------------------------------------------------------- kind

#[test]
fn kind_list_shows_the_builtin_kinds() {
    let w = World::new();
    let out = w.run(&["kind", "list"]).ok();
    for (kind, category) in [
        ("one_on_one", "formal"),
        ("meal", "informal"),
        ("coffee", "informal"),
        ("chat", "informal"),
        ("advice", "ask"),
        ("summary", "update"),
        ("feedback", "feedback"),
        ("note", "note"),
        ("win", "work"),
        ("risk", "work"),
    ] {
        let line = out
            .lines()
            .find(|l| l.split_whitespace().next() == Some(kind))
            .unwrap_or_else(|| panic!("`{kind}` is listed: {out}"));
        assert!(
            line.contains(category) && line.contains("built in"),
            "{line}"
        );
    }
    let json: Value = serde_json::from_str(&w.run(&["kind", "list", "--json"]).ok()).expect("JSON");
    let kinds = json.as_array().expect("an array");
    assert_eq!(kinds.len(), 10);
    assert!(kinds.iter().all(|k| k["builtin"] == true));
}

#[test]
fn kind_add_makes_a_new_kind_to_log_with() {
    let w = World::with_manager();
    let run = w.run(&["kind", "add", "Walk", "--category", "informal"]);
    assert_eq!(run.code, 0, "{run:#?}");
    id_from(&run.stdout);
    let out = w.run(&["kind", "list"]).ok();
    let line = out
        .lines()
        .find(|l| l.starts_with("walk"))
        .unwrap_or_else(|| panic!("walk is listed: {out}"));
    assert!(
        line.contains("informal") && line.contains("yours"),
        "{line}"
    );
    let id = w.log(&["walk", "Walk around the block", "-q", "4"]);
    assert_eq!(w.show(id)["category"], "informal");
    assert_eq!(w.list_ids(&["--kind", "walk"]), vec![id]);
}

#[test]
fn kind_add_refuses_bad_names_and_categories() {
    let w = World::new();
    let err = w
        .run(&["kind", "add", "long walk", "-c", "informal"])
        .usage_error();
    assert!(err.contains("long walk"), "{err}");
    let err = w.run(&["kind", "add", "walk", "-c", "party"]).usage_error();
    assert!(err.contains("party") && err.contains("informal"), "{err}");
    w.run(&["kind", "add", "walk"]).usage_error();
    let err = w
        .run(&["kind", "add", "coffee", "-c", "informal"])
        .usage_error();
    assert!(err.contains("already"), "{err}");
    let json: Value = serde_json::from_str(&w.run(&["kind", "list", "--json"]).ok()).expect("JSON");
    assert_eq!(json.as_array().map(Vec::len), Some(10), "nothing was added");
}

// ---------------------------------------------------------------- names

#[test]
fn a_first_name_or_a_unique_prefix_names_a_person_everywhere() {
    let w = World::new();
    w.run(&["person", "add", "Dana Okafor", "--every", "7"])
        .ok();
    w.run(&["person", "add", "Samir Haddad"]).ok();
    // The README's own tour.
    w.run(&[
        "person",
        "set",
        "dana",
        "--goal",
        "Ship the pricing migration",
    ])
    .ok();
    let shown = w.run(&["person", "show", "dan", "--json"]).ok();
    assert!(shown.contains("Ship the pricing migration"), "{shown}");
    let id = w.log(&["coffee", "Walk", "--with", "sam"]);
    assert_eq!(w.show(id)["person"], "Samir Haddad");
    assert_eq!(w.list_ids(&["--with", "SAMIR"]), [id]);
    w.run(&["topic", "add", "Hiring", "--with", "da"]).ok();
    w.run(&["prep", "--with", "dana"]).ok();
}

#[test]
fn an_ambiguous_name_lists_the_matches() {
    let w = World::new();
    w.run(&["person", "add", "Sam Lee"]).ok();
    w.run(&["person", "add", "Samir Haddad"]).ok();
    let err = w.run(&["log", "coffee", "--with", "sa"]).usage_error();
    assert!(err.contains("Sam Lee or Samir Haddad"), "{err}");
    // A first name that is whole wins over a longer one it begins.
    let id = w.log(&["coffee", "--with", "sam"]);
    assert_eq!(w.show(id)["person"], "Sam Lee");
    let unknown = w.run(&["log", "coffee", "--with", "okafor"]).usage_error();
    assert!(unknown.contains("no person named `okafor`"), "{unknown}");
}
