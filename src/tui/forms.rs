//! The forms the TUI opens (entry, check-in, filter, person) and what each
//! builds from its fields once they are valid.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::form::{Editor, Field, FieldId, Form};
use crate::domain::day::{parse_day, parse_time};
use crate::domain::interaction::normalized_tags;
use crate::domain::{
    Category, CheckInDraft, InitiatedBy, Interaction, InteractionDraft, Kind, Person, PersonDraft,
    Quality,
};
use crate::store::InteractionFilter;

/// What an open form is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    /// A new entry, or an edit of entry `id` read at `version`.
    Entry {
        editing: Option<(i64, i64)>,
    },
    CheckIn,
    Filter,
    /// A new person, or an edit of person `id`; onboarding is the first run.
    Person {
        editing: Option<i64>,
        onboarding: bool,
    },
}

impl Purpose {
    /// The drafts-table key its contents are kept under while typing; a
    /// filter is not worth keeping.
    pub fn draft_key(&self) -> Option<&'static str> {
        match self {
            Purpose::Entry { .. } => Some("entry"),
            Purpose::CheckIn => Some("checkin"),
            Purpose::Person { .. } => Some("person"),
            Purpose::Filter => None,
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
}

impl OpenForm {
    fn new(purpose: Purpose, form: Form) -> OpenForm {
        OpenForm {
            purpose,
            form,
            confirming_cancel: false,
            closed: false,
        }
    }

    /// The form's values for the drafts table, with what it was for.
    pub fn draft_body(&self) -> String {
        let mut values = self.form.snapshot();
        if let Purpose::Entry {
            editing: Some((id, version)),
        } = self.purpose
        {
            values.insert("_editing".into(), format!("{id}:{version}"));
        }
        if let Purpose::Person {
            editing,
            onboarding,
        } = self.purpose
        {
            values.insert(
                "_person".into(),
                editing.map(|i| i.to_string()).unwrap_or_default(),
            );
            values.insert("_onboarding".into(), onboarding.to_string());
        }
        serde_json::to_string(&values).unwrap_or_default()
    }
}

pub type FieldErrors = BTreeMap<FieldId, String>;

fn person_names(people: &[Person]) -> Vec<String> {
    people.iter().map(|p| p.name.clone()).collect()
}

/// The add/edit form for an entry, pre-filled from `existing` when editing.
pub fn entry_form(
    kinds: &[Kind],
    people: &[Person],
    manager: Option<&Person>,
    existing: Option<&Interaction>,
) -> OpenForm {
    let kind_names: Vec<String> = kinds.iter().map(|k| k.name.clone()).collect();
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
            Editor::choice(kind_names, kind_at),
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
            "Enter for a new line, Tab to move on",
        ),
        Field::new(
            FieldId::Date,
            "Date",
            Editor::line(
                &existing.map_or_else(|| "today".to_string(), |e| e.happened_on.to_string()),
            ),
            "2026-11-24, today, yesterday, -3d, monday",
        ),
        Field::new(
            FieldId::Time,
            "Time",
            Editor::line(&text(|e| {
                e.at_time
                    .map(|t| t.format("%H:%M").to_string())
                    .unwrap_or_default()
            })),
            "HH:MM, optional",
        ),
        Field::new(
            FieldId::Minutes,
            "Minutes",
            Editor::line(&text(|e| {
                e.minutes.map(|m| m.to_string()).unwrap_or_default()
            })),
            "how long, optional",
        ),
        Field::new(
            FieldId::By,
            "Started by",
            Editor::choice(vec!["me".into(), "them".into()], by_at),
            "←/→",
        ),
        Field::new(
            FieldId::With,
            "With",
            Editor::choice(person_names(people), person_at),
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
            Editor::line(&text(|e| e.tags.join(", "))),
            "comma-separated; Enter saves",
        ),
    ];
    let title = if existing.is_some() {
        "Edit entry"
    } else {
        "New entry"
    };
    let purpose = Purpose::Entry {
        editing: existing.map(|e| (e.id, e.version)),
    };
    OpenForm::new(purpose, Form::new(title, fields))
}

