//! The readable record: interactions grouped by ISO week, each week headed
//! with its dates, to paste into a performance review or a brag doc. User
//! text is shown with control characters made visible, never raw.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::{Datelike, Days, NaiveDate, Weekday};

use crate::domain::text::{shown_block, shown_line};
use crate::domain::{Category, Interaction};
use crate::present::{count, tags_text};

/// What the record covers, for its heading.
#[derive(Debug, Clone)]
pub struct Scope {
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    /// The one person it is about, when `--with` narrowed it.
    pub person: Option<String>,
    pub today: NaiveDate,
}

/// The record of `entries`, given oldest first.
pub fn render(entries: &[Interaction], scope: &Scope) -> String {
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
