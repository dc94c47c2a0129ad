//! The entries once logged: `list` and its filters, `show`, `edit`, `rm`
//! and `undo`.

use super::*;

// ---------------------------------------------------------------- list

/// Five entries over two people, with tags, notes and every category but update.
fn listed_world() -> (World, [i64; 5]) {
    let w = World::with_manager();
    w.run(&["person", "add", "Sam"]).ok();
    let one_on_one = w.log(&[
        "one_on_one",
        "Roadmap and hiring",
        "-d",
        "2026-11-17",
        "-q",
        "4",
        "-t",
        "hiring",
    ]);
    let coffee = w.log(&[
        "coffee",
        "Coffee walk",
        "-d",
        "yesterday",
        "-q",
        "5",
        "-t",
        "informal",
    ]);
    let advice = w.log(&[
        "advice",
        "How to pitch pricing",
        "-d",
        "-3d",
        "--strength",
        "finance",
    ]);
    let feedback = w.log(&[
        "feedback",
        "Be more direct",
        "-d",
        "2026-11-01",
        "--with",
        "Sam",
        "-t",
        "growth,hiring",
    ]);
    let note = w.log(&["note", "Reflection", "--notes", "the zebra crossing idea"]);
    (w, [one_on_one, coffee, advice, feedback, note])
}

#[test]
fn list_cuts_a_wide_title_by_columns_and_keeps_its_ellipsis() {
    let w = World::with_manager();
    w.run(&["person", "add", "岡田花子さんと山田太郎さん"]).ok();
    // 40 CJK characters: 80 columns, past the title's 60.
    let title = "採用計画".repeat(10);
    w.log(&["one_on_one", &title, "--with", "岡田花子さんと山田太郎さん"]);
    let out = w.run(&["list"]).ok();
    let line = out.lines().next().expect("one entry listed");
    assert!(line.ends_with('…'), "{line}");
    let title_cell = line.rsplit("  ").next().unwrap_or_default();
    // 29 characters of two columns and the `…`: 59 of the 60 columns.
    assert_eq!(unicode_width::UnicodeWidthStr::width(title_cell), 59);
    // The person's cell is 12 columns wide whatever its characters.
    assert!(line.contains("岡田花子さ… "), "{line}");
}

#[test]
fn list_shows_entries_newest_first() {
    let (w, [one_on_one, coffee, advice, feedback, note]) = listed_world();
    assert_eq!(
        w.list_ids(&[]),
        vec![note, coffee, advice, one_on_one, feedback]
    );
    let plain = w.run(&["list"]).ok();
    let lines: Vec<&str> = plain.lines().collect();
    assert_eq!(lines.len(), 5, "{plain}");
    assert!(lines[0].contains("Reflection") && lines[0].contains(TODAY));
    assert!(lines[1].contains("Coffee walk") && lines[1].contains("●●●●●"));
    assert!(lines[4].contains("Sam") && lines[4].contains("2026-11-01"));
}

#[test]
fn list_json_entries_carry_every_documented_field() {
    let (w, [one_on_one, ..]) = listed_world();
    let entries = w.list_json(&[]);
    assert_eq!(entries.len(), 5);
    for e in &entries {
        let obj = e.as_object().expect("each entry is an object");
        for key in [
            "id",
            "kind",
            "category",
            "happened_on",
            "time",
            "quality",
            "initiated_by",
            "title",
            "notes",
            "person",
            "tags",
        ] {
            assert!(obj.contains_key(key), "missing `{key}` in {e}");
        }
    }
    let e = entries
        .iter()
        .find(|e| e["id"] == one_on_one)
        .expect("the 1:1 is listed");
    assert_eq!(e["kind"], "one_on_one");
    assert_eq!(e["category"], "formal");
    assert_eq!(e["happened_on"], "2026-11-17");
    assert_eq!(e["quality"], 4);
    assert_eq!(e["person"], "Dana");
    assert_eq!(e["tags"], serde_json::json!(["hiring"]));
}

