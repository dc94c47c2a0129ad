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
    CheckAgainst, PrepSheet, ReadingTime, SummaryStatus, SummaryTemplate, generate, private_texts,
    short_date, talking_points,
};
use crate::present::truncated;
use crate::present::{count, days_ago, padded, quality_cell, title_text, width};
use crate::store::SummaryFor;

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
The summary prepares your next 1:1: it covers what happened since the last
summary you sent (or, if none was sent since, since your last 1:1) through
today, and is named by the 1:1 it prepares. Sections, each left out when
empty: Done (your win entries), Risks and bad news (risk entries with their
plan; first when their profile says they want bad news early), Topics for
you to pick, new advice asks, reporting back on their advice, and how this
serves their goals. Only shared work entries go in: notes, ratings, entries
marked private and your time with them never do.

Without --regenerate, a draft saved on the Prep screen is printed as it is;
a summary already sent is printed as sent. --check lists the lines to read
before it leaves (talking about them in the third person, or repeating a
private entry) and exits 1 when there are any.

The text comes from a template: a summary.md in the config directory
(~/.config/rapport/summary.md) replaces the built-in one.";

#[derive(Debug, Clone, Args)]
#[command(after_help = SUMMARY_HELP)]
pub struct SummaryArgs {
    /// As of this day [default: today]; with --mark-sent, the day it was sent
    #[arg(long, short = 'd', value_name = "DAY", allow_hyphen_values = true)]
    pub date: Option<String>,
    /// Whose summary [default: the current manager]
    #[arg(long = "with", value_name = "PERSON")]
    pub with: Option<String>,
    /// Generate it afresh from the journal, ignoring a saved draft
    #[arg(long)]
    pub regenerate: bool,
    /// Record it as sent: saves it and logs a `summary` entry; prints that entry's id
    #[arg(long, conflicts_with_all = ["check", "talking_points"])]
    pub mark_sent: bool,
    /// The text you sent (with --mark-sent) or want checked (with --check),
    /// from a file (`-` reads standard input)
    #[arg(long, value_name = "FILE")]
    pub body_file: Option<PathBuf>,
    /// List the lines to read before it leaves; exit 1 when there are any
    #[arg(long, conflicts_with = "talking_points")]
    pub check: bool,
    /// Print the same content as up to three talking points, for a manager
    /// who would rather hear it
    #[arg(long)]
    pub talking_points: bool,
    /// Print a JSON object: the 1:1 it prepares, the days it covers, its
    /// state, the markdown, the check, the talking points
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
    if args.body_file.is_some() && !(args.mark_sent || args.check) {
        return Err(Failure::usage(
            "--body-file goes with --mark-sent (what you sent) or --check (what to check)",
        ));
    }
    let as_of = match (&args.date, args.mark_sent) {
        (Some(day), false) => ctx.day(day)?,
        _ => ctx.today,
    };
    if as_of > ctx.today {
        return Err(Failure::usage(format!(
            "{as_of} is still to come: a summary covers what has happened"
        )));
    }
    let mut store = ctx.open_store()?;
    let person = resolve_person(&store, args.with.as_deref())?;
    let facts = journal::summary_facts(&store, &person, as_of)?;
    let window = facts.window;
    let saved = store
        .agenda()
        .summary(person.id, window.previous)?
        .filter(|s| !args.regenerate && !s.body.trim().is_empty());
    let (body, origin) = match (&args.body_file, &saved) {
        (Some(file), _) => (read_body(file)?, Origin::File),
        (None, Some(s)) if s.sent_on.is_some() => (s.body.clone(), Origin::Sent),
        (None, Some(s)) => (s.body.clone(), Origin::Draft),
        (None, None) => {
            let template = load_template(&ctx.paths.config_dir)?;
            (generate(&template, &facts), Origin::Generated)
        }
    };
    let name = shown_line(&person.name);
    let of = SummaryFor {
        after: window.previous,
        for_day: window.for_one_on_one,
    };
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
        let sent = store
            .agenda_mut()
            .mark_summary_sent(person.id, of, &body, sent_on, ctx.now)?;
        say!(
            "marked the summary {} sent to {name} on {}; logged as entry {}",
            window.for_text(),
            short_date(sent_on, ctx.today),
            sent.interaction.id
        );
        return print_line(sent.interaction.id);
    }
    let against = CheckAgainst {
        name: person.name.clone(),
        call: person.call.clone(),
        private: private_texts(&facts.entries),
    };
    let flags = against.check(&body);
    let points = talking_points(&facts);
    if args.check {
        return check_report(&flags, person.call_name(), args.json);
    }
    if args.talking_points && !args.json {
        if points.is_empty() {
            say!("nothing to talk through {}", window.since_text());
            return Ok(());
        }
        let text: String = points
            .iter()
            .enumerate()
            .map(|(i, p)| format!("{}. {p}\n", i + 1))
            .collect();
        return print_text(&text);
    }
    let reading = ReadingTime::of(&body);
    if args.json {
        #[derive(serde::Serialize)]
        struct Document<'a> {
            person: &'a str,
            /// `for your 1:1 on Tue 1 Dec`
            prepares: String,
            window: crate::prep::SummaryWindow,
            origin: Origin,
            sent_on: Option<chrono::NaiveDate>,
            words: usize,
            minutes: usize,
            body: &'a str,
            check: &'a [crate::prep::Flag],
            talking_points: &'a [String],
        }
        return print_json(&Document {
            person: &person.name,
            prepares: window.for_text(),
            window,
            origin,
            sent_on: saved.as_ref().and_then(|s| s.sent_on),
            words: reading.words,
            minutes: reading.minutes,
            body: &body,
            check: &flags,
            talking_points: &points,
        });
    }
    let whence = match (origin, saved.as_ref().and_then(|s| s.sent_on)) {
        (Origin::Sent, Some(on)) => format!("as sent {}", short_date(on, ctx.today)),
        (Origin::Draft, _) => "your saved draft (--regenerate for a fresh one)".to_string(),
        _ => "generated from the journal".to_string(),
    };
    say!(
        "summary {} for {name} ({}): {whence}; {}",
        window.for_text(),
        window.days_text(),
        reading.describe()
    );
    if !flags.is_empty() {
        say!(
            "read before sending: {} (rapport summary --check lists them)",
            count(flags.len(), "line", "lines")
        );
    }
    print_text(&body)
}

