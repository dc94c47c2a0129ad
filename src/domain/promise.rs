//! Promises made in 1:1s, by me or by them: what was promised, by when, and
//! whether it was kept. The state machine lives here, so the store, the CLI
//! and the TUI refuse the same moves with the same words.

use std::str::FromStr;

use chrono::NaiveDate;
use serde::Serialize;

use super::DomainError;
use super::day::{DayError, parse_upcoming_day};

/// Who made a promise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MadeBy {
    /// I promised it: my dependability.
    Me,
    /// They promised it: something I am waiting on.
    Them,
}

impl MadeBy {
    pub fn as_str(self) -> &'static str {
        match self {
            MadeBy::Me => "me",
            MadeBy::Them => "them",
        }
    }
}

impl FromStr for MadeBy {
    type Err = DomainError;

    fn from_str(s: &str) -> Result<MadeBy, DomainError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "me" | "mine" => Ok(MadeBy::Me),
            "them" | "theirs" => Ok(MadeBy::Them),
            _ => Err(DomainError::UnknownWord {
                what: "promiser",
                word: s.to_string(),
                known: "me (I promised it) or them (they promised it)",
            }),
        }
    }
}

/// Where a promise stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PromiseState {
    /// Made, not yet kept.
    Open,
    /// Moved to a new due day by agreement; still to keep.
    Renegotiated,
    /// Done, on a day.
    Kept,
    /// Its day passed without it (it can still be kept late, or moved).
    Missed,
    /// Not going to happen, by agreement.
    Dropped,
}

impl PromiseState {
    pub fn as_str(self) -> &'static str {
        match self {
            PromiseState::Open => "open",
            PromiseState::Renegotiated => "renegotiated",
            PromiseState::Kept => "kept",
            PromiseState::Missed => "missed",
            PromiseState::Dropped => "dropped",
        }
    }

    /// Still to keep: open or renegotiated.
    pub fn is_open(self) -> bool {
        matches!(self, PromiseState::Open | PromiseState::Renegotiated)
    }

    /// Whether `change` may happen from here. Kept and dropped are final; a
    /// missed promise can still be kept (late), moved or dropped, but not
    /// missed again.
    pub fn allows(self, change: PromiseChange) -> bool {
        match self {
            PromiseState::Open | PromiseState::Renegotiated => true,
            PromiseState::Missed => change != PromiseChange::Miss,
            PromiseState::Kept | PromiseState::Dropped => false,
        }
    }
}

impl FromStr for PromiseState {
    type Err = DomainError;

    fn from_str(s: &str) -> Result<PromiseState, DomainError> {
        match s.trim() {
            "open" => Ok(PromiseState::Open),
            "renegotiated" => Ok(PromiseState::Renegotiated),
            "kept" => Ok(PromiseState::Kept),
            "missed" => Ok(PromiseState::Missed),
            "dropped" => Ok(PromiseState::Dropped),
            _ => Err(DomainError::UnknownWord {
                what: "promise state",
                word: s.to_string(),
                known: "open, renegotiated, kept, missed, dropped",
            }),
        }
    }
}

/// A change of state asked of a promise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromiseChange {
    Keep,
    Miss,
    Move,
    Drop,
}

impl PromiseChange {
    /// The verb, as the refusal says it ("cannot be kept").
    pub fn past(self) -> &'static str {
        match self {
            PromiseChange::Keep => "kept",
            PromiseChange::Miss => "marked missed",
            PromiseChange::Move => "moved",
            PromiseChange::Drop => "dropped",
        }
    }
}

/// A promise not yet saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PromiseDraft {
    pub person_id: i64,
    pub text: String,
    pub made_by: MadeBy,
    pub made_on: NaiveDate,
    /// The entry (usually a 1:1) it was made in.
    pub interaction_id: Option<i64>,
    pub due_on: Option<NaiveDate>,
}

impl PromiseDraft {
    /// Trims the text; refuses an empty one and a due day before the day it was made.
    pub fn validate(&mut self) -> Result<(), DomainError> {
        self.text = self.text.trim().to_string();
        if self.text.is_empty() {
            return Err(DomainError::Empty("a promise's text"));
        }
        if let Some(due) = self.due_on {
            check_not_before(due, self.made_on, "due day")?;
        }
        Ok(())
    }
}

/// A promise as typed in a form, saved with the entry it was made in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PromiseNote {
    pub made_by: MadeBy,
    pub text: String,
    pub due_on: Option<NaiveDate>,
}

impl PromiseNote {
    /// The draft for it, made on `made_on` in entry `interaction_id`.
    pub fn draft(
        &self,
        person_id: i64,
        made_on: NaiveDate,
        interaction_id: Option<i64>,
    ) -> PromiseDraft {
        PromiseDraft {
            person_id,
            text: self.text.clone(),
            made_by: self.made_by,
            made_on,
            interaction_id,
            due_on: self.due_on,
        }
    }
}

