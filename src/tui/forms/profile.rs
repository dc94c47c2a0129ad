//! The one-line form that adds or rewrites an item of a profile or an
//! expectation, and the store edit it becomes.

use super::{FieldErrors, OpenForm, Purpose};
use crate::domain::{ExpectationDraft, Focus, HeldBy, Person, TakesIn};
use crate::tui::form::{Editor, Field, FieldId, Form, Pick};
use crate::tui::screens::people::about::{ProfileOp, RowKind, Section};

/// Adds to `section` (`editing` none) or rewrites the row `editing`.
pub fn profile_form(
    section: Section,
    person_id: i64,
    editing: Option<RowKind>,
    text: &str,
) -> OpenForm {
    // A field with fixed values is a picker: ←/→ or the first letter.
    let choices: Option<Vec<(String, Pick)>> = match section {
        Section::TakesIn | Section::MyTakesIn => Some(
            [TakesIn::Reader, TakesIn::Listener]
                .into_iter()
                .map(|t| (t.as_str().to_string(), Pick::TakesIn(t)))
                .collect(),
        ),
        Section::Focus | Section::MyFocus => Some(
            [Focus::Detail, Focus::BigPicture]
                .into_iter()
                .map(|f| (f.words().to_string(), Pick::Focus(f)))
                .collect(),
        ),
        _ => None,
    };
    let (editor, hint) = match choices {
        Some(options) => {
            // The value saved is in its one spelling: the picker starts there.
            let saved = text.trim();
            let at = options
                .iter()
                .position(|(_, pick)| match pick {
                    Pick::TakesIn(t) => t.as_str().eq_ignore_ascii_case(saved),
                    Pick::Focus(f) => {
                        f.as_str().eq_ignore_ascii_case(saved)
                            || f.words().eq_ignore_ascii_case(saved)
                    }
                    _ => false,
                })
                .unwrap_or(0);
            (
                Editor::choice(options, at),
                format!("{}; ←/→ or a letter", section.hint()).into(),
            )
        }
        None => (Editor::line(text), std::borrow::Cow::from(section.hint())),
    };
    let fields = vec![Field::new(FieldId::Item, "Text", editor, hint)];
    let verb = if editing.is_some() { "Edit" } else { "Add" };
    let whose = match section.group() {
        crate::tui::screens::people::about::Group::Them => "their profile",
        crate::tui::screens::people::about::Group::Expectations => "expectations",
        crate::tui::screens::people::about::Group::Me => "your profile",
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
    // A fixed value is kept in its one spelling, as the CLI writes it.
    let text = match form.picked(FieldId::Item) {
        Some(Pick::TakesIn(t)) => t.as_str().to_string(),
        Some(Pick::Focus(f)) => f.as_str().to_string(),
        _ => form.text(FieldId::Item).trim().to_string(),
    };
    if text.is_empty() {
        return Err(fail("write a few words (Esc cancels)".into()));
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
            person_id: (section.group() != crate::tui::screens::people::about::Group::Me)
                .then_some(person.id),
            facet: section
                .facet()
                .ok_or_else(|| fail("this part cannot be added to here".into()))?,
            text,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person() -> Person {
        Person {
            id: 1,
            name: "Dana".into(),
            role: String::new(),
            relation: Default::default(),
            is_current: true,
            cadence_days: Some(7),
            next_one_on_one: None,
            archived: false,
            strengths: Vec::new(),
            call: String::new(),
        }
    }

    #[test]
    fn fixed_value_fields_are_pickers_saved_in_their_one_spelling() {
        let mut open = profile_form(Section::Focus, 1, None, "");
        let Some(Editor::Choice(choice)) = open.form.field(FieldId::Item).map(|f| &f.editor) else {
            panic!("a picker");
        };
        let labels: Vec<&str> = choice.options.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(labels, ["detail", "big picture"]);
        open.form
            .select(FieldId::Item, Pick::Focus(Focus::BigPicture));
        match profile_op(&open.form, Section::Focus, &person(), None) {
            Ok(ProfileOp::Add { text, .. }) => assert_eq!(text, "big_picture"),
            other => panic!("{other:?}"),
        }
        let open = profile_form(Section::MyTakesIn, 1, None, "listener");
        assert_eq!(
            open.form.picked(FieldId::Item),
            Some(Pick::TakesIn(TakesIn::Listener)),
            "the current value is picked"
        );
    }
}
