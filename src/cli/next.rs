//! `next`: the coach's suggestions for the shell.

use std::fmt::Write as _;

use clap::Args;

use super::output::{print_json, print_text};
use super::{CmdResult, Context, resolve_person};
use crate::coach::{Playbook, SHOWN, Suggestion};
use crate::domain::text::{count, shown_line};
use crate::journal;
use crate::present::action_text;

#[derive(Debug, Clone, Args)]
pub struct NextArgs {
    /// Whose next steps [default: the current manager]
    #[arg(long = "with", value_name = "PERSON")]
    pub with: Option<String>,
    /// Evaluate as of this day; entries after it do not count [default: today]
    #[arg(long, short = 'd', value_name = "DAY", allow_hyphen_values = true)]
    pub date: Option<String>,
    /// Every step, not only the top three; and the snoozed, dismissed and
    /// switched-off ones
    #[arg(long)]
    pub all: bool,
    /// Print a JSON array
    #[arg(long)]
    pub json: bool,
    /// Also print the measured signals the rules look at
    #[arg(long)]
    pub signals: bool,
}

/// The built-in playbook with the user's over it; a broken user file is
/// reported and the built-in one used, so the coach keeps working.
pub fn playbook(ctx: &Context) -> Playbook {
    match Playbook::load(&ctx.paths.config_dir.join("playbook.toml")) {
        Ok(playbook) => playbook,
        Err(e) => {
            say!("rapport: {e}; using the built-in playbook");
            Playbook::builtin()
        }
    }
}

pub fn next(args: NextArgs, ctx: &Context) -> CmdResult {
    let store = ctx.open_store()?;
    let person = resolve_person(&store, args.with.as_deref())?;
    let today = match &args.date {
        Some(d) => ctx.day(d)?,
        None => ctx.today,
    };
    if person.archived {
        return print_text(&format!(
            "{} is archived: rapport does not coach archived people (`rapport person set \"{}\" --unarchive` to bring them back).\n",
            shown_line(&person.name),
            shown_line(&person.name)
        ));
    }
    let (signals, suggestions) =
        journal::suggestions(&store, &person, &playbook(ctx), today, args.all)?;
    if args.json {
        return print_json(&suggestions);
    }
    let mut text = report(&shown_line(&signals.manager), &suggestions, args.all);
    if args.signals {
        let _ = writeln!(text, "\nsignals on {today}:");
        for (name, signal) in signals.values() {
            let name = serde_json::to_value(name)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            let anchor = signal
                .anchor
                .map(|a| format!(" (since {a})"))
                .unwrap_or_default();
            let _ = writeln!(text, "  {name:<36} {:>6.2}{anchor}", signal.value);
        }
    }
    print_text(&text)
}

fn report(name: &str, suggestions: &[Suggestion], all: bool) -> String {
    let mut out = String::new();
    let active: Vec<&Suggestion> = suggestions.iter().filter(|s| s.quiet.is_none()).collect();
    let quiet: Vec<&Suggestion> = suggestions.iter().filter(|s| s.quiet.is_some()).collect();
    if active.is_empty() {
        let _ = writeln!(
            out,
            "Nothing to nudge about with {name} right now: keep the rhythm going."
        );
    }
    let shown = if all {
        active.len()
    } else {
        active.len().min(SHOWN)
    };
    for (n, s) in active.iter().take(shown).enumerate() {
        let _ = writeln!(out, "{}. {}", n + 1, shown_line(&s.message));
        let _ = writeln!(
            out,
            "   because {} · next: {}",
            shown_line(&s.reason),
            action_text(&s.action)
        );
        let _ = writeln!(out, "   why ({}): {}", s.practice.title(), s.why);
    }
    let more = active.len() - shown;
    if more > 0 {
        let _ = writeln!(
            out,
            "\n{}, less urgent: rapport next --all",
            count(more, "more step", "more steps")
        );
    }
    if all && !quiet.is_empty() {
        let _ = writeln!(out, "\nquiet for now:");
        for s in quiet {
            let _ = writeln!(
                out,
                "   {} ({})",
                shown_line(&s.message),
                s.quiet.as_deref().unwrap_or_default()
            );
        }
    }
    out
}
