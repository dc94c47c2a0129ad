//! The forms the TUI opens (entry, check-in, filter, person, and those of
//! Prep and People) and what each builds from its fields once they are
//! valid; as an Elm module (`update`): its `State` (the form open in the
//! overlay), `Msg`, `Cmd`, `update` and `on_action`, and each form's submit
//! (`submit`).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

mod drafts;
mod prep;
mod profile;
mod promise;
mod small;
mod submit;
mod update;

pub use prep::{
    TopicItems, attach_one_on_one, one_on_one_form, one_on_one_record, one_on_one_topics,
    summary_body, summary_form, summary_path, write_summary_form,
};

pub use profile::{profile_form, profile_op};
pub use promise::{move_promise_form, moved_due_day, promise_draft, promise_form};
pub(super) use promise::{promise_fields, promises_field};
pub use small::{
    applied, check_in_draft, check_in_form, filter_form, filter_from, next_date, person_call,
    person_draft, person_form, report_back_form, reschedule_form, topic_form, topic_text,
};

pub use crate::domain::DraftKey;
pub use drafts::restore_draft;
pub use update::{
    Cmd, Msg, State, Work, closed, on_action, on_key, paste, restore_answered, save_draft_of, tick,
    update,
};

use super::form::{DayRule, Editor, Field, FieldId, Form, Pick};
use super::input::LineInput;
use crate::coach::Suggestion;
use crate::domain::Week;
use crate::domain::interaction::normalized_tags;
use crate::domain::text::LIST_HINT;
use crate::domain::{
    Category, InitiatedBy, Interaction, InteractionDraft, Kind, Person, PromiseNote, Quality,
};

/// What an open form is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    /// A new entry, or an edit of entry `id` read at `version`.
    Entry {
        editing: Option<EntryVersion>,
    },
    CheckIn,
    /// The Journal's filter; `text` is the search typed on the Journal when
    /// it opened, kept through the new filter.
    Filter {
        text: Option<String>,
    },
    /// A new person, or an edit of person `id`; onboarding is the first run.
    Person {
        editing: Option<i64>,
        onboarding: bool,
    },
    /// A topic for the next 1:1.
    Topic,
    /// The next 1:1's date.
    Reschedule,
    /// The report-back on an advice ask: the one given, else the oldest open.
    ReportBack {
        loop_id: Option<i64>,
    },
    /// This week's summary in the in-app editor.
    Summary {
        person_id: i64,
        week: Week,
    },
    /// Where to write the summary `body`.
    WriteSummary {
        body: String,
    },
    /// After the 1:1 with this person; saved onto the 1:1 `attach_to`
    /// already logged, when there is one.
    OneOnOne {
        person_id: i64,
        attach_to: Option<i64>,
    },
    /// A new promise with this person, from the Prep screen; "next 1:1"
    /// in its due day means `next_one_on_one` (as the sheet had it).
    Promise {
        person_id: i64,
        next_one_on_one: Option<NaiveDate>,
    },
    /// A new due day for promise `id`.
    MovePromise {
        id: i64,
        next_one_on_one: Option<NaiveDate>,
    },
    /// An item of a profile or an expectation, added or rewritten.
    Profile {
        section: crate::tui::screens::people::about::Section,
        person_id: i64,
        editing: Option<crate::tui::screens::people::about::RowKind>,
    },
}

/// The entry an edit form was opened on, and the version it was read at:
/// the save is refused if someone changed it since, or if the id is
/// another entry now (its stable key differs: a restore hands ids out again).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryVersion {
    pub id: i64,
    pub version: i64,
    pub uid: i64,
}