/// Reads a promises field: one promise per line, `text @DAY` for a due day
/// (any day [`parse_due_day`] takes). Blank lines are skipped. A due day
/// before `made_on` or that cannot be read is an error naming the line.
pub fn promise_notes(
    typed: &str,
    made_by: MadeBy,
    made_on: NaiveDate,
    today: NaiveDate,
    next_one_on_one: Option<NaiveDate>,
) -> Result<Vec<PromiseNote>, String> {
    let lines: Vec<&str> = typed.lines().filter(|l| !l.trim().is_empty()).collect();
    let many = lines.len() > 1;
    let mut notes = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        let at = |e: String| {
            if many {
                format!("line {}: {e}", i + 1)
            } else {
                e
            }
        };
        // The last `@` that starts a word: an address like a@b stays text.
        let split = line
            .char_indices()
            .rev()
            .find(|(j, c)| *c == '@' && (*j == 0 || line[..*j].ends_with(char::is_whitespace)))
            .map(|(j, _)| j);
        let (text, due) = match split {
            Some(j) => (line[..j].trim(), Some(line[j + 1..].trim())),
            None => (line.trim(), None),
        };
        if text.is_empty() {
            return Err(at("a promise's text cannot be empty".to_string()));
        }
        let due_on = due
            .map(|d| parse_due_day(d, today, next_one_on_one))
            .transpose()
            .map_err(|e| at(e.to_string()))?;
        if let Some(due) = due_on {
            check_not_before(due, made_on, "due day").map_err(|e| at(e.to_string()))?;
        }
        notes.push(PromiseNote {
            made_by,
            text: text.to_string(),
            due_on,
        });
    }
    Ok(notes)
}

/// Refuses a day of a promise before the day it was made.
pub fn check_not_before(
    day: NaiveDate,
    made_on: NaiveDate,
    what: &'static str,
) -> Result<(), DomainError> {
    if day < made_on {
        return Err(DomainError::BeforeMade { what, day, made_on });
    }
    Ok(())
}

/// One move of a promise's due day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PromiseMove {
    pub moved_on: NaiveDate,
    pub from_due: Option<NaiveDate>,
    pub to_due: NaiveDate,
}

/// A saved promise, with its moves oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Promise {
    pub id: i64,
    pub person_id: i64,
    pub text: String,
    pub made_by: MadeBy,
    pub made_on: NaiveDate,
    pub interaction_id: Option<i64>,
    pub due_on: Option<NaiveDate>,
    pub state: PromiseState,
    /// The day it was kept, marked missed or dropped.
    pub closed_on: Option<NaiveDate>,
    pub moves: Vec<PromiseMove>,
}

impl Promise {
    /// Open and past its due day as of `today`.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.state.is_open() && self.due_on.is_some_and(|d| d < today)
    }

    /// Days until the due day (negative when overdue); `None` without one.
    pub fn days_left(&self, today: NaiveDate) -> Option<i64> {
        self.due_on
            .map(|d| d.signed_duration_since(today).num_days())
    }

    /// How it ended, for the Insights series: `None` while still open or
    /// when dropped.
    pub fn outcome(&self) -> Option<(Outcome, NaiveDate)> {
        let day = self.closed_on?;
        match self.state {
            PromiseState::Kept if self.due_on.is_some_and(|due| day > due) => {
                Some((Outcome::KeptLate, day))
            }
            PromiseState::Kept => Some((Outcome::KeptOnTime, day)),
            PromiseState::Missed => Some((Outcome::Missed, day)),
            _ => None,
        }
    }
}

/// `today`, `tomorrow`, `in 3 days`, `1 day overdue`, `3 days overdue`.
pub fn when_due(due: NaiveDate, today: NaiveDate) -> String {
    match due.signed_duration_since(today).num_days() {
        d if d < 0 => format!("{} overdue", super::text::days(-d)),
        d => super::text::in_days(d),
    }
}

/// How a promise ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    KeptOnTime,
    KeptLate,
    Missed,
}

