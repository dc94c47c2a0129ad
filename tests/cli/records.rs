//! The smaller records: `checkin` scores, `topic` agendas and `advice` loops.

use super::*;

// ---------------------------------------------------------------- checkin

fn checkins(w: &World) -> Vec<(String, i64, i64, i64, String, Option<i64>)> {
    let conn =
        rusqlite::Connection::open_with_flags(&w.db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("open the journal");
    let mut stmt = conn
        .prepare(
            "SELECT checked_on, trust, clarity, ease, note, person_id FROM checkin ORDER BY id",
        )
        .expect("prepare");
    stmt.query_map([], |r| {
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
        ))
    })
    .expect("query")
    .collect::<Result<_, _>>()
    .expect("rows")
}

#[test]
fn checkin_records_the_three_scores() {
    let w = World::with_manager();
    let run = w.run(&[
        "checkin",
        "--trust",
        "3",
        "--clarity",
        "2",
        "--ease",
        "4",
        "--note",
        "still guessing",
    ]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert_eq!(id_from(&run.stdout), 1);
    assert!(
        run.stderr.contains("trust 3, clarity 2, ease 4"),
        "{run:#?}"
    );
    w.run(&[
        "checkin",
        "--trust",
        "5",
        "--clarity",
        "5",
        "--ease",
        "5",
        "-d",
        "friday",
    ])
    .ok();
    assert_eq!(
        checkins(&w),
        vec![
            (
                TODAY.to_string(),
                3,
                2,
                4,
                "still guessing".to_string(),
                Some(1)
            ),
            ("2026-11-20".to_string(), 5, 5, 5, String::new(), Some(1)),
        ]
    );
}

#[test]
fn checkin_refuses_scores_outside_one_to_five() {
    let w = World::with_manager();
    for (flag, bad) in [
        ("--trust", "0"),
        ("--trust", "6"),
        ("--clarity", "0"),
        ("--clarity", "6"),
        ("--ease", "0"),
        ("--ease", "6"),
    ] {
        let mut args = vec!["checkin", "--trust", "3", "--clarity", "3", "--ease", "3"];
        let at = args
            .iter()
            .position(|a| *a == flag)
            .expect("the flag is there");
        args[at + 1] = bad;
        let err = w.run(&args).usage_error();
        assert!(err.contains(bad), "{flag} {bad}: {err}");
    }
    w.run(&["checkin", "--trust", "3", "--clarity", "3"])
        .usage_error();
    let err = w
        .run(&[
            "checkin",
            "--trust",
            "3",
            "--clarity",
            "3",
            "--ease",
            "3",
            "-d",
            "2026-13-01",
        ])
        .usage_error();
    assert!(err.contains("2026-13-01"), "{err}");
    assert_eq!(checkins(&w), vec![], "nothing was recorded");
}

#[test]
fn checkin_works_before_any_manager_is_added() {
    let w = World::new();
    w.run(&["checkin", "--trust", "2", "--clarity", "2", "--ease", "2"])
        .ok();
    assert_eq!(checkins(&w)[0].5, None);
    let err = w
        .run(&[
            "checkin",
            "--trust",
            "2",
            "--clarity",
            "2",
            "--ease",
            "2",
            "--with",
            "Zed",
        ])
        .usage_error();
    assert!(err.contains("Zed"), "{err}");
}

// ---------------------------------------------------------------- topic

#[test]
fn topic_add_list_done_and_drop() {
    let w = World::with_manager();
    let first = id_from(&w.run(&["topic", "add", "Headcount plan"]).ok());
    let second = id_from(&w.run(&["topic", "add", "On-call rotation"]).ok());
    let third = id_from(&w.run(&["topic", "add", "Offsite"]).ok());

    let out = w.run(&["topic", "list"]).ok();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(lines[0].contains("Headcount plan") && lines[0].contains("Dana"));
    assert!(lines[0].contains(&format!("open since {TODAY}")), "{out}");

    let topics = w.topics_json(&[]);
    assert_eq!(topics.len(), 3);
    assert_eq!(topics[0]["id"], first);
    assert_eq!(topics[0]["text"], "Headcount plan");
    assert_eq!(topics[0]["status"], "open");
    assert_eq!(topics[0]["person"], "Dana");

    let run = w.run(&["topic", "done", &first.to_string()]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(run.stderr.contains("discussed"), "{run:#?}");
    w.run(&["topic", "drop", &second.to_string()]).ok();
    let open: Vec<i64> = w
        .topics_json(&[])
        .iter()
        .map(|t| t["id"].as_i64().expect("an id"))
        .collect();
    assert_eq!(open, vec![third]);

    let all = w.topics_json(&["--all"]);
    assert_eq!(all.len(), 3);
    let status = |id: i64| {
        all.iter()
            .find(|t| t["id"] == id)
            .map(|t| (t["status"].clone(), t["closed_on"].clone()))
    };
    assert_eq!(
        status(first),
        Some((Value::from("discussed"), Value::from(TODAY)))
    );
    assert_eq!(
        status(second),
        Some((Value::from("dropped"), Value::from(TODAY)))
    );
    let plain = w.run(&["topic", "list", "--all"]).ok();
    assert!(plain.contains(&format!("discussed {TODAY}")), "{plain}");
}

#[test]
fn closing_a_topic_twice_is_an_error() {
    let w = World::with_manager();
    let id = id_from(&w.run(&["topic", "add", "Headcount"]).ok()).to_string();
    w.run(&["topic", "done", &id]).ok();
    let err = w.run(&["topic", "done", &id]).usage_error();
    assert!(err.contains("already discussed"), "{err}");
    let err = w.run(&["topic", "drop", &id]).usage_error();
    assert!(err.contains("already discussed"), "{err}");
    let status = &w.topics_json(&["--all"])[0]["status"];
    assert_eq!(status, "discussed", "the first close stands");
}

#[test]
fn topic_commands_refuse_unknown_ids_and_people() {
    let w = World::with_manager();
    let err = w.run(&["topic", "done", "9"]).usage_error();
    assert!(err.contains('9'), "{err}");
    w.run(&["topic", "drop", "9"]).usage_error();
    let err = w.run(&["topic", "add", "x", "--with", "Zed"]).usage_error();
    assert!(err.contains("Zed") && err.contains("Dana"), "{err}");
    w.run(&["topic", "list", "--with", "Zed"]).usage_error();
    w.run(&["topic", "add", "   "]).usage_error();
}

#[test]
fn topic_list_with_a_person_shows_only_theirs() {
    let w = World::with_manager();
    w.run(&["person", "add", "Sam"]).ok();
    w.run(&["topic", "add", "For Dana"]).ok();
    w.run(&["topic", "add", "For Sam", "--with", "Sam"]).ok();
    let sams = w.topics_json(&["--with", "Sam"]);
    assert_eq!(sams.len(), 1);
    assert_eq!(sams[0]["text"], "For Sam");
    assert_eq!(w.topics_json(&[]).len(), 2);
}

#[test]
fn topic_add_without_a_manager_says_to_add_one_first() {
    let w = World::new();
    let err = w.run(&["topic", "add", "Headcount"]).usage_error();
    assert!(err.contains("rapport person add NAME --current"), "{err}");
}

// ---------------------------------------------------------------- advice

#[test]
fn advice_list_and_done_follow_an_ask_to_its_report_back() {
    let w = World::with_manager();
    let ask = w.log(&["advice", "How to pitch pricing?", "--strength", "finance"]);
    let other = w.log(&["advice", "Who to bring in early?"]);
    let out = w.run(&["advice", "list"]).ok();
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(
        out.contains("How to pitch pricing? (draws on: finance)"),
        "{out}"
    );

    let loops: Value =
        serde_json::from_str(&w.run(&["advice", "list", "--json"]).ok()).expect("JSON");
    let ids: Vec<i64> = loops
        .as_array()
        .expect("an array")
        .iter()
        .map(|l| l["interaction_id"].as_i64().expect("an id"))
        .collect();
    assert_eq!(ids.len(), 2);
    assert!(ids.contains(&ask) && ids.contains(&other));

    let run = w.run(&["advice", "done", &ask.to_string(), "--applied"]);
    assert_eq!(run.code, 0, "{run:#?}");
    let advice = &w.show(ask)["advice_loop"];
    assert_eq!(advice["applied"], true);
    assert_eq!(advice["reported_on"], TODAY);

    w.run(&[
        "advice",
        "done",
        &other.to_string(),
        "--not-applied",
        "-d",
        "yesterday",
    ])
    .ok();
    let advice = &w.show(other)["advice_loop"];
    assert_eq!(advice["applied"], false);
    assert_eq!(advice["reported_on"], "2026-11-23");

    let run = w.run(&["advice", "list"]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("no advice asks"), "{run:#?}");
    assert_eq!(w.run(&["advice", "list", "--json"]).ok().trim(), "[]");
}

#[test]
fn advice_done_refuses_what_is_not_an_open_ask() {
    let w = World::with_manager();
    let coffee = w.log(&["coffee", "Coffee"]);
    let err = w
        .run(&["advice", "done", &coffee.to_string()])
        .usage_error();
    assert!(err.contains("not an advice ask"), "{err}");
    w.run(&["advice", "done", "99"]).usage_error();
    let ask = w.log(&["advice", "How?"]).to_string();
    w.run(&["advice", "done", &ask, "--applied", "--not-applied"])
        .usage_error();
    let err = w
        .run(&["advice", "done", &ask, "-d", "2026-02-30"])
        .usage_error();
    assert!(err.contains("2026-02-30"), "{err}");
    assert_eq!(
        w.show(ask.parse().expect("an id"))["advice_loop"]["reported_on"],
        Value::Null
    );
}
