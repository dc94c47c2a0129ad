//! `rapport import` of rapport's own JSON writes each record as it reads
//! it: the lists may come in any order, and a bad file is refused naming
//! the problem a reading of the whole file names first, whatever was
//! written before it was met, with the journal left as it was.

use super::*;

/// A journal with an entry of every sort that refers to another record.
fn rich_world() -> World {
    let w = World::with_manager();
    w.log(&["one_on_one", "Roadmap", "-q", "4", "--tag", "hiring"]);
    w.log(&["advice", "Pitch?", "--strength", "finance"]);
    w.log(&["note", "Thinking"]);
    w.run(&["topic", "add", "Headcount"]).ok();
    w
}

/// The export's text with its lists in `order` (after the format and
/// version, as every export begins), each list as the export has it.
fn with_lists_in(export: &str, order: &[&str]) -> String {
    let doc: Value = serde_json::from_str(export).expect("JSON");
    let mut text = String::from("{\"format\": \"rapport\", \"version\": 1");
    for key in order {
        text.push_str(&format!(", \"{key}\": {}", doc[*key]));
    }
    text.push('}');
    text
}

const LISTS: [&str; 12] = [
    "people",
    "kinds",
    "interactions",
    "advice_loops",
    "topics",
    "summaries",
    "checkins",
    "nudge_states",
    "profile_items",
    "expectations",
    "promises",
    "calendar",
];

#[test]
fn lists_that_come_before_the_lists_they_refer_to_import_the_same() {
    let w = rich_world();
    let export = w.export_json();
    let mut reversed = LISTS;
    reversed.reverse();
    let file = w.file("reversed.json", with_lists_in(&export, &reversed));
    let copy = w.sibling("copy.db");
    let run = copy.run(&["import", &file]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(
        run.stderr.contains("imported 1 person, 3 interactions"),
        "{run:#?}"
    );
    assert_eq!(copy.export_json(), export);
}

#[test]
fn the_problem_named_is_the_one_a_whole_reading_names_first_and_nothing_is_written() {
    let w = rich_world();
    let export = w.export_json();
    let mut doc: Value = serde_json::from_str(&export).expect("JSON");
    // Met first as the file is read: an entry whose person is not in the
    // file. Met later, and named first (a bad record before any reference):
    // a topic with a field rapport does not know.
    doc["interactions"][0]["person_id"] = 42.into();
    doc["topics"][0]["colour"] = "red".into();
    let text = with_lists_in(&doc.to_string(), &LISTS);
    let file = w.file("two-problems.json", &text);
    let copy = w.sibling("copy.db");
    copy.run(&["person", "add", "Sam"]).ok();
    let before = copy.snapshot();
    let err = copy.run(&["import", &file]).usage_error();
    assert!(err.contains("topics[0].colour: unknown field"), "{err}");
    assert!(err.contains("nothing was imported"), "{err}");
    assert_eq!(copy.snapshot(), before);
    let whole = rapport::store::document_from_value(&doc).expect_err("refused whole");
    assert!(err.contains(&whole.to_string()), "{err} vs {whole}");

    // Without the topic's problem the entry's is named.
    doc["topics"][0]
        .as_object_mut()
        .expect("a topic")
        .remove("colour");
    let file = w.file("one-problem.json", with_lists_in(&doc.to_string(), &LISTS));
    let err = copy.run(&["import", &file]).usage_error();
    assert!(
        err.contains("interactions[0].person_id: refers to person 42, which is not in `people`"),
        "{err}"
    );
    assert_eq!(copy.snapshot(), before);
}

#[test]
fn a_clash_with_the_journal_is_named_only_when_the_file_itself_is_sound() {
    let w = rich_world();
    w.run(&["kind", "add", "walk", "--category", "informal"])
        .ok();
    w.log(&["walk", "Around the block"]);
    let export = w.export_json();
    let copy = w.sibling("copy.db");
    copy.run(&["kind", "add", "walk", "--category", "note"])
        .ok();
    let before = copy.snapshot();

    let file = w.file("clash.json", &export);
    let err = copy.run(&["import", &file]).usage_error();
    assert!(
        err.contains("category: kind `walk` is informal in the file but note in this journal"),
        "{err}"
    );
    assert_eq!(copy.snapshot(), before);

    // A problem later in the file comes first: the file's own problems do.
    let mut doc: Value = serde_json::from_str(&export).expect("JSON");
    doc["topics"][0]["person_id"] = 42.into();
    let file = w.file(
        "clash-and-bad.json",
        with_lists_in(&doc.to_string(), &LISTS),
    );
    let err = copy.run(&["import", &file]).usage_error();
    assert!(
        err.contains("topics[0].person_id: refers to person 42"),
        "{err}"
    );
    assert_eq!(copy.snapshot(), before);
}

#[test]
fn a_csv_read_row_by_row_names_the_problem_a_whole_reading_names_first() {
    let w = World::with_manager();
    let before = w.snapshot();
    let header = "happened_on,kind,title";
    let good: String = (1..=200)
        .map(|n| format!("2026-03-{:02},coffee,Coffee {n}\n", n % 28 + 1))
        .collect();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        // A row the journal refuses (an unknown kind) comes first; a row
        // that is bad in itself, later, is named.
        (
            "journal-then-row.csv",
            format!("{header}\n2026-03-01,walk,x\n{good}2026-02-30,coffee,bad\n").into_bytes(),
            "line 203, column `happened_on`: `2026-02-30` is not a real date",
        ),
        // A bad row first; a stray quote far after it is named.
        (
            "row-then-quote.csv",
            format!("{header}\n2026-02-30,coffee,bad\n{good}2026-03-01,coffee,say \"hi\"\n")
                .into_bytes(),
            "line 203: a quote inside an unquoted field",
        ),
        // A stray quote first; text that is not UTF-8 after it is named.
        (
            "quote-then-latin1.csv",
            [
                format!("{header}\n2026-03-01,coffee,say \"hi\"\n{good}").as_bytes(),
                b"2026-03-01,coffee,caf\xe9\n",
            ]
            .concat(),
            "line 203: not UTF-8 text",
        ),
    ];
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
    let fine = w.file("fine.csv", format!("{header}\n{good}"));
    let run = w.run(&["import", &fine]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(run.stderr.contains("imported 200 interactions"), "{run:#?}");
}

#[test]
fn with_an_unknown_person_the_files_own_problem_is_named_first() {
    let w = World::with_manager();
    let before = w.snapshot();
    let bad_csv = w.file(
        "bad.csv",
        "happened_on,kind,title\n2026-03-01,coffee,ok\n2026-02-30,coffee,bad\n",
    );
    let err = w.run(&["import", &bad_csv, "--with", "Zed"]).usage_error();
    assert!(err.contains("line 3, column `happened_on`"), "{err}");
    let bad_jrnl = w.file(
        "bad.json",
        r#"{"entries": [{"title": "x", "body": "", "date": "2026-02-30"}]}"#,
    );
    let err = w.run(&["import", &bad_jrnl, "--with", "Zed"]).usage_error();
    assert!(err.contains("entries[0].date"), "{err}");
    let good_csv = w.file("good.csv", "happened_on,kind,title\n2026-03-01,coffee,ok\n");
    let run = w.run(&["import", &good_csv, "--with", "Zed"]);
    assert_ne!(run.code, 0, "{run:#?}");
    assert!(run.stderr.contains("Zed"), "{run:#?}");
    assert_eq!(w.snapshot(), before);
}
