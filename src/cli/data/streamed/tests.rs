//! The streamed CSV and Markdown exports give, byte for byte, what the
//! whole-journal-in-memory versions they replace gave (kept here as the
//! reference), over entries with quotes, commas, newlines, CJK text,
//! private and deleted entries, several weeks and years, and each filter.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use chrono::{Datelike, Days, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};

use super::super::markdown::Scope;
use super::{write_csv, write_markdown};
use crate::domain::text::{shown_block, shown_line};
use crate::domain::{
    Category, InitiatedBy, Interaction, InteractionDraft, PersonDraft, Quality, Relation,
};
use crate::present::{count, tags_text};
use crate::store::{CSV_COLUMNS, Cursor, InteractionFilter, Store, csv_row};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a day")
}

/// Two people, every kind, text that CSV must quote and Markdown must show
/// safely, across a year's turn (ISO week 1 of the next year).
fn journal() -> (Store, i64) {
    let mut store = Store::open_in_memory().expect("store");
    let now = Utc
        .with_ymd_and_hms(2026, 11, 30, 12, 0, 0)
        .single()
        .expect("now");
    let today = day(2026, 11, 30);
    let mut person = |name: &str, relation| {
        store
            .people_mut()
            .add_person(
                &PersonDraft {
                    name: name.into(),
                    role: "lead".into(),
                    relation,
                    is_current: true,
                    ..PersonDraft::default()
                },
                today,
                now,
            )
            .expect("person")
            .id
    };
    let dana = person("Dana \"DK\" Kim, PhD", Relation::Manager);
    let mei = person("王美 (Mei)", Relation::Mentor);
    let kinds = store.people().kinds().expect("kinds");
    let titles = [
        "Said \"ship it\", then: wait",
        "1:1, budget; hiring",
        "multi\nline title",
        "季度计划 — 评审",
        "",
        "tab\there, bell\u{7} and =SUM(A1)",
    ];
    let notes = [
        "",
        "first line\n\nsecond, with \"quotes\"\r\nthird",
        "中文笔记：成功",
        "  leading spaces\n  - a list\n",
    ];
    let mut n = 0usize;
    let mut on = day(2025, 12, 20);
    while on <= day(2026, 1, 20) {
        for kind in &kinds {
            n += 1;
            if n.is_multiple_of(3) {
                continue;
            }
            let rated = matches!(kind.category, Category::Formal | Category::Informal);
            let mut draft = InteractionDraft {
                person_id: if n.is_multiple_of(2) { dana } else { mei },
                kind_id: kind.id,
                happened_on: on,
                at_time: (n.is_multiple_of(4))
                    .then(|| NaiveTime::from_hms_opt(9, 30, 0).expect("time")),
                minutes: (!n.is_multiple_of(5)).then_some(30),
                quality: rated
                    .then(|| Quality::new((n % 5 + 1) as i64).expect("quality"))
                    .filter(|_| !n.is_multiple_of(7)),
                initiated_by: if n.is_multiple_of(2) {
                    InitiatedBy::Me
                } else {
                    InitiatedBy::Them
                },
                title: titles[n % titles.len()].into(),
                notes: notes[n % notes.len()].into(),
                tags: if n % 3 == 1 {
                    vec!["q4".into(), "växt".into()]
                } else {
                    vec![]
                },
                advice_strength: (kind.category == Category::Ask)
                    .then(|| "systems, \"calm\"".to_string()),
                private: kind.category == Category::Work && n.is_multiple_of(2),
            };
            if draft.validate(kind).is_err() {
                draft.quality = None;
            }
            let added = store
                .entries_mut()
                .add_interaction(&draft, now)
                .expect("entry");
            if n.is_multiple_of(11) {
                store
                    .entries_mut()
                    .delete_interaction(added.id, now)
                    .expect("delete");
            }
        }
        on = on.checked_add_days(Days::new(2)).expect("next");
    }
    (store, dana)
}

