//! Import identity (item 1): "already in the journal" is a stable key kept
//! with each entry, never an id handed out during the same import, so a
//! merge into a non-empty journal brings every record in.

use chrono::{TimeZone, Utc};
use rapport::domain::{InitiatedBy, InteractionDraft, PersonDraft};
use rapport::store::{Store, document_from_value, parse_json_value, read_csv};

use super::*;

fn journal_with(person: &str) -> (Store, i64) {
    let mut store = Store::open_in_memory().expect("journal");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).expect("day");
    let id = store
        .people_mut()
        .add_person(
            &PersonDraft {
                name: person.into(),
                role: String::new(),
                strengths: Vec::new(),
                cadence_days: None,
                is_current: true,
                relation: Default::default(),
            },
            today,
            Utc::now(),
        )
        .expect("person")
        .id;
    (store, id)
}

fn csv(rows: usize) -> String {
    let mut text = String::from("happened_on,kind,title\n");
    for i in 0..rows {
        text.push_str(&format!("2026-11-{:02},coffee,row {i}\n", 1 + i % 28));
    }
    text
}

fn live_entries(store: &Store) -> i64 {
    store
        .table_counts()
        .expect("counts")
        .into_iter()
        .find(|(t, _)| *t == "interaction")
        .map_or(0, |(_, n)| n)
}

/// The export of `store` read back as a document, as `import` reads a file.
fn exported(store: &Store) -> rapport::store::ExportDocument {
    let text = store
        .documents()
        .export_document()
        .expect("export")
        .to_json()
        .expect("json");
    document_from_value(&parse_json_value(&text).expect("parse")).expect("document")
}

fn add_entries(store: &mut Store, person: i64, n: usize) {
    let coffee = store.people().kind_named("coffee").expect("coffee").id;
    for i in 0..n {
        let draft = InteractionDraft {
            person_id: person,
            kind_id: coffee,
            happened_on: chrono::NaiveDate::from_ymd_opt(2026, 10, 1 + i as u32).expect("day"),
            at_time: None,
            minutes: None,
            quality: None,
            initiated_by: InitiatedBy::Me,
            title: format!("already here {i}"),
            notes: String::new(),
            tags: Vec::new(),
            advice_strength: None,
            private: false,
        };
        store
            .entries_mut()
            .add_interaction(&draft, Utc::now())
            .expect("entry");
    }
}

#[test]
fn merging_an_export_into_a_non_empty_journal_brings_in_every_record() {
    let stamp = Utc
        .with_ymd_and_hms(2026, 11, 24, 9, 0, 0)
        .single()
        .expect("instant");
    let mut trips = 0;
    for rows in 1..=30 {
        let (mut a, a_person) = journal_with("Dana");
        let entries = read_csv(&csv(rows)).expect("csv");
        a.documents_mut()
            .import_entries_from(
                |each| entries.into_iter().try_for_each(each),
                Some(a_person),
                stamp,
                false,
            )
            .expect("csv import");
        let doc = exported(&a);
        for already in 0..=4 {
            let (mut b, b_person) = journal_with("Dana");
            add_entries(&mut b, b_person, already);
            let report = b
                .documents_mut()
                .import_document(&doc, false)
                .expect("import");
            assert_eq!(
                report
                    .tallies
                    .iter()
                    .find(|t| t.what == "interactions")
                    .map(|t| t.imported),
                Some(rows),
                "{rows} rows into a journal of {already}: {report:?}"
            );
            assert_eq!(
                live_entries(&b),
                (rows + already) as i64,
                "records in = records out"
            );
            // Importing the same file again adds nothing.
            let again = b
                .documents_mut()
                .import_document(&doc, false)
                .expect("import again");
            assert_eq!(again.imported(), 0, "{again:?}");
            assert_eq!(live_entries(&b), (rows + already) as i64);
            trips += 1;
        }
    }
    assert_eq!(trips, 150);
}

#[test]
fn every_entry_has_a_stable_key_kept_through_export_and_import() {
    let (mut a, person) = journal_with("Dana");
    add_entries(&mut a, person, 3);
    let doc = exported(&a);
    let keys: Vec<Option<i64>> = doc.interactions.iter().map(|e| e.uid).collect();
    assert!(keys.iter().all(|k| k.is_some_and(|k| k > 0)), "{keys:?}");
    assert!(keys[0] != keys[1] && keys[1] != keys[2], "{keys:?}");
    let (mut b, _) = journal_with("Dana");
    b.documents_mut()
        .import_document(&doc, false)
        .expect("import");
    let back: Vec<Option<i64>> = exported(&b).interactions.iter().map(|e| e.uid).collect();
    assert_eq!(keys, back);
}

#[test]
fn the_reported_repro_imports_all_five_rows() {
    let a = World::with_manager();
    let rows = a.path("five.csv");
    write(&rows, &csv(5));
    a.run(&["import", s(&rows)]).ok();
    let file = a.path("a.json");
    a.run(&["export", "--out", s(&file)]).ok();
    let b = World::with_manager();
    b.log(&["coffee", "one"]);
    b.log(&["coffee", "two"]);
    let dry = b.run(&["import", "--dry-run", s(&file)]);
    assert!(dry.stderr.contains("5 interactions"), "{dry:?}");
    let run = b.run(&["import", s(&file)]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(!run.stderr.contains("skipped 2"), "{run:?}");
    let listed = b.run(&["list", "--json"]).ok();
    let entries: Vec<serde_json::Value> = serde_json::from_str(&listed).expect("json");
    assert_eq!(entries.len(), 7);
}
