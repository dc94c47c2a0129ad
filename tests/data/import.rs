//! `rapport import` from the command line: JSON, CSV and jrnl files, dry runs,
//! and bad files refused with the journal untouched.

use super::*;

// ---------------------------------------------------------- import (cli)

#[test]
fn json_import_into_an_empty_journal_reproduces_the_export_and_a_second_import_adds_nothing() {
    let w = World::with_manager();
    w.log(&["one_on_one", "Roadmap", "-q", "4", "--tag", "hiring"]);
    w.log(&["advice", "Pitch?", "--strength", "finance"]);
    w.run(&["topic", "add", "Headcount"]).ok();
    let file = w.path("all.json");
    w.run(&["export", "-o", s(&file)]).ok();

    let copy = w.sibling("copy.db");
    let run = copy.run(&["import", s(&file)]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(
        run.stderr.contains("imported 1 person, 2 interactions"),
        "{run:#?}"
    );
    assert_eq!(copy.export_json(), String::from_utf8_lossy(&read(&file)));

    let again = copy.run(&["import", s(&file)]);
    assert_eq!(again.code, 0, "{again:#?}");
    assert!(again.stderr.contains("nothing to import"), "{again:#?}");
    assert!(
        again.stderr.contains("skipped 1 person, 2 interactions"),
        "{again:#?}"
    );
    assert_eq!(copy.export_json(), String::from_utf8_lossy(&read(&file)));
}

#[test]
fn a_dry_run_reports_what_would_be_imported_and_writes_nothing() {
    let w = World::with_manager();
    w.log(&["coffee", "Coffee"]);
    let file = w.path("all.json");
    w.run(&["export", "-o", s(&file)]).ok();
    let copy = w.sibling("copy.db");
    copy.run(&["person", "add", "Someone"]).ok();
    let before = copy.snapshot();
    let run = copy.run(&["import", s(&file), "--dry-run"]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(
        run.stderr.contains("would import 1 person, 1 interaction"),
        "{run:#?}"
    );
    assert!(
        run.stderr.contains("dry run: nothing was written"),
        "{run:#?}"
    );
    assert_eq!(copy.snapshot(), before);
}

#[test]
fn csv_import_takes_back_its_own_export_and_skips_rows_already_there() {
    let w = World::with_manager();
    w.log(&[
        "one_on_one",
        "Roadmap, \"hiring\"",
        "--time",
        "9:05",
        "--minutes",
        "30",
        "-q",
        "4",
        "--by",
        "them",
        "--tag",
        "a,b",
        "--notes",
        "multi\nline",
    ]);
    w.log(&["advice", "Pitch?", "--strength", "finance"]);
    w.log(&["note", "A thought"]);
    let file = w.path("all.csv");
    w.run(&["export", "--format", "csv", "-o", s(&file)]).ok();

    let copy = w.sibling("copy.db");
    copy.run(&["person", "add", "Dana"]).ok();
    let run = copy.run(&["import", s(&file)]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(run.stderr.contains("imported 3 interactions"), "{run:#?}");
    let strip_ids = |w: &World| {
        let mut entries = w.list_json();
        for e in &mut entries {
            e["id"] = Value::Null;
            e["advice_loop"]["id"] = Value::Null;
            e["advice_loop"]["interaction_id"] = Value::Null;
        }
        entries
    };
    assert_eq!(strip_ids(&copy), strip_ids(&w));

    let again = copy.run(&["import", s(&file)]);
    assert_eq!(again.code, 0, "{again:#?}");
    assert!(
        again
            .stderr
            .contains("skipped 3 interactions already in the journal (line 2, line 4, line 5)"),
        "{again:#?}"
    );
    assert_eq!(copy.list_json().len(), 3);
}

#[test]
fn csv_columns_may_come_in_any_order_and_most_may_be_left_out() {
    let w = World::with_manager();
    let file = w.file(
        "few.csv",
        "title,kind,happened_on,tags\nLunch,lunch,2026-11-20,\"x, y\"\nSync,1on1,2026-11-21,\n",
    );
    w.run(&["import", &file]).ok();
    let entries = w.list_json();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[1]["kind"], "meal");
    assert_eq!(entries[1]["tags"], serde_json::json!(["x", "y"]));
    assert_eq!(entries[0]["kind"], "one_on_one");
    assert_eq!(entries[0]["person"], "Dana");
}

/// Each bad file is refused with exit 2, a message naming where, and the
/// journal left byte for byte as it was.
#[test]
fn bad_files_are_refused_naming_the_place_and_leave_the_journal_untouched() {
    let w = World::with_manager();
    w.log(&["coffee", "Coffee", "-q", "4"]);
    let good = w.export_json();
    let dup_ids = {
        let mut doc: Value = serde_json::from_str(&good).expect("JSON");
        let first = doc["interactions"][0].clone();
        if let Some(list) = doc["interactions"].as_array_mut() {
            list.push(first);
        }
        doc.to_string()
    };
    let unknown_kind = good.replace("\"kind_id\": 3", "\"kind_id\": 42");
    assert_ne!(unknown_kind, good, "the test edits the kind");
    let header = "happened_on,kind,title";
    let cases: Vec<(&str, String, &str)> = vec![
        ("truncated.json", good[..good.len() / 2].to_string(), "truncated"),
        ("wrong-format.json", good.replace("\"rapport\"", "\"diary\""), "format: this is a `diary` document"),
        ("newer.json", good.replace("\"version\": 1", "\"version\": 2"), "version: 2 was written by a newer rapport"),
        ("old.json", good.replace("\"version\": 1", "\"version\": 0"), "version: 0 is not a version"),
        ("duplicate-ids.json", dup_ids, "interactions[1].id: id 1 appears twice (also at interactions[0])"),
        ("unknown-kind.json", unknown_kind, "interactions[0].kind_id: refers to kind 42, which is not in `kinds`"),
        ("bad-quality.json", good.replace("\"quality\": 4", "\"quality\": 9"), "interactions[0].quality: must be 1 to 5, not 9"),
        ("typo.json", good.replace("\"notes\"", "\"nots\""), "interactions[0].notes: is missing"),
        ("bad-quote.csv", format!("{header}\n2026-11-20,coffee,ok\n2026-11-21,coffee,say \"hi\"\n"), "line 3: a quote inside an unquoted field"),
        ("unclosed.csv", format!("{header}\n2026-11-20,coffee,\"never closed\n"), "line 2: a quoted field opened here is never closed"),
        ("impossible-date.csv", format!("{header}\n2026-11-20,coffee,ok\n2026-02-30,coffee,bad\n"), "line 3, column `happened_on`: `2026-02-30` is not a real date"),
        ("unknown-column.csv", "happened_on,kind,mood\n2026-11-20,coffee,great\n".into(), "line 1, column `mood`: unknown column"),
        ("unknown-kind.csv", format!("{header}\n2026-11-20,coffee,ok\n2026-11-21,walk,bad\n"), "line 3, column `kind`: unknown kind `walk`"),
        ("short-row.csv", format!("{header}\n2026-11-20,coffee\n"), "line 2: this row has 2 fields but the header has 3"),
        ("note-quality.csv", "happened_on,kind,quality\n2026-11-20,note,4\n".into(), "line 2, column `quality`: a note is a reflection"),
        ("nobody.csv", "happened_on,kind,person\n2026-11-20,coffee,Zed\n".into(), "line 2, column `person`: there is no person named `Zed`"),
        ("jrnl-no-date.json", r#"{"tags": {}, "entries": [{"title": "x", "body": "", "tags": [], "starred": false}]}"#.into(), "entries[0].date: is missing"),
        // jrnl is read as a stream: a good first entry is rolled back with the bad second.
        ("jrnl-second-bad.json", r#"{"tags": {}, "entries": [{"title": "ok", "body": "", "date": "2026-11-20", "tags": [], "starred": false}, {"title": "x", "body": "", "date": "2026-02-30", "tags": [], "starred": false}]}"#.into(), "entries[1].date"),
        ("jrnl-truncated.json", r#"{"entries": [{"title": "ok", "body": "", "date": "2026-11-20", "tags": [], "starred": false}, {"ti"#.into(), "the JSON ends too soon"),
        ("jrnl-entries-not-a-list.json", r#"{"entries": {"title": "ok"}}"#.into(), "entries: expected a list, found an object"),
    ];
    let before = w.snapshot();
    let rows_before = w.export_json();
    for (name, contents, expected) in cases {
        let file = w.file(name, contents);
        let err = w.run(&["import", &file]).usage_error();
        assert!(
            err.contains(expected),
            "{name}: expected `{expected}` in: {err}"
        );
        assert!(err.contains("nothing was imported"), "{name}: {err}");
        assert_eq!(w.snapshot(), before, "{name} changed the journal");
    }
    let latin1 = w.file(
        "latin1.csv",
        b"happened_on,kind,title\n2026-11-20,coffee,caf\xe9\n",
    );
    let err = w.run(&["import", &latin1]).usage_error();
    assert!(err.contains("line 2: not UTF-8"), "{err}");
    assert_eq!(w.snapshot(), before);
    let latin1_jrnl = w.file(
        "latin1.json",
        b"{\"entries\": [{\"title\": \"ok\", \"date\": \"2026-11-20\"},\n{\"title\": \"caf\xe9\"}]}",
    );
    let err = w.run(&["import", &latin1_jrnl]).usage_error();
    assert!(err.contains("line 2: not UTF-8"), "{err}");
    assert_eq!(w.snapshot(), before);
    assert_eq!(w.export_json(), rows_before);
}

#[test]
fn a_byte_order_mark_is_accepted_in_json_and_csv() {
    let w = World::with_manager();
    w.log(&["coffee", "Coffee"]);
    let copy = w.sibling("copy.db");
    let json = copy.file("bom.json", format!("\u{feff}{}", w.export_json()));
    copy.run(&["import", &json]).ok();
    assert_eq!(copy.export_json(), w.export_json());
    let csv = copy.file(
        "bom.csv",
        "\u{feff}happened_on,kind,title\n2026-11-20,chat,BOM row\n",
    );
    copy.run(&["import", &csv]).ok();
    assert!(copy.list_json().iter().any(|e| e["title"] == "BOM row"));
}

#[test]
fn a_ten_megabyte_field_is_imported_and_stored_exactly() {
    let w = World::with_manager();
    let notes: String = "ünïcödé \"quoted\", line\n".repeat(10 * 1024 * 1024 / 24);
    assert!(notes.len() >= 10 * 1024 * 1024 - 64);
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record(["happened_on", "kind", "title", "notes"])
        .expect("header");
    writer
        .write_record(["2026-11-20", "note", "Big", notes.as_str()])
        .expect("row");
    let file = w.file("big.csv", writer.into_inner().expect("bytes"));
    w.run(&["import", &file]).ok();
    let shown: Value = serde_json::from_str(&w.run(&["show", "1", "--json"]).ok()).expect("JSON");
    assert!(
        shown["notes"] == notes.as_str(),
        "the notes came back byte for byte"
    );
}

#[test]
fn a_hand_written_jrnl_export_becomes_interactions_with_kinds_from_tags() {
    let w = World::with_manager();
    w.run(&["person", "add", "Sam"]).ok();
    w.run(&["kind", "add", "walk", "--category", "informal"])
        .ok();
    // As `jrnl --format json` writes it: tag counts, then entries.
    let jrnl = r#"{
  "tags": {"@1on1": 1, "@dinner": 1, "@hiring": 2, "@walk": 1},
  "entries": [
    {"title": "Weekly 1:1.", "body": "She picked the hiring topic.\nThen budgets.", "date": "2026-11-16", "time": "09:30", "tags": ["@1on1", "@hiring"], "starred": false},
    {"title": "Dinner after the offsite.", "body": "", "date": "2026-11-18", "time": "19:45", "tags": ["@hiring", "@dinner"], "starred": true},
    {"title": "Wondering about my scope.", "body": "Ask next week?", "date": "2026-11-20", "time": "22:10", "tags": [], "starred": false},
    {"title": "Walk around the block.", "body": "", "date": "2026-11-21", "time": "12:00", "tags": ["@walk"], "starred": false, "uuid": "ignored by rapport"}
  ]
}"#;
    let file = w.file("journal.json", jrnl);
    let run = w.run(&["import", &file]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(run.stderr.contains("imported 4 interactions"), "{run:#?}");
    let mut entries = w.list_json();
    entries.reverse();
    let summary: Vec<(&str, &str, &str, &str)> = entries
        .iter()
        .map(|e| {
            (
                e["happened_on"].as_str().expect("a day"),
                e["time"].as_str().expect("a time"),
                e["kind"].as_str().expect("a kind"),
                e["person"].as_str().expect("a person"),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("2026-11-16", "09:30", "one_on_one", "Dana"),
            ("2026-11-18", "19:45", "meal", "Dana"),
            ("2026-11-20", "22:10", "note", "Dana"),
            ("2026-11-21", "12:00", "walk", "Dana"),
        ]
    );
    assert_eq!(entries[0]["title"], "Weekly 1:1.");
    assert_eq!(
        entries[0]["notes"],
        "She picked the hiring topic.\nThen budgets."
    );
    assert_eq!(entries[0]["tags"], serde_json::json!(["1on1", "hiring"]));
    assert_eq!(
        entries[1]["tags"],
        serde_json::json!(["dinner", "hiring", "starred"])
    );
    assert!(entries.iter().all(|e| e["quality"].is_null()));

    // Again: nothing new. With --with, the same entries are Sam's, so new.
    let again = w.run(&["import", &file, "--format", "jrnl"]);
    assert!(
        again.stderr.contains("skipped 4 interactions"),
        "{again:#?}"
    );
    let sams = w.run(&["import", &file, "--with", "Sam"]);
    assert!(sams.stderr.contains("imported 4 interactions"), "{sams:#?}");
    assert_eq!(
        w.list_json()
            .iter()
            .filter(|e| e["person"] == "Sam")
            .count(),
        4
    );
}
