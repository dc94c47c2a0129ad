//! `rapport promise`: each command, the CSV of promises, the series in
//! `stats --json`, and bad input refused with clear words and nothing changed.

use super::*;

impl World {
    fn promises_json(&self, extra: &[&str]) -> Vec<Value> {
        let mut full = vec!["promise", "list", "--json"];
        full.extend_from_slice(extra);
        let out = self.run(&full).ok();
        match serde_json::from_str(&out).expect("promise list --json prints JSON") {
            Value::Array(items) => items,
            other => panic!("promise list --json is not an array: {other}"),
        }
    }

    fn promise_add(&self, args: &[&str]) -> i64 {
        let mut full = vec!["promise", "add"];
        full.extend_from_slice(args);
        id_from(&self.run(&full).ok())
    }
}

#[test]
fn promise_add_notes_mine_and_theirs_with_due_days_as_typed() {
    let w = World::with_manager();
    let mine = w.promise_add(&["send the cost model", "--due", "fri"]);
    let theirs = w.promise_add(&["talk to finance", "--by", "them", "--due", "next 1:1"]);
    let list = w.promises_json(&[]);
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["id"], mine);
    assert_eq!(list[0]["made_by"], "me");
    assert_eq!(list[0]["due_on"], "2026-11-27", "fri is this Friday");
    assert_eq!(list[0]["made_on"], TODAY);
    assert_eq!(list[0]["state"], "open");
    assert_eq!(list[0]["person"], "Dana");
    assert_eq!(list[1]["id"], theirs);
    assert_eq!(list[1]["made_by"], "them");
    assert_eq!(
        list[1]["due_on"], "2026-12-01",
        "no 1:1 yet and a 7-day cadence: the next 1:1 is a week out"
    );
    let plain = w.run(&["promise", "list"]).ok();
    assert!(plain.contains("mine    open"), "{plain}");
    assert!(plain.contains("due Fri 27 Nov"), "{plain}");
    assert!(plain.contains("send the cost model"), "{plain}");
}

#[test]
fn promise_add_ties_a_promise_to_the_entry_it_was_made_in() {
    let w = World::with_manager();
    let entry = w.log(&["one_on_one", "--date", "-1d", "Weekly 1:1"]);
    let id = w.promise_add(&["intro to the platform lead", "--entry", &entry.to_string()]);
    let list = w.promises_json(&[]);
    assert_eq!(list[0]["id"], id);
    assert_eq!(list[0]["interaction_id"], entry);
    assert_eq!(
        list[0]["made_on"], "2026-11-23",
        "made on the day of that 1:1"
    );
}

#[test]
fn kept_missed_move_and_drop_change_the_state_and_list_all_shows_them() {
    let w = World::with_manager();
    let kept = w.promise_add(&["one", "--due", "fri"]);
    let missed = w.promise_add(&["two", "--due", "today"]);
    let moved = w.promise_add(&["three", "--due", "fri"]);
    let dropped = w.promise_add(&["four"]);
    w.run(&["promise", "kept", &kept.to_string()]).ok();
    w.run(&["promise", "missed", &missed.to_string()]).ok();
    let out = w
        .run(&["promise", "move", &moved.to_string(), "--due", "+7d"])
        .ok();
    assert_eq!(out, "", "messages go to stderr");
    w.run(&["promise", "drop", &dropped.to_string()]).ok();

    let open = w.promises_json(&[]);
    assert_eq!(open.len(), 1, "only the moved one is still to keep");
    assert_eq!(open[0]["state"], "renegotiated");
    assert_eq!(open[0]["due_on"], "2026-12-01");
    assert_eq!(open[0]["moves"][0]["from_due"], "2026-11-27");
    let all = w.promises_json(&["--all"]);
    let state_of = |id: i64| {
        all.iter()
            .find(|p| p["id"] == id)
            .map(|p| p["state"].as_str().expect("state").to_string())
            .expect("listed")
    };
    assert_eq!(state_of(kept), "kept");
    assert_eq!(state_of(missed), "missed");
    assert_eq!(state_of(dropped), "dropped");
}

