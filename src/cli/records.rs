//! `checkin`, `topic` and `advice`: the self-assessment, the 1:1 agenda, and
//! advice asks awaiting a report-back.

use clap::{Args, Subcommand};

use super::output::{print_json, print_line};
use super::{CmdResult, Context, Failure, resolve_person};
use crate::domain::text::shown_line;
use crate::domain::{CheckInDraft, TopicStatus};

#[derive(Debug, Clone, Args)]
pub struct CheckinArgs {
    /// How much you trust each other, 1 (little) to 5 (fully)
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=5))]
    pub trust: u8,
    /// How clearly you know how you are doing, 1 to 5
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=5))]
    pub clarity: u8,
    /// How at ease (not anxious) you feel about it, 1 to 5
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=5))]
    pub ease: u8,
    /// A line on why
    #[arg(long)]
    pub note: Option<String>,
    /// The day it is for [default: today]
    #[arg(long, short = 'd', value_name = "DAY", allow_hyphen_values = true)]
    pub date: Option<String>,
    /// Who it is about [default: the current manager]
    #[arg(long = "with", value_name = "PERSON")]
    pub with: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum TopicCommand {
    /// Add a topic to the next 1:1's agenda
    Add {
        /// The topic, one line
        text: String,
        /// Whose 1:1 [default: the current manager]
        #[arg(long = "with", value_name = "PERSON")]
        with: Option<String>,
    },
    /// List open topics in agenda order
    List {
        /// Include discussed and dropped topics
        #[arg(long)]
        all: bool,
        /// Only this person's
        #[arg(long = "with", value_name = "PERSON")]
        with: Option<String>,
        /// Print a JSON array
        #[arg(long)]
        json: bool,
    },
    /// Mark a topic discussed
    Done {
        /// The topic's id, as `topic list` shows it
        id: i64,
    },
    /// Drop a topic without discussing it
    Drop {
        /// The topic's id, as `topic list` shows it
        id: i64,
    },
}

#[derive(Debug, Subcommand)]
pub enum AdviceCommand {
    /// List advice asks awaiting a report-back
    List {
        /// Print a JSON array
        #[arg(long)]
        json: bool,
    },
    /// Record that you reported back on an ask
    Done {
        /// The ask's entry id, as `list` shows it
        id: i64,
        /// You applied their advice
        #[arg(long, conflicts_with = "not_applied")]
        applied: bool,
        /// You did not apply it
        #[arg(long)]
        not_applied: bool,
        /// The day you reported back [default: today]
        #[arg(long, short = 'd', value_name = "DAY", allow_hyphen_values = true)]
        date: Option<String>,
    },
}

pub fn checkin(args: CheckinArgs, ctx: &Context) -> CmdResult {
    let mut store = ctx.open_store()?;
    let person_id = match &args.with {
        Some(_) => Some(resolve_person(&store, args.with.as_deref())?.id),
        None => store.people().current_person()?.map(|p| p.id),
    };
    let draft = CheckInDraft {
        person_id,
        checked_on: args
            .date
            .as_deref()
            .map(|d| ctx.day(d))
            .transpose()?
            .unwrap_or(ctx.today),
        trust: args.trust,
        clarity: args.clarity,
        ease: args.ease,
        note: args.note.unwrap_or_default(),
    };
    let saved = store.check_ins_mut().add_check_in(&draft, ctx.now)?;
    print_line(saved.id)?;
    say!(
        "checked in for {}: trust {}, clarity {}, ease {}",
        saved.checked_on,
        saved.trust,
        saved.clarity,
        saved.ease
    );
    Ok(())
}

pub fn topic(cmd: TopicCommand, ctx: &Context) -> CmdResult {
    let mut store = ctx.open_store()?;
    match cmd {
        TopicCommand::Add { text, with } => {
            let person = resolve_person(&store, with.as_deref())?;
            let topic = store
                .agenda_mut()
                .add_topic(person.id, &text, ctx.today, ctx.now)?;
            print_line(topic.id)?;
            say!("added to the agenda with {}", shown_line(&person.name));
            Ok(())
        }
        TopicCommand::List { all, with, json } => {
            let person_id = match with {
                Some(name) => Some(store.people().person_named(&name)?.id),
                None => None,
            };
            let topics = store.agenda().topics(person_id, all)?;
            if json {
                return print_json(&topics);
            }
            if topics.is_empty() {
                say!("no open topics: add one with `rapport topic add \"...\"`");
            }
            for t in topics {
                let state = match t.status {
                    TopicStatus::Open => format!("open since {}", t.added_on),
                    other => format!(
                        "{} {}",
                        other.as_str(),
                        t.closed_on.map(|d| d.to_string()).unwrap_or_default()
                    ),
                };
                print_line(format_args!(
                    "{:>4}  {}  ({}, {state})",
                    t.id,
                    shown_line(&t.text),
                    shown_line(&t.person)
                ))?;
            }
            Ok(())
        }
        TopicCommand::Done { id } => close(&mut store, id, TopicStatus::Discussed, ctx),
        TopicCommand::Drop { id } => close(&mut store, id, TopicStatus::Dropped, ctx),
    }
}

fn close(
    store: &mut crate::store::Store,
    id: i64,
    status: TopicStatus,
    ctx: &Context,
) -> CmdResult {
    let topic = store
        .agenda_mut()
        .close_topic(id, status, ctx.today, ctx.now)?;
    say!("topic {} marked {}", topic.id, topic.status.as_str());
    Ok(())
}

pub fn advice(cmd: AdviceCommand, ctx: &Context) -> CmdResult {
    let mut store = ctx.open_store()?;
    match cmd {
        AdviceCommand::List { json } => {
            let loops = store.advice().open_advice_loops()?;
            if json {
                return print_json(&loops);
            }
            if loops.is_empty() {
                say!("no advice asks awaiting a report-back");
            }
            for l in loops {
                let strength = if l.strength.is_empty() {
                    String::new()
                } else {
                    format!(" (draws on: {})", shown_line(&l.strength))
                };
                print_line(format_args!(
                    "{:>5}  {}{strength}",
                    l.interaction_id,
                    shown_line(&l.question)
                ))?;
            }
            Ok(())
        }
        AdviceCommand::Done {
            id,
            applied,
            not_applied,
            date,
        } => {
            let entry = store.entries().interaction(id)?;
            let Some(advice) = entry.advice_loop else {
                return Err(Failure::usage(format!(
                    "entry {id} is a {}, not an advice ask",
                    entry.kind
                )));
            };
            let on = date
                .as_deref()
                .map(|d| ctx.day(d))
                .transpose()?
                .unwrap_or(ctx.today);
            let outcome = match (applied, not_applied) {
                (true, _) => Some(true),
                (_, true) => Some(false),
                _ => None,
            };
            store.advice_mut().report_advice(advice.id, outcome, on)?;
            say!("reported back on entry {id}");
            Ok(())
        }
    }
}