/// The entry the form describes, or what is wrong with each field.
pub fn entry_draft(
    form: &Form,
    kinds: &[Kind],
    people: &[Person],
    today: NaiveDate,
) -> Result<InteractionDraft, FieldErrors> {
    let mut errors = FieldErrors::new();
    let kind = kinds.iter().find(|k| k.name == form.value(FieldId::Kind));
    if kind.is_none() {
        errors.insert(FieldId::Kind, "pick a kind".into());
    }
    let person = people.iter().find(|p| p.name == form.value(FieldId::With));
    if person.is_none() {
        errors.insert(FieldId::With, "add a person first (People, 5)".into());
    }
    let happened_on = parse_day(&form.value(FieldId::Date), today)
        .map_err(|e| errors.insert(FieldId::Date, e.to_string()))
        .ok();
    let time_text = form.value(FieldId::Time);
    let at_time = if time_text.trim().is_empty() {
        None
    } else {
        parse_time(&time_text)
            .map_err(|e| errors.insert(FieldId::Time, e.to_string()))
            .ok()
    };
    let minutes_text = form.value(FieldId::Minutes);
    let minutes = match minutes_text.trim() {
        "" => None,
        m => match m.parse::<u32>() {
            Ok(n) if (1..=1440).contains(&n) => Some(n),
            _ => {
                errors.insert(FieldId::Minutes, format!("`{m}` is not 1 to 1440 minutes"));
                None
            }
        },
    };
    let quality = form
        .value(FieldId::Quality)
        .parse::<i64>()
        .ok()
        .and_then(|q| Quality::new(q).ok());
    if let Some(k) = kind
        && k.category == Category::Note
        && quality.is_some()
    {
        errors.insert(FieldId::Quality, "a note takes no quality: press 0".into());
    }
    let tags = normalized_tags(&[form.value(FieldId::Tags)])
        .map_err(|e| errors.insert(FieldId::Tags, e.to_string()))
        .unwrap_or_default();
    let strength = form.value(FieldId::Strength).trim().to_string();
    match (kind, person, happened_on) {
        (Some(kind), Some(person), Some(happened_on)) if errors.is_empty() => {
            Ok(InteractionDraft {
                person_id: person.id,
                kind_id: kind.id,
                happened_on,
                at_time,
                minutes,
                quality,
                initiated_by: if form.value(FieldId::By) == "them" {
                    InitiatedBy::Them
                } else {
                    InitiatedBy::Me
                },
                title: form.value(FieldId::Title),
                notes: form.value(FieldId::Notes),
                tags,
                advice_strength: (!strength.is_empty()).then_some(strength),
            })
        }
        _ => Err(errors),
    }
}

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
        let value = form
            .value(id)
            .parse::<u8>()
            .ok()
            .filter(|v| (1..=5).contains(v));
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
        note: form.value(FieldId::Note),
    })
}

const ANY: &str = "any";

pub fn filter_form(kinds: &[Kind], people: &[Person], current: &InteractionFilter) -> OpenForm {
    let with_any = |names: Vec<String>| {
        std::iter::once(ANY.to_string())
            .chain(names)
            .collect::<Vec<_>>()
    };
    let kind_names = with_any(kinds.iter().map(|k| k.name.clone()).collect());
    let kind_at = current
        .kind_id
        .and_then(|id| kinds.iter().position(|k| k.id == id))
        .map_or(0, |i| i + 1);
    let categories = with_any(
        Category::ALL
            .iter()
            .map(|c| c.as_str().to_string())
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
            Editor::choice(kind_names, kind_at),
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
            Editor::choice(with_any(person_names(people)), person_at),
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
            Editor::line(&day(current.since)),
            "a day, e.g. -30d",
        ),
        Field::new(
            FieldId::Until,
            "Until",
            Editor::line(&day(current.until)),
            "a day; Enter applies",
        ),
    ];
    OpenForm::new(Purpose::Filter, Form::new("Filter", fields))
}

/// The filter the form describes; the text search is kept from `current`.
pub fn filter_from(
    form: &Form,
    kinds: &[Kind],
    people: &[Person],
    current: &InteractionFilter,
    today: NaiveDate,
) -> Result<InteractionFilter, FieldErrors> {
    let mut errors = FieldErrors::new();
    let mut day = |id: FieldId| {
        let text = form.value(id);
        if text.trim().is_empty() {
            return None;
        }
        parse_day(&text, today)
            .map_err(|e| errors.insert(id, e.to_string()))
            .ok()
    };
    let since = day(FieldId::Since);
    let until = day(FieldId::Until);
    let tag = form.value(FieldId::Tag).trim().to_string();
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
        kind_id: kinds
            .iter()
            .find(|k| k.name == form.value(FieldId::Kind))
            .map(|k| k.id),
        category: form.value(FieldId::Category).parse().ok(),
        person_id: people
            .iter()
            .find(|p| p.name == form.value(FieldId::With))
            .map(|p| p.id),
        tag: (!tag.is_empty()).then_some(tag),
        since,
        until,
        text: current.text.clone(),
    })
}

pub fn person_form(existing: Option<&Person>, onboarding: bool) -> OpenForm {
    let cadence = existing.map_or_else(
        || "7".to_string(),
        |p| p.cadence_days.map(|d| d.to_string()).unwrap_or_default(),
    );
    let fields = vec![
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
            Editor::line(&cadence),
            "days between 1:1s, e.g. 7 or 14",
        ),
        Field::new(
            FieldId::Strengths,
            "Strengths",
            Editor::line(&existing.map(|p| p.strengths.join("; ")).unwrap_or_default()),
            "what they are better at than you; separate with ;",
        ),
    ];
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

