//! `rapport promise`: promises made, by you or by them, and whether they
//! were kept; and the CSV of promises `export --format promises-csv` writes.

use chrono::NaiveDate;
use clap::Subcommand;
use serde::Serialize;

use super::output::{print_json, print_line};
use super::{CmdResult, Context, Failure, resolve_person};
use crate::domain::promise::{parse_due_day, when_due};
use crate::domain::text::shown_line;
use crate::domain::{MadeBy, Person, Promise, PromiseDraft, PromiseState};
use crate::prep::short_date;
use crate::store::{PromiseFilter, Store};

#[derive(Debug, Subcommand)]
pub enum PromiseCommand {
    /// Write down a promise: `rapport promise add "send the cost model" --due fri`
    Add {
        /// What was promised
        text: String,
        /// Who promised it: me (you did) or them
        #[arg(long, value_name = "me|them", default_value = "me")]
        by: String,
        /// When it is due: 2026-12-04, fri, +3d, "in 3 days", "next 1:1"
        #[arg(long, value_name = "DAY", allow_hyphen_values = true)]
        due: Option<String>,
        /// The person it concerns (default: the current manager)
        #[arg(long, value_name = "PERSON")]
        with: Option<String>,
        /// The entry (a 1:1) it was made in, by id; it was made on that day
        #[arg(long, value_name = "ID")]
        entry: Option<i64>,
    },
    /// List open promises, due soonest first
    List {
        /// Kept, missed and dropped ones too
        #[arg(long)]
        all: bool,
        /// Only those with this person (default: everyone)
        #[arg(long, value_name = "PERSON")]
        with: Option<String>,
        /// Print a JSON array
        #[arg(long)]
        json: bool,
    },
    /// It was kept (today, or --date)
    Kept {
        id: i64,
        /// The day it was kept: 2026-11-24, today, yesterday, -3d, fri
        #[arg(long, value_name = "DAY", allow_hyphen_values = true)]
        date: Option<String>,
    },
    /// Its day passed without it
    Missed { id: i64 },
    /// Renegotiate it to a new due day (the old one stays in its history)
    Move {
        id: i64,
        /// The new due day: 2026-12-04, fri, +3d, "next 1:1"
        #[arg(long, value_name = "DAY", allow_hyphen_values = true)]
        due: String,
    },
    /// Drop it by agreement (kept in the history, out of lists)
    Drop { id: i64 },
}

pub fn promise(cmd: PromiseCommand, ctx: &Context) -> CmdResult {
    let mut store = ctx.open_store()?;
    match cmd {
        PromiseCommand::Add {
            text,
            by,
            due,
            with,
            entry,
        } => {
            let made_by: MadeBy = by.parse()?;
            let person = resolve_person(&store, with.as_deref())?;
            let made_on = match entry {
                Some(id) => {
                    let entry = store.entries().interaction(id)?;
                    if entry.person_id != person.id {
                        return Err(Failure::usage(format!(
                            "entry {id} is with {}, not {}; give --with {} or another entry",
                            shown_line(&entry.person),
                            shown_line(&person.name),
                            shown_line(&entry.person)
                        )));
                    }
                    entry.happened_on
                }
                None => ctx.today,
            };
            let due_on = due
                .as_deref()
                .map(|d| due_day(&store, &person, d, ctx))
                .transpose()?;
            let draft = PromiseDraft {
                person_id: person.id,
                text,
                made_by,
                made_on,
                interaction_id: entry,
                due_on,
            };
            let p = store.promises_mut().add(&draft, ctx.now)?;
            print_line(p.id)?;
            let whose = match made_by {
                MadeBy::Me => format!("your promise to {}", shown_line(&person.name)),
                MadeBy::Them => format!("{}'s promise", shown_line(&person.name)),
            };
            say!("noted {whose}{}", due_words(&p, ctx.today));
            Ok(())
        }
        PromiseCommand::List { all, with, json } => {
            let person_id = match with {
                Some(name) => Some(store.people().person_named(&name)?.id),
                None => None,
            };
            let list = store.promises().list(PromiseFilter {
                person_id,
                include_closed: all,
            })?;
            let people = store.people().list(true)?;
            let name_of = |id: i64| {
                people
                    .iter()
                    .find(|p| p.id == id)
                    .map_or("", |p| p.name.as_str())
            };
            if json {
                let rows: Vec<PromiseRow<'_>> = list
                    .iter()
                    .map(|p| PromiseRow {
                        promise: p,
                        person: name_of(p.person_id),
                    })
                    .collect();
                return print_json(&rows);
            }
            if list.is_empty() {
                say!("no open promises: `rapport promise add \"send the cost model\" --due fri`");
            }
            for p in &list {
                print_line(promise_line(p, name_of(p.person_id), ctx.today))?;
            }
            Ok(())
        }
        PromiseCommand::Kept { id, date } => {
            let day = date
                .as_deref()
                .map(|d| ctx.day(d))
                .transpose()?
                .unwrap_or(ctx.today);
            let p = store.promises_mut().keep(id, day, ctx.today, ctx.now)?;
            let late = match p.due_on {
                Some(due) if day > due => format!(", {} late", days(day, due)),
                _ => String::new(),
            };
            say!("promise {id} kept on {}{late}", short_date(day, ctx.today));
            Ok(())
        }
        PromiseCommand::Missed { id } => {
            let p = store.promises_mut().miss(id, ctx.today, ctx.now)?;
            say!(
                "promise {id} marked missed; {}",
                match p.made_by {
                    MadeBy::Me =>
                        "tell them, with a new day if it still matters (`rapport promise move`)",
                    MadeBy::Them => "a light follow-up can still get it done",
                }
            );
            Ok(())
        }
        PromiseCommand::Move { id, due } => {
            let before = store.promises().promise(id)?;
            let person = store.people().person(before.person_id)?;
            let due_on = due_day(&store, &person, &due, ctx)?;
            let p = store
                .promises_mut()
                .move_due(id, due_on, ctx.today, ctx.now)?;
            say!(
                "promise {id} moved to {} (moved {})",
                short_date(due_on, ctx.today),
                times(p.moves.len())
            );
            Ok(())
        }
        PromiseCommand::Drop { id } => {
            store.promises_mut().drop(id, ctx.today, ctx.now)?;
            say!("promise {id} dropped");
            Ok(())
        }
    }
}