fn filters(dana: i64) -> Vec<(InteractionFilter, Option<String>)> {
    let everything = InteractionFilter::default();
    let since = InteractionFilter {
        since: Some(day(2025, 12, 29)),
        ..InteractionFilter::default()
    };
    let until = InteractionFilter {
        until: Some(day(2026, 1, 4)),
        ..InteractionFilter::default()
    };
    let with = InteractionFilter {
        person_id: Some(dana),
        since: Some(day(2025, 12, 24)),
        until: Some(day(2026, 1, 10)),
        ..InteractionFilter::default()
    };
    let nothing = InteractionFilter {
        since: Some(day(2030, 1, 1)),
        ..InteractionFilter::default()
    };
    vec![
        (everything, None),
        (since, None),
        (until, None),
        (with, Some("Dana \"DK\" Kim, PhD".into())),
        (nothing, None),
    ]
}

#[test]
fn streamed_csv_is_byte_for_byte_the_csv_built_in_memory() {
    let (store, dana) = journal();
    for (filter, _) in filters(dana) {
        let mut streamed = Vec::new();
        let rows = write_csv(&store, &filter, &mut streamed, Path::new("test")).expect("csv");
        let entries = oldest_first(&store, &filter);
        assert_eq!(rows, entries.len());
        if filter == InteractionFilter::default() {
            let text = csv_text(&entries);
            assert!(rows > 40 && text.contains("王美") && text.contains("\"\"calm\"\""));
        }
        assert_eq!(
            String::from_utf8(streamed).expect("utf-8"),
            csv_text(&entries),
            "{filter:?}"
        );
    }
}

#[test]
fn streamed_markdown_is_byte_for_byte_the_record_built_in_memory() {
    let (store, dana) = journal();
    for (filter, person) in filters(dana) {
        let scope = Scope {
            since: filter.since,
            until: filter.until,
            person,
            today: day(2026, 11, 30),
        };
        let mut streamed = Vec::new();
        let rows = write_markdown(&store, &filter, &scope, &mut streamed, Path::new("test"))
            .expect("markdown");
        let entries = oldest_first(&store, &filter);
        assert_eq!(rows, entries.len());
        let expected = render(&entries, &scope);
        if filter.since.is_none() && filter.person_id.is_none() {
            assert!(expected.contains("## Week 1, 2026"), "{expected}");
        }
        assert_eq!(
            String::from_utf8(streamed).expect("utf-8"),
            expected,
            "{filter:?}"
        );
    }
}

// ------------------------------------------ the reference: before streaming

fn oldest_first(store: &Store, filter: &InteractionFilter) -> Vec<Interaction> {
    let mut entries = Vec::new();
    let mut after = Cursor {
        happened_on: NaiveDate::from_ymd_opt(1, 1, 1).unwrap_or(NaiveDate::MIN),
        id: 0,
    };
    loop {
        let mut page = store
            .entries()
            .interactions_newer_than(filter, after, 500)
            .expect("page");
        page.reverse();
        let Some(last) = page.last() else { break };
        after = Cursor::after(last);
        entries.append(&mut page);
    }
    entries
}

fn csv_text(entries: &[Interaction]) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(CSV_COLUMNS).expect("header");
    for e in entries {
        writer.write_record(csv_row(e)).expect("row");
    }
    String::from_utf8(writer.into_inner().expect("finish")).expect("utf-8")
}