#[test]
fn list_filters_by_kind_and_category() {
    let (w, [one_on_one, coffee, advice, feedback, note]) = listed_world();
    assert_eq!(w.list_ids(&["--kind", "coffee"]), vec![coffee]);
    assert_eq!(w.list_ids(&["--kind", "1on1"]), vec![one_on_one]);
    assert_eq!(w.list_ids(&["--category", "informal"]), vec![coffee]);
    assert_eq!(w.list_ids(&["--category", "ask"]), vec![advice]);
    assert_eq!(w.list_ids(&["--category", "Feedback"]), vec![feedback]);
    assert_eq!(w.list_ids(&["--category", "note"]), vec![note]);
    assert_eq!(w.list_ids(&["--category", "update"]), Vec::<i64>::new());
    let err = w.run(&["list", "--kind", "party"]).usage_error();
    assert!(err.contains("party") && err.contains("coffee"), "{err}");
    let err = w.run(&["list", "--category", "party"]).usage_error();
    assert!(err.contains("party") && err.contains("informal"), "{err}");
}

#[test]
fn list_filters_by_person_and_tag() {
    let (w, [one_on_one, _, _, feedback, _]) = listed_world();
    assert_eq!(w.list_ids(&["--with", "Sam"]), vec![feedback]);
    assert_eq!(w.list_ids(&["--with", "dana"]).len(), 4);
    assert_eq!(w.list_ids(&["--tag", "hiring"]), vec![one_on_one, feedback]);
    assert_eq!(w.list_ids(&["-t", "growth"]), vec![feedback]);
    assert_eq!(w.list_ids(&["--tag", "nothing"]), Vec::<i64>::new());
    let err = w.run(&["list", "--with", "Zed"]).usage_error();
    assert!(err.contains("Zed") && err.contains("Dana"), "{err}");
}

#[test]
fn list_filters_by_day_range() {
    let (w, [one_on_one, coffee, advice, feedback, note]) = listed_world();
    assert_eq!(
        w.list_ids(&["--since", "-7d"]),
        vec![note, coffee, advice, one_on_one]
    );
    assert_eq!(w.list_ids(&["--since", "yesterday"]), vec![note, coffee]);
    assert_eq!(
        w.list_ids(&["--until", "2026-11-17"]),
        vec![one_on_one, feedback]
    );
    assert_eq!(
        w.list_ids(&["--since", "2026-11-02", "--until", "friday"]),
        vec![one_on_one]
    );
    let err = w.run(&["list", "--since", "2026-02-30"]).usage_error();
    assert!(err.contains("2026-02-30"), "{err}");
    let err = w.run(&["list", "--until", "2026-13-01"]).usage_error();
    assert!(err.contains("2026-13-01"), "{err}");
}

#[test]
fn list_searches_titles_notes_and_tags() {
    let (w, [one_on_one, coffee, _, feedback, note]) = listed_world();
    assert_eq!(w.list_ids(&["--search", "zebra"]), vec![note]);
    assert_eq!(w.list_ids(&["--search", "road"]), vec![one_on_one]);
    assert_eq!(w.list_ids(&["-s", "COFFEE walk"]), vec![coffee]);
    assert_eq!(w.list_ids(&["--search", "growth"]), vec![feedback]);
    assert_eq!(
        w.list_ids(&["--search", "nothing-like-it"]),
        Vec::<i64>::new()
    );
    // Search syntax characters are just text.
    w.list_ids(&["--search", "\"*) OR NEAR( -"]);
    let run = w.run(&["list", "--search", "nothing-like-it"]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("no entries match"), "{run:#?}");
}

#[test]
fn list_limit_keeps_the_newest() {
    let (w, [_, coffee, _, _, note]) = listed_world();
    assert_eq!(w.list_ids(&["--limit", "2"]), vec![note, coffee]);
    assert_eq!(w.run(&["list", "-n", "1"]).ok().lines().count(), 1);
    w.run(&["list", "--limit", "-1"]).usage_error();
    w.run(&["list", "--limit", "many"]).usage_error();
}

#[test]
fn list_limit_of_zero_is_a_usage_error() {
    let (w, _) = listed_world();
    let err = w.run(&["list", "--limit", "0"]).usage_error();
    assert!(err.contains('0'), "{err}");
}