pub fn person_draft(form: &Form) -> Result<PersonDraft, FieldErrors> {
    let mut errors = FieldErrors::new();
    let name = form.value(FieldId::Name).trim().to_string();
    if name.is_empty() {
        errors.insert(FieldId::Name, "a name is needed".into());
    }
    let cadence_text = form.value(FieldId::Cadence);
    let cadence_days = match cadence_text.trim() {
        "" => None,
        c => match c.parse::<u32>() {
            Ok(d) if (1..=365).contains(&d) => Some(d),
            _ => {
                errors.insert(FieldId::Cadence, format!("`{c}` is not 1 to 365 days"));
                None
            }
        },
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(PersonDraft {
        name,
        role: form.value(FieldId::Role).trim().to_string(),
        strengths: form
            .value(FieldId::Strengths)
            .split(';')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
        cadence_days,
        is_current: false,
    })
}

/// Rebuilds a form from a saved draft body, if it still makes sense.
pub fn restore_draft(
    key: &str,
    body: &str,
    kinds: &[Kind],
    people: &[Person],
    manager: Option<&Person>,
) -> Option<OpenForm> {
    let values: BTreeMap<String, String> = serde_json::from_str(body).ok()?;
    let mut open = match key {
        "entry" => {
            let mut open = entry_form(kinds, people, manager, None);
            if let Some((id, version)) = values.get("_editing").and_then(|e| e.split_once(':')) {
                open.purpose = Purpose::Entry {
                    editing: Some((id.parse().ok()?, version.parse().ok()?)),
                };
                open.form.title = "Edit entry".into();
            }
            open
        }
        "checkin" => check_in_form(),
        "person" => {
            let editing = values.get("_person").and_then(|p| p.parse().ok());
            let onboarding = values.get("_onboarding").is_some_and(|o| o == "true");
            let mut open = person_form(None, onboarding);
            open.purpose = Purpose::Person {
                editing,
                onboarding,
            };
            open
        }
        _ => return None,
    };
    open.form.restore(&values);
    Some(open)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds() -> Vec<Kind> {
        [
            ("one_on_one", Category::Formal),
            ("meal", Category::Informal),
            ("note", Category::Note),
        ]
        .iter()
        .enumerate()
        .map(|(i, (n, c))| Kind {
            id: i as i64 + 1,
            name: n.to_string(),
            category: *c,
            builtin: true,
        })
        .collect()
    }

    fn people() -> Vec<Person> {
        vec![Person {
            id: 7,
            name: "Dana".into(),
            role: String::new(),
            is_current: true,
            cadence_days: Some(7),
            next_one_on_one: None,
            archived: false,
            strengths: vec![],
        }]
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap_or_default()
    }

    #[test]
    fn a_new_entry_defaults_to_today_with_the_manager() {
        let open = entry_form(&kinds(), &people(), people().first(), None);
        let draft = entry_draft(&open.form, &kinds(), &people(), today());
        let draft = draft.ok();
        assert_eq!(
            draft.as_ref().map(|d| (d.happened_on, d.person_id)),
            Some((today(), 7))
        );
    }

    #[test]
    fn bad_fields_are_each_explained() {
        let mut open = entry_form(&kinds(), &people(), people().first(), None);
        open.form.set_value(FieldId::Date, "2026-02-30");
        open.form.set_value(FieldId::Time, "25:00");
        open.form.set_value(FieldId::Minutes, "0");
        let errors = entry_draft(&open.form, &kinds(), &people(), today())
            .err()
            .unwrap_or_default();
        assert!(
            errors
                .get(&FieldId::Date)
                .is_some_and(|e| e.contains("2026-02-30"))
        );
        assert!(errors.contains_key(&FieldId::Time));
        assert!(errors.contains_key(&FieldId::Minutes));
    }

    #[test]
    fn a_note_with_a_quality_is_refused_in_the_form() {
        let mut open = entry_form(&kinds(), &people(), people().first(), None);
        open.form.set_value(FieldId::Kind, "note");
        open.form.set_value(FieldId::Quality, "3");
        let errors = entry_draft(&open.form, &kinds(), &people(), today())
            .err()
            .unwrap_or_default();
        assert!(errors.contains_key(&FieldId::Quality));
    }

    #[test]
    fn a_draft_body_restores_the_same_form() {
        let mut open = entry_form(&kinds(), &people(), people().first(), None);
        open.form.set_value(FieldId::Title, "half typed");
        open.form.set_value(FieldId::Kind, "meal");
        let body = open.draft_body();
        let back = restore_draft("entry", &body, &kinds(), &people(), people().first());
        assert_eq!(back.map(|o| o.form.snapshot()), Some(open.form.snapshot()));
    }

    #[test]
    fn check_in_needs_all_three_scores() {
        let mut open = check_in_form();
        open.form.set_value(FieldId::Trust, "4");
        let errors = check_in_draft(&open.form, None, today())
            .err()
            .unwrap_or_default();
        assert_eq!(errors.len(), 2);
    }
}
