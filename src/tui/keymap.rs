//! Key bindings as data: `assets/keymap.toml` embedded, a user
//! `keymap.toml` patched over it by action, and key presses resolved to
//! intents per context (each section's own action enum, `action.rs`)
//! before any logic sees them.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crate::file_error::FileError;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use toml::Spanned;

mod action;
pub use action::{
    Actions, ChecklistAction, ChoiceAction, ConfirmAction, FormAction, GlobalAction, HelpAction,
    InsightsAction, JournalAction, LineAction, NextStepsAction, PeopleAction, PrepAction,
    PrepAdviceAction, PrepAgendaAction, PrepPromisesAction, Resolved, ScoreAction, SearchAction,
};

const DEFAULT_KEYMAP: &str = include_str!("../../assets/keymap.toml");

/// Where a key press is read: each has its own bindings, and its own set
/// of actions that may be bound there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Context {
    Global,
    Journal,
    Insights,
    NextSteps,
    People,
    Prep,
    /// The Prep screen with the agenda in focus (falls back to `Prep`).
    PrepAgenda,
    /// The Prep screen with the advice asks in focus (falls back to `Prep`).
    PrepAdvice,
    /// The Prep screen with the promises in focus (falls back to `Prep`).
    PrepPromises,
    Form,
    Search,
    Confirm,
    Help,
    /// A line of text: a form's field or the search line.
    Line,
    /// A field that picks one of a few options.
    Choice,
    /// A field that ticks items of a list.
    Checklist,
    /// A field that holds a score of 1-5.
    Score,
}

impl Context {
    const ALL: [Context; 17] = [
        Context::Global,
        Context::Journal,
        Context::Insights,
        Context::NextSteps,
        Context::People,
        Context::Prep,
        Context::PrepAgenda,
        Context::PrepAdvice,
        Context::PrepPromises,
        Context::Form,
        Context::Search,
        Context::Confirm,
        Context::Help,
        Context::Line,
        Context::Choice,
        Context::Checklist,
        Context::Score,
    ];