/// `rapport summary --check`: the flagged lines on stdout, exit 1 when any.
fn check_report(flags: &[crate::prep::Flag], call: &str, json: bool) -> CmdResult {
    if json {
        print_json(&flags)?;
    } else {
        let mut out = String::new();
        for f in flags {
            let _ = writeln!(out, "{}", f.describe(&shown_line(call)));
            let _ = writeln!(out, "  │ {}", truncated(&shown_line(&f.text), 100));
        }
        if !out.is_empty() {
            print_text(&out)?;
        }
    }
    if flags.is_empty() {
        say!("nothing to read before it leaves");
        Ok(())
    } else {
        Err(Failure::Runtime(anyhow::anyhow!(
            "{} to read before the summary leaves",
            count(flags.len(), "line", "lines")
        )))
    }
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
        "\n{} ({}): {}",
        summary.heading(),
        summary.window.days_text(),
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
    for flag in &summary.flags {
        let _ = writeln!(
            out,
            "  ! {}",
            flag.describe(&shown_line(&summary.check_against.call_name()))
        );
    }
    if summary.for_a_listener && !summary.talking_points.is_empty() {
        let _ = writeln!(out, "  Talking points (they would rather hear it):");
        for (i, point) in summary.talking_points.iter().enumerate() {
            let _ = writeln!(out, "  {}. {}", i + 1, truncated(&shown_line(point), 100));
        }
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
