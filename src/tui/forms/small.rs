//! The smaller forms: check-in, filter, person, and the coach's quick ones
//! (a topic, the next 1:1's date, an advice report-back).

use chrono::NaiveDate;

use super::{FieldErrors, OpenForm, Purpose, kind_options, person_options};
use crate::domain::text::LIST_HINT;
use crate::domain::{Category, CheckInDraft, Kind, Person, PersonDraft, Relation};
use crate::store::InteractionFilter;
use crate::tui::form::{DayRule, Editor, Field, FieldId, Form, Pick};

const ANY: &str = "any";

pub fn check_in_form() -> OpenForm {
    let fields = vec![
        Field::new(
            FieldId::Trust,
            "Trust",
            Editor::Score(None),
            "1-5: how much you trust each other",
        ),
        Field::new(
            FieldId::Clarity,
            "Clarity",
            Editor::Score(None),
            "1-5: I know how I am doing",
        ),
        Field::new(
            FieldId::Ease,
            "Ease",
            Editor::Score(None),
            "1-5: at ease, not anxious",
        ),
        Field::new(
            FieldId::Note,
            "Note",
            Editor::line(""),
            "a line on why; Enter saves",
        ),
    ];
    OpenForm::new(Purpose::CheckIn, Form::new("Check-in", fields))
}

pub fn check_in_draft(
    form: &Form,
    person_id: Option<i64>,
    today: NaiveDate,
) -> Result<CheckInDraft, FieldErrors> {
    let mut errors = FieldErrors::new();
    let mut score = |id: FieldId| {
        let value = form.score(id);
        if value.is_none() {
            errors.insert(id, "press 1 to 5".into());
        }
        value.unwrap_or(0)
    };
    let (trust, clarity, ease) = (
        score(FieldId::Trust),
        score(FieldId::Clarity),
        score(FieldId::Ease),
    );
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(CheckInDraft {
        person_id,
        checked_on: today,
        trust,
        clarity,
        ease,
        note: form.text(FieldId::Note),
    })
}

pub fn filter_form(kinds: &[Kind], people: &[Person], current: &InteractionFilter) -> OpenForm {
    let with_any = |options: Vec<(String, Pick)>| {
        std::iter::once((ANY.to_string(), Pick::Any))
            .chain(options)
            .collect::<Vec<_>>()
    };
    let kind_at = current
        .kind_id
        .and_then(|id| kinds.iter().position(|k| k.id == id))
        .map_or(0, |i| i + 1);
    let categories = with_any(
        Category::ALL
            .iter()
            .map(|c| (c.as_str().to_string(), Pick::Category(*c)))
            .collect(),
    );
    let category_at = current
        .category
        .and_then(|c| Category::ALL.iter().position(|x| *x == c))
        .map_or(0, |i| i + 1);
    let person_at = current
        .person_id
        .and_then(|id| people.iter().position(|p| p.id == id))
        .map_or(0, |i| i + 1);
    let day = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let fields = vec![
        Field::new(
            FieldId::Kind,
            "Kind",
            Editor::choice(with_any(kind_options(kinds)), kind_at),
            "←/→",
        ),
        Field::new(
            FieldId::Category,
            "Category",
            Editor::choice(categories, category_at),
            "←/→",
        ),
        Field::new(
            FieldId::With,
            "With",
            Editor::choice(with_any(person_options(people)), person_at),
            "←/→",
        ),
        Field::new(
            FieldId::Tag,
            "Tag",
            Editor::line(current.tag.as_deref().unwrap_or("")),
            "one tag",
        ),
        Field::new(
            FieldId::Since,
            "Since",
            Editor::day(&day(current.since), DayRule::Any),
            "a day, e.g. -30d",
        ),
        Field::new(
            FieldId::Until,
            "Until",
            Editor::day(&day(current.until), DayRule::Any),
            "a day; Enter applies",
        ),
    ];
    let purpose = Purpose::Filter {
        text: current.text.clone(),
    };
    OpenForm::new(purpose, Form::new("Filter", fields))
}

