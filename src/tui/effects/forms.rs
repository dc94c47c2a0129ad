//! The forms' work against the store: an entry (new, with its promises, or
//! an edit of the version read), a check-in, a person, and the drafts kept
//! while typing. A save answers with a `forms::Msg`.

use chrono::{DateTime, NaiveDate, Utc};

use super::super::app::Msg;
use super::super::forms::{Cmd, DraftKey, EntryVersion, Msg as FormMsg};
use super::super::loading::Changed;
use crate::domain::PersonDraft;
use crate::store::{PersonChange, Store, StoreError};

/// Runs `cmd`; `None` when it has nothing to say (a draft kept, dropped,
/// or none to offer).
pub(super) fn run(
    store: &mut Store,
    cmd: Cmd,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Option<Msg>, StoreError> {
    let answer = match cmd {
        Cmd::SaveEntry {
            draft,
            editing,
            promises,
        } => {
            crate::fault::panic_if_asked("save-entry", &draft.notes);
            let entry = match editing {
                Some(EntryVersion { id, version, uid }) => store
                    .entries_mut()
                    .update_seen_interaction(id, uid, version, &draft, now)?,
                None => store
                    .entries_mut()
                    .add_interaction_with_promises(&draft, &promises, now)?,
            };
            FormMsg::EntrySaved {
                entry: Box::new(entry),
                was_edit: editing.is_some(),
            }
        }
        Cmd::SaveCheckIn(draft) => {
            FormMsg::CheckInSaved(store.check_ins_mut().add_check_in(&draft, now)?)
        }
        Cmd::SavePerson {
            draft,
            call,
            editing,
            make_current,
        } => FormMsg::PersonSaved(save_person(
            store,
            draft,
            call,
            editing,
            make_current,
            today,
            now,
        )?),
        Cmd::FindDrafts => match find_draft(store)? {
            Some((key, body)) => FormMsg::DraftFound { key, body },
            None => return Ok(None),
        },
        Cmd::SaveDraft { key, body } => {
            store.drafts_mut().save_draft(key.as_str(), &body, now)?;
            return Ok(None);
        }
        Cmd::DiscardDraft(key) => {
            store.drafts_mut().discard_draft(key.as_str())?;
            return Ok(None);
        }
    };
    Ok(Some(Msg::Form(answer)))
}

/// What a form's command writes, for `update::invalidate`.
pub(super) fn changed_by(cmd: &Cmd) -> Changed {
    match cmd {
        // An entry may carry an advice ask; a new entry may carry promises
        // made in it.
        Cmd::SaveEntry { .. } => Changed::ENTRIES | Changed::ADVICE | Changed::PROMISES,
        Cmd::SaveCheckIn(_) => Changed::CHECK_INS,
        Cmd::SavePerson { .. } => Changed::PEOPLE,
        Cmd::FindDrafts | Cmd::SaveDraft { .. } | Cmd::DiscardDraft(_) => Changed::empty(),
    }
}

fn save_person(
    store: &mut Store,
    draft: PersonDraft,
    call: String,
    editing: Option<i64>,
    make_current: bool,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<crate::domain::Person, StoreError> {
    match editing {
        Some(id) => {
            let change = PersonChange {
                name: Some(draft.name.clone()),
                role: Some(draft.role.clone()),
                call: Some(call),
                strengths: Some(draft.strengths.clone()),
                cadence_days: Some(draft.cadence_days),
                relation: Some(draft.relation),
                make_current,
                ..PersonChange::default()
            };
            store.people_mut().update_person(id, &change, today, now)
        }
        None => {
            let mut draft = draft;
            draft.is_current = make_current;
            let person = store.people_mut().add_person(&draft, today, now)?;
            if call.is_empty() {
                return Ok(person);
            }
            let change = PersonChange {
                call: Some(call),
                ..PersonChange::default()
            };
            store
                .people_mut()
                .update_person(person.id, &change, today, now)
        }
    }
}

/// This store's own drafts first (none in a fresh process), then drafts
/// of TUIs that have ended, newest first: the first one this TUI can take
/// becomes its own and is offered back (after "no", the next). A running
/// TUI's drafts are never touched.
fn find_draft(store: &mut Store) -> Result<Option<(DraftKey, String)>, StoreError> {
    for key in DraftKey::ALL {
        if let Some(body) = store.drafts().draft(key.as_str())? {
            return Ok(Some((key, body)));
        }
    }
    for orphan in store.drafts().orphan_drafts()? {
        // A form this build does not know (a newer rapport's) stays.
        let Some(key) = DraftKey::parse(&orphan.form) else {
            continue;
        };
        if store.drafts_mut().adopt_draft(&orphan)? {
            return Ok(Some((key, orphan.body)));
        }
    }
    Ok(None)
}