impl Purpose {
    /// The draft its contents are kept as while typing; a filter is not
    /// worth keeping.
    pub fn draft_key(&self) -> Option<DraftKey> {
        match self {
            Purpose::Entry { .. } => Some(DraftKey::Entry),
            Purpose::CheckIn => Some(DraftKey::CheckIn),
            Purpose::Person { .. } => Some(DraftKey::Person),
            Purpose::Summary { .. } => Some(DraftKey::Summary),
            Purpose::OneOnOne { .. } => Some(DraftKey::OneOnOne),
            Purpose::Filter { .. }
            | Purpose::Topic
            | Purpose::Reschedule
            | Purpose::ReportBack { .. }
            | Purpose::WriteSummary { .. }
            | Purpose::Promise { .. }
            | Purpose::MovePromise { .. }
            | Purpose::Profile { .. } => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct OpenForm {
    pub purpose: Purpose,
    pub form: Form,
    /// Esc was pressed with something typed: waiting for y/n.
    pub confirming_cancel: bool,
    /// Cancelled or done: not to be shown again.
    pub closed: bool,
    /// The coach's step this form was opened to take: done once it saves.
    pub accepted: Option<Suggestion>,
    /// Ticks since something was last typed; `None` when nothing typed is
    /// unsaved as a draft.
    pub idle_ticks: Option<u16>,
}

impl OpenForm {
    pub(super) fn new(purpose: Purpose, form: Form) -> OpenForm {
        OpenForm {
            purpose,
            form,
            confirming_cancel: false,
            closed: false,
            accepted: None,
            idle_ticks: None,
        }
    }
}

pub type FieldErrors = BTreeMap<FieldId, String>;

/// The people as a choice's options: each name, standing for its id.
pub(super) fn person_options(people: &[Person]) -> Vec<(String, Pick)> {
    people
        .iter()
        .map(|p| (p.name.clone(), Pick::Person(p.id)))
        .collect()
}

/// The kinds as a choice's options: each name, standing for its id.
pub(super) fn kind_options(kinds: &[Kind]) -> Vec<(String, Pick)> {
    kinds
        .iter()
        .map(|k| (k.name.clone(), Pick::Kind(k.id)))
        .collect()
}

/// Me or them, as a choice's options.
pub(super) fn initiator_options() -> Vec<(String, Pick)> {
    [InitiatedBy::Me, InitiatedBy::Them]
        .into_iter()
        .map(|by| (by.as_str().to_string(), Pick::InitiatedBy(by)))
        .collect()
}

/// The add/edit form for an entry, pre-filled from `existing` when editing.
pub fn entry_form(
    kinds: &[Kind],
    people: &[Person],
    manager: Option<&Person>,
    existing: Option<&Interaction>,
) -> OpenForm {
    let kind_at = existing
        .and_then(|e| kinds.iter().position(|k| k.id == e.kind_id))
        .unwrap_or(0);
    let person_id = existing.map(|e| e.person_id).or(manager.map(|m| m.id));
    let person_at = people
        .iter()
        .position(|p| Some(p.id) == person_id)
        .unwrap_or(0);
    let by_at = usize::from(existing.is_some_and(|e| e.initiated_by == InitiatedBy::Them));
    let text = |f: fn(&Interaction) -> String| existing.map(f).unwrap_or_default();
    let fields = vec![
        Field::new(
            FieldId::Kind,
            "Kind",
            Editor::choice(kind_options(kinds), kind_at),
            "←/→ or a letter",
        ),
        Field::new(
            FieldId::Title,
            "Title",
            Editor::line(&text(|e| e.title.clone())),
            "one line: what happened",
        ),
        Field::new(
            FieldId::Quality,
            "Quality",
            Editor::Score(existing.and_then(|e| e.quality).map(Quality::get)),
            "1-5, how well it went (0 for none)",
        ),
        Field::new(
            FieldId::Notes,
            "Notes",
            Editor::notes(&text(|e| e.notes.clone())),
            "Enter for a new line",
        ),
        Field::new(
            FieldId::Date,
            "Date",
            match existing {
                Some(e) => Editor::day(&e.happened_on.to_string(), DayRule::Any),
                None => Editor::prefilled_day("today", DayRule::Any),
            },
            "-3d, monday; [ ] step a day",
        ),
        Field::new(
            FieldId::Time,
            "Time",
            Editor::Time(LineInput::new(&text(|e| {
                e.at_time
                    .map(|t| t.format("%H:%M").to_string())
                    .unwrap_or_default()
            }))),
            "HH:MM, optional",
        ),
        Field::new(
            FieldId::Minutes,
            "Minutes",
            minutes_editor(existing.and_then(|e| e.minutes)),
            "how long, optional",
        ),
        Field::new(
            FieldId::By,
            "Started by",
            Editor::choice(initiator_options(), by_at),
            "←/→",
        ),
        Field::new(
            FieldId::With,
            "With",
            Editor::choice(person_options(people), person_at),
            "←/→ or a letter",
        ),
        Field::new(
            FieldId::Strength,
            "Strength",
            Editor::line(&text(|e| {
                e.advice_loop
                    .as_ref()
                    .map(|a| a.strength.clone())
                    .unwrap_or_default()
            })),
            "for an advice ask: their strength it draws on",
        ),
        Field::new(
            FieldId::Tags,
            "Tags",
            Editor::list(existing.map_or(&[], |e| &e.tags)),
            format!("{LIST_HINT}; Enter saves"),
        ),
    ];
    let mut fields = fields;
    // Tags last, as the field Enter saves from.
    let tags = fields.pop();
    if existing.is_none() {
        fields.extend(promise_fields());
    }
    fields.push(Field::new(
        FieldId::Visible,
        "Visible",
        Editor::choice(
            vec![
                ("shared".into(), Pick::Private(false)),
                ("private".into(), Pick::Private(true)),
            ],
            usize::from(existing.is_some_and(|e| e.private)),
        ),
        "work entries: shared goes into the summary (p: private); notes never do",
    ));
    fields.extend(tags);
    let title = if existing.is_some() {
        "Edit entry"
    } else {
        "New entry"
    };
    let purpose = Purpose::Entry {
        editing: existing.map(|e| EntryVersion {
            id: e.id,
            version: e.version,
            uid: e.uid,
        }),
    };
    OpenForm::new(purpose, Form::new(title, fields))
}

/// A new entry of the kind named `kind` (as the coach's playbook names
/// it), with a title when the suggestion has one.
pub fn suggested_entry_form(
    kinds: &[Kind],
    people: &[Person],
    manager: Option<&Person>,
    kind: &str,
    title: Option<&str>,
) -> OpenForm {
    let mut open = entry_form(kinds, people, manager, None);
    if let Some(kind) = kinds.iter().find(|k| k.name == kind) {
        open.form.select(FieldId::Kind, Pick::Kind(kind.id));
    }
    if let Some(title) = title {
        open.form.set_text(FieldId::Title, title);
    }
    open
}

/// The entry the form describes, or what is wrong with each field.
pub fn entry_draft(
    form: &Form,
    kinds: &[Kind],
    today: NaiveDate,
) -> Result<InteractionDraft, FieldErrors> {
    let mut errors = FieldErrors::new();
    let kind = match form.picked(FieldId::Kind) {
        Some(Pick::Kind(id)) => kinds.iter().find(|k| k.id == id),
        _ => None,
    };
    if kind.is_none() {
        errors.insert(FieldId::Kind, "pick a kind".into());
    }
    let person_id = match form.picked(FieldId::With) {
        Some(Pick::Person(id)) => Some(id),
        _ => None,
    };
    if person_id.is_none() {
        errors.insert(FieldId::With, "add a person first (People, 5)".into());
    }
    let happened_on = form
        .day(FieldId::Date, today, None)
        .map_err(|e| errors.insert(FieldId::Date, e))
        .ok();
    let at_time = form
        .time(FieldId::Time)
        .map_err(|e| errors.insert(FieldId::Time, e))
        .ok()
        .flatten();
    let minutes = minutes_field(form, &mut errors);
    let quality = form.quality(FieldId::Quality);
    if let Some(k) = kind
        && k.category == Category::Note
        && quality.is_some()
    {
        errors.insert(FieldId::Quality, "a note takes no quality: press 0".into());
    }
    if let Some(k) = kind
        && k.category == Category::Work
        && quality.is_some()
    {
        errors.insert(
            FieldId::Quality,
            "a work entry takes no quality: press 0".into(),
        );
    }
    let private = kind.is_some_and(|k| k.category == Category::Work)
        && form.picked(FieldId::Visible) == Some(Pick::Private(true));
    let tags = normalized_tags(&form.items(FieldId::Tags))
        .map_err(|e| errors.insert(FieldId::Tags, e.to_string()))
        .unwrap_or_default();
    let strength = form.text(FieldId::Strength).trim().to_string();
    let initiated_by = match form.picked(FieldId::By) {
        Some(Pick::InitiatedBy(by)) => by,
        _ => InitiatedBy::Me,
    };
    match (kind, person_id, happened_on) {
        (Some(kind), Some(person_id), Some(happened_on)) if errors.is_empty() => {
            Ok(InteractionDraft {
                person_id,
                kind_id: kind.id,
                happened_on,
                at_time,
                minutes,
                quality,
                initiated_by,
                title: form.text(FieldId::Title),
                notes: form.text(FieldId::Notes),
                tags,
                advice_strength: (!strength.is_empty()).then_some(strength),
                private,
            })
        }
        _ => Err(errors),
    }
}

/// The entry and the promises made in it (a new entry's form has the two
/// promise fields), or what is wrong with each field.
pub fn entry_with_promises(
    form: &Form,
    kinds: &[Kind],
    people: &[Person],
    today: NaiveDate,
) -> Result<(InteractionDraft, Vec<PromiseNote>), FieldErrors> {
    let draft = entry_draft(form, kinds, today);
    let mut errors = draft.as_ref().err().cloned().unwrap_or_default();
    let person = match form.picked(FieldId::With) {
        Some(Pick::Person(id)) => people.iter().find(|p| p.id == id),
        _ => None,
    };
    let made_on = form.day(FieldId::Date, today, None).unwrap_or(today);
    let promises = promises_field(form, person, made_on, today, &mut errors);
    match draft {
        Ok(draft) if errors.is_empty() => Ok((draft, promises)),
        _ => Err(errors),
    }
}

/// The Minutes field: empty, or 1 to 1440; anything else is an error on it.
fn minutes_field(form: &Form, errors: &mut FieldErrors) -> Option<u32> {
    form.count(FieldId::Minutes)
        .map_err(|e| errors.insert(FieldId::Minutes, e))
        .ok()
        .flatten()
}

/// The Minutes field's editor: how long, in minutes, if it matters.
pub(super) fn minutes_editor(minutes: Option<u32>) -> Editor {
    Editor::count(minutes, 1, 1440, "minutes")
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod update_tests;
