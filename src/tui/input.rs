//! A one-line text input: the characters, a cursor, and the keys that edit it.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::keymap::{Keymap, LineAction};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineInput {
    text: String,
    /// Cursor position in characters, 0..=len.
    cursor: usize,
    /// A default put there for the user ("today"): the first character
    /// typed replaces it, Backspace or Delete clears it, a cursor key keeps
    /// it to edit.
    prefilled: bool,
}

impl LineInput {
    pub fn new(text: &str) -> LineInput {
        LineInput {
            text: text.to_string(),
            cursor: text.chars().count(),
            prefilled: false,
        }
    }

    /// An input holding a default that typing replaces.
    pub fn prefilled(text: &str) -> LineInput {
        LineInput {
            prefilled: !text.is_empty(),
            ..LineInput::new(text)
        }
    }

    /// Whether it still holds the default put there for the user.
    pub fn is_prefilled(&self) -> bool {
        self.prefilled
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn set(&mut self, text: &str) {
        *self = LineInput::new(text);
    }

    /// Replaces the text with another default (a date stepped by a day).
    pub fn set_prefilled(&mut self, text: &str) {
        *self = LineInput::prefilled(text);
    }

    fn byte_at(&self, char_idx: usize) -> usize {
        self.text
            .char_indices()
            .nth(char_idx)
            .map_or(self.text.len(), |(i, _)| i)
    }

    /// Inserts text at the cursor; a line has no line breaks, so they become spaces.
    pub fn insert(&mut self, s: &str) {
        if std::mem::take(&mut self.prefilled) {
            self.text.clear();
            self.cursor = 0;
        }
        let clean: String = s
            .chars()
            .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
            .collect();
        let at = self.byte_at(self.cursor);
        self.text.insert_str(at, &clean);
        self.cursor += clean.chars().count();
    }

    /// Applies an editing key, bound in `[line]` or typed; returns whether
    /// the text changed.
    pub fn handle(&mut self, key: &KeyEvent, keymap: &Keymap) -> bool {
        match keymap.action::<LineAction>(key) {
            Some(action) => self.act(action),
            None => self.type_key(key),
        }
    }

    fn act(&mut self, action: LineAction) -> bool {
        self.prefilled = false;
        let len = self.text.chars().count();
        match action {
            LineAction::ClearLine => {
                let at = self.byte_at(self.cursor);
                self.text.replace_range(..at, "");
                self.cursor = 0;
                at > 0
            }
            LineAction::DeleteWord => {
                let chars: Vec<char> = self.text.chars().collect();
                let mut start = self.cursor;
                while start > 0 && chars[start - 1] == ' ' {
                    start -= 1;
                }
                while start > 0 && chars[start - 1] != ' ' {
                    start -= 1;
                }
                let (from, to) = (self.byte_at(start), self.byte_at(self.cursor));
                self.text.replace_range(from..to, "");
                let changed = start != self.cursor;
                self.cursor = start;
                changed
            }
            LineAction::LineStart => {
                self.cursor = 0;
                false
            }
            LineAction::LineEnd => {
                self.cursor = len;
                false
            }
        }
    }

    /// A key no `[line]` binding claims: typed characters and the arrows.
    fn type_key(&mut self, key: &KeyEvent) -> bool {
        let len = self.text.chars().count();
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if self.prefilled && matches!(key.code, KeyCode::Backspace | KeyCode::Delete) {
            let changed = !self.text.is_empty();
            *self = LineInput::default();
            return changed;
        }
        if matches!(key.code, KeyCode::Left | KeyCode::Right) {
            self.prefilled = false;
        }
        match key.code {
            KeyCode::Char(c) if !ctrl && !key.modifiers.contains(KeyModifiers::ALT) => {
                self.insert(&c.to_string());
                true
            }
            KeyCode::Backspace if self.cursor > 0 => {
                let from = self.byte_at(self.cursor - 1);
                let to = self.byte_at(self.cursor);
                self.text.replace_range(from..to, "");
                self.cursor -= 1;
                true
            }
            KeyCode::Delete if self.cursor < len => {
                let from = self.byte_at(self.cursor);
                let to = self.byte_at(self.cursor + 1);
                self.text.replace_range(from..to, "");
                true
            }
            KeyCode::Left => {
                self.cursor = self.cursor.saturating_sub(1);
                false
            }
            KeyCode::Right => {
                self.cursor = (self.cursor + 1).min(len);
                false
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(input: &mut LineInput, code: KeyCode) {
        input.handle(
            &KeyEvent::new(code, KeyModifiers::NONE),
            &Keymap::defaults(),
        );
    }

    #[test]
    fn typing_inserts_at_the_cursor_in_characters_not_bytes() {
        let mut input = LineInput::new("会議");
        press(&mut input, KeyCode::Left);
        press(&mut input, KeyCode::Char('x'));
        assert_eq!(input.text(), "会x議");
        press(&mut input, KeyCode::Backspace);
        press(&mut input, KeyCode::Backspace);
        assert_eq!(input.text(), "議");
        press(&mut input, KeyCode::Backspace);
        assert_eq!(input.text(), "議");
    }

    #[test]
    fn pasted_line_breaks_become_spaces() {
        let mut input = LineInput::default();
        input.insert("a\nb\r\nc");
        assert_eq!(input.text(), "a b  c");
    }

    #[test]
    fn ctrl_w_deletes_the_word_before_the_cursor() {
        let mut input = LineInput::new("talk about hiring");
        let keymap = Keymap::defaults();
        input.handle(
            &KeyEvent::new(KeyCode::Char('w'), KeyModifiers::CONTROL),
            &keymap,
        );
        assert_eq!(input.text(), "talk about ");
    }

    #[test]
    fn typing_replaces_a_prefilled_value() {
        let mut input = LineInput::prefilled("today");
        press(&mut input, KeyCode::Char('y'));
        assert_eq!(input.text(), "y");
        press(&mut input, KeyCode::Char('e'));
        assert_eq!(input.text(), "ye");
        let mut input = LineInput::prefilled("today");
        press(&mut input, KeyCode::Backspace);
        assert_eq!(input.text(), "");
        let mut input = LineInput::prefilled("today");
        press(&mut input, KeyCode::Left);
        press(&mut input, KeyCode::Char('X'));
        assert_eq!(input.text(), "todaXy", "a cursor key keeps it to edit");
        let mut plain = LineInput::new("Roadmap");
        press(&mut plain, KeyCode::Char('!'));
        assert_eq!(
            plain.text(),
            "Roadmap!",
            "a value being edited is not replaced"
        );
    }
}
