//! The summary generator on hand-built weeks.

use super::*;
use crate::domain::AdviceLoop;
use crate::prep::next::next_one_on_one;
use crate::prep::tests::{ask, d, dana, entry, today, topic};
use crate::prep::{AgendaTopic, SummaryTemplate};

fn week_facts() -> SummaryFacts {
    let week = Week::containing(today());
    SummaryFacts {
        manager: dana(),
        week,
        as_of: week.up_to(today()),
        entries: Vec::new(),
        open_topics: Vec::new(),
        open_advice: Vec::new(),
        reported_advice: Vec::new(),
        next: next_one_on_one(&dana(), Some(d(2026, 11, 17)), None, today()),
        goals: Vec::new(),
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

#[test]
fn an_empty_week_says_so_and_still_gives_the_next_one_on_one() {
    let mut facts = week_facts();
    facts.next = next_one_on_one(&dana(), Some(d(2026, 11, 20)), None, today());
    assert_eq!(
        summary(&facts),
        "# Weekly summary, 2026-W48 (23–29 Nov 2026)\n\
         \n\
         Hi Dana Okafor, my week in brief.\n\
         \n\
         Nothing logged this week.\n\
         \n\
         ## Next week\n\
         \n\
         - Our next 1:1: Fri 27 Nov\n"
    );
}

#[test]
fn a_week_with_every_kind_puts_each_where_a_manager_looks_for_it() {
    let mut facts = week_facts();
    facts.entries = vec![
        entry(9, "summary", d(2026, 11, 23), 0, "Weekly summary 2026-W47"),
        entry(5, "coffee", d(2026, 11, 24), 5, "Coffee walk"),
        entry(3, "one_on_one", d(2026, 11, 23), 3, "Budget 1:1"),
        entry(4, "note", d(2026, 11, 23), 0, "Shipped the pricing plan"),
        entry(6, "advice", d(2026, 11, 24), 0, "How do I pitch it?"),
        entry(7, "feedback", d(2026, 11, 24), 3, "Be more direct"),
        entry(8, "meal", d(2026, 11, 24), 4, ""),
        // Outside the week, or after today: not this week's story.
        entry(1, "coffee", d(2026, 11, 22), 5, "Last Sunday's coffee"),
        entry(2, "coffee", d(2026, 11, 26), 5, "Planned coffee"),
    ];
    facts.open_topics = vec![
        agenda_topic(1, "Headcount plan", 2),
        agenda_topic(2, "Offsite", 0),
    ];
    facts.open_advice = vec![
        ask(
            1,
            "How do I pitch it?",
            "negotiating with finance",
            d(2026, 11, 24),
        ),
        ask(2, "Should I take the lead role?", "", d(2026, 11, 10)),
        ask(
            4,
            " how do I pitch it?",
            "negotiating with finance",
            d(2026, 11, 24),
        ),
    ];
    facts.reported_advice = vec![AdviceLoop {
        id: 3,
        interaction_id: 50,
        question: "Which vendor?".into(),
        strength: String::new(),
        applied: Some(true),
        reported_on: Some(d(2026, 11, 23)),
    }];
    let out = summary(&facts);
    let expected = "# Weekly summary, 2026-W48 (23–29 Nov 2026)

Hi Dana Okafor, my week in brief.

## Highlights

- Shipped the pricing plan (Mon)
- Coffee walk (coffee, Tue)
- Meal (Tue)

## Topics for you to pick from

1. Headcount plan
2. Offsite

Reply with the numbers you would like to cover.

## Where I'd value your advice

- How do I pitch it? (your strength: negotiating with finance)
- Should I take the lead role?

## FYI

- Thank you for your feedback: Be more direct (Tue)
- Your advice on Which vendor?: I applied it
- Budget 1:1 (1:1, Mon)

## Next week

- Our next 1:1: Tue 24 Nov
- Still open after 2 1:1s: Headcount plan
";
    assert_eq!(out, expected);
    assert!(!out.contains("private notes"), "notes stay private");
    assert!(
        !out.contains('●') && !out.contains("/5"),
        "ratings stay private"
    );
}

#[test]
fn markdown_in_the_users_text_is_escaped_where_it_would_break_the_structure() {
    let mut facts = week_facts();
    facts.manager.name = "Dana [CTO]".into();
    facts.entries = vec![
        entry(1, "note", d(2026, 11, 23), 0, "# Not a heading"),
        entry(2, "note", d(2026, 11, 23), 0, "- not a list\n\n## nor this"),
        entry(
            3,
            "note",
            d(2026, 11, 23),
            0,
            "> not a quote, `code` | [link](x) <!--",
        ),
        entry(
            4,
            "note",
            d(2026, 11, 23),
            0,
            "1. not numbered, 30% *faster*",
        ),
    ];
    facts.open_topics = vec![
        agenda_topic(1, "```\nfenced", 0),
        agenda_topic(2, "2) second", 0),
    ];
    let out = summary(&facts);
    assert!(
        out.contains("Hi Dana \\[CTO\\], my week in brief."),
        "{out}"
    );
    for line in [
        "- \\# Not a heading (Mon)",
        "- \\- not a list ## nor this (Mon)",
        "- \\> not a quote, \\`code\\` \\| \\[link\\](x) \\<!-- (Mon)",
        "- 1\\. not numbered, 30% *faster* (Mon)",
        "1. \\`\\`\\` fenced",
        "2. 2\\) second",
    ] {
        assert!(
            out.lines().any(|l| l == line),
            "missing {line:?} in:\n{out}"
        );
    }
    // Each user line stays one line of the list it is in.
    let headings: Vec<&str> = out.lines().filter(|l| l.starts_with('#')).collect();
    assert_eq!(headings.len(), 4, "{out}");
}

#[test]
fn an_overdue_or_unplanned_next_one_on_one_is_said_plainly() {
    let mut facts = week_facts();
    facts.next = next_one_on_one(&dana(), Some(d(2026, 11, 10)), None, today());
    assert!(summary(&facts).contains("- Our next 1:1 was due Tue 17 Nov: shall we find a time?"));
    let mut unplanned = dana();
    unplanned.cadence_days = None;
    facts.next = next_one_on_one(&unplanned, None, None, today());
    assert!(summary(&facts).contains("- Our next 1:1: not planned yet"));
}

#[test]
fn a_past_week_is_told_up_to_its_sunday() {
    let week = Week::containing(d(2026, 11, 12));
    let mut facts = week_facts();
    facts.week = week;
    facts.as_of = week.up_to(today());
    facts.entries = vec![
        entry(1, "coffee", d(2026, 11, 15), 5, "Sunday coffee"),
        entry(2, "coffee", d(2026, 11, 16), 5, "Next Monday's coffee"),
    ];
    let out = summary(&facts);
    assert!(
        out.starts_with("# Weekly summary, 2026-W46 (9–15 Nov 2026)"),
        "{out}"
    );
    assert!(
        out.contains("Sunday coffee") && !out.contains("Next Monday"),
        "{out}"
    );
}

#[test]
fn a_user_template_decides_the_frame() {
    let template = SummaryTemplate::parse(
        "{{manager}}: {{week}}\n{{topics}}",
        std::path::Path::new("summary.md"),
    )
    .expect("valid");
    let mut facts = week_facts();
    facts.open_topics = vec![agenda_topic(1, "Hiring", 0)];
    let out = generate(&template, &facts);
    assert!(
        out.starts_with("Dana Okafor: 2026-W48\n## Topics for you to pick from"),
        "{out}"
    );
}

#[test]
fn the_summary_opens_with_how_the_week_serves_their_goals() {
    let mut facts = week_facts();
    facts.goals = vec![
        "Ship the pricing migration".into(),
        "Hire two seniors".into(),
        "Cut cloud costs".into(),
    ];
    facts.entries = vec![
        entry(
            1,
            "one_on_one",
            d(2026, 11, 23),
            4,
            "Pricing migration plan",
        ),
        entry(
            2,
            "chat",
            d(2026, 11, 24),
            3,
            "Interview debrief with seniors",
        ),
    ];
    facts.open_topics = vec![agenda_topic(5, "Cloud cost report", 0)];
    let text = summary(&facts);
    let goals_at = text
        .find("## How this week serves your goals")
        .expect("the section");
    let highlights_at = text.find("## Highlights").expect("highlights");
    assert!(goals_at < highlights_at, "{text}");
    assert!(
        text.contains("- **Ship the pricing migration**: Pricing migration plan (1:1, Mon)"),
        "{text}"
    );
    assert!(
        text.contains("- **Hire two seniors**: Interview debrief with seniors (chat, Tue)"),
        "{text}"
    );
    assert!(
        text.contains("- **Cut cloud costs**: Cloud cost report (on the agenda)"),
        "{text}"
    );
    facts.goals = vec!["Win the design award".into()];
    assert!(
        !summary(&facts).contains("serves your goals"),
        "nothing touched it"
    );
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
fn done_as_promised_lists_mine_kept_this_week_and_heads_up_the_moved_and_overdue() {
    use crate::domain::MadeBy::{Me, Them};
    use crate::domain::PromiseState::{Kept, Open, Renegotiated};
    let mut facts = week_facts();
    let mut moved = promise(3, Me, Some(d(2026, 12, 1)), Renegotiated, None);
    moved.moves.push(crate::domain::PromiseMove {
        moved_on: d(2026, 11, 23),
        from_due: Some(d(2026, 11, 25)),
        to_due: d(2026, 12, 1),
    });
    facts.promises = vec![
        promise(1, Me, Some(d(2026, 11, 24)), Kept, Some(d(2026, 11, 23))),
        // Theirs, and mine kept last week: not this summary's.
        promise(2, Them, None, Kept, Some(d(2026, 11, 23))),
        promise(5, Me, None, Kept, Some(d(2026, 11, 20))),
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
        text.contains("## Heads-up\n\n- Promise 3: moves from Wed 25 Nov to Tue 1 Dec\n- Promise 4: was due Fri 20 Nov; I will come back with a new day\n"),
        "{text}"
    );
    assert!(!text.contains("Promise 6"), "on track: not a risk: {text}");
}