#[test]
fn promise_kept_takes_a_day_and_says_when_it_was_late() {
    let w = World::with_manager();
    let id = w.promise_add(&["send the deck", "--due", "today"]);
    // Kept before it was made: refused.
    let err = w
        .run(&["promise", "kept", &id.to_string(), "--date", "yesterday"])
        .usage_error();
    assert!(err.contains("before the day it was made"), "{err}");
    let run = w.run(&["promise", "kept", &id.to_string(), "--date", "today"]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(run.stderr.contains("kept on Tue 24 Nov"), "{}", run.stderr);
}

#[test]
fn bad_input_is_refused_with_clear_words_and_nothing_changes() {
    let w = World::with_manager();
    let id = w.promise_add(&["send the cost model", "--due", "fri"]);
    let before = w.run(&["export"]).ok();

    let err = w.run(&["promise", "add", "  "]).usage_error();
    assert!(err.contains("a promise's text cannot be empty"), "{err}");
    let err = w
        .run(&["promise", "add", "x", "--due", "2026-11-01"])
        .usage_error();
    assert!(
        err.contains("the due day 2026-11-01 is before the day it was made (2026-11-24)"),
        "{err}"
    );
    let err = w
        .run(&["promise", "add", "x", "--by", "boss"])
        .usage_error();
    assert!(err.contains("use me"), "{err}");
    let err = w
        .run(&["promise", "add", "x", "--due", "someday"])
        .usage_error();
    assert!(err.contains("not a date ahead"), "{err}");
    for args in [
        vec!["promise", "kept", "99"],
        vec!["promise", "missed", "99"],
        vec!["promise", "move", "99", "--due", "fri"],
        vec!["promise", "drop", "99"],
    ] {
        let err = w.run(&args).usage_error();
        assert!(
            err.contains("there is no promise with id 99"),
            "{args:?}: {err}"
        );
    }
    let err = w
        .run(&["promise", "move", &id.to_string(), "--due", "2026-11-20"])
        .usage_error();
    assert!(err.contains("before the day it was made"), "{err}");
    w.run(&["promise", "drop", &id.to_string()]).ok();
    let dropped = w.run(&["export"]).ok();
    let err = w.run(&["promise", "kept", &id.to_string()]).usage_error();
    assert!(
        err.contains("promise 1 was already dropped on 2026-11-24, so it cannot be kept"),
        "{err}"
    );
    assert_eq!(
        w.run(&["export"]).ok(),
        dropped,
        "a refusal changes nothing"
    );
    assert_ne!(before, dropped);
}

#[test]
fn next_one_on_one_as_a_due_day_needs_a_planned_one() {
    let w = World::new();
    w.run(&["person", "add", "Dana"]).ok();
    let err = w
        .run(&["promise", "add", "x", "--due", "next 1:1"])
        .usage_error();
    assert!(err.contains("there is no next 1:1"), "{err}");
    assert!(w.promises_json(&["--all"]).is_empty());
}

#[test]
fn the_csv_of_promises_has_a_header_and_a_row_each() {
    let w = World::with_manager();
    w.promise_add(&["send the cost model, v2", "--due", "fri"]);
    let theirs = w.promise_add(&["talk to finance", "--by", "them"]);
    w.run(&["promise", "kept", &theirs.to_string()]).ok();
    let csv = w.run(&["export", "--format", "promises-csv"]).ok();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines,
        [
            "id,person,made_by,text,made_on,due_on,state,closed_on,moves,entry",
            "1,Dana,me,\"send the cost model, v2\",2026-11-24,2026-11-27,open,,0,",
            "2,Dana,them,talk to finance,2026-11-24,,kept,2026-11-24,0,",
        ]
    );
}

#[test]
fn stats_json_carries_promises_kept_on_time_late_and_missed_per_month() {
    let w = World::with_manager();
    let on_time = w.promise_add(&["a", "--due", "today"]);
    let missed = w.promise_add(&["b", "--due", "today"]);
    let theirs = w.promise_add(&["c", "--by", "them", "--due", "today"]);
    w.run(&["promise", "kept", &on_time.to_string()]).ok();
    w.run(&["promise", "missed", &missed.to_string()]).ok();
    w.run(&["promise", "kept", &theirs.to_string()]).ok();
    w.promise_add(&["d", "--due", "fri"]);
    let stats: Value =
        serde_json::from_str(&w.run(&["stats", "--json"]).ok()).expect("stats --json");
    let p = &stats["promises"];
    assert_eq!(p["mine"]["kept_on_time"], 1);
    assert_eq!(p["mine"]["missed"], 1);
    assert_eq!(p["mine"]["kept_late"], 0);
    assert_eq!(p["theirs"]["kept_on_time"], 1);
    assert_eq!(p["mine_open"], 1);
    let november = p["months"]
        .as_array()
        .expect("months")
        .iter()
        .find(|m| m["month"] == "2026-11-01")
        .expect("this month");
    assert_eq!(november["mine"]["missed"], 1);
    let plain = w.run(&["stats"]).ok();
    assert!(
        plain.contains("mine    1 kept on time, 0 late, 1 missed (1 open)"),
        "{plain}"
    );
}

#[test]
fn prep_lists_open_promises_mine_due_first_and_those_kept_since_the_last_one_on_one() {
    let w = World::with_manager();
    w.log(&["one_on_one", "--date", "-1d", "Weekly 1:1"]);
    let theirs = w.promise_add(&["talk to finance", "--by", "them", "--due", "fri"]);
    let mine = w.promise_add(&["send the cost model", "--due", "fri"]);
    let kept = w.promise_add(&["share the rubric", "--due", "today"]);
    w.run(&["promise", "kept", &kept.to_string()]).ok();
    let sheet: Value = serde_json::from_str(&w.run(&["prep", "--json"]).ok()).expect("prep --json");
    let order: Vec<i64> = sheet["promises"]
        .as_array()
        .expect("promises")
        .iter()
        .map(|p| p["id"].as_i64().expect("id"))
        .collect();
    assert_eq!(order, vec![mine, theirs]);
    assert_eq!(sheet["promises"][0]["group"], "due_by_next_one_on_one");
    assert_eq!(sheet["kept_since_last"][0]["id"], kept);
    let plain = w.run(&["prep"]).ok();
    assert!(plain.contains("Promises: 2 open"), "{plain}");
    assert!(plain.contains("done as promised:"), "{plain}");
    assert!(plain.contains("share the rubric"), "{plain}");
}
