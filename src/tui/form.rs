//! A form: labelled fields, each a small type with its own key handling, a
//! focus, and an error per field. What a form builds is decided in `forms`.

use std::borrow::Cow;
use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveTime};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::keymap::Keymap;
use crate::domain::Quality;

mod editor;
pub use editor::{Checklist, Choice, CountInput, DayInput, DayRule, Editor, Pick};

/// Which field a value belongs to, across every form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FieldId {
    Kind,
    Title,
    Quality,
    Notes,
    Date,
    Time,
    Minutes,
    By,
    With,
    Tags,
    Strength,
    Trust,
    Clarity,
    Ease,
    Note,
    Category,
    Tag,
    Since,
    Until,
    Name,
    Role,
    Cadence,
    Strengths,
    /// Who a person is to you: manager, skip-level, mentor, peer.
    Relation,
    Topic,
    NextOneOnOne,
    Applied,
    Summary,
    Path,
    Discussed,
    Picked,
    NewTopics,
    AdviceAsk,
    /// An item of a profile or an expectation.
    Item,
    /// A work entry shared in the summary, or private.
    Visible,
    /// The name a summary greets a person by.
    Call,
    /// Promises I made, one per line.
    MyPromises,
    /// Promises they made, one per line.
    TheirPromises,
}

#[derive(Debug, Clone)]
pub struct Field {
    pub id: FieldId,
    pub label: &'static str,
    pub editor: Editor,
    pub error: Option<String>,
    /// A short hint shown when the field is focused.
    pub hint: Cow<'static, str>,
}

impl Field {
    pub fn new(
        id: FieldId,
        label: &'static str,
        editor: Editor,
        hint: impl Into<Cow<'static, str>>,
    ) -> Field {
        Field {
            id,
            label,
            editor,
            error: None,
            hint: hint.into(),
        }
    }
}

/// What a key did to the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormEvent {
    Nothing,
    Changed,
    /// Enter on the last field: the user wants to save.
    Submit,
}

/// Fields and a focus; the form's purpose lives with whoever owns it.
#[derive(Debug, Clone)]
pub struct Form {
    pub title: String,
    /// A line or two above the fields saying what the form is for.
    pub intro: Option<String>,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// Something was typed since the form opened.
    pub touched: bool,
    /// One field that takes all the room the screen has (a document to edit).
    pub tall: bool,
}

impl Form {
    pub fn new(title: impl Into<String>, fields: Vec<Field>) -> Form {
        Form {
            title: title.into(),
            intro: None,
            fields,
            focus: 0,
            touched: false,
            tall: false,
        }
    }

    pub fn field(&self, id: FieldId) -> Option<&Field> {
        self.fields.iter().find(|f| f.id == id)
    }

    fn editor(&self, id: FieldId) -> Option<&Editor> {
        self.field(id).map(|f| &f.editor)
    }

    fn editor_mut(&mut self, id: FieldId) -> Option<&mut Editor> {
        self.fields
            .iter_mut()
            .find(|f| f.id == id)
            .map(|f| &mut f.editor)
    }

    /// What is typed in a text field (line, day, list or notes).
    pub fn text(&self, id: FieldId) -> String {
        self.editor(id).map(Editor::text).unwrap_or_default()
    }

    /// Puts `text` in a text field.
    pub fn set_text(&mut self, id: FieldId, text: &str) {
        if let Some(editor) = self.editor_mut(id) {
            editor.set_text(text);
        }
    }

    /// The value of the option a choice field shows.
    pub fn picked(&self, id: FieldId) -> Option<Pick> {
        match self.editor(id) {
            Some(Editor::Choice(choice)) => choice.picked(),
            _ => None,
        }
    }

    /// Shows the option standing for `pick` in a choice field; whether the
    /// field has one.
    pub fn select(&mut self, id: FieldId, pick: Pick) -> bool {
        match self.editor_mut(id) {
            Some(Editor::Choice(choice)) => choice.select(pick),
            _ => false,
        }
    }

    /// A score field's 1-5, if set.
    pub fn score(&self, id: FieldId) -> Option<u8> {
        match self.editor(id) {
            Some(Editor::Score(score)) => *score,
            _ => None,
        }
    }

    /// Sets a score field (anything but 1-5 clears it).
    pub fn set_score(&mut self, id: FieldId, value: Option<u8>) {
        if let Some(Editor::Score(score)) = self.editor_mut(id) {
            *score = value.filter(|v| (1..=5).contains(v));
        }
    }

    /// A score field read as how well something went.
    pub fn quality(&self, id: FieldId) -> Option<Quality> {
        self.score(id).and_then(|s| Quality::new(i64::from(s)).ok())
    }

    /// The day typed in a day field, by its rule; `next_one_on_one` is what
    /// "next 1:1" means. The error says what is wrong with the text.
    pub fn day(
        &self,
        id: FieldId,
        today: NaiveDate,
        next_one_on_one: Option<NaiveDate>,
    ) -> Result<NaiveDate, String> {
        match self.editor(id) {
            Some(Editor::Day(day)) => day.day(today, next_one_on_one).map_err(|e| e.to_string()),
            _ => Err("not a day field".to_string()),
        }
    }