/// The filter the form describes; the text search is kept from `current`.
pub fn filter_from(
    form: &Form,
    current: &InteractionFilter,
    today: NaiveDate,
) -> Result<InteractionFilter, FieldErrors> {
    let mut errors = FieldErrors::new();
    let mut day = |id: FieldId| {
        form.optional_day(id, today, None)
            .map_err(|e| errors.insert(id, e))
            .ok()
            .flatten()
    };
    let since = day(FieldId::Since);
    let until = day(FieldId::Until);
    let tag = form.text(FieldId::Tag).trim().to_string();
    if tag.contains(char::is_whitespace) {
        errors.insert(FieldId::Tag, "one tag, no spaces".into());
    }
    if let (Some(s), Some(u)) = (since, until)
        && s > u
    {
        errors.insert(FieldId::Until, "until is before since".into());
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(InteractionFilter {
        kind_id: match form.picked(FieldId::Kind) {
            Some(Pick::Kind(id)) => Some(id),
            _ => None,
        },
        category: match form.picked(FieldId::Category) {
            Some(Pick::Category(category)) => Some(category),
            _ => None,
        },
        person_id: match form.picked(FieldId::With) {
            Some(Pick::Person(id)) => Some(id),
            _ => None,
        },
        tag: (!tag.is_empty()).then_some(tag),
        since,
        until,
        text: current.text.clone(),
    })
}

pub fn person_form(existing: Option<&Person>, onboarding: bool) -> OpenForm {
    let cadence = existing.map_or(Some(7), |p| p.cadence_days);
    let mut fields = vec![
        Field::new(
            FieldId::Name,
            "Name",
            Editor::line(existing.map_or("", |p| &p.name)),
            "your manager's name",
        ),
        Field::new(
            FieldId::Role,
            "Role",
            Editor::line(existing.map_or("", |p| &p.role)),
            "e.g. Engineering Manager",
        ),
        Field::new(
            FieldId::Cadence,
            "1:1 every",
            Editor::count(cadence, 1, 365, "days"),
            "days between 1:1s, e.g. 7 or 14",
        ),
        Field::new(
            FieldId::Strengths,
            "Strengths",
            Editor::list(existing.map_or(&[], |p| &p.strengths)),
            format!("what they are better at than you; {LIST_HINT}"),
        ),
    ];
    if !onboarding {
        let relation = existing.map_or(Relation::Manager, |p| p.relation);
        let at = Relation::ALL
            .iter()
            .position(|r| *r == relation)
            .unwrap_or(0);
        fields.push(Field::new(
            FieldId::Relation,
            "Relation",
            Editor::choice(
                Relation::ALL
                    .iter()
                    .map(|r| (r.words().to_string(), Pick::Relation(*r)))
                    .collect(),
                at,
            ),
            "←/→: which of the coach's steps apply to them",
        ));
        fields.push(Field::new(
            FieldId::Call,
            "Call them",
            Editor::line(existing.map_or("", |p| &p.call)),
            "the name a summary greets them by; empty: the first word of their name",
        ));
    }
    let title = match (existing, onboarding) {
        (_, true) => "Welcome to rapport: who is your manager?",
        (Some(_), _) => "Edit person",
        (None, _) => "New person",
    };
    let mut form = Form::new(title, fields);
    if onboarding {
        form.intro = Some(
            "rapport keeps a private journal of your interactions with your manager. Start with who they are; it all stays in one file on this machine."
                .into(),
        );
    }
    OpenForm::new(
        Purpose::Person {
            editing: existing.map(|p| p.id),
            onboarding,
        },
        form,
    )
}

/// The name to call them by, as typed (empty: the first word of their name).
pub fn person_call(form: &Form) -> String {
    form.text(FieldId::Call).trim().to_string()
}

pub fn person_draft(form: &Form) -> Result<PersonDraft, FieldErrors> {
    let mut errors = FieldErrors::new();
    let name = form.text(FieldId::Name).trim().to_string();
    if name.is_empty() {
        errors.insert(FieldId::Name, "a name is needed".into());
    }
    let cadence_days = form
        .count(FieldId::Cadence)
        .map_err(|e| errors.insert(FieldId::Cadence, e))
        .ok()
        .flatten();
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(PersonDraft {
        name,
        role: form.text(FieldId::Role).trim().to_string(),
        strengths: form.items(FieldId::Strengths),
        cadence_days,
        is_current: false,
        relation: match form.picked(FieldId::Relation) {
            Some(Pick::Relation(relation)) => relation,
            _ => Relation::default(),
        },
    })
}

pub fn topic_form(text: &str) -> OpenForm {
    let fields = vec![Field::new(
        FieldId::Topic,
        "Topic",
        Editor::line(text),
        "one line for the next 1:1's agenda; Enter adds it",
    )];
    OpenForm::new(Purpose::Topic, Form::new("Add a topic", fields))
}

pub fn topic_text(form: &Form) -> Result<String, FieldErrors> {
    let text = form.text(FieldId::Topic).trim().to_string();
    if text.is_empty() {
        return Err(FieldErrors::from([(
            FieldId::Topic,
            "a topic needs some words".to_string(),
        )]));
    }
    Ok(text)
}

pub fn reschedule_form() -> OpenForm {
    let fields = vec![Field::new(
        FieldId::NextOneOnOne,
        "Next 1:1",
        Editor::day("", DayRule::Upcoming),
        "tomorrow, +3d, thursday, 2026-12-01; Enter saves",
    )];
    let mut form = Form::new("When is the next 1:1?", fields);
    form.intro = Some("Book it with your manager, then note the date here.".into());
    OpenForm::new(Purpose::Reschedule, form)
}

pub fn next_date(form: &Form, today: NaiveDate) -> Result<NaiveDate, FieldErrors> {
    form.day(FieldId::NextOneOnOne, today, None)
        .map_err(|e| FieldErrors::from([(FieldId::NextOneOnOne, e)]))
}

/// The report-back on advice loop `loop_id`, or on the oldest open one.
pub fn report_back_form(question: &str, loop_id: Option<i64>) -> OpenForm {
    let fields = vec![Field::new(
        FieldId::Applied,
        "Applied it?",
        Editor::choice(
            vec![
                ("yes".into(), Pick::Applied(true)),
                ("no".into(), Pick::Applied(false)),
            ],
            0,
        ),
        "←/→; Enter records that you reported back today",
    )];
    let mut form = Form::new("Report back on their advice", fields);
    form.intro = Some(format!("You asked: {question}"));
    OpenForm::new(Purpose::ReportBack { loop_id }, form)
}

pub fn applied(form: &Form) -> bool {
    form.picked(FieldId::Applied) == Some(Pick::Applied(true))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strengths_typed_with_commas_are_separate_strengths() {
        let mut open = person_form(None, true);
        open.form.set_text(FieldId::Name, "Dana");
        open.form.set_text(
            FieldId::Strengths,
            "negotiating with finance, reading the exec room; hiring",
        );
        let draft = person_draft(&open.form).expect("a valid person");
        assert_eq!(
            draft.strengths,
            [
                "negotiating with finance",
                "reading the exec room",
                "hiring"
            ]
        );
        let hint = open.form.field(FieldId::Strengths).map(|f| f.hint.clone());
        assert!(hint.is_some_and(|h| h.contains(LIST_HINT)));
    }
}
