//! Keys while something covers the screen: help, a question, or a form —
//! and what a form's submit asks the store to do.

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent};

use super::super::app::{App, Cmd, Overlay, Question, TerminalCmd};
use super::super::form::{FieldId, FormEvent};
use super::super::forms::{self, OpenForm, Purpose};
use super::super::keymap::{ConfirmAction, FormAction, GlobalAction, HelpAction, Resolved};
use super::super::screens::prep::{self, PromiseCmd};
use super::super::screens::{journal, next_steps, people};
use super::fetches::batch;
use crate::domain::text::shown_line;

pub(super) fn on_overlay_key(app: &mut App, key: &KeyEvent) -> Option<Cmd> {
    let overlay = app.overlay.take()?;
    match overlay {
        Overlay::Help { scroll } => {
            match app.keymap.resolve::<HelpAction>(key) {
                Some(Resolved::Here(HelpAction::Close) | Resolved::Global(GlobalAction::Help)) => {}
                Some(Resolved::Here(HelpAction::Down)) => {
                    app.overlay = Some(Overlay::Help {
                        scroll: scroll.saturating_add(1),
                    })
                }
                Some(Resolved::Here(HelpAction::Up)) => {
                    app.overlay = Some(Overlay::Help {
                        scroll: scroll.saturating_sub(1),
                    })
                }
                Some(Resolved::Global(GlobalAction::Quit)) => {
                    return Some(Cmd::Terminal(TerminalCmd::Quit));
                }
                Some(Resolved::Global(_)) | None => app.overlay = Some(Overlay::Help { scroll }),
            }
            None
        }
        Overlay::Confirm(Question::RestoreDraft {
            key: draft_key,
            form,
        }) => match app.keymap.resolve::<ConfirmAction>(key) {
            Some(Resolved::Here(ConfirmAction::Yes)) => {
                app.overlay = Some(Overlay::Form(form));
                app.info("draft restored");
                None
            }
            // Declined: gone, and the next orphaned draft (if any) is offered.
            Some(Resolved::Here(ConfirmAction::No)) => Some(Cmd::Batch(vec![
                Cmd::DiscardDraft(draft_key),
                Cmd::FindDrafts,
            ])),
            Some(Resolved::Global(GlobalAction::Quit)) => Some(Cmd::Terminal(TerminalCmd::Quit)),
            Some(Resolved::Global(_)) | None => {
                app.overlay = Some(Overlay::Confirm(Question::RestoreDraft {
                    key: draft_key,
                    form,
                }));
                None
            }
        },
        Overlay::Confirm(Question::AttachOneOnOne {
            entry,
            title,
            mut form,
        }) => {
            // Esc is neither (the question closes): n is the answer that
            // logs a second 1:1.
            if key.code == KeyCode::Esc {
                return None;
            }
            match app.keymap.resolve::<ConfirmAction>(key) {
                Some(Resolved::Here(ConfirmAction::Yes)) => {
                    if let Purpose::OneOnOne { attach_to, .. } = &mut form.purpose {
                        *attach_to = Some(entry);
                    }
                    form.form.title = format!("{} (added to today's)", form.form.title);
                    form.form.intro = Some(format!(
                        "Added to “{}”: the topics close with it, and its quality, minutes and notes are filled in where it has none.",
                        shown_line(&title)
                    ));
                    app.overlay = Some(Overlay::Form(form));
                }
                Some(Resolved::Here(ConfirmAction::No)) => app.overlay = Some(Overlay::Form(form)),
                Some(Resolved::Global(GlobalAction::Quit)) => {
                    return Some(Cmd::Terminal(TerminalCmd::Quit));
                }
                Some(Resolved::Global(_)) | None => {
                    app.overlay = Some(Overlay::Confirm(Question::AttachOneOnOne {
                        entry,
                        title,
                        form,
                    }));
                }
            }
            None
        }
        Overlay::Confirm(Question::Confirm { title, text, yes }) => {
            match app.keymap.resolve::<ConfirmAction>(key) {
                Some(Resolved::Here(ConfirmAction::Yes)) => Some(*yes),
                Some(Resolved::Here(ConfirmAction::No)) => None,
                Some(Resolved::Global(GlobalAction::Quit)) => {
                    Some(Cmd::Terminal(TerminalCmd::Quit))
                }
                Some(Resolved::Global(_)) | None => {
                    app.overlay = Some(Overlay::Confirm(Question::Confirm { title, text, yes }));
                    None
                }
            }
        }
        Overlay::Form(mut open) => {
            let cmd = on_form_key(app, &mut open, key);
            // A form that was not closed goes back, unless another overlay took its place.
            if app.overlay.is_none() && !open.closed {
                app.overlay = Some(Overlay::Form(open));
            }
            cmd
        }
    }
}