/// A due day as typed, with `next 1:1` counted for `person`.
fn due_day(
    store: &Store,
    person: &Person,
    input: &str,
    ctx: &Context,
) -> Result<NaiveDate, Failure> {
    let next = crate::journal::promises::next_one_on_one_day(store, person, ctx.today)?;
    Ok(parse_due_day(input, ctx.today, next)?)
}

#[derive(Serialize)]
struct PromiseRow<'a> {
    #[serde(flatten)]
    promise: &'a Promise,
    person: &'a str,
}

/// `   7  mine    open          due Fri 27 Nov   Dana  send the cost model`
fn promise_line(p: &Promise, person: &str, today: NaiveDate) -> String {
    let whose = match p.made_by {
        MadeBy::Me => "mine  ",
        MadeBy::Them => "theirs",
    };
    let when = match (p.state, p.closed_on, p.due_on) {
        (PromiseState::Open | PromiseState::Renegotiated, _, Some(due)) if due < today => {
            when_due(due, today)
        }
        (PromiseState::Open | PromiseState::Renegotiated, _, Some(due)) => {
            format!("due {}", short_date(due, today))
        }
        (PromiseState::Open | PromiseState::Renegotiated, _, None) => "no due day".to_string(),
        (_, Some(closed), _) => format!("on {}", short_date(closed, today)),
        (_, None, _) => String::new(),
    };
    let moved = if p.moves.is_empty() {
        String::new()
    } else {
        format!("  (moved {})", times(p.moves.len()))
    };
    format!(
        "{:>4}  {whose}  {:<12}  {:<16}  {}  {}{moved}",
        p.id,
        p.state.as_str(),
        when,
        shown_line(person),
        shown_line(&p.text)
    )
}

/// ", due Fri 27 Nov (in 3 days)", or nothing without a due day.
fn due_words(p: &Promise, today: NaiveDate) -> String {
    match p.due_on {
        Some(due) => format!(
            ", due {} ({})",
            short_date(due, today),
            when_due(due, today)
        ),
        None => String::new(),
    }
}

fn days(later: NaiveDate, earlier: NaiveDate) -> String {
    crate::present::days(later.signed_duration_since(earlier).num_days())
}

fn times(n: usize) -> String {
    match n {
        1 => "once".to_string(),
        2 => "twice".to_string(),
        n => format!("{n} times"),
    }
}

/// The promises as CSV, one row each, with a header, and how many rows.
pub fn promises_csv(store: &Store, person_id: Option<i64>) -> Result<(String, usize), Failure> {
    let list = store.promises().list(PromiseFilter {
        person_id,
        include_closed: true,
    })?;
    let people = store.people().list(true)?;
    let mut writer = csv::Writer::from_writer(Vec::new());
    let runtime = |e: csv::Error| Failure::Runtime(e.into());
    writer.write_record(PROMISE_CSV_COLUMNS).map_err(runtime)?;
    let day = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let mut by_id: Vec<&Promise> = list.iter().collect();
    by_id.sort_by_key(|p| p.id);
    for p in by_id {
        let person = people
            .iter()
            .find(|x| x.id == p.person_id)
            .map_or("", |x| x.name.as_str());
        writer
            .write_record([
                p.id.to_string(),
                person.to_string(),
                p.made_by.as_str().to_string(),
                p.text.clone(),
                p.made_on.to_string(),
                day(p.due_on),
                p.state.as_str().to_string(),
                day(p.closed_on),
                p.moves.len().to_string(),
                p.interaction_id.map(|i| i.to_string()).unwrap_or_default(),
            ])
            .map_err(runtime)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| Failure::Runtime(anyhow::anyhow!("cannot finish the CSV: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| Failure::Runtime(e.into()))?;
    Ok((text, list.len()))
}

/// The header of the CSV of promises.
pub const PROMISE_CSV_COLUMNS: [&str; 10] = [
    "id",
    "person",
    "made_by",
    "text",
    "made_on",
    "due_on",
    "state",
    "closed_on",
    "moves",
    "entry",
];
