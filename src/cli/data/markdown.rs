//! The readable record: interactions grouped by ISO week, each week headed
//! with its dates, to paste into a performance review or a brag doc. User
//! text is shown with control characters made visible, never raw.

use std::fmt::Write as _;
use std::io::{self, Write};

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

/// What the whole record holds, gathered in a first reading of its rows:
/// the heading comes before them and speaks of them all.
#[derive(Debug, Clone, Default)]
pub struct Totals {
    entries: usize,
    first: Option<NaiveDate>,
    last: Option<NaiveDate>,
    quality: Average,
    by_category: Vec<(Category, usize)>,
}

impl Totals {
    /// Counts one more entry; entries come oldest first.
    pub fn add(&mut self, e: &Interaction) {
        self.entries += 1;
        self.first.get_or_insert(e.happened_on);
        self.last = Some(e.happened_on);
        self.quality.add(e);
        match self.by_category.iter_mut().find(|(c, _)| *c == e.category) {
            Some((_, n)) => *n += 1,
            None => self.by_category.push((e.category, 1)),
        }
    }

    pub fn entries(&self) -> usize {
        self.entries
    }

    /// `3 formal, 5 informal, 2 ask` in the categories' order.
    fn by_category(&self) -> String {
        Category::ALL
            .iter()
            .filter_map(|c| {
                let n = self
                    .by_category
                    .iter()
                    .find(|(seen, _)| seen == c)
                    .map_or(0, |(_, n)| *n);
                (n > 0).then(|| format!("{n} {}", c.as_str()))
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The mean quality of the rated entries, summed in the order they come.
#[derive(Debug, Clone, Copy, Default)]
struct Average {
    sum: f64,
    rated: usize,
}

impl Average {
    fn add(&mut self, e: &Interaction) {
        if let Some(q) = e.quality {
            self.sum += f64::from(q.get());
            self.rated += 1;
        }
    }

    fn text(self) -> String {
        if self.rated == 0 {
            return String::new();
        }
        format!(", average quality {:.1}/5", self.sum / self.rated as f64)
    }
}

/// Writes the record's heading: who or what it covers, its dates, counts
/// and the day it was exported.
pub fn write_head(out: &mut impl Write, totals: &Totals, scope: &Scope) -> io::Result<()> {
    let mut head = String::new();
    match &scope.person {
        Some(name) => {
            let _ = writeln!(head, "# Working with {}", shown_line(name));
        }
        None => head.push_str("# Record of interactions\n"),
    }
    let from = scope.since.or(totals.first);
    let to = scope.until.or(totals.last);
    let _ = writeln!(head);
    if let (Some(from), Some(to)) = (from, to) {
        let _ = write!(head, "{} to {}: ", long_day(from), long_day(to));
    }
    let _ = writeln!(
        head,
        "{}{}.",
        count(totals.entries, "interaction", "interactions"),
        totals.quality.text()
    );
    if totals.entries == 0 {
        let _ = writeln!(head, "\nNo interactions in this range.");
    } else {
        let _ = writeln!(head, "\n{}.", totals.by_category());
    }
    let _ = writeln!(
        head,
        "\n_Exported from rapport on {}._",
        long_day(scope.today)
    );
    out.write_all(head.as_bytes())
}

/// Writes the entries, given oldest first, a week at a time: only the
/// week being read is held, for its heading's counts.
pub struct Weeks<W: Write> {
    out: W,
    name_person: bool,
    week: Option<(i32, u32)>,
    in_week: Vec<Interaction>,
}

impl<W: Write> Weeks<W> {
    /// `name_person`: each entry says who it was with (no `--with`).
    pub fn new(out: W, name_person: bool) -> Weeks<W> {
        Weeks {
            out,
            name_person,
            week: None,
            in_week: Vec::new(),
        }
    }

    pub fn push(&mut self, e: Interaction) -> io::Result<()> {
        let iso = e.happened_on.iso_week();
        let week = (iso.year(), iso.week());
        if self.week != Some(week) {
            self.write_week()?;
            self.week = Some(week);
        }
        self.in_week.push(e);
        Ok(())
    }

    /// Writes the last week and gives the writer back.
    pub fn finish(mut self) -> io::Result<W> {
        self.write_week()?;
        Ok(self.out)
    }

    fn write_week(&mut self) -> io::Result<()> {
        let Some((year, week)) = self.week else {
            return Ok(());
        };
        let mut out = String::new();
        let _ = write!(out, "\n## Week {week}, {year}");
        if let Some(monday) = NaiveDate::from_isoywd_opt(year, week, Weekday::Mon) {
            let sunday = monday.checked_add_days(Days::new(6)).unwrap_or(monday);
            let _ = write!(
                out,
                ": {} to {}",
                monday.format("%a %-d %b"),
                long_day(sunday)
            );
        }
        let mut quality = Average::default();
        for e in &self.in_week {
            quality.add(e);
        }
        let _ = writeln!(
            out,
            "\n\n{}{}.\n",
            count(self.in_week.len(), "interaction", "interactions"),
            quality.text()
        );
        for e in self.in_week.drain(..) {
            entry(&mut out, &e, self.name_person);
        }
        self.out.write_all(out.as_bytes())
    }
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
