//! Each form's submit: what it builds from its typed fields once they are
//! valid, as the work to run — or what is wrong, marked on the fields and
//! said on the status line. One function per form, chosen by its purpose.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::super::ctx::Ctx;
use super::super::form::Form;
use super::super::screens::people::about::{RowKind, Section};
use super::super::screens::prep::{self, PromiseCmd};
use super::super::screens::{Ask, Outcome, next_steps, people};
use super::update::{Cmd, Work};
use super::{
    EntryVersion, FieldErrors, OpenForm, Purpose, applied, check_in_draft, entry_with_promises,
    filter_from, moved_due_day, next_date, one_on_one_record, person_call, person_draft,
    profile_op, promise_draft, summary_body, summary_path, topic_text,
};
use crate::domain::{Person, Week};
use crate::store::InteractionFilter;

/// Why a form was not saved.
enum Refusal {
    /// What is wrong with each field.
    Fields(FieldErrors),
    /// Nothing typed is wrong: the journal lacks what the form needs.
    Said(&'static str),
}

impl From<FieldErrors> for Refusal {
    fn from(errors: FieldErrors) -> Refusal {
        Refusal::Fields(errors)
    }
}

type Submitted = Result<Work, Refusal>;

/// Validates the open form and asks for it to be saved, or marks what is
/// wrong. The form stays open until the save's answer closes it (a filter,
/// which saves nothing, closes at once).
pub(super) fn submit(open: &mut OpenForm, ctx: &Ctx<'_>) -> Outcome<Work> {
    let form = &open.form;
    let submitted = match &open.purpose {
        Purpose::Entry { editing } => entry(form, *editing, ctx),
        Purpose::CheckIn => check_in(form, ctx),
        Purpose::Person {
            editing,
            onboarding,
        } => person(form, *editing, *onboarding, ctx),
        Purpose::Topic => topic(form, ctx),
        Purpose::Reschedule => reschedule(form, ctx),
        Purpose::ReportBack { loop_id } => report_back(form, *loop_id, ctx),
        Purpose::Summary { person_id, week } => summary(form, *person_id, *week),
        Purpose::WriteSummary { body } => write_summary(form, body),
        Purpose::OneOnOne {
            person_id,
            attach_to,
        } => one_on_one(form, *person_id, *attach_to, ctx),
        Purpose::Promise {
            person_id,
            next_one_on_one,
        } => promise(form, *person_id, *next_one_on_one, ctx),
        Purpose::MovePromise {
            id,
            next_one_on_one,
        } => move_promise(form, *id, *next_one_on_one, ctx),
        Purpose::Profile {
            section,
            person_id,
            editing,
        } => profile(form, *section, *person_id, *editing, ctx),
        Purpose::Filter { text } => match filter(form, text.clone(), ctx) {
            Ok(filter) => {
                open.closed = true;
                return Outcome::ask(Ask::Filter(filter));
            }
            Err(errors) => Err(Refusal::Fields(errors)),
        },
    };
    match submitted {
        Ok(work) => Outcome::cmd(work),
        Err(Refusal::Said(text)) => Outcome::ask(Ask::Error(text.into())),
        Err(Refusal::Fields(errors)) => {
            open.form.show_errors(&errors);
            Outcome::ask(Ask::Error(format!(
                "{} to fix",
                crate::present::count(errors.len(), "field", "fields")
            )))
        }
    }
}

/// The current manager's id, which the Prep and Next steps forms work on.
fn manager_id(ctx: &Ctx<'_>) -> Result<i64, Refusal> {
    ctx.manager()
        .map(|m| m.id)
        .ok_or(Refusal::Said("add your manager first (People, 5)"))
}

fn entry(form: &Form, editing: Option<EntryVersion>, ctx: &Ctx<'_>) -> Submitted {
    let (draft, promises) = entry_with_promises(form, ctx.kinds, ctx.people, ctx.today)?;
    Ok(Work::Form(Cmd::SaveEntry {
        draft: Box::new(draft),
        editing,
        promises,
    }))
}

fn check_in(form: &Form, ctx: &Ctx<'_>) -> Submitted {
    let draft = check_in_draft(form, ctx.manager().map(|m| m.id), ctx.today)?;
    Ok(Work::Form(Cmd::SaveCheckIn(draft)))
}

fn person(form: &Form, editing: Option<i64>, onboarding: bool, ctx: &Ctx<'_>) -> Submitted {
    Ok(Work::Form(Cmd::SavePerson {
        draft: person_draft(form)?,
        call: person_call(form),
        editing,
        make_current: onboarding || ctx.people.is_empty(),
    }))
}

fn topic(form: &Form, ctx: &Ctx<'_>) -> Submitted {
    let person_id = manager_id(ctx)?;
    let text = topic_text(form)?;
    Ok(Work::Prep(prep::Cmd::AddTopic { person_id, text }))
}

fn reschedule(form: &Form, ctx: &Ctx<'_>) -> Submitted {
    let person_id = manager_id(ctx)?;
    let day = next_date(form, ctx.today)?;
    Ok(Work::Prep(prep::Cmd::SetNextOneOnOne { person_id, day }))
}

/// The report-back on the ask `loop_id` (from Prep's advice pane), or on
/// the oldest open one (from a suggestion).
fn report_back(form: &Form, loop_id: Option<i64>, ctx: &Ctx<'_>) -> Submitted {
    let person_id = manager_id(ctx)?;
    let applied = applied(form);
    Ok(match loop_id {
        Some(loop_id) => Work::Prep(prep::Cmd::ReportAdvice { loop_id, applied }),
        None => Work::NextSteps(next_steps::Cmd::ReportOldestAdvice { person_id, applied }),
    })
}

fn summary(form: &Form, person_id: i64, week: Week) -> Submitted {
    let body = summary_body(form)?;
    Ok(Work::Prep(prep::Cmd::SaveSummary {
        person_id,
        week,
        body,
    }))
}

fn write_summary(form: &Form, body: &str) -> Submitted {
    let path: PathBuf = summary_path(form)?;
    Ok(Work::Prep(prep::Cmd::WriteSummary {
        path,
        body: body.to_string(),
        replace: false,
    }))
}

fn one_on_one(form: &Form, person_id: i64, attach_to: Option<i64>, ctx: &Ctx<'_>) -> Submitted {
    let person = person_in(ctx, person_id, "that person is no longer in the journal")?;
    let (record, follow_ups) = one_on_one_record(form, ctx.kinds, person, ctx.today)?;
    Ok(Work::Prep(prep::Cmd::RecordOneOnOne {
        record: Box::new(record),
        follow_ups,
        attach_to,
    }))
}

fn promise(
    form: &Form,
    person_id: i64,
    next_one_on_one: Option<NaiveDate>,
    ctx: &Ctx<'_>,
) -> Submitted {
    let draft = promise_draft(form, person_id, ctx.today, next_one_on_one)?;
    Ok(Work::Prep(prep::Cmd::Promise(PromiseCmd::Add(draft))))
}

fn move_promise(
    form: &Form,
    id: i64,
    next_one_on_one: Option<NaiveDate>,
    ctx: &Ctx<'_>,
) -> Submitted {
    let due_on = moved_due_day(form, ctx.today, next_one_on_one)?;
    Ok(Work::Prep(prep::Cmd::Promise(PromiseCmd::Move {
        id,
        due_on,
    })))
}

fn profile(
    form: &Form,
    section: Section,
    person_id: i64,
    editing: Option<RowKind>,
    ctx: &Ctx<'_>,
) -> Submitted {
    let person = person_in(ctx, person_id, "that person is gone; reload with 5")?;
    let op = profile_op(form, section, person, editing)?;
    Ok(Work::People(people::Cmd::Profile(op)))
}

/// The filter the form describes; the search text typed on the Journal
/// (kept by the form when it opened) stays.
fn filter(
    form: &Form,
    text: Option<String>,
    ctx: &Ctx<'_>,
) -> Result<InteractionFilter, FieldErrors> {
    let kept = InteractionFilter {
        text,
        ..InteractionFilter::default()
    };
    filter_from(form, &kept, ctx.today)
}

fn person_in<'a>(ctx: &Ctx<'a>, person_id: i64, gone: &'static str) -> Result<&'a Person, Refusal> {
    ctx.people
        .iter()
        .find(|p| p.id == person_id)
        .ok_or(Refusal::Said(gone))
}