    /// Like [`Form::day`], but an empty field is no day.
    pub fn optional_day(
        &self,
        id: FieldId,
        today: NaiveDate,
        next_one_on_one: Option<NaiveDate>,
    ) -> Result<Option<NaiveDate>, String> {
        if self.text(id).trim().is_empty() {
            return Ok(None);
        }
        self.day(id, today, next_one_on_one).map(Some)
    }

    /// The number in a count field (none when empty); the error says its
    /// range.
    pub fn count(&self, id: FieldId) -> Result<Option<u32>, String> {
        match self.editor(id) {
            Some(Editor::Count(count)) => count.count(),
            _ => Ok(None),
        }
    }

    /// The time of day in a time field (none when empty); the error says
    /// what is wrong with the text.
    pub fn time(&self, id: FieldId) -> Result<Option<NaiveTime>, String> {
        self.editor(id)
            .map_or(Ok(None), |e| e.time().map_err(|e| e.to_string()))
    }

    /// The items of a list field, split on the one separator rule.
    pub fn items(&self, id: FieldId) -> Vec<String> {
        self.editor(id).map(Editor::items).unwrap_or_default()
    }

    /// The ids ticked in a checklist field.
    pub fn ticked(&self, id: FieldId) -> Vec<i64> {
        match self.editor(id) {
            Some(Editor::Checklist(list)) => list.ticked_ids(),
            _ => Vec::new(),
        }
    }

    /// Ticks these ids in a checklist field, and only those.
    pub fn tick(&mut self, id: FieldId, ids: &[i64]) {
        if let Some(Editor::Checklist(list)) = self.editor_mut(id) {
            list.tick_ids(ids);
        }
    }

