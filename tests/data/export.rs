//! `rapport export` from the command line: JSON, CSV and Markdown, private files.

use super::*;

// ---------------------------------------------------------- export (cli)

#[test]
fn an_export_file_is_private_in_a_private_new_folder_and_not_overwritten_without_force() {
    let w = World::with_manager();
    w.log(&["coffee", "-q", "5", "Coffee walk"]);
    let out = w.path("exports/all.json");
    w.run(&["export", "--out", s(&out)]).ok();
    assert_eq!(mode(&out), 0o600);
    assert_eq!(mode(&w.path("exports")), 0o700);
    let first = read(&out);
    assert_eq!(
        String::from_utf8_lossy(&first),
        w.export_json(),
        "the file holds the export"
    );

    std::fs::write(&out, "keep me").expect("write");
    let err = w.run(&["export", "--out", s(&out)]).usage_error();
    assert!(
        err.contains("already exists") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(read(&out), b"keep me");

    w.run(&["export", "--format", "csv", "--out", s(&out), "--force"])
        .ok();
    assert!(String::from_utf8_lossy(&read(&out)).starts_with("id,happened_on,"));
    assert_eq!(mode(&out), 0o600);
}

#[test]
fn the_json_export_holds_every_table_with_ids_timestamps_and_deleted_entries_flagged() {
    let w = World::with_manager();
    w.log(&[
        "advice",
        "How to pitch?",
        "--strength",
        "finance",
        "--date",
        "2026-11-20",
    ]);
    let gone = w.log(&["chat", "Hallway"]);
    w.run(&["rm", &gone.to_string()]).ok();
    w.run(&["topic", "add", "Headcount"]).ok();
    w.run(&["checkin", "--trust", "3", "--clarity", "2", "--ease", "4"])
        .ok();
    let doc: Value = serde_json::from_str(&w.export_json()).expect("JSON");
    assert_eq!(doc["format"], "rapport");
    assert_eq!(doc["version"], 1);
    for section in [
        "people",
        "kinds",
        "interactions",
        "advice_loops",
        "topics",
        "summaries",
        "checkins",
        "nudge_states",
    ] {
        assert!(doc[section].is_array(), "{section} is there");
    }
    assert_eq!(doc["people"][0]["strengths"][0]["text"], "finance");
    assert_eq!(doc["kinds"].as_array().map(Vec::len), Some(10));
    let deleted = &doc["interactions"][1];
    assert_eq!(deleted["id"], gone);
    assert!(deleted["deleted_at"].is_string(), "{deleted}");
    assert!(
        doc["interactions"][0]["created_at"]
            .as_str()
            .is_some_and(|t| t.ends_with('Z'))
    );
    assert_eq!(doc["advice_loops"][0]["strength"], "finance");
    assert!(doc.get("drafts").is_none(), "drafts are not data");
}

#[test]
fn json_export_refuses_filters_it_would_ignore() {
    let w = World::with_manager();
    let err = w.run(&["export", "--since", "-30d"]).usage_error();
    assert!(err.contains("csv and markdown"), "{err}");
}

#[test]
fn csv_export_has_a_header_one_row_per_live_entry_and_space_joined_tags() {
    let w = World::with_manager();
    w.log(&[
        "one_on_one",
        "Roadmap, hiring",
        "--time",
        "10:00",
        "--tag",
        "hiring,roadmap",
        "-q",
        "4",
        "--notes",
        "two\nlines",
    ]);
    let gone = w.log(&["chat", "gone"]);
    w.run(&["rm", &gone.to_string()]).ok();
    let out = w.run(&["export", "--format", "csv"]).ok();
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("a header")
        .iter()
        .map(String::from)
        .collect();
    assert_eq!(header[..3], ["id", "happened_on", "time"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a row")).collect();
    assert_eq!(rows.len(), 1, "deleted entries are left out");
    let cell = |name: &str| {
        let i = header.iter().position(|h| h == name).expect("a column");
        rows[0][i].to_string()
    };
    assert_eq!(cell("title"), "Roadmap, hiring");
    assert_eq!(cell("notes"), "two\nlines");
    assert_eq!(cell("tags"), "hiring roadmap");
    assert_eq!(cell("quality"), "4");
    assert_eq!(cell("person"), "Dana");
}

#[test]
fn markdown_export_groups_by_iso_week_filters_and_shows_text_sanitised() {
    let w = World::with_manager();
    w.run(&["person", "add", "Sam"]).ok();
    w.log(&[
        "one_on_one",
        "Roadmap",
        "--date",
        "2026-11-17",
        "-q",
        "4",
        "--notes",
        "red \u{1b}[31malert\nsecond line",
    ]);
    w.log(&["coffee", "Coffee walk", "--date", "2026-11-23", "-q", "5"]);
    w.log(&[
        "meal",
        "Dinner with Sam",
        "--date",
        "2026-11-24",
        "--with",
        "Sam",
    ]);
    w.log(&["chat", "Too early", "--date", "2026-10-01"]);
    let md = w
        .run(&[
            "export",
            "--format",
            "markdown",
            "--since",
            "2026-11-01",
            "--with",
            "Dana",
        ])
        .ok();
    assert!(md.starts_with("# Working with Dana\n"), "{md}");
    assert!(
        md.contains("## Week 47, 2026: Mon 16 Nov to Sun 22 Nov 2026"),
        "{md}"
    );
    assert!(
        md.contains("## Week 48, 2026: Mon 23 Nov to Sun 29 Nov 2026"),
        "{md}"
    );
    assert!(md.contains("Roadmap") && md.contains("Coffee walk"), "{md}");
    assert!(!md.contains("Dinner with Sam"), "--with narrows: {md}");
    assert!(!md.contains("Too early"), "--since narrows: {md}");
    assert!(!md.contains('\u{1b}'), "no raw escape reaches the document");
    assert!(md.contains("\u{241b}[31malert"), "{md}");
    assert!(
        md.contains("  second line"),
        "notes stay inside their item: {md}"
    );
    let everyone = w.run(&["export", "-f", "md", "--until", "2026-11-23"]).ok();
    assert!(everyone.contains("Too early") && !everyone.contains("Dinner with Sam"));
}
