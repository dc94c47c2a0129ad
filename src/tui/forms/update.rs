//! The forms as an Elm module, shaped like the screens: the `State` is the
//! form open in the overlay; a key is a `FormAction` (`on_action`) or
//! typing (`on_key`); a save asks for the form's own `Cmd` — or, for a form
//! that edits a screen's data, that screen's command (`Work`) — and the
//! store's answer comes back as a `Msg` (`update`), which closes the form
//! and tells the screens a save matters to.

use crossterm::event::{KeyCode, KeyEvent};

use super::super::app::{Overlay, Question, TerminalCmd};
use super::super::ctx::Ctx;
use super::super::form::{FieldId, FormEvent};
use super::super::keymap::{ConfirmAction, FormAction, GlobalAction, Resolved};
use super::super::screens::{Ask, Outcome, next_steps, people, prep};
use super::{DraftKey, EntryVersion, OpenForm, Purpose, restore_draft, submit};
use crate::domain::text::shown_line;
use crate::domain::{
    CheckIn, CheckInDraft, Interaction, InteractionDraft, Person, PersonDraft, PromiseNote,
};

/// The form open in the overlay.
pub type State = OpenForm;

/// Ticks of quiet typing after which a draft is saved.
const DRAFT_DEBOUNCE_TICKS: u16 = 2;

/// What comes back to the forms.
#[derive(Debug, Clone)]
pub enum Msg {
    EntrySaved {
        entry: Box<Interaction>,
        was_edit: bool,
    },
    CheckInSaved(CheckIn),
    PersonSaved(Person),
    /// The editor closed on the open form's notes: `notes` is the text
    /// when it changed; `said` what happened, `failed` if it went wrong.
    NotesEdited {
        notes: Option<String>,
        said: String,
        failed: bool,
    },
    /// A draft this TUI may offer back (its own, or one an ended TUI left).
    DraftFound {
        key: DraftKey,
        body: String,
    },
}

/// What a form asks the journal for.
#[derive(Debug, Clone)]
pub enum Cmd {
    SaveEntry {
        draft: Box<InteractionDraft>,
        editing: Option<EntryVersion>,
        /// Promises made in a new entry, saved with it.
        promises: Vec<PromiseNote>,
    },
    SaveCheckIn(CheckInDraft),
    SavePerson {
        draft: PersonDraft,
        /// The name to call them by (empty: the first word of their name).
        call: String,
        editing: Option<i64>,
        make_current: bool,
    },
    /// The first draft this TUI may offer back, if there is one.
    FindDrafts,
    SaveDraft {
        key: DraftKey,
        body: String,
    },
    DiscardDraft(DraftKey),
}

impl Cmd {
    /// Whether it is about a draft (kept, dropped, looked for): quiet work
    /// that no key waits for, and that waits for the journal's check
    /// instead of being refused.
    pub fn is_draft(&self) -> bool {
        match self {
            Cmd::FindDrafts | Cmd::SaveDraft { .. } | Cmd::DiscardDraft(_) => true,
            Cmd::SaveEntry { .. } | Cmd::SaveCheckIn(_) | Cmd::SavePerson { .. } => false,
        }
    }
}

/// What a form hands back to be run: its own command, or — for a form that
/// edits a screen's data (a topic, a promise, the summary, a profile item)
/// — that screen's command, whose answer goes to that screen.
#[derive(Debug, Clone)]
pub enum Work {
    Form(Cmd),
    Prep(prep::Cmd),
    People(people::Cmd),
    NextSteps(next_steps::Cmd),
}

impl From<Cmd> for Work {
    fn from(cmd: Cmd) -> Work {
        Work::Form(cmd)
    }
}

