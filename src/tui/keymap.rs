//! Key bindings as data: `assets/keymap.toml` embedded, a user
//! `keymap.toml` patched over it by action, and key presses resolved to
//! intents (`Action`) per context before any logic sees them.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crate::file_error::FileError;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use toml::Spanned;

mod action;
pub use action::Action;

const DEFAULT_KEYMAP: &str = include_str!("../../assets/keymap.toml");

/// Where a key press is read: each has its own bindings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Context {
    Global,
    Journal,
    Insights,
    NextSteps,
    People,
    Prep,
    Form,
    Search,
    Confirm,
    Help,
}

impl Context {
    const ALL: [Context; 10] = [
        Context::Global,
        Context::Journal,
        Context::Insights,
        Context::NextSteps,
        Context::People,
        Context::Prep,
        Context::Form,
        Context::Search,
        Context::Confirm,
        Context::Help,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::Journal => "journal",
            Context::Insights => "insights",
            Context::NextSteps => "next_steps",
            Context::People => "people",
            Context::Prep => "prep",
            Context::Form => "form",
            Context::Search => "search",
            Context::Confirm => "confirm",
            Context::Help => "help",
        }
    }

    /// Whether plain keys fall through to the global bindings; contexts that
    /// take typed text only let modified keys through.
    fn takes_text(self) -> bool {
        matches!(self, Context::Form | Context::Search | Context::Confirm)
    }
}

/// One key with its modifiers, as a keymap file spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    code: KeyCode,
    mods: KeyModifiers,
}

impl Key {
    /// The key of a terminal event, normalised the way bindings are.
    pub fn of(event: &KeyEvent) -> Key {
        let mut mods = event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
        let code = match event.code {
            // Shift is already in the character (`G`, `?`) or the code (BackTab).
            KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            other => other,
        };
        if event.modifiers.contains(KeyModifiers::SHIFT) && matches!(event.code, KeyCode::Tab) {
            mods.remove(KeyModifiers::SHIFT);
            return Key {
                code: KeyCode::BackTab,
                mods,
            };
        }
        Key { code, mods }
    }

    fn parse(text: &str) -> Option<Key> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = text;
        loop {
            if let Some(r) = rest.strip_prefix("ctrl-") {
                mods |= KeyModifiers::CONTROL;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("alt-") {
                mods |= KeyModifiers::ALT;
                rest = r;
            } else {
                break;
            }
        }
        let code = match rest {
            "enter" => KeyCode::Enter,
            "esc" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "backtab" | "shift-tab" => KeyCode::BackTab,
            "space" => KeyCode::Char(' '),
            "backspace" => KeyCode::Backspace,
            "delete" => KeyCode::Delete,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pageup" => KeyCode::PageUp,
            "pagedown" => KeyCode::PageDown,
            f if f.len() > 1 && f.starts_with('f') => {
                let n: u8 = f[1..].parse().ok().filter(|n| (1..=12).contains(n))?;
                KeyCode::F(n)
            }
            single => {
                let mut chars = single.chars();
                let c = chars.next()?;
                if chars.next().is_some() {
                    return None;
                }
                if mods.contains(KeyModifiers::CONTROL) {
                    KeyCode::Char(c.to_ascii_lowercase())
                } else {
                    KeyCode::Char(c)
                }
            }
        };
        Some(Key { code, mods })
    }

    /// How the help screen shows it: `ctrl-s`, `G`, `↓`.
    pub fn label(self) -> String {
        let base = match self.code {
            KeyCode::Enter => "enter".to_string(),
            KeyCode::Esc => "esc".to_string(),
            KeyCode::Tab => "tab".to_string(),
            KeyCode::BackTab => "shift-tab".to_string(),
            KeyCode::Char(' ') => "space".to_string(),
            KeyCode::Backspace => "backspace".to_string(),
            KeyCode::Delete => "delete".to_string(),
            KeyCode::Up => "↑".to_string(),
            KeyCode::Down => "↓".to_string(),
            KeyCode::Left => "←".to_string(),
            KeyCode::Right => "→".to_string(),
            KeyCode::Home => "home".to_string(),
            KeyCode::End => "end".to_string(),
            KeyCode::PageUp => "pgup".to_string(),
            KeyCode::PageDown => "pgdn".to_string(),
            KeyCode::F(n) => format!("f{n}"),
            KeyCode::Char(c) => c.to_string(),
            _ => "?".to_string(),
        };
        let mut label = String::new();
        if self.mods.contains(KeyModifiers::CONTROL) {
            label.push_str("ctrl-");
        }
        if self.mods.contains(KeyModifiers::ALT) {
            label.push_str("alt-");
        }
        label + &base
    }
}

