//! A form's draft as the journal keeps it: one serde struct per form, typed
//! (ids, enums, numbers; what is half typed stays text), written with
//! `"format": 2`. A draft written before (a flat map of field names to
//! text, with `_editing`/`_person`… beside them) is still read, so a draft
//! left by the previous rapport is offered back after an upgrade.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{
    DraftKey, EntryVersion, OpenForm, Purpose, TopicItems, check_in_form, entry_form,
    one_on_one_form, one_on_one_topics, person_form, summary_form,
};
use crate::domain::{InitiatedBy, Kind, Person, Relation, Week};
use crate::tui::form::{FieldId, Pick};

/// The format of the bodies written now; a body without it is the
/// previous format.
const FORMAT: u32 = 2;

/// A body as stored: its format beside the form's own fields.
#[derive(Serialize, Deserialize)]
struct Stored<T> {
    format: u32,
    #[serde(flatten)]
    body: T,
}

/// The entry form, new or an edit.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct EntryDraftBody {
    /// The entry being edited and the version it was read at.
    pub editing: Option<EntryVersion>,
    pub kind_id: Option<i64>,
    pub person_id: Option<i64>,
    pub title: String,
    pub quality: Option<u8>,
    pub notes: String,
    /// The day as typed ("today", "-3d", half a date).
    pub date: String,
    pub time: String,
    pub minutes: String,
    pub initiated_by: InitiatedBy,
    pub strength: String,
    /// The tags as typed.
    pub tags: String,
    pub my_promises: String,
    pub their_promises: String,
    pub private: bool,
}

/// The check-in form.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CheckInDraftBody {
    pub trust: Option<u8>,
    pub clarity: Option<u8>,
    pub ease: Option<u8>,
    pub note: String,
}

/// The person form: a new person, an edit of one, or the first run's.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PersonDraftBody {
    /// The person being edited.
    pub editing: Option<i64>,
    pub onboarding: bool,
    pub name: String,
    pub role: String,
    /// The days between 1:1s, as typed.
    pub cadence: String,
    /// The strengths as typed.
    pub strengths: String,
    pub relation: Option<Relation>,
    pub call: String,
}

/// The summary in the in-app editor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SummaryDraftBody {
    pub person_id: i64,
    /// The week, written `2026-W48`.
    #[serde(with = "week_label")]
    pub week: Week,
    pub summary: String,
}

/// A week in a draft, as its label.
mod week_label {
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    use crate::domain::Week;

    pub fn serialize<S: Serializer>(week: &Week, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&week.label())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Week, D::Error> {
        let label = String::deserialize(deserializer)?;
        Week::parse(&label).map_err(D::Error::custom)
    }
}

/// The after-the-1:1 form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OneOnOneDraftBody {
    pub person_id: i64,
    /// The open topics it listed, so the same checklist comes back.
    pub topics: TopicItems,
    /// Whether it asked which topics they picked from the summary.
    pub picks: bool,
    #[serde(default)]
    pub quality: Option<u8>,
    #[serde(default)]
    pub minutes: String,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub discussed: Vec<i64>,
    #[serde(default)]
    pub picked: Vec<i64>,
    #[serde(default)]
    pub new_topics: String,
    #[serde(default)]
    pub advice_ask: String,
    #[serde(default)]
    pub strength: String,
    #[serde(default)]
    pub my_promises: String,
    #[serde(default)]
    pub their_promises: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub date: String,
}

/// What an open form keeps as its draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormDraft {
    Entry(EntryDraftBody),
    CheckIn(CheckInDraftBody),
    Person(PersonDraftBody),
    Summary(SummaryDraftBody),
    OneOnOne(OneOnOneDraftBody),
}