/// An answer for the forms; `open` is the form in the overlay, if one is.
/// A save closes it (its draft goes, a step accepted through it is done)
/// and shows the screens what changed: this match is where a save is
/// routed to them; what rests on the data reloads by `invalidate`.
pub fn update(open: Option<&mut State>, msg: Msg, ctx: &Ctx<'_>) -> Outcome<Work> {
    let saved = |said: String| Outcome::info(said).and(Ask::CloseForm);
    match msg {
        Msg::EntrySaved { entry, was_edit } => {
            let verb = if was_edit { "updated" } else { "saved" };
            saved(format!(
                "{verb} {} with {}",
                entry.kind,
                shown_line(&entry.person)
            ))
            .and(Ask::ShowEntry(entry.id))
        }
        Msg::CheckInSaved(check_in) => saved(format!(
            "checked in: trust {}, clarity {}, ease {}",
            check_in.trust, check_in.clarity, check_in.ease
        )),
        Msg::PersonSaved(person) => saved(format!("saved {}", shown_line(&person.name))),
        Msg::NotesEdited {
            notes,
            said,
            failed,
        } => notes_edited(open, notes, said, failed),
        Msg::DraftFound { key, body } => {
            match restore_draft(key, &body, ctx.kinds, ctx.people, ctx.manager()) {
                Some(form) => Outcome::ask(Ask::Offer(Overlay::Confirm(Question::RestoreDraft {
                    key,
                    form: Box::new(form),
                }))),
                None => Outcome::cmd(Work::Form(Cmd::DiscardDraft(key))),
            }
        }
    }
}

/// The answer to "restore what you typed?": yes opens the draft's form
/// again; no drops the draft, and the next one left behind (if any) is
/// offered.
pub fn restore_answered(key: DraftKey, form: Box<State>, restore: bool) -> Outcome<Work> {
    if restore {
        return Outcome::ask(Ask::Open(Overlay::Form(form)))
            .and(Ask::Info("draft restored".into()));
    }
    Outcome::cmd(Work::Form(Cmd::DiscardDraft(key))).with(Some(Work::Form(Cmd::FindDrafts)))
}

/// A key on the open form: y/n while it asks whether to discard, else a
/// form action, quit or suspend, or typing into the focused field.
pub fn on_key(open: &mut State, key: &KeyEvent, ctx: &Ctx<'_>) -> Outcome<Work> {
    if open.confirming_cancel {
        return match ctx.keymap.action::<ConfirmAction>(key) {
            Some(ConfirmAction::Yes) => {
                open.closed = true;
                open.idle_ticks = None;
                open.purpose
                    .draft_key()
                    .map(|key| Work::Form(Cmd::DiscardDraft(key)))
                    .into()
            }
            Some(ConfirmAction::No) => {
                open.confirming_cancel = false;
                Outcome::none()
            }
            None => Outcome::none(),
        };
    }
    match ctx.keymap.resolve::<FormAction>(key) {
        Some(Resolved::Here(action)) => on_action(open, action, ctx),
        Some(Resolved::Global(GlobalAction::Quit)) => {
            Outcome::from(save_draft_of(open).map(Work::Form)).and(Ask::Terminal(TerminalCmd::Quit))
        }
        Some(Resolved::Global(GlobalAction::Suspend)) => {
            Outcome::ask(Ask::Terminal(TerminalCmd::Suspend))
        }
        Some(Resolved::Global(_)) | None => {
            if step_day(open, key, ctx) {
                open.idle_ticks = Some(0);
                return Outcome::none();
            }
            match open.form.handle_key(key, ctx.keymap) {
                FormEvent::Changed => {
                    open.idle_ticks = Some(0);
                    Outcome::none()
                }
                FormEvent::Submit => submit::submit(open, ctx),
                FormEvent::Nothing => Outcome::none(),
            }
        }
    }
}