    /// The editors' contexts, in the order help lists them.
    pub const EDITORS: [Context; 4] = [
        Context::Line,
        Context::Choice,
        Context::Checklist,
        Context::Score,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::Journal => "journal",
            Context::Insights => "insights",
            Context::NextSteps => "next_steps",
            Context::People => "people",
            Context::Prep => "prep",
            Context::PrepAgenda => "prep_agenda",
            Context::PrepAdvice => "prep_advice",
            Context::PrepPromises => "prep_promises",
            Context::Form => "form",
            Context::Search => "search",
            Context::Confirm => "confirm",
            Context::Help => "help",
            Context::Line => "line",
            Context::Choice => "choice",
            Context::Checklist => "checklist",
            Context::Score => "score",
        }
    }

    /// How the help screen heads its keys.
    pub fn heading(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::Journal => "On this screen (journal)",
            Context::Insights => "On this screen (insights)",
            Context::NextSteps => "On this screen (next steps)",
            Context::People => "On this screen (people)",
            Context::Prep => "On this screen (prep)",
            Context::PrepAgenda => "On the agenda",
            Context::PrepAdvice => "On the advice asks",
            Context::PrepPromises => "On the promises",
            Context::Form => "In a form",
            Context::Search => "In the search line",
            Context::Confirm => "When asked yes or no",
            Context::Help => "In this help",
            Context::Line => "In a line of text",
            Context::Choice => "In a field with options",
            Context::Checklist => "In a list to tick",
            Context::Score => "In a score",
        }
    }

    /// The names and help lines of the actions that mean something here: a
    /// keymap binding any other in this section is refused when it loads.
    pub fn actions(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Context::Global => GlobalAction::INFO,
            Context::Journal => JournalAction::INFO,
            Context::Insights => InsightsAction::INFO,
            Context::NextSteps => NextStepsAction::INFO,
            Context::People => PeopleAction::INFO,
            Context::Prep => PrepAction::INFO,
            Context::PrepAgenda => PrepAgendaAction::INFO,
            Context::PrepAdvice => PrepAdviceAction::INFO,
            Context::PrepPromises => PrepPromisesAction::INFO,
            Context::Form => FormAction::INFO,
            Context::Search => SearchAction::INFO,
            Context::Confirm => ConfirmAction::INFO,
            Context::Help => HelpAction::INFO,
            Context::Line => LineAction::INFO,
            Context::Choice => ChoiceAction::INFO,
            Context::Checklist => ChecklistAction::INFO,
            Context::Score => ScoreAction::INFO,
        }
    }

    /// The contexts whose keys also work here, for the help screen.
    fn children(self) -> &'static [Context] {
        match self {
            Context::Prep => &[
                Context::PrepAgenda,
                Context::PrepPromises,
                Context::PrepAdvice,
            ],
            _ => &[],
        }
    }

    /// Whether plain keys fall through to the global bindings; contexts that
    /// take typed text only let modified keys through.
    fn takes_text(self) -> bool {
        matches!(
            self,
            Context::Form
                | Context::Search
                | Context::Confirm
                | Context::Line
                | Context::Choice
                | Context::Checklist
                | Context::Score
        )
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

/// The resolved bindings: for each context, which key means which of its
/// actions (by the action's place in its enum, `Actions::index`).
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: BTreeMap<(Context, usize), Vec<Key>>,
    lookup: HashMap<(Context, Key), usize>,
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
                            "unknown section [{}]: use {}",
                            context_name.get_ref(),
                            Context::ALL.map(Context::name).join(", ")
                        ),
                    )
                })?;
            let allowed = context.actions();
            for (action_name, keys) in actions {
                let name = action_name.get_ref().as_str();
                let Some(action) = allowed.iter().position(|(n, _)| *n == name) else {
                    let elsewhere = Context::ALL
                        .into_iter()
                        .any(|c| c.actions().iter().any(|(n, _)| *n == name));
                    let message = if elsewhere {
                        let names: Vec<&str> = allowed.iter().map(|(n, _)| *n).collect();
                        format!(
                            "`{name}` does nothing in [{}]: its actions are {}",
                            context.name(),
                            names.join(", ")
                        )
                    } else {
                        let renamed = match name {
                            "mark_done" => {
                                "; it is now topic_discussed in [prep_agenda] and report_back in [prep_advice]"
                            }
                            "accept" => {
                                "; it is now keep_search in [search] and take_step in [next_steps]"
                            }
                            _ => "",
                        };
                        format!("unknown action `{name}` in [{}]{renamed}", context.name())
                    };
                    return Err(error(action_name.span().start, message));
                };
                let mut parsed = Vec::new();
                for key in keys.get_ref() {
                    let k = Key::parse(key.get_ref()).ok_or_else(|| {
                        error(
                            key.span().start,
                            format!(
                                "`{}` (for {name} in [{}]) is not a key: use a character, a name like enter or pagedown, or ctrl-/alt- with one",
                                key.get_ref(),
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

    /// The action of `A`'s section a key press means, looked up there only:
    /// an editor's keys (what is not bound there is typed), a pane's own.
    pub fn action<A: Actions>(&self, event: &KeyEvent) -> Option<A> {
        let index = self.lookup.get(&(A::CONTEXT, Key::of(event)))?;
        A::ALL.get(*index).copied()
    }

    /// What a key press means where `A`'s keys are read: one of them, else
    /// a global one — except that where text is typed, only keys with ctrl,
    /// alt or a function key reach the global ones.
    pub fn resolve<A: Actions>(&self, event: &KeyEvent) -> Option<Resolved<A>> {
        if let Some(action) = self.action::<A>(event) {
            return Some(Resolved::Here(action));
        }
        let key = Key::of(event);
        let plain = !key
            .mods
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
            && !matches!(key.code, KeyCode::F(_));
        if A::CONTEXT.takes_text() && plain {
            return None;
        }
        self.action::<GlobalAction>(event).map(Resolved::Global)
    }

    /// The keys bound to `action`, for hints such as "a add".
    pub fn keys_for<A: Actions>(&self, action: A) -> String {
        self.bindings
            .get(&(A::CONTEXT, action.index()))
            .and_then(|keys| keys.first())
            .map(|k| k.label())
            .unwrap_or_default()
    }

    /// Every binding of `context` (and of the panes under it), then the
    /// global ones, then the forms' and the editors' keys, for the help
    /// screen; each context's rows in the order of its actions.
    pub fn help(&self, context: Context) -> Vec<(Context, String, &'static str)> {
        let mut contexts = vec![context];
        contexts.extend_from_slice(context.children());
        contexts.push(Context::Global);
        contexts.push(Context::Form);
        contexts.extend(Context::EDITORS);
        contexts.dedup();
        let mut rows = Vec::new();
        for c in contexts {
            for (index, (_, description)) in c.actions().iter().enumerate() {
                if let Some(keys) = self.bindings.get(&(c, index))
                    && !keys.is_empty()
                {
                    let labels: Vec<String> = keys.iter().map(|k| k.label()).collect();
                    rows.push((c, labels.join(" "), *description));
                }
            }
        }
        rows
    }
}

#[cfg(test)]
mod tests;
