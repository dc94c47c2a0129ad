//! A form: labelled fields, each a small type with its own key handling, a
//! focus, and an error per field. What a form builds is decided in `forms`.

use std::borrow::Cow;
use std::collections::BTreeMap;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

use super::input::LineInput;
use super::keymap::{Action, Context, Keymap};

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

impl FieldId {
    pub fn key(self) -> &'static str {
        match self {
            FieldId::Kind => "kind",
            FieldId::Title => "title",
            FieldId::Quality => "quality",
            FieldId::Notes => "notes",
            FieldId::Date => "date",
            FieldId::Time => "time",
            FieldId::Minutes => "minutes",
            FieldId::By => "by",
            FieldId::With => "with",
            FieldId::Tags => "tags",
            FieldId::Strength => "strength",
            FieldId::Trust => "trust",
            FieldId::Clarity => "clarity",
            FieldId::Ease => "ease",
            FieldId::Note => "note",
            FieldId::Category => "category",
            FieldId::Tag => "tag",
            FieldId::Since => "since",
            FieldId::Until => "until",
            FieldId::Name => "name",
            FieldId::Role => "role",
            FieldId::Cadence => "cadence",
            FieldId::Strengths => "strengths",
            FieldId::Relation => "relation",
            FieldId::Topic => "topic",
            FieldId::NextOneOnOne => "next_one_on_one",
            FieldId::Applied => "applied",
            FieldId::Summary => "summary",
            FieldId::Path => "path",
            FieldId::Discussed => "discussed",
            FieldId::Picked => "picked",
            FieldId::NewTopics => "new_topics",
            FieldId::AdviceAsk => "advice_ask",
            FieldId::Item => "item",
            FieldId::Visible => "visible",
            FieldId::Call => "call",
            FieldId::MyPromises => "my_promises",
            FieldId::TheirPromises => "their_promises",
        }
    }
}

/// The editor a field uses.
#[derive(Debug, Clone)]
pub enum Editor {
    Line(LineInput),
    /// One of a fixed list; left/right (or h/l) cycle, a letter jumps.
    Choice {
        options: Vec<String>,
        selected: usize,
    },
    /// A 1–5 score, or none: digits set it, 0 or backspace clear it.
    Score(Option<u8>),
    /// Free multi-line text.
    Notes(Box<TextArea<'static>>),
    /// Items to tick, each with the id it stands for: j/k move, space ticks,
    /// a digit ticks that item (the numbers of the agenda and the summary).
    Checklist(Checklist),
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

    fn handle(&mut self, key: &KeyEvent, action: Option<Action>) -> bool {
        let last = self.items.len().saturating_sub(1);
        match action {
            Some(Action::Down) => {
                self.cursor = (self.cursor + 1).min(last);
                return false;
            }
            Some(Action::Up) => {
                self.cursor = self.cursor.saturating_sub(1);
                return false;
            }
            Some(Action::Toggle) => return self.toggle(self.cursor),
            _ => {}
        }
        match key.code {
            KeyCode::Char(c @ '1'..='9') => {
                let n = c.to_digit(10).map_or(0, |d| d as usize);
                self.toggle(n - 1)
            }
            _ => false,
        }
    }

    /// `3,5`: the ticked ids, as a draft keeps them.
    fn value(&self) -> String {
        let ids: Vec<String> = self.ticked_ids().iter().map(i64::to_string).collect();
        ids.join(",")
    }

    fn set_value(&mut self, value: &str) {
        let ids: Vec<i64> = value
            .split(',')
            .filter_map(|id| id.trim().parse().ok())
            .collect();
        for (tick, (id, _)) in self.ticked.iter_mut().zip(&self.items) {
            *tick = ids.contains(id);
        }
    }
}

impl Editor {
    pub fn line(text: &str) -> Editor {
        Editor::Line(LineInput::new(text))
    }

    /// A line holding a default ("today") that typing replaces.
    pub fn prefilled_line(text: &str) -> Editor {
        Editor::Line(LineInput::prefilled(text))
    }

    pub fn choice(options: Vec<String>, selected: usize) -> Editor {
        let selected = selected.min(options.len().saturating_sub(1));
        Editor::Choice { options, selected }
    }

    pub fn notes(text: &str) -> Editor {
        let lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        let mut area = TextArea::new(lines);
        area.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
        area.move_cursor(ratatui_textarea::CursorMove::Bottom);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        Editor::Notes(Box::new(area))
    }

    /// The value as text, for validation and drafts.
    pub fn value(&self) -> String {
        match self {
            Editor::Line(input) => input.text().to_string(),
            Editor::Choice { options, selected } => {
                options.get(*selected).cloned().unwrap_or_default()
            }
            Editor::Score(score) => score.map(|s| s.to_string()).unwrap_or_default(),
            Editor::Notes(area) => area.lines().join("\n"),
            Editor::Checklist(list) => list.value(),
        }
    }

    /// Sets the value from text, as saved in a draft.
    pub fn set_value(&mut self, value: &str) {
        match self {
            Editor::Line(input) => input.set(value),
            Editor::Choice { options, selected } => {
                if let Some(i) = options.iter().position(|o| o == value) {
                    *selected = i;
                }
            }
            Editor::Score(score) => *score = value.parse().ok().filter(|s| (1..=5).contains(s)),
            Editor::Notes(_) => *self = Editor::notes(value),
            Editor::Checklist(list) => list.set_value(value),
        }
    }