pub(super) fn on_form_key(app: &mut App, open: &mut OpenForm, key: &KeyEvent) -> Option<Cmd> {
    if open.confirming_cancel {
        return match app.keymap.action::<ConfirmAction>(key) {
            Some(ConfirmAction::Yes) => {
                open.closed = true;
                app.coach.accepted = None;
                app.draft_idle_ticks = None;
                open.purpose.draft_key().map(Cmd::DiscardDraft)
            }
            Some(ConfirmAction::No) => {
                open.confirming_cancel = false;
                None
            }
            None => None,
        };
    }
    match app.keymap.resolve::<FormAction>(key) {
        Some(Resolved::Here(FormAction::NextField)) => {
            open.form.next_field();
            None
        }
        Some(Resolved::Here(FormAction::PrevField)) => {
            open.form.prev_field();
            None
        }
        Some(Resolved::Here(FormAction::Save)) => submit(app, open),
        Some(Resolved::Here(FormAction::Cancel)) => {
            if open.form.touched {
                open.confirming_cancel = true;
                None
            } else {
                open.closed = true;
                app.coach.accepted = None;
                if matches!(
                    open.purpose,
                    Purpose::Person {
                        onboarding: true,
                        ..
                    }
                ) {
                    app.info("add your manager on People (5) to start journaling");
                }
                None
            }
        }
        Some(Resolved::Global(GlobalAction::Quit)) => {
            super::fetches::batch([save_draft_of(open), Some(Cmd::Terminal(TerminalCmd::Quit))])
        }
        Some(Resolved::Global(GlobalAction::Suspend)) => Some(Cmd::Terminal(TerminalCmd::Suspend)),
        Some(Resolved::Here(FormAction::EditNotesExternally)) => edit_notes_externally(app, open),
        Some(Resolved::Global(_)) | None if step_day(open, key, app.today) => {
            app.draft_idle_ticks = Some(0);
            None
        }
        Some(Resolved::Global(_)) | None => match open.form.handle_key(key, &app.keymap) {
            FormEvent::Changed => {
                app.draft_idle_ticks = Some(0);
                None
            }
            FormEvent::Submit => submit(app, open),
            FormEvent::Nothing => None,
        },
    }
}

/// Hands the form's notes to `$VISUAL`/`$EDITOR`; what is typed so far is
/// kept as a draft first, in case the session ends in the editor.
fn edit_notes_externally(app: &mut App, open: &OpenForm) -> Option<Cmd> {
    if open.form.field(FieldId::Notes).is_none() {
        app.info("this form has no notes to edit");
        return None;
    }
    let notes = open.form.text(FieldId::Notes);
    batch([
        save_draft_of(open),
        Some(Cmd::Terminal(TerminalCmd::EditNotes { notes })),
    ])
}

/// The editor closed: its text goes into the open form's notes; when it
/// failed or nothing changed, the notes stay as they were and it says so.
pub(super) fn on_notes_edited(
    app: &mut App,
    notes: Option<String>,
    said: String,
    failed: bool,
) -> Option<Cmd> {
    let Some(Overlay::Form(open)) = &mut app.overlay else {
        if notes.is_some() {
            app.error("the form was closed while the editor was open; its text is not kept");
        }
        return None;
    };
    match notes {
        Some(notes) if open.form.field(FieldId::Notes).is_some() => {
            open.form.set_text(FieldId::Notes, &notes);
            open.form.touched = true;
            if let Some(at) = open.form.fields.iter().position(|f| f.id == FieldId::Notes) {
                open.form.focus = at;
            }
            app.draft_idle_ticks = Some(0);
            app.info("notes updated from the editor");
        }
        _ if failed => app.error(said),
        _ => app.info(said),
    }
    None
}

pub(super) fn save_draft_of(open: &OpenForm) -> Option<Cmd> {
    let key = open.purpose.draft_key()?;
    open.form.touched.then(|| Cmd::SaveDraft {
        key,
        body: open.draft_body(),
    })
}

/// The next 1:1 with `person_id` as the Prep sheet has it: what a due day
/// of "next 1:1" means.
fn next_one_on_one_of(app: &App, person_id: i64) -> Option<NaiveDate> {
    app.prep
        .sheet
        .as_ref()
        .filter(|s| s.person_id == person_id)
        .and_then(|s| s.next_one_on_one.on)
}

