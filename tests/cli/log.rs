//! `rapport log`: defaults, flags, dates, notes from stdin and files, bad
//! input refused; and text (control characters, SQL, emoji, CJK) kept exactly.

use super::*;

// ---------------------------------------------------------------- log

#[test]
fn log_prints_only_the_new_id_on_stdout_and_a_message_on_stderr() {
    let w = World::with_manager();
    let run = w.run(&["log", "coffee", "-q", "5", "Coffee walk"]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert_eq!(run.stdout, "1\n");
    assert!(run.stderr.contains("logged coffee with Dana"), "{run:#?}");
    let second = w.log(&["meal", "Dinner"]);
    assert_eq!(second, 2);
}

#[test]
fn log_without_a_manager_says_to_add_one_first() {
    let w = World::new();
    let err = w.run(&["log", "coffee", "Coffee"]).usage_error();
    assert!(
        err.contains("rapport person add NAME --current"),
        "the message says how to fix it: {err}"
    );
    // Nothing was stored, and listing still works.
    assert_eq!(w.list_ids(&[]), Vec::<i64>::new());
}

#[test]
fn log_defaults_to_today_me_the_current_manager_and_no_extras() {
    let w = World::with_manager();
    let id = w.log(&["chat", "Hallway chat"]);
    let e = w.show(id);
    assert_eq!(e["happened_on"], TODAY);
    assert_eq!(e["initiated_by"], "me");
    assert_eq!(e["person"], "Dana");
    assert_eq!(e["kind"], "chat");
    assert_eq!(e["category"], "informal");
    assert_eq!(e["title"], "Hallway chat");
    assert_eq!(e["time"], Value::Null);
    assert_eq!(e["minutes"], Value::Null);
    assert_eq!(e["quality"], Value::Null);
    assert_eq!(e["notes"], "");
    assert_eq!(e["tags"], serde_json::json!([]));
    assert_eq!(e["advice_loop"], Value::Null);
}

#[test]
fn log_stores_every_flag() {
    let w = World::with_manager();
    w.run(&["person", "add", "Sam Whitfield"]).ok();
    let id = w.log(&[
        "one_on_one",
        "Roadmap and hiring",
        "--date",
        "2026-11-20",
        "--time",
        "9:05",
        "--minutes",
        "45",
        "-q",
        "4",
        "--by",
        "them",
        "--with",
        "sam whitfield",
        "--tag",
        "hiring",
        "--tag",
        "roadmap,#q3, growth",
        "-t",
        "hiring",
        "--notes",
        "She picked the hiring topic.",
    ]);
    let e = w.show(id);
    assert_eq!(e["id"], id);
    assert_eq!(e["kind"], "one_on_one");
    assert_eq!(e["category"], "formal");
    assert_eq!(e["happened_on"], "2026-11-20");
    assert_eq!(e["time"], "09:05");
    assert_eq!(e["minutes"], 45);
    assert_eq!(e["quality"], 4);
    assert_eq!(e["initiated_by"], "them");
    assert_eq!(e["person"], "Sam Whitfield");
    assert_eq!(e["title"], "Roadmap and hiring");
    assert_eq!(e["notes"], "She picked the hiring topic.");
    let mut tags: Vec<&str> = e["tags"]
        .as_array()
        .expect("tags are an array")
        .iter()
        .map(|t| t.as_str().expect("a tag is a string"))
        .collect();
    tags.sort_unstable();
    assert_eq!(tags, ["growth", "hiring", "q3", "roadmap"]);
}

#[test]
fn log_dates_accept_relative_forms_counted_from_today() {
    let w = World::with_manager();
    // 2026-11-24 is a Tuesday; a weekday name means the most recent one before today.
    let cases = [
        ("today", "2026-11-24"),
        ("yesterday", "2026-11-23"),
        ("-3d", "2026-11-21"),
        ("3 days ago", "2026-11-21"),
        ("friday", "2026-11-20"),
        ("Mon", "2026-11-23"),
        ("tuesday", "2026-11-17"),
        ("2024-02-29", "2024-02-29"),
    ];
    for (input, expected) in cases {
        let id = w.log(&["chat", &format!("on {input}"), "-d", input]);
        assert_eq!(w.show(id)["happened_on"], expected, "--date {input}");
    }
}

#[test]
fn log_refuses_impossible_dates_naming_the_input() {
    let w = World::with_manager();
    for bad in ["2026-02-30", "2026-13-01", "2026-00-10", "someday", "+3d"] {
        let err = w.run(&["log", "chat", "x", "--date", bad]).usage_error();
        assert!(err.contains(bad), "the message names `{bad}`: {err}");
    }
    let err = w
        .run(&["log", "chat", "x", "--date", "2026-02-30"])
        .usage_error();
    assert!(err.contains("28 days"), "it says why: {err}");
    let err = w
        .run(&["log", "chat", "x", "--date", "2026-13-01"])
        .usage_error();
    assert!(err.contains("month"), "it says why: {err}");
    assert_eq!(w.list_ids(&[]), Vec::<i64>::new(), "nothing was logged");
}

#[test]
fn log_refuses_bad_times_and_minutes() {
    let w = World::with_manager();
    for bad in ["25:00", "10:60", "noon", "10", "+1:00"] {
        let err = w.run(&["log", "chat", "x", "--time", bad]).usage_error();
        assert!(err.contains(bad), "the message names `{bad}`: {err}");
    }
    for bad in ["0", "1441", "-5", "ten"] {
        w.run(&["log", "chat", "x", "--minutes", bad]).usage_error();
    }
    assert_eq!(w.list_ids(&[]), Vec::<i64>::new(), "nothing was logged");
}

#[test]
fn log_refuses_quality_outside_one_to_five() {
    let w = World::with_manager();
    for bad in ["0", "6", "-1", "4.5", "good"] {
        let err = w.run(&["log", "coffee", "x", "-q", bad]).usage_error();
        assert!(err.contains(bad), "the message names `{bad}`: {err}");
    }
    assert_eq!(w.list_ids(&[]), Vec::<i64>::new(), "nothing was logged");
}

#[test]
fn log_refuses_a_quality_on_a_note() {
    let w = World::with_manager();
    let err = w
        .run(&["log", "note", "Felt anxious", "-q", "3"])
        .usage_error();
    assert!(err.contains("no quality"), "{err}");
    // Without a quality the note is fine.
    let id = w.log(&["note", "Felt anxious"]);
    assert_eq!(w.show(id)["category"], "note");
}

#[test]
fn log_with_an_unknown_kind_lists_the_known_ones() {
    let w = World::with_manager();
    let err = w.run(&["log", "party", "x"]).usage_error();
    assert!(err.contains("party"), "{err}");
    for known in [
        "one_on_one",
        "meal",
        "coffee",
        "chat",
        "advice",
        "summary",
        "feedback",
        "note",
    ] {
        assert!(err.contains(known), "lists `{known}`: {err}");
    }
    assert!(err.contains("rapport kind add"), "{err}");
}

#[test]
fn log_kind_aliases_map_to_the_builtin_kinds() {
    let w = World::with_manager();
    for (alias, kind) in [
        ("1on1", "one_on_one"),
        ("1:1", "one_on_one"),
        ("dinner", "meal"),
        ("lunch", "meal"),
        ("COFFEE", "coffee"),
    ] {
        let id = w.log(&[alias, "x"]);
        assert_eq!(w.show(id)["kind"], kind, "{alias}");
    }
}

#[test]
fn log_with_an_unknown_person_lists_the_known_ones() {
    let w = World::with_manager();
    w.run(&["person", "add", "Sam"]).ok();
    let err = w
        .run(&["log", "coffee", "x", "--with", "Zed"])
        .usage_error();
    assert!(err.contains("Zed"), "{err}");
    assert!(err.contains("Dana") && err.contains("Sam"), "{err}");
}

#[test]
fn log_refuses_a_tag_with_a_space() {
    let w = World::with_manager();
    let err = w
        .run(&["log", "coffee", "x", "--tag", "two words"])
        .usage_error();
    assert!(err.contains("two words"), "{err}");
}

#[test]
fn log_reads_notes_from_standard_input_with_notes_dash() {
    let w = World::with_manager();
    let notes = "line one\nline two\twith a tab\n\u{1b}[1mbold\u{1b}[0m 🙂\n";
    let run = w.run_with_stdin(&["log", "coffee", "x", "--notes", "-"], notes.as_bytes());
    let id = id_from(&run.ok());
    assert_eq!(w.show(id)["notes"], notes);
}

#[test]
fn log_refuses_notes_on_standard_input_that_are_not_utf8() {
    let w = World::with_manager();
    let err = w
        .run_with_stdin(&["log", "coffee", "x", "--notes", "-"], b"caf\xe9 \xff")
        .usage_error();
    assert!(err.contains("UTF-8"), "{err}");
    assert_eq!(w.list_ids(&[]), Vec::<i64>::new());
}

#[test]
fn log_reads_notes_from_a_file() {
    let w = World::with_manager();
    let file = w.path("notes.md");
    std::fs::write(&file, "# Notes\n\n- one\n- two\n").expect("write notes");
    let id = w.log(&["coffee", "x", "--notes-file", s(&file)]);
    assert_eq!(w.show(id)["notes"], "# Notes\n\n- one\n- two\n");
}

#[test]
fn log_stores_a_one_megabyte_notes_file_exactly() {
    let w = World::with_manager();
    let pattern = "Plain words, 会議の記録, emoji 👩‍💻🎉, a tab\there, CRLF\r\n\u{1b}[31mred\u{1b}[0m \u{7} ' \" ; -- \\ %\n";
    let mut notes = String::new();
    while notes.len() < 1 << 20 {
        notes.push_str(pattern);
    }
    let file = w.path("big.txt");
    std::fs::write(&file, &notes).expect("write notes");
    let id = w.log(&["one_on_one", "Long one", "--notes-file", s(&file)]);
    let stored = w.show(id)["notes"]
        .as_str()
        .expect("notes are a string")
        .to_string();
    assert_eq!(stored.len(), notes.len());
    assert!(stored.as_bytes() == read(&file).as_slice(), "byte for byte");
    // The plain view shows it without driving the terminal.
    let shown = w.run(&["show", &id.to_string()]).ok();
    assert!(!shown.contains('\u{1b}') && !shown.contains('\u{7}'));
}

#[test]
fn log_refuses_a_notes_file_that_is_not_utf8() {
    let w = World::with_manager();
    let file = w.path("latin1.txt");
    std::fs::write(&file, b"Caf\xe9 au lait, \xff\xfe").expect("write notes");
    let err = w
        .run(&["log", "coffee", "x", "--notes-file", s(&file)])
        .usage_error();
    assert!(err.contains("not UTF-8"), "{err}");
    assert!(err.contains(s(&file)), "names the file: {err}");
    assert_eq!(w.list_ids(&[]), Vec::<i64>::new(), "nothing was logged");
}

#[test]
fn log_refuses_a_missing_notes_file_naming_it() {
    let w = World::with_manager();
    let file = w.path("nope.txt");
    let err = w
        .run(&["log", "coffee", "x", "--notes-file", s(&file)])
        .usage_error();
    assert!(err.contains(s(&file)), "{err}");
}

#[test]
fn log_refuses_notes_and_a_notes_file_together() {
    let w = World::with_manager();
    let file = w.path("n.txt");
    std::fs::write(&file, "x").expect("write notes");
    w.run(&[
        "log",
        "coffee",
        "x",
        "--notes",
        "y",
        "--notes-file",
        s(&file),
    ])
    .usage_error();
}

#[test]
fn log_advice_with_a_strength_opens_an_advice_loop() {
    let w = World::with_manager();
    let id = w.log(&[
        "advice",
        "How should I pitch the pricing migration?",
        "--strength",
        "  negotiating with finance ",
    ]);
    let e = w.show(id);
    assert_eq!(e["category"], "ask");
    let advice = &e["advice_loop"];
    assert_eq!(
        advice["question"],
        "How should I pitch the pricing migration?"
    );
    assert_eq!(advice["strength"], "negotiating with finance");
    assert_eq!(advice["reported_on"], Value::Null);
    let plain = w.run(&["show", &id.to_string()]).ok();
    assert!(plain.contains("awaiting your report-back"), "{plain}");
    assert!(plain.contains("negotiating with finance"), "{plain}");
}

#[test]
fn strength_on_a_kind_that_is_not_an_ask_is_refused_not_dropped() {
    let w = World::with_manager();
    let err = w
        .run(&["log", "coffee", "Coffee", "--strength", "finance"])
        .usage_error();
    assert!(
        err.contains("--strength") && err.contains("coffee"),
        "{err}"
    );
    assert_eq!(w.list_ids(&[]), Vec::<i64>::new(), "nothing was logged");

    let coffee = w.log(&["coffee", "Coffee"]).to_string();
    w.run(&["edit", &coffee, "--strength", "finance"])
        .usage_error();
    // Turning it into an ask while naming the strength is fine.
    w.run(&["edit", &coffee, "--kind", "advice", "--strength", "finance"])
        .ok();
    let advice = &w.show(coffee.parse().expect("an id"))["advice_loop"];
    assert_eq!(advice["strength"], "finance");
    let ask = w.log(&["advice", "How?"]).to_string();
    w.run(&["edit", &ask, "--kind", "chat", "--strength", "x"])
        .usage_error();
    w.run(&["edit", &ask, "--strength", "hiring"]).ok();
    assert_eq!(
        w.show(ask.parse().expect("an id"))["advice_loop"]["strength"],
        "hiring"
    );
}

// ---------------------------------------------------------------- text kept exactly

#[test]
fn control_characters_and_sql_in_a_title_are_stored_exactly_and_shown_sanitised() {
    let w = World::with_manager();
    let title = "\u{1b}[31mred\u{1b}[0m\u{7}\ttab\nnext'); DROP TABLE interaction; --";
    let notes = "\u{1b}]0;pwned\u{7}\u{1b}[2J\r\nbye";
    let id = w.log(&["coffee", title, "--notes", notes, "-t", "x'--"]);
    let entries = w.list_json(&[]);
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["title"], title, "stored exactly");
    assert_eq!(entries[0]["notes"], notes, "stored exactly");
    assert_eq!(entries[0]["tags"], serde_json::json!(["x'--"]));

    let plain = w.run(&["list"]).ok();
    assert_eq!(plain.lines().count(), 1, "one line per entry: {plain:?}");
    for raw in ['\u{1b}', '\u{7}', '\t', '\r'] {
        assert!(!plain.contains(raw), "raw {raw:?} in list: {plain:?}");
    }
    assert!(plain.contains("␛[31mred"), "{plain:?}");
    assert!(plain.contains("DROP TABLE interaction"), "{plain:?}");

    let shown = w.run(&["show", &id.to_string()]).ok();
    for raw in ['\u{1b}', '\u{7}', '\r'] {
        assert!(!shown.contains(raw), "raw {raw:?} in show: {shown:?}");
    }
    // The table is still there: a later write and read work.
    w.log(&["chat", "after"]);
    assert_eq!(w.list_ids(&[]).len(), 2);
}

#[test]
fn emoji_and_cjk_are_stored_exactly_and_shown() {
    let w = World::new();
    w.run(&["person", "add", "岡田 美咲"]).ok();
    let title = "会議: 来年の採用計画 👩‍💻🎉 café";
    let notes = "한국어, العربية, e\u{301}, 🇯🇵 and 𝄞";
    let id = w.log(&["one_on_one", title, "--notes", notes, "-t", "採用"]);
    let e = w.show(id);
    assert_eq!(e["title"], title);
    assert_eq!(e["notes"], notes);
    assert_eq!(e["person"], "岡田 美咲");
    assert_eq!(e["tags"], serde_json::json!(["採用"]));
    assert_eq!(w.list_ids(&["--tag", "採用"]), vec![id]);
    assert_eq!(w.list_ids(&["--with", "岡田 美咲"]), vec![id]);
    let plain = w.run(&["list"]).ok();
    assert!(plain.contains(title), "{plain}");
    let shown = w.run(&["show", &id.to_string()]).ok();
    assert!(shown.contains(title) && shown.contains(notes), "{shown}");
}