    /// Applies a key, bound in the editor's own keymap section or typed;
    /// returns whether the value changed.
    fn handle(&mut self, key: &KeyEvent, keymap: &Keymap) -> bool {
        match self {
            Editor::Line(input) => input.handle(key, keymap),
            Editor::Choice { options, selected } => {
                let count = options.len().max(1);
                let before = *selected;
                match (keymap.editing(Context::Choice, key), key.code) {
                    (Some(Action::PrevOption), _) => {
                        *selected = (*selected + count - 1) % count;
                    }
                    (Some(Action::NextOption), _) => {
                        *selected = (*selected + 1) % count;
                    }
                    (_, KeyCode::Char(c)) => {
                        // Jump to the next option starting with the letter typed.
                        let c = c.to_ascii_lowercase();
                        let next = (1..=count)
                            .map(|step| (*selected + step) % count)
                            .find(|&i| {
                                options
                                    .get(i)
                                    .and_then(|o| o.chars().next())
                                    .map(|f| f.to_ascii_lowercase())
                                    == Some(c)
                            });
                        if let Some(i) = next {
                            *selected = i;
                        }
                    }
                    _ => {}
                }
                before != *selected
            }
            Editor::Score(score) => {
                let before = *score;
                match (keymap.editing(Context::Score, key), key.code) {
                    (Some(Action::ScoreUp), _) => {
                        *score = Some(score.map_or(1, |s| (s + 1).min(5)));
                    }
                    (Some(Action::ScoreDown), _) => {
                        *score = score.and_then(|s| (s > 1).then(|| s - 1));
                    }
                    (Some(Action::ClearScore), _) => *score = None,
                    (_, KeyCode::Char(c @ '1'..='5')) => *score = c.to_digit(10).map(|d| d as u8),
                    _ => {}
                }
                before != *score
            }
            Editor::Notes(area) => area.input(*key),
            Editor::Checklist(list) => list.handle(key, keymap.editing(Context::Checklist, key)),
        }
    }

    fn paste(&mut self, text: &str) -> bool {
        match self {
            Editor::Line(input) => {
                input.insert(text);
                true
            }
            Editor::Notes(area) => {
                // Many terminals send a pasted line break as CR (tmux,
                // xterm): every CR, CRLF or LF is a new line here.
                area.insert_str(text.replace("\r\n", "\n").replace('\r', "\n"));
                true
            }
            _ => false,
        }
    }
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

    pub fn value(&self, id: FieldId) -> String {
        self.field(id).map(|f| f.editor.value()).unwrap_or_default()
    }

    pub fn set_value(&mut self, id: FieldId, value: &str) {
        if let Some(f) = self.fields.iter_mut().find(|f| f.id == id) {
            f.editor.set_value(value);
        }
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

    /// Every field's value by key, for a draft.
    pub fn snapshot(&self) -> BTreeMap<String, String> {
        self.fields
            .iter()
            .map(|f| (f.id.key().to_string(), f.editor.value()))
            .collect()
    }

    /// Puts back the values of a draft.
    pub fn restore(&mut self, values: &BTreeMap<String, String>) {
        for field in &mut self.fields {
            if let Some(v) = values.get(field.id.key()) {
                field.editor.set_value(v);
            }
        }
        self.touched = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> Form {
        Form::new(
            "t",
            vec![
                Field::new(
                    FieldId::Kind,
                    "kind",
                    Editor::choice(vec!["one_on_one".into(), "meal".into(), "coffee".into()], 0),
                    "",
                ),
                Field::new(FieldId::Quality, "quality", Editor::Score(None), ""),
                Field::new(FieldId::Notes, "notes", Editor::notes(""), ""),
                Field::new(FieldId::Tags, "tags", Editor::line(""), ""),
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
    fn a_letter_jumps_to_the_matching_choice() {
        let mut f = form();
        press(&mut f, KeyCode::Char('c'));
        assert_eq!(f.value(FieldId::Kind), "coffee");
        press(&mut f, KeyCode::Right);
        assert_eq!(f.value(FieldId::Kind), "one_on_one");
    }

    #[test]
    fn enter_moves_on_makes_new_lines_in_notes_and_submits_on_the_last_field() {
        let mut f = form();
        assert_eq!(press(&mut f, KeyCode::Enter), FormEvent::Nothing);
        press(&mut f, KeyCode::Char('4'));
        assert_eq!(f.value(FieldId::Quality), "4");
        press(&mut f, KeyCode::Enter);
        press(&mut f, KeyCode::Char('a'));
        press(&mut f, KeyCode::Enter);
        press(&mut f, KeyCode::Char('b'));
        assert_eq!(f.value(FieldId::Notes), "a\nb");
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
            f.value(FieldId::Notes),
            "one\ntwo\nthree\nfour\u{1b}[2J\tend"
        );
    }

    #[test]
    fn a_checklist_ticks_by_number_or_space_and_keeps_ids() {
        let mut list = Checklist::new(vec![(7, "a".into()), (9, "b".into()), (4, "c".into())]);
        let keymap = Keymap::defaults();
        let mut press = |c| {
            let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
            list.handle(&key, keymap.editing(Context::Checklist, &key))
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
        list.set_value("7,9");
        assert_eq!(list.value(), "7,9");
    }

    #[test]
    fn a_snapshot_restores_every_value() {
        let mut f = form();
        f.set_value(FieldId::Kind, "meal");
        f.set_value(FieldId::Quality, "5");
        f.set_value(FieldId::Notes, "line one\nline two");
        let snap = f.snapshot();
        let mut g = form();
        g.restore(&snap);
        assert_eq!(g.snapshot(), snap);
    }
}
