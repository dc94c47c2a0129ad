//! The summary generator on hand-built windows: read as the manager would.

use super::*;
use chrono::NaiveDate;

use crate::domain::AdviceLoop;
use crate::prep::tests::{ask, d, dana, entry, today, topic};
use crate::prep::{AgendaTopic, SummaryTemplate, WindowFacts};

/// The Monday before a Tuesday 1:1, the last one a week ago.
fn window() -> SummaryWindow {
    SummaryWindow::of(&WindowFacts {
        today: d(2026, 11, 23),
        last_one_on_one: Some(d(2026, 11, 17)),
        one_on_one_before: Some(d(2026, 11, 10)),
        last_summary: None,
        next_one_on_one: Some(d(2026, 11, 24)),
    })
}

fn facts() -> SummaryFacts {
    SummaryFacts {
        manager: dana(),
        window: window(),
        entries: Vec::new(),
        open_topics: Vec::new(),
        new_asks: Vec::new(),
        reported_advice: Vec::new(),
        goals: Vec::new(),
        bad_news_early: false,
        already_sent: None,
        promises: Vec::new(),
    }
}

fn agenda_topic(id: i64, text: &str, carried_over: u32) -> AgendaTopic {
    AgendaTopic {
        topic: topic(id, text, d(2026, 11, 2)),
        carried_over,
    }
}

fn summary(facts: &SummaryFacts) -> String {
    generate(&SummaryTemplate::builtin(), facts)
}

fn with_notes(mut e: crate::domain::Interaction, notes: &str) -> crate::domain::Interaction {
    e.notes = notes.into();
    e
}

#[test]
fn a_quiet_window_greets_by_first_name_and_names_the_one_on_one() {
    assert_eq!(
        summary(&facts()),
        "# Before our 1:1 on Tue 24 Nov\n\
         \n\
         Hi Dana, here is what happened since our 1:1 on Tue 17 Nov, so you can pick what we spend our time on.\n"
    );
}

#[test]
fn done_holds_shared_work_only_never_time_with_them_or_notes() {
    let mut f = facts();
    let mut private_win = entry(9, "win", d(2026, 11, 19), 0, "Interviewing elsewhere");
    private_win.private = true;
    f.entries = vec![
        entry(1, "one_on_one", d(2026, 11, 17), 4, "Weekly 1:1"),
        entry(2, "coffee", d(2026, 11, 19), 5, "Coffee walk"),
        entry(
            3,
            "note",
            d(2026, 11, 19),
            0,
            "I still don't know if she rates me",
        ),
        entry(
            4,
            "win",
            d(2026, 11, 18),
            0,
            "Shipped the billing export; p95 down 40%",
        ),
        entry(5, "decision", d(2026, 11, 20), 0, "We go with Postgres"),
        entry(6, "feedback", d(2026, 11, 20), 3, "Be more direct"),
        with_notes(
            entry(7, "risk", d(2026, 11, 21), 0, "Vendor API sunset on 15 Jan"),
            "Migrate to v2\nby 10 Jan",
        ),
        private_win,
        // Before the window: told already.
        entry(8, "win", d(2026, 11, 16), 0, "Old news"),
    ];
    let out = summary(&f);
    assert!(
        out.contains(
            "## Done\n\n- Shipped the billing export; p95 down 40%\n- Decision: We go with Postgres\n\n## Risks and bad news\n\n- Vendor API sunset on 15 Jan. Plan: Migrate to v2 by 10 Jan\n"
        ),
        "{out}"
    );
    for never in [
        "Weekly 1:1",
        "Coffee walk",
        "rates me",
        "Be more direct",
        "Interviewing",
        "Old news",
        "private notes",
    ] {
        assert!(!out.contains(never), "{never} leaked: {out}");
    }
}

#[test]
fn bad_news_comes_first_for_a_manager_who_wants_it_early() {
    let mut f = facts();
    f.entries = vec![
        entry(4, "win", d(2026, 11, 18), 0, "Shipped it"),
        entry(7, "risk", d(2026, 11, 21), 0, "Vendor slipping"),
    ];
    f.bad_news_early = true;
    let out = summary(&f);
    let (risk, done) = (out.find("## Risks"), out.find("## Done"));
    assert!(risk < done, "{out}");
    let points = talking_points(&f);
    assert_eq!(
        points,
        vec![
            "At risk: Vendor slipping (plan: private notes).".to_string(),
            "Done: Shipped it.".to_string()
        ]
    );
    assert!(wants_bad_news_early("Early, in person"));
    assert!(!wants_bad_news_early("in writing, with a plan"));
}