    /// Steps the day of the focused field by `days`, if it is a day field;
    /// whether the key meant that (a day field whose text is not a day yet
    /// takes the key and does nothing).
    pub fn step_day(&mut self, days: i64, today: NaiveDate) -> bool {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return false;
        };
        let Editor::Day(day) = &mut field.editor else {
            return false;
        };
        if day.step(days, today) {
            field.error = None;
            self.touched = true;
        }
        true
    }

    pub fn focused(&self) -> Option<&Field> {
        self.fields.get(self.focus)
    }

    pub fn next_field(&mut self) {
        if !self.fields.is_empty() {
            self.focus = (self.focus + 1) % self.fields.len();
        }
    }

    pub fn prev_field(&mut self) {
        if !self.fields.is_empty() {
            self.focus = (self.focus + self.fields.len() - 1) % self.fields.len();
        }
    }

    /// Clears every error, then marks those given and focuses the first.
    pub fn show_errors(&mut self, errors: &BTreeMap<FieldId, String>) {
        for field in &mut self.fields {
            field.error = errors.get(&field.id).cloned();
        }
        if let Some(first) = self.fields.iter().position(|f| f.error.is_some()) {
            self.focus = first;
        }
    }

    /// A key not bound to a form action: Enter moves on (or submits on the
    /// last field, and makes a new line in notes); anything else edits.
    pub fn handle_key(&mut self, key: &KeyEvent, keymap: &Keymap) -> FormEvent {
        let last = self.focus + 1 == self.fields.len();
        let Some(field) = self.fields.get_mut(self.focus) else {
            return FormEvent::Nothing;
        };
        let in_notes = matches!(field.editor, Editor::Notes(_));
        if key.code == KeyCode::Enter && !in_notes && !key.modifiers.contains(KeyModifiers::ALT) {
            if last {
                return FormEvent::Submit;
            }
            self.next_field();
            return FormEvent::Nothing;
        }
        if field.editor.handle(key, keymap) {
            field.error = None;
            self.touched = true;
            FormEvent::Changed
        } else {
            FormEvent::Nothing
        }
    }

    pub fn paste(&mut self, text: &str) -> FormEvent {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return FormEvent::Nothing;
        };
        if !field.editor.paste(text) {
            return FormEvent::Nothing;
        }
        field.error = None;
        self.touched = true;
        FormEvent::Changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> Form {
        let kinds = ["one_on_one", "meal", "coffee"]
            .iter()
            .zip(1..)
            .map(|(name, id)| (name.to_string(), Pick::Kind(id)))
            .collect();
        Form::new(
            "t",
            vec![
                Field::new(FieldId::Kind, "kind", Editor::choice(kinds, 0), ""),
                Field::new(FieldId::Quality, "quality", Editor::Score(None), ""),
                Field::new(FieldId::Notes, "notes", Editor::notes(""), ""),
                Field::new(FieldId::Tags, "tags", Editor::list(&[]), ""),
            ],
        )
    }

    fn press(form: &mut Form, code: KeyCode) -> FormEvent {
        form.handle_key(
            &KeyEvent::new(code, KeyModifiers::NONE),
            &Keymap::defaults(),
        )
    }

    #[test]
    fn a_letter_jumps_to_the_matching_choice_which_holds_its_id() {
        let mut f = form();
        press(&mut f, KeyCode::Char('c'));
        assert_eq!(f.picked(FieldId::Kind), Some(Pick::Kind(3)));
        press(&mut f, KeyCode::Right);
        assert_eq!(f.picked(FieldId::Kind), Some(Pick::Kind(1)));
        assert!(f.select(FieldId::Kind, Pick::Kind(2)));
        assert!(!f.select(FieldId::Kind, Pick::Kind(9)), "no such kind");
        assert_eq!(f.picked(FieldId::Kind), Some(Pick::Kind(2)));
    }

    #[test]
    fn enter_moves_on_makes_new_lines_in_notes_and_submits_on_the_last_field() {
        let mut f = form();
        assert_eq!(press(&mut f, KeyCode::Enter), FormEvent::Nothing);
        press(&mut f, KeyCode::Char('4'));
        assert_eq!(f.score(FieldId::Quality), Some(4));
        press(&mut f, KeyCode::Enter);
        press(&mut f, KeyCode::Char('a'));
        press(&mut f, KeyCode::Enter);
        press(&mut f, KeyCode::Char('b'));
        assert_eq!(f.text(FieldId::Notes), "a\nb");
        f.next_field();
        assert_eq!(press(&mut f, KeyCode::Enter), FormEvent::Submit);
    }

    #[test]
    fn a_paste_into_notes_keeps_its_lines_whatever_the_terminal_sends_for_them() {
        let mut f = form();
        while f.focused().map(|field| field.id) != Some(FieldId::Notes) {
            f.next_field();
        }
        f.paste("one\rtwo\r\nthree\nfour\u{1b}[2J\tend");
        assert_eq!(
            f.text(FieldId::Notes),
            "one\ntwo\nthree\nfour\u{1b}[2J\tend"
        );
    }

    #[test]
    fn a_list_field_splits_on_the_one_separator_rule() {
        let mut f = form();
        f.set_text(FieldId::Tags, "hiring, budget;  ; offsite ");
        assert_eq!(f.items(FieldId::Tags), ["hiring", "budget", "offsite"]);
    }

    #[test]
    fn a_day_field_reads_as_a_date_by_its_rule_and_says_what_is_wrong() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap_or_default();
        let mut f = Form::new(
            "t",
            vec![
                Field::new(
                    FieldId::Date,
                    "date",
                    Editor::prefilled_day("today", DayRule::Any),
                    "",
                ),
                Field::new(
                    FieldId::Until,
                    "until",
                    Editor::day("", DayRule::Upcoming),
                    "",
                ),
            ],
        );
        assert_eq!(f.day(FieldId::Date, today, None), Ok(today));
        f.set_text(FieldId::Date, "2026-02-30");
        assert!(
            f.day(FieldId::Date, today, None)
                .is_err_and(|e| e.contains("2026-02-30"))
        );
        assert_eq!(f.optional_day(FieldId::Until, today, None), Ok(None));
        f.set_text(FieldId::Until, "yesterday");
        assert!(
            f.optional_day(FieldId::Until, today, None).is_err(),
            "not ahead"
        );
        f.focus = 1;
        f.set_text(FieldId::Until, "");
        assert!(f.step_day(1, today));
        assert_eq!(
            f.day(FieldId::Until, today, None),
            today.succ_opt().ok_or_else(String::new)
        );
    }

    #[test]
    fn a_count_field_reads_as_a_number_in_its_range() {
        let mut f = Form::new(
            "t",
            vec![Field::new(
                FieldId::Minutes,
                "minutes",
                Editor::count(Some(30), 1, 1440, "minutes"),
                "",
            )],
        );
        assert_eq!(f.count(FieldId::Minutes), Ok(Some(30)));
        f.set_text(FieldId::Minutes, " ");
        assert_eq!(f.count(FieldId::Minutes), Ok(None));
        f.set_text(FieldId::Minutes, "0");
        assert_eq!(
            f.count(FieldId::Minutes),
            Err("`0` is not 1 to 1440 minutes".to_string())
        );
    }

    #[test]
    fn a_checklist_ticks_by_number_or_space_and_keeps_ids() {
        let mut list = Checklist::new(vec![(7, "a".into()), (9, "b".into()), (4, "c".into())]);
        let keymap = Keymap::defaults();
        let mut press = |c| {
            let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
            list.handle(&key, keymap.action(&key))
        };
        assert!(press('3'));
        assert!(!press('9'), "no ninth item");
        assert!(!press('k'));
        assert!(press(' '));
        assert_eq!(
            list.ticked_ids(),
            vec![9, 4],
            "k moved up to b, space ticked it"
        );
        list.tick_ids(&[7, 9]);
        assert_eq!(list.ticked_ids(), vec![7, 9]);
    }
}
