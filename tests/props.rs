//! Property tests over arbitrary input for every parser of outside text:
//! the date and time parsers, the JSON, CSV and jrnl importers, and the
//! playbook and keymap loaders. None may panic, whatever it is given; valid
//! input read back gives what was written.
//!
//! The same entry points have fuzz targets in `fuzz/` (see its README).

use std::path::Path;

use chrono::{Days, NaiveDate, NaiveTime, Timelike};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use proptest::prelude::*;
use rapport::coach::Playbook;
use rapport::domain::day::{parse_day, parse_time, parse_upcoming_day};
use rapport::store::{
    KindChoice, Store, document_from_value, entries_from_jrnl, parse_json_value, read_csv,
};
use rapport::tui::keymap::{JournalAction, Keymap};
use serde_json::{Value, json};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).expect("a real date")
}

/// Text of any characters, controls and astral ones included.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        ".{0,40}",
        "[ -~]{0,40}",
        proptest::collection::vec(any::<char>(), 0..40).prop_map(|c| c.into_iter().collect()),
    ]
}

/// Arbitrary JSON, nested a few levels.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|f| json!(f)),
        any_text().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::btree_map(
                prop_oneof![
                    any_text(),
                    Just("format".to_string()),
                    Just("entries".to_string()),
                    Just("title".to_string()),
                    Just("body".to_string()),
                    Just("date".to_string()),
                    Just("interactions".to_string()),
                    Just("people".to_string()),
                ],
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn any_day() -> impl Strategy<Value = NaiveDate> {
    (1i32..=9999, 1u32..=12, 1u32..=31)
        .prop_filter_map("a real day", |(y, m, d)| NaiveDate::from_ymd_opt(y, m, d))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_date_parsers_never_panic(input in any_text(), day in any_day()) {
        let _ = parse_day(&input, day);
        let _ = parse_upcoming_day(&input, day);
        let _ = parse_time(&input);
    }

    #[test]
    fn any_calendar_day_written_out_reads_back(day in any_day()) {
        let typed = day.format("%Y-%m-%d").to_string();
        prop_assert_eq!(parse_day(&typed, today()), Ok(day));
    }

    #[test]
    fn days_back_read_back(n in 0u64..=36_500) {
        let expected = today().checked_sub_days(Days::new(n)).expect("in range");
        prop_assert_eq!(parse_day(&format!("-{n}d"), today()), Ok(expected));
        prop_assert_eq!(parse_day(&format!("{n} days ago"), today()), Ok(expected));
    }

    #[test]
    fn any_time_written_out_reads_back(h in 0u32..24, m in 0u32..60) {
        let t = NaiveTime::from_hms_opt(h, m, 0).expect("a real time");
        let parsed = parse_time(&format!("{h:02}:{m:02}")).expect("HH:MM parses");
        prop_assert_eq!((parsed.hour(), parsed.minute()), (t.hour(), t.minute()));
    }

    #[test]
    fn a_weekday_name_means_the_last_such_day_before_today(offset in 1u64..=7, upper in any::<bool>()) {
        let day = today().checked_sub_days(Days::new(offset)).expect("in range");
        let mut name = day.format("%A").to_string();
        if !upper {
            name = name.to_lowercase();
        }
        prop_assert_eq!(parse_day(&name, today()), Ok(day));
    }

    #[test]
    fn the_json_readers_never_panic_on_any_text(text in any_text()) {
        if let Ok(value) = parse_json_value(&text) {
            let _ = document_from_value(&value);
            let _ = entries_from_jrnl(&value);
        }
    }

    #[test]
    fn the_json_readers_never_panic_on_any_json(value in any_json()) {
        let _ = document_from_value(&value);
        let _ = entries_from_jrnl(&value);
    }

    #[test]
    fn any_document_that_reads_imports_whole_or_not_at_all(value in any_json()) {
        if let Ok(doc) = document_from_value(&value) {
            let mut store = Store::open_in_memory().expect("a journal");
            let _ = store.documents_mut().import_document(&doc, false);
            prop_assert_eq!(store.integrity_check().expect("check"), vec!["ok".to_string()]);
        }
    }

    #[test]
    fn the_csv_reader_never_panics(text in any_text(), rows in proptest::collection::vec(any_text(), 0..4)) {
        let _ = read_csv(&text);
        // A real header, then arbitrary rows.
        let with_header = format!("happened_on,kind,title,notes,quality\n{}", rows.join("\n"));
        let _ = read_csv(&with_header);
    }

    #[test]
    fn csv_titles_and_notes_read_back_exactly(
        entries in proptest::collection::vec((any_text(), any_text(), any_day(), 1i64..=5), 1..6)
    ) {
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.write_record(["happened_on", "kind", "title", "notes", "quality"]).expect("header");
        for (title, notes, day, quality) in &entries {
            writer
                .write_record([
                    day.format("%Y-%m-%d").to_string(),
                    "coffee".to_string(),
                    title.clone(),
                    notes.clone(),
                    quality.to_string(),
                ])
                .expect("row");
        }
        let text = String::from_utf8(writer.into_inner().expect("flush")).expect("UTF-8");
        // Titles must hold something and no line breaks; notes anything.
        let valid = entries.iter().all(|(title, _, _, _)| {
            !title.trim().is_empty() && !title.contains(['\n', '\r'])
        });
        match read_csv(&text) {
            Ok(records) => {
                prop_assert_eq!(records.len(), entries.len());
                for (record, (title, notes, day, quality)) in records.iter().zip(&entries) {
                    prop_assert_eq!(&record.title, title);
                    prop_assert_eq!(&record.notes, notes);
                    prop_assert_eq!(&record.happened_on, &day.format("%Y-%m-%d").to_string());
                    prop_assert_eq!(record.quality, Some(*quality));
                    prop_assert_eq!(&record.kind, &KindChoice::Named("coffee".into()));
                }
            }
            Err(e) => prop_assert!(!valid, "valid rows refused: {e}"),
        }
    }

    #[test]
    fn jrnl_titles_and_bodies_read_back_exactly(
        entries in proptest::collection::vec((any_text(), any_text(), any_day()), 1..6)
    ) {
        let doc = json!({
            "tags": {},
            "entries": entries.iter().map(|(title, body, day)| json!({
                "title": title,
                "body": body,
                "date": day.format("%Y-%m-%d").to_string(),
                "time": "09:30",
                "tags": [],
                "starred": false,
            })).collect::<Vec<_>>(),
        });
        let valid = entries.iter().all(|(title, _, _)| !title.trim().is_empty() && !title.contains(['\n', '\r']));
        match entries_from_jrnl(&doc) {
            Ok(records) => {
                prop_assert_eq!(records.len(), entries.len());
                for (record, (title, body, day)) in records.iter().zip(&entries) {
                    prop_assert_eq!(&record.title, title);
                    prop_assert_eq!(&record.notes, body);
                    prop_assert_eq!(&record.happened_on, &day.format("%Y-%m-%d").to_string());
                }
            }
            Err(e) => prop_assert!(!valid, "a valid jrnl export refused: {e}"),
        }
    }

    #[test]
    fn the_playbook_loader_never_panics(text in any_text(), toml_like in toml_like()) {
        let base = Playbook::builtin();
        let _ = Playbook::parse(&text, Path::new("playbook.toml"), &base);
        let _ = Playbook::parse(&toml_like, Path::new("playbook.toml"), &base);
    }

    #[test]
    fn the_keymap_loader_never_panics(text in any_text(), toml_like in toml_like()) {
        let mut keymap = Keymap::defaults();
        let _ = keymap.patch(&text, Path::new("keymap.toml"));
        let _ = keymap.patch(&toml_like, Path::new("keymap.toml"));
    }

    #[test]
    fn a_key_bound_in_a_keymap_file_means_its_action(key in bindable_key()) {
        let (spelled, event) = key;
        let mut keymap = Keymap::defaults();
        keymap
            .patch(&format!("[journal]\nadd = [\"{spelled}\"]\n"), Path::new("keymap.toml"))
            .map_err(|e| TestCaseError::fail(format!("{spelled}: {e}")))?;
        prop_assert_eq!(keymap.action(&event), Some(JournalAction::Add), "{}", spelled);
    }
}

/// Text shaped like the loaders' TOML: sections, keys and values drawn from
/// the words they know, so the parsers get past the syntax.
fn toml_like() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        Just("[[rule]]".to_string()),
        Just("[global]".to_string()),
        Just("[journal]".to_string()),
        Just("id = \"informal_gap\"".to_string()),
        Just("signal = \"days_since_informal\"".to_string()),
        Just("threshold = 30".to_string()),
        Just("above = -1e308".to_string()),
        Just("priority = 99999999999".to_string()),
        Just("message = \"{days} {nope} {\"".to_string()),
        Just("practice = \"trust\"".to_string()),
        Just("enabled = false".to_string()),
        Just("quit = [\"q\", \"ctrl-alt-shift-f12\", \"\"]".to_string()),
        Just("add = []".to_string()),
        Just("down = [\"ctrl-\"]".to_string()),
        any_text(),
    ];
    proptest::collection::vec(word, 0..12).prop_map(|lines| lines.join("\n"))
}

