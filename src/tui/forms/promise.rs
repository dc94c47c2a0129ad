//! The promise forms: a new promise on Prep (what, whose, by when), a new
//! due day for one being renegotiated, and the two promise fields of the
//! entry and after-the-1:1 forms.

use chrono::NaiveDate;

use super::{FieldErrors, OpenForm, Purpose};
use crate::domain::Person;
use crate::domain::PromiseNote;
use crate::domain::promise::promise_notes;
use crate::domain::text::shown_line;
use crate::domain::{MadeBy, PromiseDraft};
use crate::prep::next_one_on_one;
use crate::present::truncated;
use crate::tui::form::{DayRule, Editor, Field, FieldId, Form, Pick};

const DUE_HINT: &str = "fri, +3d, next 1:1, 2026-12-04";

/// A promise with `person`: what, who made it, and an optional due day
/// ("next 1:1" is `next_one_on_one`).
pub fn promise_form(person_id: i64, person: &str, next_one_on_one: Option<NaiveDate>) -> OpenForm {
    let fields = vec![
        Field::new(
            FieldId::Title,
            "Promise",
            Editor::line(""),
            "what was promised, in a line",
        ),
        Field::new(
            FieldId::By,
            "Made by",
            Editor::choice(
                [MadeBy::Me, MadeBy::Them]
                    .into_iter()
                    .map(|by| (by.as_str().to_string(), Pick::MadeBy(by)))
                    .collect(),
                0,
            ),
            "←/→: you, or them",
        ),
        Field::new(
            FieldId::Date,
            "Due",
            Editor::day("", DayRule::Due),
            format!("{DUE_HINT}, or empty; Enter saves"),
        ),
    ];
    let form = Form::new(format!("A promise with {}", shown_line(person)), fields);
    let purpose = Purpose::Promise {
        person_id,
        next_one_on_one,
    };
    OpenForm::new(purpose, form)
}

/// The promise the form describes, made today.
pub fn promise_draft(
    form: &Form,
    person_id: i64,
    today: NaiveDate,
    next_one_on_one: Option<NaiveDate>,
) -> Result<PromiseDraft, FieldErrors> {
    let mut errors = FieldErrors::new();
    let text = form.text(FieldId::Title).trim().to_string();
    if text.is_empty() {
        errors.insert(FieldId::Title, "what was promised?".into());
    }
    let due_on = form
        .optional_day(FieldId::Date, today, next_one_on_one)
        .map_err(|e| errors.insert(FieldId::Date, e))
        .ok()
        .flatten();
    let made_by = match form.picked(FieldId::By) {
        Some(Pick::MadeBy(by)) => by,
        _ => MadeBy::Me,
    };
    let mut draft = PromiseDraft {
        person_id,
        text,
        made_by,
        made_on: today,
        interaction_id: None,
        due_on,
    };
    if errors.is_empty()
        && let Err(e) = draft.validate()
    {
        errors.insert(FieldId::Date, e.to_string());
    }
    if errors.is_empty() {
        Ok(draft)
    } else {
        Err(errors)
    }
}

/// A new due day for promise `id`, agreed with them ("next 1:1" is
/// `next_one_on_one`).
pub fn move_promise_form(id: i64, text: &str, next_one_on_one: Option<NaiveDate>) -> OpenForm {
    let fields = vec![Field::new(
        FieldId::Date,
        "New day",
        Editor::day("", DayRule::Due),
        format!("{DUE_HINT}; Enter saves"),
    )];
    let mut form = Form::new("Renegotiate a promise", fields);
    form.intro = Some(format!(
        "“{}”: agree the new day with them, before the old one passes.",
        truncated(&shown_line(text), 60)
    ));
    let purpose = Purpose::MovePromise {
        id,
        next_one_on_one,
    };
    OpenForm::new(purpose, form)
}

pub fn moved_due_day(
    form: &Form,
    today: NaiveDate,
    next_one_on_one: Option<NaiveDate>,
) -> Result<NaiveDate, FieldErrors> {
    form.day(FieldId::Date, today, next_one_on_one)
        .map_err(|e| FieldErrors::from([(FieldId::Date, e)]))
}

/// The two promise fields, mine and theirs, of the entry and after-1:1 forms.
pub(crate) fn promise_fields() -> [Field; 2] {
    [
        Field::new(
            FieldId::MyPromises,
            "I'll do",
            Editor::notes(""),
            "yours, one per line; a due day after @: @fri, @+3d",
        ),
        Field::new(
            FieldId::TheirPromises,
            "They'll do",
            Editor::notes(""),
            "theirs, one per line; a due day after @: @next 1:1",
        ),
    ]
}

/// The promises typed in a form's two fields, made on `made_on` with
/// `person`; an error goes on its field.
pub(crate) fn promises_field(
    form: &Form,
    person: Option<&Person>,
    made_on: NaiveDate,
    today: NaiveDate,
    errors: &mut FieldErrors,
) -> Vec<PromiseNote> {
    // "next 1:1" counts from this entry's day: after a 1:1, the one after it.
    let next = person.and_then(|p| next_one_on_one(p, Some(made_on), None, today).on);
    let mut notes = Vec::new();
    for (id, by) in [
        (FieldId::MyPromises, MadeBy::Me),
        (FieldId::TheirPromises, MadeBy::Them),
    ] {
        if form.field(id).is_none() {
            continue;
        }
        match promise_notes(&form.text(id), by, made_on, today, next) {
            Ok(mut read) => notes.append(&mut read),
            Err(e) => {
                errors.insert(id, e);
            }
        }
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap_or_default()
    }

    #[test]
    fn a_promise_needs_its_words_and_takes_a_due_day_as_typed() {
        let mut open = promise_form(7, "Dana", None);
        let errors = promise_draft(&open.form, 7, today(), None)
            .err()
            .unwrap_or_default();
        assert!(errors.contains_key(&FieldId::Title));
        open.form.set_text(FieldId::Title, " Send the cost model ");
        open.form.select(FieldId::By, Pick::MadeBy(MadeBy::Them));
        open.form.set_text(FieldId::Date, "next 1:1");
        let next = NaiveDate::from_ymd_opt(2026, 12, 1);
        let draft = promise_draft(&open.form, 7, today(), next).expect("valid");
        assert_eq!(draft.text, "Send the cost model");
        assert_eq!(draft.made_by, MadeBy::Them);
        assert_eq!(draft.due_on, next);
        open.form.set_text(FieldId::Date, "someday");
        assert!(promise_draft(&open.form, 7, today(), next).is_err());
    }

    #[test]
    fn a_move_takes_a_day_ahead() {
        let mut open = move_promise_form(3, "Send the cost model", None);
        open.form.set_text(FieldId::Date, "+3d");
        assert_eq!(
            moved_due_day(&open.form, today(), None),
            Ok(NaiveDate::from_ymd_opt(2026, 11, 27).unwrap_or_default())
        );
        open.form.set_text(FieldId::Date, "next 1:1");
        assert!(moved_due_day(&open.form, today(), None).is_err());
    }
}