/// The record of `entries`, given oldest first.
fn render(entries: &[Interaction], scope: &Scope) -> String {
    let mut out = String::new();
    match &scope.person {
        Some(name) => {
            let _ = writeln!(out, "# Working with {}", shown_line(name));
        }
        None => out.push_str("# Record of interactions\n"),
    }
    let from = scope.since.or(entries.first().map(|e| e.happened_on));
    let to = scope.until.or(entries.last().map(|e| e.happened_on));
    let _ = writeln!(out);
    if let (Some(from), Some(to)) = (from, to) {
        let _ = write!(out, "{} to {}: ", long_day(from), long_day(to));
    }
    let _ = writeln!(
        out,
        "{}{}.",
        count(entries.len(), "interaction", "interactions"),
        average(entries.iter())
            .map(|a| format!(", average quality {a:.1}/5"))
            .unwrap_or_default()
    );
    if entries.is_empty() {
        let _ = writeln!(out, "\nNo interactions in this range.");
    } else {
        let _ = writeln!(out, "\n{}.", by_category(entries));
    }
    let _ = writeln!(
        out,
        "\n_Exported from rapport on {}._",
        long_day(scope.today)
    );
    let mut weeks: BTreeMap<(i32, u32), Vec<&Interaction>> = BTreeMap::new();
    for e in entries {
        let week = e.happened_on.iso_week();
        weeks.entry((week.year(), week.week())).or_default().push(e);
    }
    for ((year, week), in_week) in &weeks {
        let _ = write!(out, "\n## Week {week}, {year}");
        if let Some(monday) = NaiveDate::from_isoywd_opt(*year, *week, Weekday::Mon) {
            let sunday = monday.checked_add_days(Days::new(6)).unwrap_or(monday);
            let _ = write!(
                out,
                ": {} to {}",
                monday.format("%a %-d %b"),
                long_day(sunday)
            );
        }
        let _ = writeln!(
            out,
            "\n\n{}{}.\n",
            count(in_week.len(), "interaction", "interactions"),
            average(in_week.iter().copied())
                .map(|a| format!(", average quality {a:.1}/5"))
                .unwrap_or_default()
        );
        for e in in_week {
            entry(&mut out, e, scope.person.is_none());
        }
    }
    out
}

fn entry(out: &mut String, e: &Interaction, name_person: bool) {
    let mut head = format!("- **{}**", e.happened_on.format("%a %-d %b"));
    if let Some(t) = e.at_time {
        let _ = write!(head, " {}", t.format("%H:%M"));
    }
    let _ = write!(head, " · {}", e.kind);
    if name_person {
        let _ = write!(head, " with {}", shown_line(&e.person));
    }
    if let Some(m) = e.minutes {
        let _ = write!(head, " · {m} min");
    }
    if let Some(q) = e.quality {
        let _ = write!(head, " · quality {}/5", q.get());
    }
    if e.initiated_by == crate::domain::InitiatedBy::Them {
        head.push_str(" · their initiative");
    }
    if !e.title.is_empty() {
        let _ = write!(head, " · {}", shown_line(&e.title));
    }
    let _ = writeln!(out, "{head}");
    if !e.tags.is_empty() {
        let _ = writeln!(out, "  Tags: {}.", tags_text(&e.tags));
    }
    if let Some(advice) = &e.advice_loop {
        let outcome = match (advice.reported_on, advice.applied) {
            (None, _) => "awaiting my report-back".to_string(),
            (Some(d), Some(true)) => format!("applied; reported back {}", long_day(d)),
            (Some(d), Some(false)) => format!("not applied; reported back {}", long_day(d)),
            (Some(d), None) => format!("reported back {}", long_day(d)),
        };
        let strength = if advice.strength.is_empty() {
            String::new()
        } else {
            format!(
                " Draws on their strength: {}.",
                shown_line(&advice.strength)
            )
        };
        let _ = writeln!(out, "  Advice: {outcome}.{strength}");
    }
    let notes = shown_block(&e.notes);
    let notes = notes.trim_end();
    if !notes.trim().is_empty() {
        let _ = writeln!(out);
        for line in notes.lines() {
            if line.trim().is_empty() {
                let _ = writeln!(out);
            } else {
                // Two spaces keep the notes inside the list item.
                let _ = writeln!(out, "  {line}");
            }
        }
        let _ = writeln!(out);
    }
}

fn long_day(d: NaiveDate) -> String {
    d.format("%a %-d %b %Y").to_string()
}

fn average<'a>(entries: impl Iterator<Item = &'a Interaction>) -> Option<f64> {
    let rated: Vec<f64> = entries
        .filter_map(|e| e.quality.map(|q| f64::from(q.get())))
        .collect();
    (!rated.is_empty()).then(|| rated.iter().sum::<f64>() / rated.len() as f64)
}

/// `3 formal, 5 informal, 2 ask` in the categories' order.
fn by_category(entries: &[Interaction]) -> String {
    Category::ALL
        .iter()
        .filter_map(|c| {
            let n = entries.iter().filter(|e| e.category == *c).count();
            (n > 0).then(|| format!("{n} {}", c.as_str()))
        })
        .collect::<Vec<_>>()
        .join(", ")
}
