//! `prep` and `summary`: the sheet to read before a 1:1, and the weekly
//! summary in markdown, printed or recorded as sent.

use std::fmt::Write as _;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use clap::Args;

use super::output::{print_json, print_line, print_text};
use super::{CmdResult, Context, Failure, resolve_person};
use crate::domain::Interaction;
use crate::domain::text::shown_line;
use crate::journal;
use crate::prep::{
    PrepSheet, ReadingTime, SummaryStatus, SummaryTemplate, Week, generate, short_date,
};
use crate::present::truncated;
use crate::present::{count, days_ago, padded, quality_cell, title_text, width};

#[derive(Debug, Clone, Args)]
pub struct PrepArgs {
    /// Whose 1:1 [default: the current manager]
    #[arg(long = "with", value_name = "PERSON")]
    pub with: Option<String>,
    /// Print the sheet as a JSON object
    #[arg(long)]
    pub json: bool,
}

const SUMMARY_HELP: &str = "\
Without --regenerate, a draft saved on the Prep screen is printed as it is;
a summary already sent is printed as sent.

The text comes from a template: a summary.md in the config directory
(~/.config/rapport/summary.md) replaces the built-in one. Its placeholders are
{{manager}}, {{week}}, {{dates}}, {{highlights}}, {{topics}}, {{advice}},
{{fyi}} and {{next_week}}; each section is left out when empty. Only your
titles go in, never your notes or ratings.";

#[derive(Debug, Clone, Args)]
#[command(after_help = SUMMARY_HELP)]
pub struct SummaryArgs {
    /// The ISO week, e.g. 2026-W48 [default: this week]
    #[arg(long, value_name = "YYYY-Www", conflicts_with = "date")]
    pub week: Option<String>,
    /// The week this day falls in; with --mark-sent, also the day it was sent
    #[arg(long, short = 'd', value_name = "DAY", allow_hyphen_values = true)]
    pub date: Option<String>,
    /// Whose summary [default: the current manager]
    #[arg(long = "with", value_name = "PERSON")]
    pub with: Option<String>,
    /// Generate it afresh from the journal, ignoring a saved draft
    #[arg(long)]
    pub regenerate: bool,
    /// Record it as sent: saves it and logs a `summary` entry; prints that entry's id
    #[arg(long)]
    pub mark_sent: bool,
    /// With --mark-sent: the text you sent, from a file (`-` reads standard input)
    #[arg(long, value_name = "FILE", requires = "mark_sent")]
    pub body_file: Option<PathBuf>,
    /// Print a JSON object: the week, its state, the markdown, words and minutes
    #[arg(long, conflicts_with = "mark_sent")]
    pub json: bool,
}

pub fn prep(args: PrepArgs, ctx: &Context) -> CmdResult {
    let store = ctx.open_store()?;
    let person = resolve_person(&store, args.with.as_deref())?;
    let sheet = journal::prep_sheet(&store, &person, ctx.today)?;
    if args.json {
        return print_json(&sheet);
    }
    print_text(&sheet_text(&sheet))
}

/// Where the printed summary came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
enum Origin {
    Generated,
    Draft,
    Sent,
    /// `--body-file`: what the user says they sent.
    File,
}

pub fn summary(args: SummaryArgs, ctx: &Context) -> CmdResult {
    let week = match (&args.week, &args.date) {
        (Some(typed), _) => Week::parse(typed).map_err(|e| Failure::usage(e.to_string()))?,
        (None, Some(day)) => Week::containing(ctx.day(day)?),
        (None, None) => Week::containing(ctx.today),
    };
    if week.monday() > ctx.today {
        return Err(Failure::usage(format!(
            "{week} has not started yet (it begins {}); pick this week or an earlier one",
            short_date(week.monday(), ctx.today)
        )));
    }
    let mut store = ctx.open_store()?;
    let person = resolve_person(&store, args.with.as_deref())?;
    let saved = store
        .summary(person.id, week)?
        .filter(|s| !args.regenerate && !s.body.trim().is_empty());
    let (body, origin) = match (&args.body_file, &saved) {
        (Some(file), _) => (read_body(file)?, Origin::File),
        (None, Some(s)) if s.sent_on.is_some() => (s.body.clone(), Origin::Sent),
        (None, Some(s)) => (s.body.clone(), Origin::Draft),
        (None, None) => {
            let template = load_template(&ctx.paths.config_dir)?;
            let facts = journal::summary_facts(&store, &person, week, ctx.today)?;
            (generate(&template, &facts), Origin::Generated)
        }
    };
    let name = shown_line(&person.name);
    if args.mark_sent {
        let sent_on = match &args.date {
            Some(day) => ctx.day(day)?,
            None => ctx.today,
        };
        if sent_on > ctx.today {
            return Err(Failure::usage(format!(
                "{sent_on} is still to come: a summary is marked sent on the day it went out"
            )));
        }
        let sent = store.mark_summary_sent(person.id, week, &body, sent_on, ctx.now)?;
        say!(
            "marked the summary of {week} sent to {name} on {}; logged as entry {}",
            short_date(sent_on, ctx.today),
            sent.interaction.id
        );
        return print_line(sent.interaction.id);
    }
    let reading = ReadingTime::of(&body);
    if args.json {
        #[derive(serde::Serialize)]
        struct Document<'a> {
            person: &'a str,
            week: Week,
            week_start: chrono::NaiveDate,
            origin: Origin,
            sent_on: Option<chrono::NaiveDate>,
            words: usize,
            minutes: usize,
            body: &'a str,
        }
        return print_json(&Document {
            person: &person.name,
            week,
            week_start: week.monday(),
            origin,
            sent_on: saved.as_ref().and_then(|s| s.sent_on),
            words: reading.words,
            minutes: reading.minutes,
            body: &body,
        });
    }
    let whence = match (origin, saved.as_ref().and_then(|s| s.sent_on)) {
        (Origin::Sent, Some(on)) => format!("as sent {}", short_date(on, ctx.today)),
        (Origin::Draft, _) => "your saved draft (--regenerate for a fresh one)".to_string(),
        _ => "generated from the journal".to_string(),
    };
    say!(
        "summary of {week} for {name}: {whence}; {}",
        reading.describe()
    );
    print_text(&body)
}