/// A keymap file that cannot be used, with the file, line and key at fault.
pub type KeymapError = FileError;

/// The resolved bindings: for each context, which key means which action.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: BTreeMap<(Context, Action), Vec<Key>>,
    lookup: HashMap<(Context, Key), Action>,
}

type RawKeymap =
    BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, Spanned<Vec<Spanned<String>>>>>;

impl Keymap {
    /// The embedded defaults.
    pub fn defaults() -> Keymap {
        let mut keymap = Keymap {
            bindings: BTreeMap::new(),
            lookup: HashMap::new(),
        };
        // The embedded file is checked by a test, so this cannot fail in a release.
        if let Err(e) = keymap.patch(DEFAULT_KEYMAP, Path::new("assets/keymap.toml")) {
            debug_assert!(false, "default keymap: {e}");
        }
        keymap
    }

    /// The defaults with the user's file at `path` patched over them; a
    /// missing file is no error.
    pub fn load(path: &Path) -> Result<Keymap, KeymapError> {
        let mut keymap = Keymap::defaults();
        match std::fs::read_to_string(path) {
            Ok(text) => keymap.patch(&text, path)?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(FileError::unreadable(path, &e));
            }
        }
        Ok(keymap)
    }

    /// Replaces the keys of every action the file names.
    pub fn patch(&mut self, text: &str, path: &Path) -> Result<(), KeymapError> {
        let error = |offset: usize, message: String| FileError::at(path, text, offset, message);
        let raw: RawKeymap = toml::from_str(text).map_err(|e| FileError::toml(path, text, &e))?;
        for (context_name, actions) in raw {
            let context = Context::ALL
                .into_iter()
                .find(|c| c.name() == context_name.get_ref())
                .ok_or_else(|| {
                    error(
                        context_name.span().start,
                        format!(
                            "unknown section [{}]: use global, journal, insights, prep, next_steps, people, form, search, confirm or help",
                            context_name.get_ref()
                        ),
                    )
                })?;
            for (action_name, keys) in actions {
                let action = Action::from_name(action_name.get_ref()).ok_or_else(|| {
                    error(
                        action_name.span().start,
                        format!(
                            "unknown action `{}` in [{}]",
                            action_name.get_ref(),
                            context.name()
                        ),
                    )
                })?;
                let mut parsed = Vec::new();
                for key in keys.get_ref() {
                    let k = Key::parse(key.get_ref()).ok_or_else(|| {
                        error(
                            key.span().start,
                            format!(
                                "`{}` (for {} in [{}]) is not a key: use a character, a name like enter or pagedown, or ctrl-/alt- with one",
                                key.get_ref(),
                                action.name(),
                                context.name()
                            ),
                        )
                    })?;
                    parsed.push(k);
                }
                // A key claimed here leaves whatever action had it before in this context.
                for (&(c, _), other_keys) in self.bindings.iter_mut() {
                    if c == context {
                        other_keys.retain(|k| !parsed.contains(k));
                    }
                }
                self.bindings.insert((context, action), parsed);
            }
        }
        self.lookup = self
            .bindings
            .iter()
            .flat_map(|(&(context, action), keys)| {
                keys.iter().map(move |&k| ((context, k), action))
            })
            .collect();
        Ok(())
    }

    /// The action a key press means in `context`, if any.
    pub fn action(&self, context: Context, event: &KeyEvent) -> Option<Action> {
        let key = Key::of(event);
        if let Some(&action) = self.lookup.get(&(context, key)) {
            return Some(action);
        }
        let plain = !key
            .mods
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
            && !matches!(key.code, KeyCode::F(_));
        if context.takes_text() && plain {
            return None;
        }
        self.lookup.get(&(Context::Global, key)).copied()
    }

    /// The keys bound to `action` in `context`, for hints such as "a add".
    pub fn keys_for(&self, context: Context, action: Action) -> String {
        self.bindings
            .get(&(context, action))
            .or_else(|| self.bindings.get(&(Context::Global, action)))
            .and_then(|keys| keys.first())
            .map(|k| k.label())
            .unwrap_or_default()
    }

    /// Every binding of `context`, then the global ones, for the help screen.
    pub fn help(&self, context: Context) -> Vec<(Context, String, &'static str)> {
        let mut rows = Vec::new();
        for c in [context, Context::Global] {
            for (&(bc, action), keys) in &self.bindings {
                if bc == c && !keys.is_empty() {
                    let labels: Vec<String> = keys.iter().map(|k| k.label()).collect();
                    rows.push((c, labels.join(" "), action.description()));
                }
            }
            if context == Context::Global {
                break;
            }
        }
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn the_shipped_keymap_parses() {
        let mut keymap = Keymap {
            bindings: BTreeMap::new(),
            lookup: HashMap::new(),
        };
        assert_eq!(
            keymap.patch(DEFAULT_KEYMAP, Path::new("assets/keymap.toml")),
            Ok(())
        );
        assert!(keymap.bindings.len() > 30);
    }

    #[test]
    fn vim_keys_and_arrows_both_move() {
        let keymap = Keymap::defaults();
        for code in [KeyCode::Char('j'), KeyCode::Down] {
            assert_eq!(
                keymap.action(Context::Journal, &key(code, KeyModifiers::NONE)),
                Some(Action::Down)
            );
        }
        let shifted_g = key(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(
            keymap.action(Context::Journal, &shifted_g),
            Some(Action::Bottom)
        );
    }

    #[test]
    fn typing_in_a_form_does_not_trigger_global_keys() {
        let keymap = Keymap::defaults();
        let q = key(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(keymap.action(Context::Form, &q), None);
        assert_eq!(keymap.action(Context::Journal, &q), Some(Action::Quit));
        let ctrl_c = key(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(keymap.action(Context::Form, &ctrl_c), Some(Action::Quit));
    }

    #[test]
    fn a_user_override_replaces_the_action_and_frees_the_key() {
        let mut keymap = Keymap::defaults();
        let text = "[journal]\nadd = [\"n\", \"d\"]\n";
        assert_eq!(keymap.patch(text, Path::new("k.toml")), Ok(()));
        let a = key(KeyCode::Char('a'), KeyModifiers::NONE);
        let d = key(KeyCode::Char('d'), KeyModifiers::NONE);
        assert_eq!(keymap.action(Context::Journal, &a), None);
        assert_eq!(keymap.action(Context::Journal, &d), Some(Action::Add));
    }

    #[test]
    fn a_bad_key_names_file_line_and_key() {
        let mut keymap = Keymap::defaults();
        let text = "[journal]\nadd = [\"n\"]\ndelete = [\"ctrl-\"]\n";
        let err = keymap.patch(text, Path::new("/c/keymap.toml")).err();
        let err = err.map(|e| e.to_string()).unwrap_or_default();
        assert!(err.starts_with("/c/keymap.toml:3:"), "{err}");
        assert!(err.contains("ctrl-"), "{err}");
    }

    #[test]
    fn an_unknown_action_names_its_line() {
        let mut keymap = Keymap::defaults();
        let err = keymap
            .patch("[journal]\n\nfly = [\"x\"]\n", Path::new("k.toml"))
            .err()
            .map(|e| (e.line, e.message));
        assert_eq!(err.map(|(l, m)| (l, m.contains("fly"))), Some((3, true)));
    }

    #[test]
    fn every_action_has_a_name_that_round_trips() {
        for &action in Action::ALL {
            assert_eq!(Action::from_name(action.name()), Some(action));
        }
    }
}