impl FormDraft {
    /// The draft of an open form, if its form keeps one.
    pub fn of(open: &OpenForm) -> Option<FormDraft> {
        let form = &open.form;
        let text = |id| form.text(id);
        Some(match &open.purpose {
            Purpose::Entry { editing } => FormDraft::Entry(EntryDraftBody {
                editing: *editing,
                kind_id: match form.picked(FieldId::Kind) {
                    Some(Pick::Kind(id)) => Some(id),
                    _ => None,
                },
                person_id: match form.picked(FieldId::With) {
                    Some(Pick::Person(id)) => Some(id),
                    _ => None,
                },
                title: text(FieldId::Title),
                quality: form.score(FieldId::Quality),
                notes: text(FieldId::Notes),
                date: text(FieldId::Date),
                time: text(FieldId::Time),
                minutes: text(FieldId::Minutes),
                initiated_by: match form.picked(FieldId::By) {
                    Some(Pick::InitiatedBy(by)) => by,
                    _ => InitiatedBy::Me,
                },
                strength: text(FieldId::Strength),
                tags: text(FieldId::Tags),
                my_promises: text(FieldId::MyPromises),
                their_promises: text(FieldId::TheirPromises),
                private: form.picked(FieldId::Visible) == Some(Pick::Private(true)),
            }),
            Purpose::CheckIn => FormDraft::CheckIn(CheckInDraftBody {
                trust: form.score(FieldId::Trust),
                clarity: form.score(FieldId::Clarity),
                ease: form.score(FieldId::Ease),
                note: text(FieldId::Note),
            }),
            Purpose::Person {
                editing,
                onboarding,
            } => FormDraft::Person(PersonDraftBody {
                editing: *editing,
                onboarding: *onboarding,
                name: text(FieldId::Name),
                role: text(FieldId::Role),
                cadence: text(FieldId::Cadence),
                strengths: text(FieldId::Strengths),
                relation: match form.picked(FieldId::Relation) {
                    Some(Pick::Relation(relation)) => Some(relation),
                    _ => None,
                },
                call: text(FieldId::Call),
            }),
            Purpose::Summary { person_id, week } => FormDraft::Summary(SummaryDraftBody {
                person_id: *person_id,
                week: *week,
                summary: text(FieldId::Summary),
            }),
            Purpose::OneOnOne { person_id, .. } => {
                let (topics, picks) = one_on_one_topics(form);
                FormDraft::OneOnOne(OneOnOneDraftBody {
                    person_id: *person_id,
                    topics,
                    picks,
                    quality: form.score(FieldId::Quality),
                    minutes: text(FieldId::Minutes),
                    notes: text(FieldId::Notes),
                    discussed: form.ticked(FieldId::Discussed),
                    picked: form.ticked(FieldId::Picked),
                    new_topics: text(FieldId::NewTopics),
                    advice_ask: text(FieldId::AdviceAsk),
                    strength: text(FieldId::Strength),
                    my_promises: text(FieldId::MyPromises),
                    their_promises: text(FieldId::TheirPromises),
                    title: text(FieldId::Title),
                    date: text(FieldId::Date),
                })
            }
            Purpose::Filter { .. }
            | Purpose::Topic
            | Purpose::Reschedule
            | Purpose::ReportBack { .. }
            | Purpose::WriteSummary { .. }
            | Purpose::Promise { .. }
            | Purpose::MovePromise { .. }
            | Purpose::Profile { .. } => return None,
        })
    }

    /// The body for the journal's draft table.
    pub fn to_body(&self) -> String {
        fn stored<T: Serialize>(body: &T) -> String {
            serde_json::to_string(&Stored {
                format: FORMAT,
                body,
            })
            .unwrap_or_default()
        }
        match self {
            FormDraft::Entry(body) => stored(body),
            FormDraft::CheckIn(body) => stored(body),
            FormDraft::Person(body) => stored(body),
            FormDraft::Summary(body) => stored(body),
            FormDraft::OneOnOne(body) => stored(body),
        }
    }

    /// Reads a body of draft `key`, in this format or the previous one;
    /// the previous one named kinds and people, looked up here once.
    pub fn from_body(
        key: DraftKey,
        body: &str,
        kinds: &[Kind],
        people: &[Person],
    ) -> Option<FormDraft> {
        let json: serde_json::Value = serde_json::from_str(body).ok()?;
        if json.get("format").is_some() {
            fn read<T: for<'de> Deserialize<'de>>(json: serde_json::Value) -> Option<T> {
                serde_json::from_value::<Stored<T>>(json)
                    .ok()
                    .filter(|s| s.format == FORMAT)
                    .map(|s| s.body)
            }
            return Some(match key {
                DraftKey::Entry => FormDraft::Entry(read(json)?),
                DraftKey::CheckIn => FormDraft::CheckIn(read(json)?),
                DraftKey::Person => FormDraft::Person(read(json)?),
                DraftKey::Summary => FormDraft::Summary(read(json)?),
                DraftKey::OneOnOne => FormDraft::OneOnOne(read(json)?),
            });
        }
        let previous: BTreeMap<String, String> = serde_json::from_value(json).ok()?;
        previous_format(key, &previous, kinds, people)
    }

