//! `review`: a self-review draft for a performance review, from the work
//! log and the journal, as markdown to paste and edit, or as JSON.

use chrono::Months;
use clap::{Args, ValueEnum};

use super::output::{print_json, print_text};
use super::{CmdResult, Context, Failure};
use crate::journal;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReviewFormat {
    Markdown,
    Json,
}

const REVIEW_HELP: &str = "\
Wins by month, risks raised and handled (with their plan), feedback received,
advice asked and what you did with it, expectations agreed, and how often a
written summary reached your manager before the 1:1.

Only shared work entries go in: notes, ratings and entries marked private stay
out (--include-private adds your private work entries, marked as such).";

#[derive(Debug, Clone, Args)]
#[command(after_help = REVIEW_HELP)]
pub struct ReviewArgs {
    /// The first day covered [default: six months ago]
    #[arg(long, value_name = "DAY", allow_hyphen_values = true)]
    pub since: Option<String>,
    /// The last day covered [default: today]
    #[arg(long, value_name = "DAY", allow_hyphen_values = true)]
    pub until: Option<String>,
    /// Only entries with this person [default: everyone]
    #[arg(long = "with", value_name = "PERSON")]
    pub with: Option<String>,
    /// markdown (to paste and edit) or json
    #[arg(long, value_enum, default_value = "markdown")]
    pub format: ReviewFormat,
    /// Add your private work entries, marked private
    #[arg(long)]
    pub include_private: bool,
}

pub fn review(args: ReviewArgs, ctx: &Context) -> CmdResult {
    let until = match &args.until {
        Some(day) => ctx.day(day)?,
        None => ctx.today,
    };
    let since = match &args.since {
        Some(day) => ctx.day(day)?,
        None => until.checked_sub_months(Months::new(6)).unwrap_or(until),
    };
    if since > until {
        return Err(Failure::usage(format!(
            "--since {since} is after --until {until}: the review covers since..until"
        )));
    }
    let store = ctx.open_store()?;
    let person = args
        .with
        .as_deref()
        .map(|name| store.people().person_named(name))
        .transpose()?;
    let review = journal::review(&store, person.as_ref(), since, until, args.include_private)?;
    match args.format {
        ReviewFormat::Json => print_json(&review),
        ReviewFormat::Markdown => print_text(&review.markdown()),
    }
}
