//! The one-line form that adds or rewrites an item of a profile or an
//! expectation, and the store edit it becomes.

use super::{FieldErrors, OpenForm, Purpose};
use crate::domain::{ExpectationDraft, Focus, HeldBy, Person, TakesIn};
use crate::tui::about::{ProfileOp, RowKind, Section};
use crate::tui::form::{Editor, Field, FieldId, Form};

/// Adds to `section` (`editing` none) or rewrites the row `editing`.
pub fn profile_form(
    section: Section,
    person_id: i64,
    editing: Option<RowKind>,
    text: &str,
) -> OpenForm {
    let fields = vec![Field::new(
        FieldId::Item,
        "Text",
        Editor::line(text),
        section.hint(),
    )];
    let verb = if editing.is_some() { "Edit" } else { "Add" };
    let whose = match section.group() {
        crate::tui::about::Group::Them => "their profile",
        crate::tui::about::Group::Expectations => "expectations",
        crate::tui::about::Group::Me => "your profile",
    };
    let title = format!("{verb}: {} ({whose})", section.title());
    OpenForm::new(
        Purpose::Profile {
            section,
            person_id,
            editing,
        },
        Form::new(&title, fields),
    )
}

/// The edit the form asks for, or what is wrong with its one field.
pub fn profile_op(
    form: &Form,
    section: Section,
    person: &Person,
    editing: Option<RowKind>,
) -> Result<ProfileOp, FieldErrors> {
    let fail = |message: String| FieldErrors::from([(FieldId::Item, message)]);
    let text = form.value(FieldId::Item).trim().to_string();
    if text.is_empty() {
        return Err(fail("write a few words (Esc cancels)".into()));
    }
    match section {
        Section::TakesIn | Section::MyTakesIn => {
            text.parse::<TakesIn>().map_err(|e| fail(e.to_string()))?;
        }
        Section::Focus | Section::MyFocus => {
            text.parse::<Focus>().map_err(|e| fail(e.to_string()))?;
        }
        _ => {}
    }
    Ok(match (section, editing) {
        (Section::Strengths, editing) => {
            let mut strengths = person.strengths.clone();
            match editing {
                Some(RowKind::Strength(i)) if i < strengths.len() => strengths[i] = text,
                _ => strengths.push(text),
            }
            ProfileOp::SetStrengths {
                person_id: person.id,
                strengths,
            }
        }
        (Section::Theirs | Section::Yours, Some(RowKind::Expectation(id))) => {
            ProfileOp::EditExpectation { id, text }
        }
        (Section::Theirs | Section::Yours, _) => ProfileOp::AddExpectation(ExpectationDraft {
            person_id: person.id,
            text,
            held_by: if section == Section::Theirs {
                HeldBy::Them
            } else {
                HeldBy::Me
            },
        }),
        (_, Some(RowKind::ProfileItem(id))) => ProfileOp::Edit { id, text },
        (section, _) => ProfileOp::Add {
            person_id: (section.group() != crate::tui::about::Group::Me).then_some(person.id),
            facet: section
                .facet()
                .ok_or_else(|| fail("this part cannot be added to here".into()))?,
            text,
        },
    })
}