    /// The form it was typed in, filled back; `None` when it no longer
    /// makes sense (its person or week is gone).
    pub fn into_form(
        self,
        kinds: &[Kind],
        people: &[Person],
        manager: Option<&Person>,
    ) -> Option<OpenForm> {
        let mut open = match self {
            FormDraft::Entry(body) => {
                let mut open = entry_form(kinds, people, manager, None);
                if let Some(editing) = body.editing {
                    open.purpose = Purpose::Entry {
                        editing: Some(editing),
                    };
                    open.form.title = "Edit entry".into();
                    // As the edit form: promises are made in a new entry only.
                    open.form
                        .fields
                        .retain(|f| !matches!(f.id, FieldId::MyPromises | FieldId::TheirPromises));
                }
                let form = &mut open.form;
                if let Some(id) = body.kind_id {
                    form.select(FieldId::Kind, Pick::Kind(id));
                }
                if let Some(id) = body.person_id {
                    form.select(FieldId::With, Pick::Person(id));
                }
                form.select(FieldId::By, Pick::InitiatedBy(body.initiated_by));
                form.select(FieldId::Visible, Pick::Private(body.private));
                form.set_score(FieldId::Quality, body.quality);
                for (id, text) in [
                    (FieldId::Title, &body.title),
                    (FieldId::Notes, &body.notes),
                    (FieldId::Date, &body.date),
                    (FieldId::Time, &body.time),
                    (FieldId::Minutes, &body.minutes),
                    (FieldId::Strength, &body.strength),
                    (FieldId::Tags, &body.tags),
                    (FieldId::MyPromises, &body.my_promises),
                    (FieldId::TheirPromises, &body.their_promises),
                ] {
                    form.set_text(id, text);
                }
                open
            }
            FormDraft::CheckIn(body) => {
                let mut open = check_in_form();
                let form = &mut open.form;
                form.set_score(FieldId::Trust, body.trust);
                form.set_score(FieldId::Clarity, body.clarity);
                form.set_score(FieldId::Ease, body.ease);
                form.set_text(FieldId::Note, &body.note);
                open
            }
            FormDraft::Person(body) => {
                let mut open = person_form(None, body.onboarding);
                open.purpose = Purpose::Person {
                    editing: body.editing,
                    onboarding: body.onboarding,
                };
                let form = &mut open.form;
                if let Some(relation) = body.relation {
                    form.select(FieldId::Relation, Pick::Relation(relation));
                }
                for (id, text) in [
                    (FieldId::Name, &body.name),
                    (FieldId::Role, &body.role),
                    (FieldId::Cadence, &body.cadence),
                    (FieldId::Strengths, &body.strengths),
                    (FieldId::Call, &body.call),
                ] {
                    form.set_text(id, text);
                }
                open
            }
            FormDraft::Summary(body) => summary_form(body.person_id, body.week, &body.summary),
            FormDraft::OneOnOne(body) => {
                let person = people.iter().find(|p| p.id == body.person_id)?;
                let mut open = one_on_one_form(person, &body.topics, body.picks);
                let form = &mut open.form;
                form.set_score(FieldId::Quality, body.quality);
                form.tick(FieldId::Discussed, &body.discussed);
                form.tick(FieldId::Picked, &body.picked);
                for (id, text) in [
                    (FieldId::Minutes, &body.minutes),
                    (FieldId::Notes, &body.notes),
                    (FieldId::NewTopics, &body.new_topics),
                    (FieldId::AdviceAsk, &body.advice_ask),
                    (FieldId::Strength, &body.strength),
                    (FieldId::MyPromises, &body.my_promises),
                    (FieldId::TheirPromises, &body.their_promises),
                    (FieldId::Title, &body.title),
                    (FieldId::Date, &body.date),
                ] {
                    form.set_text(id, text);
                }
                open
            }
        };
        open.form.touched = true;
        Some(open)
    }
}