/// The user's `summary.md` from the config directory, else the built-in one.
fn load_template(config_dir: &Path) -> Result<SummaryTemplate, Failure> {
    let file = SummaryTemplate::user_file(config_dir);
    SummaryTemplate::from_user_file(&file, std::fs::read_to_string(&file))
        .map_err(|e| Failure::Runtime(e.into()))
}

/// The summary as sent, from `--body-file` (`-` for standard input).
fn read_body(file: &Path) -> Result<String, Failure> {
    let bytes = if file == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes)?;
        bytes
    } else {
        std::fs::read(file).map_err(|e| {
            Failure::usage(format!(
                "cannot read the summary file {}: {e}",
                file.display()
            ))
        })?
    };
    let text = String::from_utf8(bytes).map_err(|_| {
        Failure::usage(format!(
            "the summary file {} is not UTF-8 text; convert it first (e.g. with iconv)",
            file.display()
        ))
    })?;
    if text.trim().is_empty() {
        return Err(Failure::usage(format!(
            "the summary file {} is empty: there is nothing to record as sent",
            file.display()
        )));
    }
    Ok(text)
}

/// `     12  Mon 23 Nov  coffee      ●●●●●  Coffee walk`
fn entry_row(entry: &Interaction, today: chrono::NaiveDate) -> String {
    format!(
        "  {:>5}  {:<10}  {}  {}  {}",
        entry.id,
        short_date(entry.happened_on, today),
        padded(&entry.kind, 10),
        quality_cell(entry.quality),
        truncated(&title_text(entry), 60),
    )
}

/// Open promises, grouped, then mine kept since the last 1:1.
fn promises(out: &mut String, sheet: &PrepSheet) {
    let _ = write!(out, "\nPromises: ");
    if sheet.promises.is_empty() {
        let _ = writeln!(
            out,
            "none open (add one with `rapport promise add TEXT --due fri`)"
        );
    } else {
        let _ = writeln!(out, "{} open", sheet.promises.len());
        for row in &sheet.promises {
            let whose = match row.promise.made_by {
                crate::domain::MadeBy::Me => "mine  ",
                crate::domain::MadeBy::Them => "theirs",
            };
            let _ = writeln!(
                out,
                "  {:>5}  {whose}  {:<16} {:<15}  {}",
                row.promise.id,
                row.group.label(),
                row.when,
                truncated(&shown_line(&row.promise.text), 60)
            );
        }
    }
    if !sheet.kept_since_last.is_empty() {
        let _ = writeln!(out, "  done as promised:");
        for p in &sheet.kept_since_last {
            let on = p
                .closed_on
                .map(|d| short_date(d, sheet.today))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "  {:>5}  kept {on}  {}",
                p.id,
                truncated(&shown_line(&p.text), 60)
            );
        }
    }
}

