//! The editors a form's fields use, each holding what it means: a choice
//! holds the id or domain value picked (not its label), a day field reads
//! as a `NaiveDate`, a score as a number, a list as its items.

use chrono::{NaiveDate, NaiveTime};
use crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::TextArea;

use crate::domain::day::{DayError, parse_day, parse_time, parse_upcoming_day};
use crate::domain::promise::parse_due_day;
use crate::domain::text::list_items;
use crate::domain::{Category, Focus, InitiatedBy, MadeBy, Relation, TakesIn};
use crate::tui::input::LineInput;
use crate::tui::keymap::{ChecklistAction, ChoiceAction, Keymap, ScoreAction};

/// What an option of a choice stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    /// No constraint (a filter's "any").
    Any,
    /// A kind, by id.
    Kind(i64),
    /// A person, by id.
    Person(i64),
    Category(Category),
    InitiatedBy(InitiatedBy),
    MadeBy(MadeBy),
    Relation(Relation),
    /// A work entry kept out of the summary (`true`), or shared.
    Private(bool),
    /// Whether the advice was applied.
    Applied(bool),
    TakesIn(TakesIn),
    Focus(Focus),
}

/// One of a fixed list: each option a label shown and the value it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub options: Vec<(String, Pick)>,
    pub selected: usize,
}

impl Choice {
    pub fn new(options: Vec<(String, Pick)>, selected: usize) -> Choice {
        let selected = selected.min(options.len().saturating_sub(1));
        Choice { options, selected }
    }

    /// The value of the option shown.
    pub fn picked(&self) -> Option<Pick> {
        self.options.get(self.selected).map(|(_, pick)| *pick)
    }

    /// The label of the option shown.
    pub fn label(&self) -> &str {
        self.options
            .get(self.selected)
            .map_or("", |(label, _)| label.as_str())
    }

    /// Shows the option standing for `pick`; whether there is one.
    pub fn select(&mut self, pick: Pick) -> bool {
        match self.options.iter().position(|(_, p)| *p == pick) {
            Some(at) => {
                self.selected = at;
                true
            }
            None => false,
        }
    }

    fn handle(&mut self, key: &KeyEvent, keymap: &Keymap) -> bool {
        let count = self.options.len().max(1);
        let before = self.selected;
        match (keymap.action::<ChoiceAction>(key), key.code) {
            (Some(ChoiceAction::PrevOption), _) => {
                self.selected = (self.selected + count - 1) % count
            }
            (Some(ChoiceAction::NextOption), _) => self.selected = (self.selected + 1) % count,
            (_, KeyCode::Char(c)) => {
                // Jump to the next option starting with the letter typed.
                let c = c.to_ascii_lowercase();
                let next = (1..=count)
                    .map(|step| (self.selected + step) % count)
                    .find(|&i| {
                        self.options
                            .get(i)
                            .and_then(|(label, _)| label.chars().next())
                            .map(|f| f.to_ascii_lowercase())
                            == Some(c)
                    });
                if let Some(i) = next {
                    self.selected = i;
                }
            }
            _ => {}
        }
        before != self.selected
    }
}

/// How a day field reads what is typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayRule {
    /// Any day: `today`, `yesterday`, `monday`, `-3d`, `2026-11-24`.
    Any,
    /// A day ahead: `tomorrow`, `thursday`, `+3d`.
    Upcoming,
    /// A due day: ahead, or `next 1:1`.
    Due,
}

/// A day typed as text and read as a date by its rule.
#[derive(Debug, Clone)]
pub struct DayInput {
    pub input: LineInput,
    pub rule: DayRule,
}

impl DayInput {
    /// The day typed; `next_one_on_one` is what "next 1:1" means.
    pub fn day(
        &self,
        today: NaiveDate,
        next_one_on_one: Option<NaiveDate>,
    ) -> Result<NaiveDate, DayError> {
        let text = self.input.text();
        match self.rule {
            DayRule::Any => parse_day(text, today),
            DayRule::Upcoming => parse_upcoming_day(text, today),
            DayRule::Due => parse_due_day(text, today, next_one_on_one),
        }
    }