#[test]
fn list_limit_pages_past_five_hundred() {
    let w = World::with_manager();
    // More than one page of the store's 500, without 600 process runs: write them directly.
    {
        let conn = rusqlite::Connection::open(&w.db).expect("open the journal");
        conn.execute_batch(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 600)
             INSERT INTO interaction (person_id, kind_id, happened_on, initiated_by, title, notes,
                                      created_at, updated_at)
             SELECT (SELECT id FROM person), (SELECT id FROM kind WHERE name = 'chat'),
                    date('2026-11-24', '-' || i || ' days'), 'me', 'chat ' || i, '',
                    '2026-11-24T09:00:00.000Z', '2026-11-24T09:00:00.000Z'
               FROM n;",
        )
        .expect("insert entries");
    }
    let ids = w.list_ids(&["--limit", "550"]);
    assert_eq!(ids.len(), 550);
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), 550, "no entry twice across pages");
    assert_eq!(w.list_ids(&["--limit", "1000"]).len(), 600);
    assert_eq!(w.run(&["list"]).ok().lines().count(), 50, "default limit");
}

#[test]
fn list_on_an_empty_journal_says_how_to_start() {
    let w = World::with_manager();
    let run = w.run(&["list"]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("rapport log"), "{run:#?}");
    assert_eq!(w.run(&["list", "--json"]).ok().trim(), "[]");
}

// ---------------------------------------------------------------- show

#[test]
fn show_prints_one_entry_in_full() {
    let w = World::with_manager();
    let id = w.log(&[
        "one_on_one",
        "Roadmap",
        "-d",
        "2026-11-20",
        "--time",
        "10:00",
        "--minutes",
        "30",
        "-q",
        "4",
        "--by",
        "them",
        "-t",
        "hiring",
        "--notes",
        "first line\nsecond line",
    ]);
    let out = w.run(&["show", &id.to_string()]).ok();
    assert!(out.starts_with(&format!("#{id}  Roadmap\n")), "{out}");
    for part in [
        "Fri 20 Nov 2026 at 10:00 for 30 min",
        "one_on_one (formal)",
        "with     Dana",
        "●●●●○ 4/5",
        "by them",
        "#hiring",
        "first line\nsecond line",
    ] {
        assert!(out.contains(part), "missing {part:?} in {out}");
    }
    let json = w.show(id);
    assert_eq!(json["title"], "Roadmap");
    assert_eq!(json["version"], 1);
}

#[test]
fn show_of_an_unknown_id_is_a_usage_error() {
    let w = World::with_manager();
    let err = w.run(&["show", "42"]).usage_error();
    assert!(err.contains("42"), "{err}");
    w.run(&["show", "abc"]).usage_error();
    w.run(&["show"]).usage_error();
}

// ---------------------------------------------------------------- edit

#[test]
fn edit_changes_the_given_fields_and_keeps_the_rest() {
    let w = World::with_manager();
    w.run(&["person", "add", "Sam"]).ok();
    let id = w.log(&[
        "one_on_one",
        "Roadmap",
        "-d",
        "2026-11-20",
        "--time",
        "10:00",
        "--minutes",
        "30",
        "-q",
        "4",
        "-t",
        "hiring",
        "--notes",
        "kept",
    ]);
    let before = w.show(id);
    let run = w.run(&[
        "edit",
        &id.to_string(),
        "--title",
        "Roadmap, revised",
        "-q",
        "2",
        "-t",
        "growth",
    ]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.contains(&format!("updated entry {id}")),
        "{run:#?}"
    );
    let after = w.show(id);
    assert_eq!(after["title"], "Roadmap, revised");
    assert_eq!(after["quality"], 2);
    assert_eq!(after["tags"], serde_json::json!(["growth", "hiring"]));
    for same in [
        "kind",
        "happened_on",
        "time",
        "minutes",
        "notes",
        "person",
        "initiated_by",
        "created_at",
    ] {
        assert_eq!(after[same], before[same], "`{same}` kept");
    }
    assert_eq!(after["version"], 2);

    w.run(&[
        "edit",
        &id.to_string(),
        "--kind",
        "coffee",
        "-d",
        "yesterday",
        "--with",
        "Sam",
        "--by",
        "them",
        "--replace-tags",
        "-t",
        "informal",
        "--notes",
        "new notes",
    ])
    .ok();
    let after = w.show(id);
    assert_eq!(after["kind"], "coffee");
    assert_eq!(after["category"], "informal");
    assert_eq!(after["happened_on"], "2026-11-23");
    assert_eq!(after["person"], "Sam");
    assert_eq!(after["initiated_by"], "them");
    assert_eq!(after["tags"], serde_json::json!(["informal"]));
    assert_eq!(after["notes"], "new notes");
    assert_eq!(after["title"], "Roadmap, revised");
    assert_eq!(after["quality"], 2);

    w.run(&["edit", &id.to_string(), "--replace-tags"]).ok();
    assert_eq!(w.show(id)["tags"], serde_json::json!([]));
}

