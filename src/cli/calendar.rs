//! `rapport calendar`: the recurring 1:1 imported from an .ics export, so
//! the next 1:1 is the real one and a cancelled one is known as cancelled.

use std::path::PathBuf;

use chrono::{Days, NaiveDate};
use clap::Subcommand;
use serde::Serialize;

use super::output::{print_json, print_text};
use super::{CmdResult, Context, Failure, resolve_person};
use crate::calendar::{Wanted, read_series};
use crate::domain::calendar::{Occurrence, Series};
use crate::domain::text::shown_line;
use crate::journal::next_one_on_one_for;
use crate::prep::{NextOneOnOne, short_date};

#[derive(Debug, Subcommand)]
pub enum CalendarCommand {
    /// Import the recurring 1:1 from an iCalendar (.ics) export; importing
    /// again replaces the series
    Import {
        /// The .ics file, as your calendar exports it
        file: PathBuf,
        /// Whose 1:1 it is (default: the current manager)
        #[arg(long = "with", value_name = "PERSON")]
        with: Option<String>,
        /// Which recurring event, when the file has several: text of its title
        #[arg(long, value_name = "TEXT")]
        summary: Option<String>,
    },
    /// The imported series: the next 1:1, and the cancelled and moved ones
    Show {
        /// Whose series (default: the current manager)
        #[arg(long = "with", value_name = "PERSON")]
        with: Option<String>,
        /// Print it as JSON
        #[arg(long)]
        json: bool,
    },
}

pub fn calendar(command: CalendarCommand, ctx: &Context) -> CmdResult {
    match command {
        CalendarCommand::Import {
            file,
            with,
            summary,
        } => import(&file, with.as_deref(), summary, ctx),
        CalendarCommand::Show { with, json } => show(with.as_deref(), json, ctx),
    }
}

fn import(
    file: &std::path::Path,
    with: Option<&str>,
    summary: Option<String>,
    ctx: &Context,
) -> CmdResult {
    let bytes = std::fs::read(file)
        .map_err(|e| Failure::Runtime(anyhow::anyhow!("cannot read {}: {e}", file.display())))?;
    let text = String::from_utf8(bytes).map_err(|_| {
        Failure::usage(format!(
            "{} is not an iCalendar file (not text): export the calendar as .ics",
            file.display()
        ))
    })?;
    let mut store = ctx.open_store()?;
    let person = resolve_person(&store, with)?;
    let wanted = Wanted {
        summary,
        first_name: person
            .name
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_string(),
    };
    let series = read_series(&text, &wanted, ctx.today)
        .map_err(|e| Failure::usage(format!("{}: {e}", file.display())))?;
    let replaced = store
        .calendar_mut()
        .replace_series(person.id, &series, ctx.now)?;
    let next = next_one_on_one_for(&store, &person, ctx.today)?;
    let cancelled = series
        .occurrences
        .iter()
        .filter(|o| o.is_cancelled())
        .count();
    let moved = series.occurrences.iter().filter(|o| o.is_moved()).count();
    eprintln!(
        "{} \"{}\" for {}: {} occurrences, {cancelled} cancelled, {moved} moved; next 1:1 {}",
        if replaced > 0 {
            "replaced with"
        } else {
            "imported"
        },
        shown_line(&series.title),
        shown_line(&person.name),
        series.occurrences.len(),
        next.describe(ctx.today),
    );
    Ok(())
}

/// What `calendar show --json` prints.
#[derive(Serialize)]
struct Shown<'a> {
    person: &'a str,
    next_one_on_one: NextOneOnOne,
    series: Option<&'a Series>,
}

fn show(with: Option<&str>, json: bool, ctx: &Context) -> CmdResult {
    let store = ctx.open_store()?;
    let person = resolve_person(&store, with)?;
    let series = store.calendar().series(person.id)?;
    let next = next_one_on_one_for(&store, &person, ctx.today)?;
    if json {
        return print_json(&Shown {
            person: &person.name,
            next_one_on_one: next,
            series: series.as_ref(),
        });
    }
    let Some(series) = series else {
        return Err(Failure::usage(format!(
            "no calendar series for {}: import one with `rapport calendar import FILE.ics`",
            shown_line(&person.name)
        )));
    };
    print_text(&report(&series, &next, ctx.today))
}

/// How far back and ahead `calendar show` lists occurrences.
const SHOWN_BACK_DAYS: u64 = 28;
const SHOWN_AHEAD_DAYS: u64 = 56;

/// `Dana / Sam 1:1 (FREQ=WEEKLY;BYDAY=TU)`, the next 1:1, then the
/// occurrences of the last four and next eight weeks.
fn report(series: &Series, next: &NextOneOnOne, today: NaiveDate) -> String {
    let from = today
        .checked_sub_days(Days::new(SHOWN_BACK_DAYS))
        .unwrap_or(today);
    let to = today
        .checked_add_days(Days::new(SHOWN_AHEAD_DAYS))
        .unwrap_or(today);
    let mut out = format!(
        "{} ({})\nnext 1:1: {}\n",
        shown_line(&series.title),
        shown_line(&series.rule),
        next.describe(today)
    );
    for o in series
        .occurrences
        .iter()
        .filter(|o| o.original_on >= from && o.original_on <= to)
    {
        out.push_str(&occurrence_line(o, today));
        out.push('\n');
    }
    out
}

/// `  Tue 17 Nov        cancelled by Dana`, `  Tue 1 Dec         moved to
/// Wed 2 Dec 14:00`: the day the rule gives, in a column wide enough for
/// `Tue 12 Jan 2027`, then what became of it.
fn occurrence_line(o: &Occurrence, today: NaiveDate) -> String {
    let time =
        o.at.map(|t| t.format(" %H:%M").to_string())
            .unwrap_or_default();
    let day = short_date(o.original_on, today);
    let what = match o.happens_on {
        None => match &o.cancelled_by {
            Some(by) => format!("cancelled by {}", shown_line(by)),
            None => "cancelled".to_string(),
        },
        Some(on) if on != o.original_on => format!("moved to {}{time}", short_date(on, today)),
        Some(_) => time.trim_start().to_string(),
    };
    format!("  {day:<15}  {what}").trim_end().to_string()
}