    /// Moves the day by `days` (from today when empty); the stepped day is
    /// a default that typing replaces. `false` when the text is not a day.
    pub fn step(&mut self, days: i64, today: NaiveDate) -> bool {
        let day = if self.input.text().trim().is_empty() {
            Some(today)
        } else {
            self.day(today, None).ok()
        };
        match day.and_then(|d| d.checked_add_signed(chrono::Duration::days(days))) {
            Some(stepped) => {
                self.input
                    .set_prefilled(&stepped.format("%Y-%m-%d").to_string());
                true
            }
            None => false,
        }
    }
}

/// A whole number typed as text, read within its range: minutes, days.
#[derive(Debug, Clone)]
pub struct CountInput {
    pub input: LineInput,
    pub min: u32,
    pub max: u32,
    /// What it counts, for the error: "minutes", "days".
    pub unit: &'static str,
}

impl CountInput {
    /// The number typed; none when empty; the error says the range.
    pub fn count(&self) -> Result<Option<u32>, String> {
        match self.input.text().trim() {
            "" => Ok(None),
            typed => match typed.parse::<u32>() {
                Ok(n) if (self.min..=self.max).contains(&n) => Ok(Some(n)),
                _ => Err(format!(
                    "`{typed}` is not {} to {} {}",
                    self.min, self.max, self.unit
                )),
            },
        }
    }
}

/// The editor a field uses.
#[derive(Debug, Clone)]
pub enum Editor {
    /// A line of free text.
    Line(LineInput),
    /// A day, typed; `[`/`]` step it.
    Day(DayInput),
    /// A line of items, split on the one list separator rule.
    List(LineInput),
    /// A whole number in a range, or empty.
    Count(CountInput),
    /// A time of day, `HH:MM`, or empty.
    Time(LineInput),
    /// One of a fixed list; left/right (or h/l) cycle, a letter jumps.
    Choice(Choice),
    /// A 1–5 score, or none: digits set it, 0 or backspace clear it.
    Score(Option<u8>),
    /// Free multi-line text.
    Notes(Box<TextArea<'static>>),
    /// Items to tick, each with the id it stands for: j/k move, space ticks,
    /// a digit ticks that item (the numbers of the agenda and the summary).
    Checklist(Checklist),
}

impl Editor {
    pub fn line(text: &str) -> Editor {
        Editor::Line(LineInput::new(text))
    }

    pub fn list(items: &[String]) -> Editor {
        Editor::List(LineInput::new(&items.join(", ")))
    }

    /// `min` to `max` of `unit`, or empty.
    pub fn count(value: Option<u32>, min: u32, max: u32, unit: &'static str) -> Editor {
        let text = value.map(|v| v.to_string()).unwrap_or_default();
        Editor::Count(CountInput {
            input: LineInput::new(&text),
            min,
            max,
            unit,
        })
    }

    pub fn day(text: &str, rule: DayRule) -> Editor {
        Editor::Day(DayInput {
            input: LineInput::new(text),
            rule,
        })
    }

    /// A day holding a default ("today") that typing replaces.
    pub fn prefilled_day(text: &str, rule: DayRule) -> Editor {
        Editor::Day(DayInput {
            input: LineInput::prefilled(text),
            rule,
        })
    }

    pub fn choice(options: Vec<(String, Pick)>, selected: usize) -> Editor {
        Editor::Choice(Choice::new(options, selected))
    }

    pub fn notes(text: &str) -> Editor {
        let lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        let mut area = TextArea::new(lines);
        area.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
        area.move_cursor(ratatui_textarea::CursorMove::Bottom);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        Editor::Notes(Box::new(area))
    }

    /// The line of a line, day or list field.
    pub fn line_input(&self) -> Option<&LineInput> {
        match self {
            Editor::Line(input)
            | Editor::List(input)
            | Editor::Count(CountInput { input, .. })
            | Editor::Time(input)
            | Editor::Day(DayInput { input, .. }) => Some(input),
            _ => None,
        }
    }

    fn line_input_mut(&mut self) -> Option<&mut LineInput> {
        match self {
            Editor::Line(input)
            | Editor::List(input)
            | Editor::Count(CountInput { input, .. })
            | Editor::Time(input)
            | Editor::Day(DayInput { input, .. }) => Some(input),
            _ => None,
        }
    }

    /// What is typed in a text field (line, day, list or notes); empty
    /// for the others.
    pub fn text(&self) -> String {
        match self {
            Editor::Notes(area) => area.lines().join("\n"),
            other => other
                .line_input()
                .map(|input| input.text().to_string())
                .unwrap_or_default(),
        }
    }

