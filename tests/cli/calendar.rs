//! `calendar import` and `calendar show`: the recurring 1:1 read from a
//! hand-written RFC 5545 export (tests/fixtures/one-on-one.ics: a weekly
//! Tuesday 1:1 with an EXDATE on 17 November, the 24 November occurrence
//! moved to Wednesday 25 at 14:00, and 8 December cancelled by Dana), beside
//! a daily standup and an all-day event.

use super::*;

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/one-on-one.ics")
}

/// Dana, weekly, last 1:1 logged on Tuesday 10 November (17 was cancelled).
fn dana_with_calendar() -> World {
    let w = World::new();
    w.run(&["person", "add", "Dana Okafor", "--every", "7"])
        .ok();
    w.log(&["one_on_one", "Roadmap", "--date", "2026-11-10"]);
    let run = w.run(&["calendar", "import", s(&fixture())]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(run.stderr.contains("Dana / Sam 1:1"), "{run:#?}");
    w
}

fn next_json(w: &World, today: &str) -> Value {
    let run = exec(
        w.command(["calendar", "show", "--json"])
            .env("RAPPORT_TODAY", today),
    );
    assert_eq!(run.code, 0, "{run:#?}");
    let doc: Value = serde_json::from_str(&run.stdout).expect("JSON");
    doc["next_one_on_one"].clone()
}

#[test]
fn the_next_one_on_one_is_the_moved_occurrence_from_the_calendar() {
    let w = dana_with_calendar();
    let next = next_json(&w, TODAY);
    assert_eq!(
        next["on"], "2026-11-25",
        "moved from Tuesday 24 to Wednesday 25"
    );
    assert_eq!(next["basis"], "calendar");
    let prep = w.run(&["prep", "--json"]).ok();
    let prep: Value = serde_json::from_str(&prep).expect("JSON");
    assert_eq!(prep["next_one_on_one"]["on"], "2026-11-25");
    assert_eq!(w.run(&["status"]).ok(), "1:1 tomorrow · summary not sent\n");
}

#[test]
fn without_the_calendar_the_cadence_said_overdue() {
    let w = World::new();
    w.run(&["person", "add", "Dana Okafor", "--every", "7"])
        .ok();
    w.log(&["one_on_one", "Roadmap", "--date", "2026-11-10"]);
    let prep: Value = serde_json::from_str(&w.run(&["prep", "--json"]).ok()).expect("JSON");
    assert_eq!(prep["next_one_on_one"]["on"], "2026-11-17");
}

#[test]
fn a_cancelled_occurrence_is_skipped_and_shown_with_who_cancelled_it() {
    let w = dana_with_calendar();
    w.log(&["one_on_one", "Moved one", "--date", "2026-11-25"]);
    w.log(&["one_on_one", "Planning", "--date", "2026-12-01"]);
    let next = next_json(&w, "2026-12-02");
    assert_eq!(next["on"], "2026-12-15", "8 December was cancelled");
    let shown = exec(
        w.command(["calendar", "show"])
            .env("RAPPORT_TODAY", "2026-12-02"),
    )
    .ok();
    assert!(shown.starts_with("Dana / Sam 1:1 (FREQ=WEEKLY"), "{shown}");
    assert!(
        shown.contains("next 1:1: Tue 15 Dec, in 13 days"),
        "{shown}"
    );
    assert!(shown.contains("  Tue 10 Nov       10:00\n"), "{shown}");
    assert!(shown.contains("  Tue 17 Nov       cancelled\n"), "{shown}");
    assert!(
        shown.contains("  Tue 24 Nov       moved to Wed 25 Nov 14:00\n"),
        "{shown}"
    );
    assert!(
        shown.contains("  Tue 8 Dec        cancelled by Dana Okafor\n"),
        "{shown}"
    );
    assert!(shown.contains("  Tue 12 Jan 2027  10:00\n"), "{shown}");
}

#[test]
fn importing_again_replaces_the_series() {
    let w = dana_with_calendar();
    // The updated export: the series moved to Thursdays, its exceptions gone.
    let thursdays = String::from_utf8(read(&fixture()))
        .expect("UTF-8")
        .split("BEGIN:VEVENT")
        .filter(|block| !block.contains("RECURRENCE-ID"))
        .collect::<Vec<_>>()
        .join("BEGIN:VEVENT")
        .replace("BYDAY=TU;WKST=MO", "BYDAY=TH;WKST=MO")
        .replace(
            "DTSTART;TZID=Europe/Paris:20260901T100000",
            "DTSTART;TZID=Europe/Paris:20260903T100000",
        );
    let updated = w.path("updated.ics");
    std::fs::write(&updated, thursdays).expect("write");
    let run = w.run(&["calendar", "import", s(&updated), "--with", "dana"]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(run.stderr.contains("replaced"), "{run:#?}");
    let next = next_json(&w, TODAY);
    assert_eq!(next["on"], "2026-11-26", "the next Thursday");
    let shown = w.run(&["calendar", "show", "--json"]).ok();
    let doc: Value = serde_json::from_str(&shown).expect("JSON");
    let occurrences = doc["series"]["occurrences"].as_array().expect("a list");
    assert!(
        occurrences.iter().all(|o| o["original_on"] != "2026-11-24"),
        "no Tuesday is left of the old series"
    );
}

#[test]
fn a_file_that_is_not_a_calendar_is_refused_and_changes_nothing() {
    let w = dana_with_calendar();
    let before = w.run(&["calendar", "show", "--json"]).ok();
    let csv = w.path("entries.csv");
    std::fs::write(&csv, "date,title\n2026-11-24,Roadmap\n").expect("write");
    let err = w.run(&["calendar", "import", s(&csv)]).usage_error();
    assert!(err.contains("not an iCalendar file"), "{err}");
    let binary = w.path("photo.ics");
    std::fs::write(&binary, [0xff_u8, 0xd8, 0xff, 0xe0, 0x00]).expect("write");
    let err = w.run(&["calendar", "import", s(&binary)]).usage_error();
    assert!(err.contains("not an iCalendar file"), "{err}");
    assert_eq!(w.run(&["calendar", "show", "--json"]).ok(), before);
}

#[test]
fn several_recurring_candidates_ask_for_a_summary() {
    let w = World::new();
    w.run(&["person", "add", "Sam Lee"]).ok();
    // Sam is not in either title, but the 1:1 says it is one; --summary
    // picks another series on purpose, and one matching nothing is refused.
    let run = w.run(&["calendar", "import", s(&fixture()), "--summary", "standup"]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(run.stderr.contains("Team standup"), "{run:#?}");
    let err = w
        .run(&["calendar", "import", s(&fixture()), "--summary", "retro"])
        .usage_error();
    assert!(
        err.contains("Team standup") && err.contains("Dana / Sam 1:1"),
        "{err}"
    );
}

#[test]
fn the_series_survives_an_export_and_import() {
    let w = dana_with_calendar();
    let json = w.run(&["export", "--format", "json"]).ok();
    assert!(
        json.contains("\"calendar\""),
        "the export carries the series"
    );
    let other = World::new();
    let file = other.path("export.json");
    std::fs::write(&file, &json).expect("write");
    other.run(&["import", s(&file)]).ok();
    assert_eq!(
        next_json(&other, TODAY)["on"],
        "2026-11-25",
        "the imported journal knows the moved 1:1"
    );
}