/// The sheet as `rapport prep` prints it.
pub fn sheet_text(sheet: &PrepSheet) -> String {
    let today = sheet.today;
    let mut out = String::new();
    let _ = writeln!(out, "Prep for your 1:1 with {}", shown_line(&sheet.person));
    let _ = writeln!(out, "  next 1:1  {}", sheet.next_one_on_one_text);
    if let Some(last) = &sheet.last_one_on_one {
        let quality = last
            .quality
            .map(|q| format!("  {}", q.dots()))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  last 1:1  {}{quality}  {}",
            short_date(last.happened_on, today),
            truncated(&shown_line(&last.title), 60)
        );
    }

    let heading = match &sheet.last_one_on_one {
        Some(_) => "Since the last 1:1".to_string(),
        None => format!("Since {} (no 1:1 yet)", short_date(sheet.since, today)),
    };
    let _ = write!(out, "\n{heading}: ");
    if sheet.since_last.is_empty() {
        let _ = writeln!(out, "nothing logged");
    } else {
        let _ = writeln!(out, "{}", count(sheet.since_last.len(), "entry", "entries"));
        for entry in &sheet.since_last {
            let _ = writeln!(out, "{}", entry_row(entry, today));
        }
        if sheet.more_since_last {
            let _ = writeln!(out, "  … and more: rapport list --since {}", sheet.since);
        }
    }

    let _ = write!(out, "\nAgenda: ");
    if sheet.agenda.is_empty() {
        let _ = writeln!(
            out,
            "no open topics (add one with `rapport topic add TEXT`)"
        );
    } else {
        let _ = writeln!(
            out,
            "{}",
            count(sheet.agenda.len(), "open topic", "open topics")
        );
        let column = sheet
            .agenda
            .iter()
            .map(|t| width(&shown_line(&t.topic.text)))
            .max()
            .unwrap_or(0)
            .min(60);
        for item in &sheet.agenda {
            let carried = match item.carried_over {
                0 => "new".to_string(),
                n => format!("carried over {}", count(n, "1:1", "1:1s")),
            };
            let _ = writeln!(
                out,
                "  {:>5}  {}  {carried}",
                item.topic.id,
                padded(&shown_line(&item.topic.text), column)
            );
        }
    }

    about_them(&mut out, sheet);
    promises(&mut out, sheet);

    let _ = write!(out, "\nAdvice awaiting your report-back: ");
    if sheet.advice.is_empty() {
        let _ = writeln!(out, "none");
    } else {
        if sheet.advice_total > sheet.advice.len() {
            let _ = writeln!(
                out,
                "{} (the oldest {} below)",
                sheet.advice_total,
                sheet.advice.len()
            );
        } else {
            let _ = writeln!(out, "{}", sheet.advice_total);
        }
        for ask in &sheet.advice {
            let strength = match ask.advice.strength.trim() {
                "" => String::new(),
                s => format!(" (draws on {})", shown_line(s)),
            };
            let waited = days_ago(ask.days_waiting(today));
            let _ = writeln!(
                out,
                "  {:>5}  {}{strength}, asked {}, {waited}",
                ask.advice.interaction_id,
                truncated(&shown_line(&ask.advice.question), 60),
                short_date(ask.asked_on, today)
            );
        }
    }

    let _ = write!(out, "\nFeedback since the last 1:1: ");
    if sheet.feedback.is_empty() {
        let _ = writeln!(out, "none");
    } else {
        let _ = writeln!(out, "{}", sheet.feedback.len());
        for entry in &sheet.feedback {
            let _ = writeln!(out, "{}", entry_row(entry, today));
        }
    }

    let summary = &sheet.summary;
    let _ = write!(
        out,
        "\nThis week's summary ({}): {}",
        summary.week,
        summary.describe(today)
    );
    match summary.status {
        SummaryStatus::None => {
            let _ = writeln!(out, " (`rapport summary` drafts one)");
        }
        SummaryStatus::Sent {
            summary_id: None, ..
        } => {
            let _ = writeln!(out, " (logged by hand)");
        }
        _ => {
            let _ = writeln!(out);
        }
    }
    for line in &summary.preview {
        let _ = writeln!(out, "  │ {}", truncated(&shown_line(line), 76));
    }
    out
}

/// Their goals, pressures and style, and what to confirm together.
fn about_them(out: &mut String, sheet: &PrepSheet) {
    let about = &sheet.about;
    let _ = writeln!(out, "\nAbout {}:", shown_line(&sheet.person));
    let list = |items: &[String]| {
        if items.is_empty() {
            "—".to_string()
        } else {
            shown_line(&items.join("; "))
        }
    };
    let stale = if about.goals_stale {
        "  (ask about their current priorities)"
    } else {
        ""
    };
    let _ = writeln!(out, "  goals      {}{stale}", list(&about.goals));
    let _ = writeln!(out, "  pressures  {}", list(&about.pressures));
    let style: Vec<String> = [
        about.style.clone(),
        about.bad_news.as_ref().map(|b| format!("bad news: {b}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    let _ = writeln!(out, "  style      {}", list(&style));
    for e in &about.to_confirm {
        let whose = match e.held_by {
            crate::domain::HeldBy::Them => "theirs",
            crate::domain::HeldBy::Me => "yours",
        };
        let state = match (e.state, e.confirmed_on) {
            (crate::domain::ExpectationState::Agreed, Some(on)) => format!("agreed {on}"),
            (state, _) => state.as_str().to_string(),
        };
        let _ = writeln!(
            out,
            "  confirm    {} ({whose}, {state})",
            truncated(&shown_line(&e.text), 60)
        );
    }
}