    /// Puts `text` in a text field; whether it is one.
    pub fn set_text(&mut self, text: &str) -> bool {
        if let Editor::Notes(_) = self {
            *self = Editor::notes(text);
            return true;
        }
        match self.line_input_mut() {
            Some(input) => {
                input.set(text);
                true
            }
            None => false,
        }
    }

    /// Applies a key, bound in the editor's own keymap section or typed;
    /// returns whether the value changed.
    pub(super) fn handle(&mut self, key: &KeyEvent, keymap: &Keymap) -> bool {
        match self {
            Editor::Line(input)
            | Editor::List(input)
            | Editor::Count(CountInput { input, .. })
            | Editor::Time(input)
            | Editor::Day(DayInput { input, .. }) => input.handle(key, keymap),
            Editor::Choice(choice) => choice.handle(key, keymap),
            Editor::Score(score) => {
                let before = *score;
                match (keymap.action::<ScoreAction>(key), key.code) {
                    (Some(ScoreAction::ScoreUp), _) => {
                        *score = Some(score.map_or(1, |s| (s + 1).min(5)));
                    }
                    (Some(ScoreAction::ScoreDown), _) => {
                        *score = score.and_then(|s| (s > 1).then(|| s - 1));
                    }
                    (Some(ScoreAction::ClearScore), _) => *score = None,
                    (_, KeyCode::Char(c @ '1'..='5')) => *score = c.to_digit(10).map(|d| d as u8),
                    _ => {}
                }
                before != *score
            }
            Editor::Notes(area) => area.input(*key),
            Editor::Checklist(list) => list.handle(key, keymap.action(key)),
        }
    }

    pub(super) fn paste(&mut self, text: &str) -> bool {
        if let Editor::Notes(area) = self {
            // Many terminals send a pasted line break as CR (tmux,
            // xterm): every CR, CRLF or LF is a new line here.
            area.insert_str(text.replace("\r\n", "\n").replace('\r', "\n"));
            return true;
        }
        match self.line_input_mut() {
            Some(input) => {
                input.insert(text);
                true
            }
            None => false,
        }
    }

    /// The time of a time field; none when empty.
    pub fn time(&self) -> Result<Option<NaiveTime>, DayError> {
        match self {
            Editor::Time(input) if !input.text().trim().is_empty() => {
                parse_time(input.text()).map(Some)
            }
            _ => Ok(None),
        }
    }

    /// The items of a list field, split on the one separator rule.
    pub fn items(&self) -> Vec<String> {
        match self {
            Editor::List(input) => list_items(input.text()),
            _ => Vec::new(),
        }
    }
}

/// The items of a checklist, which are ticked, and the cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checklist {
    pub items: Vec<(i64, String)>,
    pub ticked: Vec<bool>,
    pub cursor: usize,
}

impl Checklist {
    pub fn new(items: Vec<(i64, String)>) -> Checklist {
        let ticked = vec![false; items.len()];
        Checklist {
            items,
            ticked,
            cursor: 0,
        }
    }

    /// The ids ticked, in the items' order.
    pub fn ticked_ids(&self) -> Vec<i64> {
        self.items
            .iter()
            .zip(&self.ticked)
            .filter(|(_, t)| **t)
            .map(|((id, _), _)| *id)
            .collect()
    }

    /// Ticks the items with these ids, and only those.
    pub fn tick_ids(&mut self, ids: &[i64]) {
        for (tick, (id, _)) in self.ticked.iter_mut().zip(&self.items) {
            *tick = ids.contains(id);
        }
    }

    fn toggle(&mut self, at: usize) -> bool {
        match self.ticked.get_mut(at) {
            Some(t) => {
                *t = !*t;
                self.cursor = at;
                true
            }
            None => false,
        }
    }

    pub(super) fn handle(&mut self, key: &KeyEvent, action: Option<ChecklistAction>) -> bool {
        let last = self.items.len().saturating_sub(1);
        match action {
            Some(ChecklistAction::Down) => {
                self.cursor = (self.cursor + 1).min(last);
                return false;
            }
            Some(ChecklistAction::Up) => {
                self.cursor = self.cursor.saturating_sub(1);
                return false;
            }
            Some(ChecklistAction::Toggle) => return self.toggle(self.cursor),
            None => {}
        }
        match key.code {
            KeyCode::Char(c @ '1'..='9') => {
                let n = c.to_digit(10).map_or(0, |d| d as usize);
                self.toggle(n - 1)
            }
            _ => false,
        }
    }
}