/// A draft of the previous format: every field's text by its name, what
/// the form was for under `_editing` (`id:version:uid`), `_person`,
/// `_onboarding`, `_week`, `_topics` and `_picks`; kinds and people by name.
fn previous_format(
    key: DraftKey,
    values: &BTreeMap<String, String>,
    kinds: &[Kind],
    people: &[Person],
) -> Option<FormDraft> {
    let text = |name: &str| values.get(name).cloned().unwrap_or_default();
    let score = |name: &str| {
        values
            .get(name)
            .and_then(|v| v.parse::<u8>().ok())
            .filter(|s| (1..=5).contains(s))
    };
    Some(match key {
        DraftKey::Entry => {
            let editing = match values.get("_editing") {
                Some(editing) => {
                    let mut parts = editing.split(':').map(str::parse::<i64>);
                    let id = parts.next()?.ok()?;
                    let version = parts.next()?.ok()?;
                    // A draft from before stable keys has none: 0 matches no
                    // entry, so saving it is refused as stale, text kept.
                    let uid = parts.next().and_then(Result::ok).unwrap_or(0);
                    Some(EntryVersion { id, version, uid })
                }
                None => None,
            };
            FormDraft::Entry(EntryDraftBody {
                editing,
                kind_id: kinds
                    .iter()
                    .find(|k| Some(&k.name) == values.get("kind"))
                    .map(|k| k.id),
                person_id: people
                    .iter()
                    .find(|p| Some(&p.name) == values.get("with"))
                    .map(|p| p.id),
                title: text("title"),
                quality: score("quality"),
                notes: text("notes"),
                date: text("date"),
                time: text("time"),
                minutes: text("minutes"),
                initiated_by: text("by").parse().unwrap_or_default(),
                strength: text("strength"),
                tags: text("tags"),
                my_promises: text("my_promises"),
                their_promises: text("their_promises"),
                private: text("visible") == "private",
            })
        }
        DraftKey::CheckIn => FormDraft::CheckIn(CheckInDraftBody {
            trust: score("trust"),
            clarity: score("clarity"),
            ease: score("ease"),
            note: text("note"),
        }),
        DraftKey::Person => FormDraft::Person(PersonDraftBody {
            editing: values.get("_person").and_then(|p| p.parse().ok()),
            onboarding: text("_onboarding") == "true",
            name: text("name"),
            role: text("role"),
            cadence: text("cadence"),
            strengths: text("strengths"),
            relation: values.get("relation").and_then(|r| r.parse().ok()),
            call: text("call"),
        }),
        DraftKey::Summary => FormDraft::Summary(SummaryDraftBody {
            person_id: values.get("_person")?.parse().ok()?,
            week: Week::parse(values.get("_week")?).ok()?,
            summary: text("summary"),
        }),
        DraftKey::OneOnOne => {
            let ids = |name: &str| -> Vec<i64> {
                text(name)
                    .split(',')
                    .filter_map(|id| id.trim().parse().ok())
                    .collect()
            };
            FormDraft::OneOnOne(OneOnOneDraftBody {
                person_id: values.get("_person")?.parse().ok()?,
                topics: serde_json::from_str(values.get("_topics")?).ok()?,
                picks: text("_picks") == "true",
                quality: score("quality"),
                minutes: text("minutes"),
                notes: text("notes"),
                discussed: ids("discussed"),
                picked: ids("picked"),
                new_topics: text("new_topics"),
                advice_ask: text("advice_ask"),
                strength: text("strength"),
                my_promises: text("my_promises"),
                their_promises: text("their_promises"),
                title: text("title"),
                date: text("date"),
            })
        }
    })
}

impl OpenForm {
    /// The form's draft for the drafts table, with what it was for.
    pub fn draft_body(&self) -> String {
        FormDraft::of(self)
            .map(|draft| draft.to_body())
            .unwrap_or_default()
    }
}

/// Rebuilds a form from a saved draft body, if it still makes sense.
pub fn restore_draft(
    key: DraftKey,
    body: &str,
    kinds: &[Kind],
    people: &[Person],
    manager: Option<&Person>,
) -> Option<OpenForm> {
    FormDraft::from_body(key, body, kinds, people)?.into_form(kinds, people, manager)
}