/// Parses a due day: anything [`parse_upcoming_day`] takes (`fri`, `+3d`,
/// `2026-12-04`), or `next 1:1`, which needs the day of the next 1:1.
pub fn parse_due_day(
    input: &str,
    today: NaiveDate,
    next_one_on_one: Option<NaiveDate>,
) -> Result<NaiveDate, DayError> {
    let folded: String = input
        .trim()
        .to_ascii_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if matches!(
        folded.as_str(),
        "next 1:1" | "next 1on1" | "next one-on-one" | "next one on one" | "1:1"
    ) {
        return next_one_on_one.ok_or_else(|| DayError::NoNextOneOnOne(input.trim().to_owned()));
    }
    parse_upcoming_day(input, today)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn kept_and_dropped_are_final_and_missed_can_still_be_kept() {
        use PromiseChange::*;
        for change in [Keep, Miss, Move, Drop] {
            assert!(PromiseState::Open.allows(change));
            assert!(PromiseState::Renegotiated.allows(change));
            assert!(!PromiseState::Kept.allows(change));
            assert!(!PromiseState::Dropped.allows(change));
        }
        assert!(PromiseState::Missed.allows(Keep));
        assert!(PromiseState::Missed.allows(Move));
        assert!(!PromiseState::Missed.allows(Miss));
    }

    #[test]
    fn a_draft_refuses_empty_text_and_a_due_day_before_it_was_made() {
        let mut draft = PromiseDraft {
            person_id: 1,
            text: "  ".into(),
            made_by: MadeBy::Me,
            made_on: d(2026, 11, 20),
            interaction_id: None,
            due_on: None,
        };
        assert_eq!(
            draft.validate(),
            Err(DomainError::Empty("a promise's text"))
        );
        draft.text = " send the cost model ".into();
        draft.due_on = Some(d(2026, 11, 19));
        let err = draft.validate().expect_err("before made");
        assert!(
            err.to_string().contains("before the day it was made"),
            "{err}"
        );
        draft.due_on = Some(d(2026, 11, 20));
        assert_eq!(draft.validate(), Ok(()));
        assert_eq!(draft.text, "send the cost model");
    }

    #[test]
    fn due_days_take_weekdays_offsets_and_the_next_one_on_one() {
        let today = d(2026, 11, 24); // a Tuesday
        let next = Some(d(2026, 12, 1));
        assert_eq!(parse_due_day("fri", today, next), Ok(d(2026, 11, 27)));
        assert_eq!(parse_due_day("+3d", today, next), Ok(d(2026, 11, 27)));
        assert_eq!(parse_due_day("next 1:1", today, next), Ok(d(2026, 12, 1)));
        assert_eq!(parse_due_day("Next  1:1", today, next), Ok(d(2026, 12, 1)));
        let err = parse_due_day("next 1:1", today, None).expect_err("unplanned");
        assert!(err.to_string().contains("no next 1:1"), "{err}");
    }

    #[test]
    fn a_promises_field_reads_one_per_line_with_an_optional_due_day_after_at() {
        let today = d(2026, 11, 24);
        let notes = promise_notes(
            "Send the cost model @fri\n\n  Mail ana@example.com the deck  \nIntro @ next 1:1",
            MadeBy::Me,
            today,
            today,
            Some(d(2026, 12, 1)),
        )
        .expect("valid");
        let read: Vec<(&str, Option<NaiveDate>)> =
            notes.iter().map(|n| (n.text.as_str(), n.due_on)).collect();
        assert_eq!(
            read,
            vec![
                ("Send the cost model", Some(d(2026, 11, 27))),
                ("Mail ana@example.com the deck", None),
                ("Intro", Some(d(2026, 12, 1))),
            ]
        );
        let err = promise_notes("a @fri\nb @someday", MadeBy::Them, today, today, None)
            .expect_err("bad day");
        assert!(
            err.starts_with("line 2: `someday` is not a date ahead"),
            "{err}"
        );
        let err = promise_notes("@fri", MadeBy::Me, today, today, None).expect_err("no text");
        assert_eq!(err, "a promise's text cannot be empty");
        let err = promise_notes("x @today", MadeBy::Me, d(2026, 11, 25), today, None)
            .expect_err("before made");
        assert!(err.contains("before the day it was made"), "{err}");
    }

    #[test]
    fn kept_after_its_day_is_late_and_on_its_day_is_on_time() {
        let mut p = Promise {
            id: 1,
            person_id: 1,
            text: "x".into(),
            made_by: MadeBy::Me,
            made_on: d(2026, 11, 2),
            interaction_id: None,
            due_on: Some(d(2026, 11, 6)),
            state: PromiseState::Kept,
            closed_on: Some(d(2026, 11, 6)),
            moves: Vec::new(),
        };
        assert_eq!(p.outcome(), Some((Outcome::KeptOnTime, d(2026, 11, 6))));
        p.closed_on = Some(d(2026, 11, 7));
        assert_eq!(p.outcome(), Some((Outcome::KeptLate, d(2026, 11, 7))));
        p.state = PromiseState::Dropped;
        assert_eq!(p.outcome(), None);
        p.state = PromiseState::Open;
        p.closed_on = None;
        assert!(p.is_overdue(d(2026, 11, 7)));
        assert!(!p.is_overdue(d(2026, 11, 6)));
    }
}