/// Validates the form and asks for it to be saved, or marks what is wrong.
pub(super) fn submit(app: &mut App, open: &mut OpenForm) -> Option<Cmd> {
    let today: NaiveDate = app.today;
    let result = match &open.purpose {
        Purpose::Entry { editing } => {
            forms::entry_with_promises(&open.form, &app.kinds, &app.people, today).map(
                |(draft, promises)| Cmd::SaveEntry {
                    draft: Box::new(draft),
                    editing: *editing,
                    promises,
                },
            )
        }
        Purpose::CheckIn => forms::check_in_draft(&open.form, app.manager().map(|m| m.id), today)
            .map(Cmd::SaveCheckIn),
        Purpose::Person {
            editing,
            onboarding,
        } => forms::person_draft(&open.form).map(|draft| Cmd::SavePerson {
            draft,
            call: forms::person_call(&open.form),
            editing: *editing,
            make_current: *onboarding || app.people.is_empty(),
        }),
        Purpose::Topic | Purpose::Reschedule | Purpose::ReportBack { .. } => {
            let Some(person_id) = app.manager().map(|m| m.id) else {
                app.error("add your manager first (People, 5)");
                return None;
            };
            match open.purpose {
                Purpose::Topic => forms::topic_text(&open.form)
                    .map(|text| Cmd::Prep(prep::Cmd::AddTopic { person_id, text })),
                Purpose::Reschedule => forms::next_date(&open.form, today)
                    .map(|day| Cmd::Prep(prep::Cmd::SetNextOneOnOne { person_id, day })),
                Purpose::ReportBack {
                    loop_id: Some(loop_id),
                } => Ok(Cmd::Prep(prep::Cmd::ReportAdvice {
                    loop_id,
                    applied: forms::applied(&open.form),
                })),
                _ => Ok(Cmd::NextSteps(next_steps::Cmd::ReportOldestAdvice {
                    person_id,
                    applied: forms::applied(&open.form),
                })),
            }
        }
        Purpose::Summary { person_id, week } => forms::summary_body(&open.form).map(|body| {
            Cmd::Prep(prep::Cmd::SaveSummary {
                person_id: *person_id,
                week: *week,
                body,
            })
        }),
        Purpose::WriteSummary { body } => forms::summary_path(&open.form).map(|path| {
            Cmd::Prep(prep::Cmd::WriteSummary {
                path,
                body: body.clone(),
                replace: false,
            })
        }),
        Purpose::OneOnOne {
            person_id,
            attach_to,
        } => {
            let Some(person) = app.people.iter().find(|p| p.id == *person_id) else {
                app.error("that person is no longer in the journal");
                return None;
            };
            forms::one_on_one_record(&open.form, &app.kinds, person, today).map(
                |(record, follow_ups)| {
                    Cmd::Prep(prep::Cmd::RecordOneOnOne {
                        record: Box::new(record),
                        follow_ups,
                        attach_to: *attach_to,
                    })
                },
            )
        }
        Purpose::Promise { person_id } => {
            let next = next_one_on_one_of(app, *person_id);
            forms::promise_draft(&open.form, *person_id, today, next)
                .map(|draft| Cmd::Prep(prep::Cmd::Promise(PromiseCmd::Add(draft))))
        }
        Purpose::MovePromise { id, person_id } => {
            let next = next_one_on_one_of(app, *person_id);
            forms::moved_due_day(&open.form, today, next)
                .map(|due_on| Cmd::Prep(prep::Cmd::Promise(PromiseCmd::Move { id: *id, due_on })))
        }
        Purpose::Profile {
            section,
            person_id,
            editing,
        } => {
            let Some(person) = app.people.iter().find(|p| p.id == *person_id) else {
                app.error("that person is gone; reload with 5");
                return None;
            };
            forms::profile_op(&open.form, *section, person, *editing)
                .map(|op| Cmd::People(people::Cmd::Profile(op)))
        }
        Purpose::Filter => match forms::filter_from(&open.form, &app.journal.filter, today) {
            Ok(filter) => {
                open.closed = true;
                return Some(Cmd::Journal(journal::set_filter(&mut app.journal, filter)));
            }
            Err(errors) => Err(errors),
        },
    };
    match result {
        Ok(cmd) => Some(cmd),
        Err(errors) => {
            open.form.show_errors(&errors);
            app.error(format!(
                "{} to fix",
                crate::present::count(errors.len(), "field", "fields")
            ));
            None
        }
    }
}

/// After a successful save: the form goes, and so does its draft; a
/// suggestion whose form it was is done.
pub(super) fn close_form(app: &mut App) -> Option<Cmd> {
    let key = match &app.overlay {
        Some(Overlay::Form(open)) => open.purpose.draft_key(),
        _ => None,
    };
    if matches!(app.overlay, Some(Overlay::Form(_))) {
        app.overlay = None;
    }
    app.draft_idle_ticks = None;
    let discard = key.map(Cmd::DiscardDraft);
    let ctx = crate::tui_ctx!(app);
    let done = next_steps::done_if_accepted(&mut app.coach, &ctx).map(Cmd::NextSteps);
    batch([discard, done])
}

/// `[` and `]` on a day field step its day back and forward (from today
/// when it is empty); the stepped day stays a default that typing replaces.
/// Whether the key was taken.
fn step_day(open: &mut OpenForm, key: &KeyEvent, today: NaiveDate) -> bool {
    let days = match key.code {
        KeyCode::Char('[') => -1,
        KeyCode::Char(']') => 1,
        _ => return false,
    };
    open.form.step_day(days, today)
}