#[test]
fn edit_keeps_an_advice_strength_it_was_not_given() {
    let w = World::with_manager();
    let id = w.log(&["advice", "How to pitch?", "--strength", "finance"]);
    w.run(&["edit", &id.to_string(), "--title", "How to pitch it?"])
        .ok();
    let advice = &w.show(id)["advice_loop"];
    assert_eq!(advice["question"], "How to pitch it?");
    assert_eq!(advice["strength"], "finance");
}

#[test]
fn edit_refuses_bad_input_and_leaves_the_entry_alone() {
    let w = World::with_manager();
    let id = w.log(&["coffee", "Coffee", "-q", "3"]);
    let before = w.show(id);
    let id_text = id.to_string();
    w.run(&["edit", &id_text, "-q", "6"]).usage_error();
    let err = w.run(&["edit", &id_text, "-d", "2026-02-30"]).usage_error();
    assert!(err.contains("2026-02-30"), "{err}");
    let err = w.run(&["edit", &id_text, "--kind", "party"]).usage_error();
    assert!(err.contains("party"), "{err}");
    let err = w.run(&["edit", &id_text, "--kind", "note"]).usage_error();
    assert!(err.contains("no quality"), "{err}");
    let err = w.run(&["edit", &id_text, "--with", "Zed"]).usage_error();
    assert!(err.contains("Zed"), "{err}");
    assert_eq!(w.show(id), before, "unchanged, version included");
    let err = w.run(&["edit", "999", "--title", "x"]).usage_error();
    assert!(err.contains("999"), "{err}");
}

// ---------------------------------------------------------------- rm and undo

#[test]
fn rm_hides_an_entry_and_undo_brings_it_back_unchanged() {
    let w = World::with_manager();
    let keep = w.log(&["chat", "Keep"]);
    let id = w.log(&[
        "coffee",
        "Coffee walk",
        "-q",
        "5",
        "-t",
        "informal",
        "--notes",
        "notes",
    ]);
    let before = w.show(id);
    let run = w.run(&["rm", &id.to_string()]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("rapport undo"), "{run:#?}");
    assert_eq!(w.list_ids(&[]), vec![keep]);
    w.run(&["show", &id.to_string()]).usage_error();
    w.run(&["rm", &id.to_string()]).usage_error();

    let run = w.run(&["undo"]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert_eq!(id_from(&run.stdout), id);
    assert_eq!(w.show(id), before);
    assert_eq!(w.list_ids(&[]), vec![id, keep]);

    let err = w.run(&["undo"]).runtime_error();
    assert!(err.contains("nothing to undo"), "{err}");
}

#[test]
fn undo_restores_the_most_recently_deleted_first() {
    let w = World::with_manager();
    let a = w.log(&["chat", "a"]);
    let b = w.log(&["chat", "b"]);
    w.run(&["rm", &b.to_string()]).ok();
    w.run(&["rm", &a.to_string()]).ok();
    assert_eq!(id_from(&w.run(&["undo"]).ok()), a);
    assert_eq!(id_from(&w.run(&["undo"]).ok()), b);
}

#[test]
fn undo_with_nothing_deleted_is_a_runtime_error() {
    let w = World::with_manager();
    let err = w.run(&["undo"]).runtime_error();
    assert!(err.contains("nothing to undo"), "{err}");
}

#[test]
fn rm_of_an_unknown_id_is_a_usage_error() {
    let w = World::with_manager();
    let err = w.run(&["rm", "7"]).usage_error();
    assert!(err.contains('7'), "{err}");
}
