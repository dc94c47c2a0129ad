//! The summary for the next 1:1 and the review, end to end with fixed days:
//! the window across a month of Tuesday 1:1s, "sent before the 1:1" in Prep,
//! `next` and `stats`, advice asks in and out of the window, nothing but
//! shared work in Done, and sentinels that must never leave the machine.

use super::*;

const SENTINEL: &str = "ZEBRA-SENTINEL";

impl World {
    /// `args` as of `day` (RAPPORT_TODAY).
    fn on(&self, day: &str, args: &[&str]) -> Run {
        let mut cmd = self.command(args);
        cmd.env("RAPPORT_TODAY", day);
        exec(cmd)
    }

    /// Dana Okafor, a 1:1 every 7 days, met on Tuesdays 3, 10 and 17 Nov.
    fn tuesday_month() -> World {
        let w = World::new();
        w.on(
            "2026-11-01",
            &["person", "add", "Dana Okafor", "--every", "7"],
        )
        .ok();
        for day in ["2026-11-03", "2026-11-10", "2026-11-17"] {
            w.on(day, &["log", "1on1", "Weekly 1:1", "-q", "4"]).ok();
        }
        w
    }
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("JSON")
}

#[test]
fn a_win_from_the_wednesday_after_the_one_on_one_is_in_mondays_summary() {
    let w = World::tuesday_month();
    w.on("2026-11-18", &["log", "win", "Shipped the billing export"])
        .ok();
    w.on(
        "2026-11-16",
        &["log", "win", "Told at the last 1:1 already"],
    )
    .ok();
    let run = w.on("2026-11-23", &["summary"]);
    assert!(
        run.stderr.contains("for your 1:1 on Tue 24 Nov"),
        "{}",
        run.stderr
    );
    let text = run.ok();
    assert!(
        text.starts_with("# Before our 1:1 on Tue 24 Nov\n"),
        "{text}"
    );
    assert!(
        text.contains("Hi Dana, here is what happened since our 1:1 on Tue 17 Nov"),
        "{text}"
    );
    assert!(
        text.contains("## Done\n\n- Shipped the billing export\n"),
        "{text}"
    );
    assert!(!text.contains("Told at the last 1:1"), "{text}");
    assert!(!text.contains("Okafor"), "greeted by first name: {text}");
}

#[test]
fn a_summary_sent_on_friday_counts_before_mondays_one_on_one_everywhere() {
    let w = World::new();
    w.on("2026-10-26", &["person", "add", "Dana", "--every", "7"])
        .ok();
    // Mondays' 1:1s; each summary sent the Friday before.
    for (sent, met) in [
        ("2026-10-30", "2026-11-02"),
        ("2026-11-06", "2026-11-09"),
        ("2026-11-13", "2026-11-16"),
        ("2026-11-20", "2026-11-23"),
    ] {
        w.on(
            sent,
            &["log", "win", &format!("Work of the week before {met}")],
        )
        .ok();
        w.on(sent, &["summary", "--mark-sent"]).ok();
        if met == "2026-11-23" {
            // The Saturday before: Prep and the coach already count it.
            let sheet = json(&w.on("2026-11-21", &["prep", "--json"]).ok());
            assert_eq!(sheet["summary"]["status"]["state"], "sent", "{sheet:#}");
            assert_eq!(sheet["summary"]["status"]["on"], "2026-11-20");
            let next = w.on("2026-11-23", &["next", "--json"]).ok();
            assert!(
                !next.contains("summary-before-one-on-one"),
                "the coach knows it was sent: {next}"
            );
        }
        w.on(met, &["log", "1on1", "Weekly 1:1", "-q", "4"]).ok();
    }
    let stats = json(&w.on("2026-11-24", &["stats", "--json"]).ok());
    let streak = &stats["streaks"]["summary_before_one_on_one"];
    assert_eq!(streak["current"], 4, "{stats:#}");
    // A draft for the next 1:1 starts afresh: the sent one is not re-used.
    let next = w.on("2026-11-24", &["summary", "--json"]).ok();
    let next = json(&next);
    assert_eq!(next["origin"], "generated");
    assert_eq!(next["prepares"], "for your 1:1 on Mon 30 Nov");
}

#[test]
fn only_advice_asked_in_the_window_is_a_new_ask() {
    let w = World::tuesday_month();
    w.on("2026-11-05", &["log", "advice", "How do I plan Q1 hiring?"])
        .ok();
    w.on(
        "2026-11-19",
        &[
            "log",
            "advice",
            "How do I pitch the budget?",
            "--strength",
            "finance",
        ],
    )
    .ok();
    let text = w.on("2026-11-23", &["summary"]).ok();
    assert!(
        text.contains("## Where I'd value your advice\n\n- How do I pitch the budget? (you know finance well)\n"),
        "{text}"
    );
    assert!(
        !text.contains("Q1 hiring"),
        "an older ask is not re-listed: {text}"
    );
}