/// An action of `[form]`: every one is handled here (the compiler checks).
pub fn on_action(open: &mut State, action: FormAction, ctx: &Ctx<'_>) -> Outcome<Work> {
    match action {
        FormAction::NextField => {
            open.form.next_field();
            Outcome::none()
        }
        FormAction::PrevField => {
            open.form.prev_field();
            Outcome::none()
        }
        FormAction::Save => submit::submit(open, ctx),
        FormAction::Cancel if open.form.touched => {
            open.confirming_cancel = true;
            Outcome::none()
        }
        FormAction::Cancel => {
            open.closed = true;
            if let Purpose::Person {
                onboarding: true, ..
            } = open.purpose
            {
                return Outcome::info("add your manager on People (5) to start journaling");
            }
            Outcome::none()
        }
        FormAction::EditNotesExternally => edit_notes_externally(open),
    }
}

/// A paste into the focused field.
pub fn paste(open: &mut State, text: &str) {
    if open.form.paste(text) == FormEvent::Changed {
        open.idle_ticks = Some(0);
    }
}

/// A tick: once typing has been quiet a while, what is typed is kept as
/// a draft.
pub fn tick(open: &mut State) -> Option<Cmd> {
    let idle = open.idle_ticks? + 1;
    if idle < DRAFT_DEBOUNCE_TICKS {
        open.idle_ticks = Some(idle);
        return None;
    }
    open.idle_ticks = None;
    save_draft_of(open)
}

/// What is typed, kept as the form's draft (when the form keeps one and
/// something was typed).
pub fn save_draft_of(open: &State) -> Option<Cmd> {
    let key = open.purpose.draft_key()?;
    open.form.touched.then(|| Cmd::SaveDraft {
        key,
        body: open.draft_body(),
    })
}

/// The form closed after a save: its draft goes, and a step of the coach
/// accepted through it is done.
pub fn closed(open: &State, ctx: &Ctx<'_>) -> Vec<Work> {
    let discard = open
        .purpose
        .draft_key()
        .map(|key| Work::Form(Cmd::DiscardDraft(key)));
    let done = open
        .accepted
        .as_ref()
        .and_then(|s| next_steps::done(s, ctx))
        .map(Work::NextSteps);
    discard.into_iter().chain(done).collect()
}

/// Hands the form's notes to `$VISUAL`/`$EDITOR`; what is typed so far is
/// kept as a draft first, in case the session ends in the editor.
fn edit_notes_externally(open: &State) -> Outcome<Work> {
    if open.form.field(FieldId::Notes).is_none() {
        return Outcome::info("this form has no notes to edit");
    }
    let notes = open.form.text(FieldId::Notes);
    Outcome::from(save_draft_of(open).map(Work::Form))
        .and(Ask::Terminal(TerminalCmd::EditNotes { notes }))
}

/// The editor closed: its text goes into the open form's notes; when it
/// failed or nothing changed, the notes stay as they were and it says so.
fn notes_edited(
    open: Option<&mut State>,
    notes: Option<String>,
    said: String,
    failed: bool,
) -> Outcome<Work> {
    let Some(open) = open else {
        return match notes {
            Some(_) => Outcome::ask(Ask::Error(
                "the form was closed while the editor was open; its text is not kept".into(),
            )),
            None => Outcome::none(),
        };
    };
    match notes {
        Some(notes) if open.form.field(FieldId::Notes).is_some() => {
            open.form.set_text(FieldId::Notes, &notes);
            open.form.touched = true;
            if let Some(at) = open.form.fields.iter().position(|f| f.id == FieldId::Notes) {
                open.form.focus = at;
            }
            open.idle_ticks = Some(0);
            Outcome::info("notes updated from the editor")
        }
        _ if failed => Outcome::ask(Ask::Error(said)),
        _ => Outcome::info(said),
    }
}

/// `[` and `]` on a day field step its day back and forward (from today
/// when it is empty); the stepped day stays a default that typing replaces.
/// Whether the key was taken.
fn step_day(open: &mut State, key: &KeyEvent, ctx: &Ctx<'_>) -> bool {
    let days = match key.code {
        KeyCode::Char('[') => -1,
        KeyCode::Char(']') => 1,
        _ => return false,
    };
    open.form.step_day(days, ctx.today)
}
