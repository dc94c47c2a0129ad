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

    /// The actions that mean something here: a keymap binding any other in
    /// this section is refused when it loads.
    pub fn actions(self) -> &'static [Action] {
        use Action as A;
        match self {
            Context::Global => &[
                A::Quit,
                A::Help,
                A::NextScreen,
                A::PrevScreen,
                A::ShowJournal,
                A::ShowInsights,
                A::ShowPrep,
                A::ShowNextSteps,
                A::ShowPeople,
                A::Suspend,
            ],
            Context::Journal => &[
                A::Down,
                A::Up,
                A::PageDown,
                A::PageUp,
                A::Top,
                A::Bottom,
                A::Add,
                A::Edit,
                A::Delete,
                A::Undo,
                A::Search,
                A::Filter,
                A::ClearFilter,
                A::CheckIn,
                A::DetailDown,
                A::DetailUp,
            ],
            Context::Insights => &[A::NextRange, A::PrevRange, A::NextPerson, A::CheckIn],
            Context::NextSteps => &[
                A::Down,
                A::Up,
                A::TakeStep,
                A::SnoozeDay,
                A::SnoozeWeek,
                A::SnoozeNextOneOnOne,
                A::Dismiss,
                A::SwitchOff,
                A::CheckIn,
            ],
            Context::People => &[
                A::Down,
                A::Up,
                A::FocusProfile,
                A::FocusPeople,
                A::Add,
                A::Edit,
                A::Remove,
                A::Undo,
                A::ConfirmItem,
                A::MarkUnclear,
                A::SetCurrent,
            ],
            Context::Prep => &[
                A::Down,
                A::Up,
                A::NextPane,
                A::PrevPane,
                A::AddTopic,
                A::TopicUp,
                A::TopicDown,
                A::DropTopic,
                A::SetNextOneOnOne,
                A::GenerateSummary,
                A::EditSummary,
                A::EditSummaryExternally,
                A::CopySummary,
                A::WriteSummary,
                A::MarkSummarySent,
                A::LogOneOnOne,
                A::CheckIn,
            ],
            Context::PrepAgenda => &[A::TopicDiscussed],
            Context::PrepAdvice => &[A::ReportBack],
            Context::PrepPromises => &[
                A::AddPromise,
                A::KeepPromise,
                A::MovePromise,
                A::DropPromise,
            ],
            Context::Form => &[
                A::NextField,
                A::PrevField,
                A::Save,
                A::Cancel,
                A::EditNotesExternally,
            ],
            Context::Search => &[A::KeepSearch, A::Cancel],
            Context::Confirm => &[A::Yes, A::No],
            Context::Help => &[A::Close, A::Down, A::Up],
            Context::Line => &[A::ClearLine, A::DeleteWord, A::LineStart, A::LineEnd],
            Context::Choice => &[A::PrevOption, A::NextOption],
            Context::Checklist => &[A::Down, A::Up, A::Toggle],
            Context::Score => &[A::ScoreUp, A::ScoreDown, A::ClearScore],
        }
    }

    /// Where a key not bound here is looked up next, before the global keys.
    fn parent(self) -> Option<Context> {
        match self {
            Context::PrepAgenda | Context::PrepAdvice | Context::PrepPromises => {
                Some(Context::Prep)
            }
            _ => None,
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
                            "unknown section [{}]: use {}",
                            context_name.get_ref(),
                            Context::ALL.map(Context::name).join(", ")
                        ),
                    )
                })?;
            for (action_name, keys) in actions {
                let action = Action::from_name(action_name.get_ref()).ok_or_else(|| {
                    let renamed = match action_name.get_ref().as_str() {
                        "mark_done" => {
                            "; it is now topic_discussed in [prep_agenda] and report_back in [prep_advice]"
                        }
                        "accept" => "; it is now keep_search in [search] and take_step in [next_steps]",
                        _ => "",
                    };
                    error(
                        action_name.span().start,
                        format!(
                            "unknown action `{}` in [{}]{renamed}",
                            action_name.get_ref(),
                            context.name()
                        ),
                    )
                })?;
                if !context.actions().contains(&action) {
                    let allowed: Vec<&str> = context.actions().iter().map(|a| a.name()).collect();
                    return Err(error(
                        action_name.span().start,
                        format!(
                            "`{}` does nothing in [{}]: its actions are {}",
                            action.name(),
                            context.name(),
                            allowed.join(", ")
                        ),
                    ));
                }
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

    /// The action a key press means in `context`, if any: its own keys,
    /// then its parent's, then the global ones.
    pub fn action(&self, context: Context, event: &KeyEvent) -> Option<Action> {
        self.resolve(context, event).map(|(_, action)| action)
    }

    /// The action a key press means and the section it is bound in.
    pub fn resolve(&self, context: Context, event: &KeyEvent) -> Option<(Context, Action)> {
        let key = Key::of(event);
        if let Some(&action) = self.lookup.get(&(context, key)) {
            return Some((context, action));
        }
        if let Some(parent) = context.parent() {
            return self.resolve(parent, event);
        }
        let plain = !key
            .mods
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
            && !matches!(key.code, KeyCode::F(_));
        if context.takes_text() && plain {
            return None;
        }
        self.lookup
            .get(&(Context::Global, key))
            .map(|&action| (Context::Global, action))
    }

    /// The action an editor's key means, looked up in that editor's
    /// context only (what is not bound there is typed).
    pub fn editing(&self, context: Context, event: &KeyEvent) -> Option<Action> {
        self.lookup.get(&(context, Key::of(event))).copied()
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
            for &action in c.actions() {
                if let Some(keys) = self.bindings.get(&(c, action))
                    && !keys.is_empty()
                {
                    let labels: Vec<String> = keys.iter().map(|k| k.label()).collect();
                    rows.push((c, labels.join(" "), action.description()));
                }
            }
        }
        rows
    }
}

#[cfg(test)]
mod tests;