#[test]
fn no_interaction_with_the_manager_is_an_item_of_done() {
    let w = World::tuesday_month();
    for (kind, title) in [
        ("1on1", "Extra 1:1 on the reorg"),
        ("meal", "Dinner with Dana"),
        ("coffee", "Coffee walk"),
        ("feedback", "Be more direct"),
        ("chat", "Hallway chat"),
    ] {
        w.on("2026-11-19", &["log", kind, title]).ok();
    }
    w.on("2026-11-20", &["log", "win", "Closed the vendor deal"])
        .ok();
    let text = w.on("2026-11-23", &["summary"]).ok();
    let done = text
        .split("## Done\n\n")
        .nth(1)
        .and_then(|rest| rest.split("\n\n").next())
        .unwrap_or("");
    assert_eq!(done.trim_end(), "- Closed the vendor deal", "{text}");
    for title in ["reorg", "Dinner", "Coffee walk", "more direct", "Hallway"] {
        assert!(!text.contains(title), "{title} in: {text}");
    }
}

/// A journal whose private text carries the sentinel: a note (title and
/// notes), a private win, the notes of a meal and of a 1:1.
fn journal_with_secrets() -> World {
    let w = World::tuesday_month();
    w.on(
        "2026-11-18",
        &[
            "log",
            "note",
            &format!("I still wonder if she rates me {SENTINEL}"),
            "--notes",
            &format!("notes {SENTINEL}"),
        ],
    )
    .ok();
    w.on(
        "2026-11-19",
        &[
            "log",
            "win",
            &format!("Interviewing {SENTINEL}"),
            "--private",
        ],
    )
    .ok();
    w.on("2026-11-19", &["log", "meal", "Lunch", "--notes", SENTINEL])
        .ok();
    w.on(
        "2026-11-19",
        &["log", "win", "Shipped the export", "--notes", SENTINEL],
    )
    .ok();
    w.on(
        "2026-11-20",
        &[
            "log",
            "risk",
            "Vendor slipping",
            "--notes",
            "Plan B ready by Friday",
        ],
    )
    .ok();
    w.on("2026-11-20", &["topic", "add", "Headcount"]).ok();
    w
}

#[test]
fn the_sentinel_never_leaves_by_any_cli_path() {
    let w = journal_with_secrets();
    let day = "2026-11-23";
    let outputs = [
        w.on(day, &["summary"]).ok(),
        w.on(day, &["summary", "--json"]).ok(),
        w.on(day, &["summary", "--talking-points"]).ok(),
        w.on(day, &["summary", "--check"]).stdout,
        w.on(day, &["review"]).ok(),
        w.on(day, &["review", "--format", "json"]).ok(),
        w.on(
            day,
            &["review", "--since", "2026-01-01", "--with", "Dana Okafor"],
        )
        .ok(),
    ];
    for out in &outputs {
        assert!(!out.contains(SENTINEL), "the sentinel leaked:\n{out}");
    }
    assert!(
        outputs[0].contains("- Shipped the export"),
        "{}",
        outputs[0]
    );
    assert!(
        outputs[0].contains("Plan: Plan B ready by Friday"),
        "{}",
        outputs[0]
    );
    assert!(
        outputs[2].contains("Done: Shipped the export."),
        "{}",
        outputs[2]
    );
    // Marked sent, the logged entry holds only what was generated.
    let id = w.on(day, &["summary", "--mark-sent"]).ok();
    let entry = w.on(day, &["show", id.trim(), "--json"]).ok();
    assert!(!entry.contains(SENTINEL), "{entry}");
    // --include-private adds the private win, never the note.
    let all = w.on(day, &["review", "--include-private"]).ok();
    assert!(
        all.contains(&format!("Interviewing {SENTINEL} (private)")),
        "{all}"
    );
    assert!(!all.contains("rates me"), "{all}");
}

#[test]
fn the_check_flags_talk_about_them_and_private_text_and_exits_one() {
    let w = journal_with_secrets();
    let draft = w.path("draft.md");
    std::fs::write(
        &draft,
        format!("Hi Dana,\n\n- Shipped the export\n- She heard it from sales first\n- I still wonder if she rates me {SENTINEL}\n"),
    )
    .expect("written");
    let run = w.on(
        "2026-11-23",
        &["summary", "--check", "--body-file", s(&draft)],
    );
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(
        run.stdout
            .contains("line 4 talks about Dana in the third person (\"she\")"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("line 5 repeats private text"),
        "{}",
        run.stdout
    );
    assert!(run.stderr.contains("2 lines to read"), "{}", run.stderr);
    // The generated summary passes.
    let clean = w.on("2026-11-23", &["summary", "--check"]);
    assert_eq!(clean.code, 0, "{clean:#?}");
}