#[test]
fn topics_asks_and_report_backs_read_as_sentences() {
    let mut f = facts();
    f.open_topics = vec![
        agenda_topic(1, "Headcount plan", 2),
        agenda_topic(2, "Offsite", 1),
        agenda_topic(3, "Roadmap", 0),
    ];
    f.new_asks = vec![ask(5, "How do I size the team?", "hiring", d(2026, 11, 18))];
    f.reported_advice = vec![AdviceLoop {
        id: 1,
        interaction_id: 2,
        question: "How do I pitch the pricing change?".into(),
        strength: String::new(),
        applied: Some(true),
        reported_on: Some(d(2026, 11, 19)),
    }];
    let out = summary(&f);
    assert!(
        out.contains(
            "## Topics for you to pick\n\n1. Headcount plan (carried over 2 1:1s)\n2. Offsite (carried over from our last 1:1)\n3. Roadmap\n\nReply with the numbers you would like to cover.\n"
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "## Where I'd value your advice\n\n- How do I size the team? (you know hiring well)\n"
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "## Reporting back on your advice\n\n- On “How do I pitch the pricing change?”: I followed your advice.\n"
        ),
        "{out}"
    );
    let points = talking_points(&f);
    assert_eq!(
        points,
        vec![
            "From you: your advice on How do I size the team?; and your pick of Headcount plan; Offsite; Roadmap."
                .to_string()
        ]
    );
}

#[test]
fn goals_are_served_by_shared_work_only() {
    let mut f = facts();
    f.goals = vec!["Ship billing v2".into(), "Hire two engineers".into()];
    let mut private = entry(5, "win", d(2026, 11, 19), 0, "Hire pipeline secret");
    private.private = true;
    f.entries = vec![
        entry(4, "win", d(2026, 11, 18), 0, "Billing export shipped"),
        entry(6, "note", d(2026, 11, 19), 0, "Hire worries"),
        private,
    ];
    let out = summary(&f);
    assert!(
        out.contains(
            "## How this serves your goals\n\n- **Ship billing v2**: Billing export shipped\n"
        ),
        "{out}"
    );
    assert!(!out.contains("Hire"), "{out}");
}

#[test]
fn what_the_last_summary_said_is_not_said_again() {
    let mut f = facts();
    f.window = SummaryWindow::of(&WindowFacts {
        today: d(2026, 11, 23),
        last_one_on_one: Some(d(2026, 11, 17)),
        one_on_one_before: Some(d(2026, 11, 10)),
        last_summary: Some(d(2026, 11, 16)),
        next_one_on_one: Some(d(2026, 11, 24)),
    });
    f.already_sent = Some("## Done\n\n- Shipped the export\n".into());
    f.entries = vec![
        entry(1, "win", d(2026, 11, 16), 0, "Shipped the export"),
        entry(2, "win", d(2026, 11, 16), 0, "Closed the hiring loop"),
    ];
    let out = summary(&f);
    assert!(out.contains("- Closed the hiring loop"), "{out}");
    assert!(!out.contains("- Shipped the export"), "{out}");
    assert!(out.contains("since my last summary (Mon 16 Nov)"), "{out}");
    let _ = today();
}

fn promise(
    id: i64,
    by: crate::domain::MadeBy,
    due: Option<NaiveDate>,
    state: crate::domain::PromiseState,
    closed: Option<NaiveDate>,
) -> crate::domain::Promise {
    crate::domain::Promise {
        id,
        person_id: 1,
        text: format!("Promise {id}"),
        made_by: by,
        made_on: d(2026, 11, 2),
        interaction_id: None,
        due_on: due,
        state,
        closed_on: closed,
        moves: Vec::new(),
    }
}

#[test]
fn done_as_promised_lists_mine_kept_in_the_window_and_risks_the_moved_and_overdue() {
    use crate::domain::MadeBy::{Me, Them};
    use crate::domain::PromiseState::{Kept, Open, Renegotiated};
    let mut facts = facts();
    let mut moved = promise(3, Me, Some(d(2026, 12, 1)), Renegotiated, None);
    moved.moves.push(crate::domain::PromiseMove {
        moved_on: d(2026, 11, 23),
        from_due: Some(d(2026, 11, 25)),
        to_due: d(2026, 12, 1),
    });
    facts.promises = vec![
        promise(1, Me, Some(d(2026, 11, 24)), Kept, Some(d(2026, 11, 23))),
        // Theirs, and mine kept before the window: not this summary's.
        promise(2, Them, None, Kept, Some(d(2026, 11, 23))),
        promise(5, Me, None, Kept, Some(d(2026, 11, 16))),
        moved,
        promise(4, Me, Some(d(2026, 11, 20)), Open, None),
        promise(6, Me, Some(d(2026, 11, 30)), Open, None),
    ];
    let text = summary(&facts);
    assert!(
        text.contains("## Done as promised\n\n- Promise 1 (Mon)\n"),
        "{text}"
    );
    assert!(
        !text.contains("Promise 2") && !text.contains("Promise 5"),
        "{text}"
    );
    assert!(
        text.contains("## Risks and bad news\n\n- Promise 3: moves from Wed 25 Nov to Tue 1 Dec\n- Promise 4: was due Fri 20 Nov; I will come back with a new day\n"),
        "{text}"
    );
    assert!(!text.contains("Promise 6"), "on track: not a risk: {text}");
}

#[test]
fn a_plan_the_user_labelled_is_not_labelled_twice() {
    assert_eq!(
        without_plan_label("Plan: brief her weekly"),
        "brief her weekly"
    );
    assert_eq!(without_plan_label("plan:cut scope"), "cut scope");
    assert_eq!(without_plan_label("Planning the cut"), "Planning the cut");
    assert_eq!(without_plan_label("Plän"), "Plän");
}
