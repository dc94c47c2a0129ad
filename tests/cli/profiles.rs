//! `person set` with a profile, `person show`, `me` and `expect`: the two
//! profiles and the expectations from the shell, and the mistakes refused.

use super::*;

#[test]
fn person_set_fills_their_profile_and_person_show_prints_it() {
    let w = World::with_manager();
    w.run(&[
        "person",
        "set",
        "dana",
        "--goal",
        "Ship the pricing migration",
        "--goal",
        "Hire two seniors",
        "--pressure",
        "Board wants margin",
        "--blind-spot",
        "On-call load",
        "--style",
        "reader",
        "--big-picture",
        "--bad-news",
        "early, in private",
        "--channel",
        "Slack DM, mornings",
        "--needs",
        "No surprises",
    ])
    .ok();
    let shown: Value =
        serde_json::from_str(&w.run(&["person", "show", "Dana", "--json"]).ok()).expect("json");
    let profile = &shown["profile"];
    let goals: Vec<&str> = profile["goals"]
        .as_array()
        .expect("goals")
        .iter()
        .map(|g| g["text"].as_str().expect("text"))
        .collect();
    assert_eq!(goals, ["Ship the pricing migration", "Hire two seniors"]);
    assert_eq!(profile["goals"][0]["confirmed_on"], TODAY);
    assert_eq!(profile["style"]["takes_in"], "reader");
    assert_eq!(profile["style"]["focus"], "big_picture");
    assert_eq!(profile["style"]["channel"], "Slack DM, mornings");
    assert_eq!(profile["needs"], "No surprises");
    assert_eq!(shown["name"], "Dana");
    let plain = w.run(&["person", "show", "dana"]).ok();
    assert!(
        plain.contains("goals          Ship the pricing migration"),
        "{plain}"
    );
    assert!(
        plain.contains("style          reader · big picture"),
        "{plain}"
    );

    // Giving the goals again replaces them; the dropped one is history.
    w.run(&["person", "set", "dana", "--goal", "Hire two seniors"])
        .ok();
    let shown: Value =
        serde_json::from_str(&w.run(&["person", "show", "Dana", "--json"]).ok()).expect("json");
    assert_eq!(shown["profile"]["goals"].as_array().map(Vec::len), Some(1));
    assert_eq!(shown["history"][0]["text"], "Ship the pricing migration");
}

#[test]
fn a_bad_style_or_a_weakness_of_theirs_is_a_usage_error_that_changes_nothing() {
    let w = World::with_manager();
    let err = w
        .run(&[
            "person", "set", "dana", "--style", "skimmer", "--role", "VP",
        ])
        .usage_error();
    assert!(err.contains("`skimmer` is not a work style"), "{err}");
    assert_eq!(w.people_json(&[])[0]["role"], "Director", "nothing written");
    let err = w
        .run(&["person", "set", "dana", "--detail", "--big-picture"])
        .usage_error();
    assert!(err.contains("cannot be used with"), "{err}");
    let err = w.run(&["me"]).usage_error();
    assert!(err.contains("nothing to change"), "{err}");
}

#[test]
fn me_sets_and_shows_your_own_profile() {
    let w = World::with_manager();
    w.run(&[
        "me",
        "--strength",
        "debugging",
        "--weakness",
        "finance negotiations",
        "--style",
        "listener",
        "--detail",
        "--needs",
        "Clear priorities",
    ])
    .ok();
    let mine: Value = serde_json::from_str(&w.run(&["me", "show", "--json"]).ok()).expect("json");
    assert_eq!(mine["strengths"][0]["text"], "debugging");
    assert_eq!(mine["weaknesses"][0]["text"], "finance negotiations");
    assert_eq!(mine["style"]["takes_in"], "listener");
    assert_eq!(mine["style"]["focus"], "detail");
    assert_eq!(mine["needs"], "Clear priorities");
    let plain = w.run(&["me", "show"]).ok();
    assert!(
        plain.contains("weaknesses     finance negotiations"),
        "{plain}"
    );
    // Yours stays apart from theirs.
    let theirs: Value =
        serde_json::from_str(&w.run(&["person", "show", "Dana", "--json"]).ok()).expect("json");
    assert_eq!(theirs["profile"]["needs"], Value::Null);
}

#[test]
fn expect_add_agree_unclear_and_drop() {
    let w = World::with_manager();
    let theirs = id_from(
        &w.run(&[
            "expect",
            "add",
            "A written update every Friday",
            "--held-by",
            "them",
        ])
        .ok(),
    );
    let mine = id_from(
        &w.run(&[
            "expect",
            "add",
            "Reply within a day",
            "--held-by",
            "me",
            "--with",
            "dana",
        ])
        .ok(),
    );
    let list = |w: &World, extra: &[&str]| -> Vec<Value> {
        let mut args = vec!["expect", "list", "--json"];
        args.extend_from_slice(extra);
        serde_json::from_str::<Value>(&w.run(&args).ok())
            .expect("json")
            .as_array()
            .cloned()
            .expect("array")
    };
    let all = list(&w, &[]);
    assert_eq!(all.len(), 2);
    assert_eq!(all[0]["state"], "assumed");
    assert_eq!(all[0]["held_by"], "them");
    assert_eq!(all[1]["held_by"], "me");
    w.run(&["expect", "agree", &theirs.to_string()]).ok();
    w.run(&["expect", "unclear", &mine.to_string()]).ok();
    let all = list(&w, &[]);
    assert_eq!(all[0]["state"], "agreed");
    assert_eq!(all[0]["confirmed_on"], TODAY);
    assert_eq!(all[1]["state"], "unclear");
    w.run(&["expect", "drop", &mine.to_string()]).ok();
    assert_eq!(list(&w, &[]).len(), 1);
    assert_eq!(list(&w, &["--all"]).len(), 2);
    let err = w.run(&["expect", "agree", &mine.to_string()]).usage_error();
    assert!(err.contains("was dropped"), "{err}");
    let err = w.run(&["expect", "agree", "999"]).usage_error();
    assert!(err.contains("no expectation with id 999"), "{err}");
    let err = w
        .run(&["expect", "add", "x", "--held-by", "boss"])
        .usage_error();
    assert!(err.contains("`boss` is not a holder"), "{err}");
    let err = w
        .run(&["expect", "add", "  ", "--held-by", "me"])
        .usage_error();
    assert!(err.contains("cannot be empty"), "{err}");
    let plain = w.run(&["person", "show", "dana"]).ok();
    assert!(plain.contains("theirs  agreed"), "{plain}");
}