/// A key spelled as a keymap file spells it, and the event it stands for.
fn bindable_key() -> impl Strategy<Value = (String, KeyEvent)> {
    let named = prop_oneof![
        Just(("enter", KeyCode::Enter)),
        Just(("esc", KeyCode::Esc)),
        Just(("backspace", KeyCode::Backspace)),
        Just(("delete", KeyCode::Delete)),
        Just(("up", KeyCode::Up)),
        Just(("down", KeyCode::Down)),
        Just(("home", KeyCode::Home)),
        Just(("pagedown", KeyCode::PageDown)),
        Just(("f5", KeyCode::F(5))),
        Just(("f12", KeyCode::F(12))),
    ]
    .prop_map(|(name, code)| (name.to_string(), code));
    let letter = proptest::char::range('a', 'z').prop_map(|c| (c.to_string(), KeyCode::Char(c)));
    (prop_oneof![named, letter], any::<bool>(), any::<bool>()).prop_map(
        |((spelled, code), ctrl, alt)| {
            let mut mods = KeyModifiers::NONE;
            let mut prefix = String::new();
            if ctrl {
                mods |= KeyModifiers::CONTROL;
                prefix.push_str("ctrl-");
            }
            if alt {
                mods |= KeyModifiers::ALT;
                prefix.push_str("alt-");
            }
            (format!("{prefix}{spelled}"), KeyEvent::new(code, mods))
        },
    )
}
