//! `stats`: the Insights figures as text, or every series as JSON.

use std::fmt::Write as _;

use clap::Args;

use super::output::{print_json, print_text};
use super::{CmdResult, Context, resolve_person};
use crate::domain::Category;
use crate::domain::text::shown_line;
use crate::insights::{Average, Insights, Range};
use crate::journal;
use crate::present::sparkline;
use crate::present::{days, days_ago};

#[derive(Debug, Clone, Args)]
pub struct StatsArgs {
    /// Whose figures [default: the current manager]
    #[arg(long = "with", value_name = "PERSON")]
    pub with: Option<String>,
    /// How far back: 3m, 6m, 12m or all
    #[arg(long, default_value = "3m", value_parser = parse_range)]
    pub range: Range,
    /// Print every series as JSON
    #[arg(long)]
    pub json: bool,
}

fn parse_range(text: &str) -> Result<Range, String> {
    Range::parse(text).ok_or_else(|| format!("`{text}` is not a range: use 3m, 6m, 12m or all"))
}

pub fn stats(args: StatsArgs, ctx: &Context) -> CmdResult {
    let store = ctx.open_store()?;
    let person = resolve_person(&store, args.with.as_deref())?;
    let insights = journal::insights(
        &store,
        &person,
        args.range,
        &ctx.settings.targets,
        ctx.today,
    )?;
    if args.json {
        #[derive(serde::Serialize)]
        struct Document<'a> {
            person: &'a str,
            #[serde(flatten)]
            insights: &'a Insights,
        }
        return print_json(&Document {
            person: &person.name,
            insights: &insights,
        });
    }
    print_text(&report(&shown_line(&person.name), &insights))
}

fn avg(a: Average) -> String {
    match a.average {
        Some(v) => format!("{v:.1} ({} rated)", a.count),
        None => "—".to_string(),
    }
}

/// The plain-text report `rapport stats` prints.
pub fn report(name: &str, i: &Insights) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Insights for {name}: {} ({} to {})\n",
        i.range.describe(),
        i.from,
        i.to
    );
    if i.is_empty() {
        let _ = writeln!(
            out,
            "Nothing logged in this range yet. Log an interaction with `rapport log KIND \"what happened\"`."
        );
        return out;
    }
    let totals: Vec<u32> = i.frequency.iter().map(|w| w.total).collect();
    let _ = writeln!(
        out,
        "How often: {} in {} weeks",
        totals.iter().sum::<u32>(),
        totals.len()
    );
    let _ = writeln!(out, "  per week  {}", sparkline(&totals));
    let by_category: Vec<String> = Category::MEETINGS
        .iter()
        .map(|c| {
            format!(
                "{c} {}",
                i.frequency.iter().map(|w| w.count(*c)).sum::<u32>()
            )
        })
        .collect();
    let _ = writeln!(out, "  {}\n", by_category.join("  "));

    let sum = |pick: fn(&crate::insights::WeekQuality) -> Average| {
        let (s, n) = i.quality.iter().map(pick).fold((0.0, 0), |(s, n), a| {
            (
                s + a.average.unwrap_or(0.0) * f64::from(a.count),
                n + a.count,
            )
        });
        Average {
            average: (n > 0).then(|| s / f64::from(n)),
            count: n,
        }
    };
    let _ = writeln!(out, "How well (average quality, 1-5)");
    let _ = writeln!(out, "  1:1s      {}", avg(sum(|q| q.one_on_one)));
    let _ = writeln!(out, "  informal  {}", avg(sum(|q| q.informal)));
    if let (Some(first), Some(last)) = (i.checkins.first(), i.checkins.last()) {
        let _ = writeln!(
            out,
            "  check-ins trust {} → {}, clarity {} → {}, ease {} → {} ({} check-ins)",
            first.trust,
            last.trust,
            first.clarity,
            last.clarity,
            first.ease,
            last.ease,
            i.checkins.len()
        );
    }
    let _ = writeln!(out, "\nCadence");
    for c in &i.cadence {
        let last = match (c.last, c.days_since) {
            (Some(d), Some(0)) => format!("last {d}, today"),
            (Some(d), Some(1)) => format!("last {d}, yesterday"),
            (Some(d), Some(n)) => format!("last {d}, {}", days_ago(n)),
            _ => "never".to_string(),
        };
        let target = c.target_days.map_or_else(
            || "no target".to_string(),
            |t| format!("target every {}", days(t)),
        );
        let flag = if c.is_overdue() { "  OVERDUE" } else { "" };
        let _ = writeln!(out, "  {:<9} {last:<28} {target}{flag}", c.name);
    }
    let s = &i.streaks;
    let _ = writeln!(out, "\nStreaks (weeks in a row)   current  longest");
    for (label, streak) in [
        ("summary before the 1:1", s.summary_before_one_on_one),
        ("informal time", s.informal),
        ("check-ins", s.check_in),
    ] {
        let _ = writeln!(
            out,
            "  {label:<24} {:>7}  {:>7}",
            streak.current, streak.longest
        );
    }
    let b = &i.balance;
    let _ = writeln!(
        out,
        "\nBalance: {}; informal time {} vs asks {}",
        crate::present::balance_text(b),
        b.informal,
        b.asks
    );
    let e = &i.summary_effect;
    if e.enough_data {
        let _ = writeln!(
            out,
            "Summary effect: 1:1s average {} with a summary sent before them, {} without",
            avg(e.with_summary),
            avg(e.without_summary)
        );
    } else {
        let _ = writeln!(
            out,
            "Summary effect: not enough data yet (needs {} rated 1:1s with and without a summary; have {} and {})",
            e.minimum, e.with_summary.count, e.without_summary.count
        );
    }
    promises_report(&mut out, &i.promises);
    out
}

/// `Promises  mine: 5 kept on time, 1 late, 1 missed (2 open)`, then per month.
fn promises_report(out: &mut String, p: &crate::insights::PromiseSeries) {
    if p.is_empty() {
        return;
    }
    let counts = |c: &crate::insights::PromiseCounts| {
        format!(
            "{} kept on time, {} late, {} missed",
            c.kept_on_time, c.kept_late, c.missed
        )
    };
    let _ = writeln!(out, "\nPromises");
    let _ = writeln!(out, "  mine    {} ({} open)", counts(&p.mine), p.mine_open);
    let _ = writeln!(
        out,
        "  theirs  {} ({} open)",
        counts(&p.theirs),
        p.theirs_open
    );
    for m in p
        .months
        .iter()
        .filter(|m| m.mine.total() + m.theirs.total() > 0)
    {
        let _ = writeln!(
            out,
            "  {}  mine {}   theirs {}",
            m.month.format("%Y-%m"),
            counts(&m.mine),
            counts(&m.theirs)
        );
    }
}
