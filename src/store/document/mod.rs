//! Reading rapport's own JSON document back: every field checked, every
//! reference between records resolved within the file, before anything
//! touches the journal.

mod records;

use std::collections::{HashMap, HashSet};
use std::io::Read;

use serde_json::Value;

use records::{
    advice_loop, calendar_occurrence, checkin, expectation, interaction, kind, nudge_state, person,
    profile_item, promise, summary, topic,
};

use super::export::{EXPORT_FORMAT, EXPORT_VERSION, ExportDocument};
use super::fields::{Fields, ImportError};
use super::import::ImportFailure;
use super::json_stream::walk_object;
use crate::domain::Category;

/// Parses and checks a rapport export: the format and version first, then
/// every record, then that every id it refers to is in the file.
pub fn document_from_value(value: &Value) -> Result<ExportDocument, ImportError> {
    let mut top = Fields::of("", value)?;
    check_format_and_version(&mut top)?;
    let mut doc = ExportDocument::empty();
    doc.people = each(&mut top, "people", person)?;
    doc.kinds = each(&mut top, "kinds", kind)?;
    doc.interactions = each(&mut top, "interactions", interaction)?;
    doc.advice_loops = each(&mut top, "advice_loops", advice_loop)?;
    doc.topics = each(&mut top, "topics", topic)?;
    doc.summaries = each(&mut top, "summaries", summary)?;
    doc.checkins = each(&mut top, "checkins", checkin)?;
    doc.nudge_states = each(&mut top, "nudge_states", nudge_state)?;
    // Exports written before profiles existed have neither list: empty.
    doc.profile_items = each(&mut top, "profile_items", profile_item)?;
    doc.expectations = each(&mut top, "expectations", expectation)?;
    // Exports written before promises existed have none: empty.
    doc.promises = each(&mut top, "promises", promise)?;
    // Exports written before calendars were imported have none: empty.
    doc.calendar = each(&mut top, "calendar", calendar_occurrence)?;
    top.finish()?;
    check_references(&doc)?;
    Ok(doc)
}

/// The sections of a document, in the order they are read and imported.
const SECTIONS: [&str; 12] = [
    "people",
    "kinds",
    "interactions",
    "advice_loops",
    "topics",
    "summaries",
    "checkins",
    "nudge_states",
    "profile_items",
    "expectations",
    "promises",
    "calendar",
];

/// As `document_from_value`, reading the file as a stream: each record is
/// checked as it is read, so neither the file's text nor its parsed tree
/// is held whole (the records are). The errors are those of
/// `document_from_value`, in its order: the format and version, the first
/// bad record by section, an unknown field, then the references.
pub fn read_document(reader: impl Read) -> Result<ExportDocument, ImportFailure> {
    let mut doc = ExportDocument::empty();
    let mut bad: HashMap<&'static str, ImportError> = HashMap::new();
    let walked = walk_object(reader, &SECTIONS, &mut |section, i, item| {
        if bad.contains_key(section) {
            return Ok(());
        }
        if let Err(e) = add_record(&mut doc, section, i, &item) {
            bad.insert(section, e);
        }
        Ok(())
    })?;
    let rest = Value::Object(walked.rest);
    let mut top = Fields::of("", &rest)?;
    check_format_and_version(&mut top)?;
    for section in SECTIONS {
        if let Some(e) = bad.remove(section) {
            return Err(e.into());
        }
        // Marks it known; a streamed list is not in `rest`.
        top.list(section)?;
    }
    top.finish()?;
    check_references(&doc)?;
    Ok(doc)
}

/// Reads item `i` of `section` into `doc`.
fn add_record(
    doc: &mut ExportDocument,
    section: &'static str,
    i: usize,
    item: &Value,
) -> Result<(), ImportError> {
    let f = Fields::of(format!("{section}[{i}]"), item)?;
    match section {
        "people" => doc.people.push(person(f)?),
        "kinds" => doc.kinds.push(kind(f)?),
        "interactions" => doc.interactions.push(interaction(f)?),
        "advice_loops" => doc.advice_loops.push(advice_loop(f)?),
        "topics" => doc.topics.push(topic(f)?),
        "summaries" => doc.summaries.push(summary(f)?),
        "checkins" => doc.checkins.push(checkin(f)?),
        "nudge_states" => doc.nudge_states.push(nudge_state(f)?),
        "profile_items" => doc.profile_items.push(profile_item(f)?),
        "expectations" => doc.expectations.push(expectation(f)?),
        "promises" => doc.promises.push(promise(f)?),
        _ => doc.calendar.push(calendar_occurrence(f)?),
    }
    Ok(())
}

fn check_format_and_version(top: &mut Fields<'_>) -> Result<(), ImportError> {
    let looks_like_jrnl = top.has("entries") && !top.has("format");
    match top.opt_text("format")?.as_deref() {
        Some(EXPORT_FORMAT) => {}
        Some(other) => {
            return Err(top.fail(
                "format",
                format!("this is a `{other}` document, not a rapport export"),
            ));
        }
        None if looks_like_jrnl => {
            return Err(top.fail(
                "format",
                "is missing: this looks like a jrnl export; import it with --format jrnl",
            ));
        }
        None => {
            return Err(top.fail(
                "format",
                "is missing: a rapport export starts with {\"format\": \"rapport\", \"version\": 1}",
            ));
        }
    }
    let version = top.int("version")?;
    if version > EXPORT_VERSION {
        return Err(top.fail(
            "version",
            format!(
                "{version} was written by a newer rapport (this one reads version {EXPORT_VERSION}); upgrade rapport to import it"
            ),
        ));
    }
    if version != EXPORT_VERSION {
        return Err(top.fail(
            "version",
            format!("{version} is not a version this rapport reads (it reads {EXPORT_VERSION})"),
        ));
    }
    Ok(())
}

/// Reads the list `key`, each item with `read` at `key[i]`.
fn each<T>(
    top: &mut Fields<'_>,
    key: &'static str,
    read: fn(Fields<'_>) -> Result<T, ImportError>,
) -> Result<Vec<T>, ImportError> {
    top.list(key)?
        .iter()
        .enumerate()
        .map(|(i, v)| read(Fields::of(format!("{key}[{i}]"), v)?))
        .collect()
}

/// Ids seen in one section, to refuse a repeat and to resolve references.
struct Ids {
    section: &'static str,
    noun: &'static str,
    at: HashMap<i64, usize>,
}

impl Ids {
    fn of(
        section: &'static str,
        noun: &'static str,
        ids: impl Iterator<Item = i64>,
    ) -> Result<Ids, ImportError> {
        let mut at = HashMap::new();
        for (i, id) in ids.enumerate() {
            if let Some(first) = at.insert(id, i) {
                return Err(ImportError::new(
                    format!("{section}[{i}].id"),
                    format!(
                        "id {id} appears twice (also at {section}[{first}]); ids must be unique"
                    ),
                ));
            }
        }
        Ok(Ids { section, noun, at })
    }

    /// Checks that `id`, found at `place`, names a record of this section.
    fn resolve(&self, place: String, id: i64) -> Result<usize, ImportError> {
        self.at.get(&id).copied().ok_or_else(|| {
            ImportError::new(
                place,
                format!(
                    "refers to {} {id}, which is not in `{}`",
                    self.noun, self.section
                ),
            )
        })
    }
}

fn check_references(doc: &ExportDocument) -> Result<(), ImportError> {
    let people = Ids::of("people", "person", doc.people.iter().map(|p| p.id))?;
    let kinds = Ids::of("kinds", "kind", doc.kinds.iter().map(|k| k.id))?;
    let interactions = Ids::of(
        "interactions",
        "interaction",
        doc.interactions.iter().map(|e| e.id),
    )?;
    Ids::of(
        "advice_loops",
        "advice loop",
        doc.advice_loops.iter().map(|a| a.id),
    )?;
    let topics = Ids::of("topics", "topic", doc.topics.iter().map(|t| t.id))?;
    Ids::of("summaries", "summary", doc.summaries.iter().map(|s| s.id))?;
    Ids::of("checkins", "check-in", doc.checkins.iter().map(|c| c.id))?;
    Ids::of(
        "profile_items",
        "profile item",
        doc.profile_items.iter().map(|p| p.id),
    )?;
    Ids::of(
        "expectations",
        "expectation",
        doc.expectations.iter().map(|e| e.id),
    )?;
    for (i, p) in doc.profile_items.iter().enumerate() {
        if let Some(person) = p.person_id {
            people.resolve(format!("profile_items[{i}].person_id"), person)?;
        }
    }
    for (i, e) in doc.expectations.iter().enumerate() {
        people.resolve(format!("expectations[{i}].person_id"), e.person_id)?;
    }
    Ids::of(
        "calendar",
        "calendar occurrence",
        doc.calendar.iter().map(|c| c.id),
    )?;
    for (i, c) in doc.calendar.iter().enumerate() {
        people.resolve(format!("calendar[{i}].person_id"), c.person_id)?;
    }
    Ids::of("promises", "promise", doc.promises.iter().map(|p| p.id))?;
    let mut move_at: HashMap<i64, String> = HashMap::new();
    for (i, p) in doc.promises.iter().enumerate() {
        people.resolve(format!("promises[{i}].person_id"), p.person_id)?;
        if let Some(entry) = p.interaction_id {
            interactions.resolve(format!("promises[{i}].interaction_id"), entry)?;
        }
        for (j, m) in p.moves.iter().enumerate() {
            let here = format!("promises[{i}].moves[{j}]");
            if let Some(first) = move_at.insert(m.id, here.clone()) {
                return Err(ImportError::new(
                    format!("{here}.id"),
                    format!(
                        "id {} appears twice (also at {first}); ids must be unique",
                        m.id
                    ),
                ));
            }
        }
    }

    unique(
        "people",
        "name",
        doc.people.iter().map(|p| p.name.to_ascii_lowercase()),
    )?;
    if let Some(second) = doc.people.iter().filter(|p| p.is_current).nth(1) {
        let i = people.resolve(String::new(), second.id)?;
        return Err(ImportError::new(
            format!("people[{i}].is_current"),
            "a second current person: at most one person is current",
        ));
    }
    let mut strength_at: HashMap<i64, String> = HashMap::new();
    for (i, p) in doc.people.iter().enumerate() {
        let place = format!("people[{i}].strengths");
        unique(&place, "text", p.strengths.iter().map(|s| s.text.clone()))?;
        for (j, s) in p.strengths.iter().enumerate() {
            let here = format!("{place}[{j}]");
            if let Some(first) = strength_at.insert(s.id, here.clone()) {
                return Err(ImportError::new(
                    format!("{here}.id"),
                    format!(
                        "id {} appears twice (also at {first}); ids must be unique",
                        s.id
                    ),
                ));
            }
        }
    }
    unique("kinds", "name", doc.kinds.iter().map(|k| k.name.clone()))?;

    for (i, e) in doc.interactions.iter().enumerate() {
        people.resolve(format!("interactions[{i}].person_id"), e.person_id)?;
        let k = kinds.resolve(format!("interactions[{i}].kind_id"), e.kind_id)?;
        let kind = &doc.kinds[k];
        if kind.category == Category::Note.as_str() && e.quality.is_some() {
            return Err(ImportError::new(
                format!("interactions[{i}].quality"),
                format!(
                    "a {} is a reflection, not a meeting: it takes no quality",
                    kind.name
                ),
            ));
        }
        if kind.category == Category::Work.as_str() && e.quality.is_some() {
            return Err(ImportError::new(
                format!("interactions[{i}].quality"),
                format!(
                    "a {} is a work-log entry, not a meeting: it takes no quality",
                    kind.name
                ),
            ));
        }
    }
    let mut asked = HashSet::new();
    for (i, a) in doc.advice_loops.iter().enumerate() {
        let place = format!("advice_loops[{i}].interaction_id");
        interactions.resolve(place.clone(), a.interaction_id)?;
        if !asked.insert(a.interaction_id) {
            return Err(ImportError::new(
                place,
                format!("interaction {} has a second advice loop", a.interaction_id),
            ));
        }
    }
    for (i, t) in doc.topics.iter().enumerate() {
        people.resolve(format!("topics[{i}].person_id"), t.person_id)?;
        if let Some(closer) = t.closed_by_interaction {
            interactions.resolve(format!("topics[{i}].closed_by_interaction"), closer)?;
        }
    }
    for (i, s) in doc.summaries.iter().enumerate() {
        people.resolve(format!("summaries[{i}].person_id"), s.person_id)?;
        if let Some(sent) = s.sent_interaction {
            interactions.resolve(format!("summaries[{i}].sent_interaction"), sent)?;
        }
        for (j, topic) in s.picked_topics.iter().enumerate() {
            topics.resolve(format!("summaries[{i}].picked_topics[{j}]"), *topic)?;
        }
    }
    for (i, c) in doc.checkins.iter().enumerate() {
        if let Some(person) = c.person_id {
            people.resolve(format!("checkins[{i}].person_id"), person)?;
        }
    }
    for (i, n) in doc.nudge_states.iter().enumerate() {
        people.resolve(format!("nudge_states[{i}].person_id"), n.person_id)?;
    }
    unique(
        "nudge_states",
        "rule_id",
        doc.nudge_states
            .iter()
            .map(|n| format!("{} for person {}", n.rule_id, n.person_id)),
    )?;
    Ok(())
}

/// Refuses a value seen twice in a section, naming both places.
fn unique(
    section: &str,
    field: &str,
    values: impl Iterator<Item = String>,
) -> Result<(), ImportError> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, value) in values.enumerate() {
        if let Some(first) = seen.insert(value.clone(), i) {
            return Err(ImportError::new(
                format!("{section}[{i}].{field}"),
                format!("`{value}` appears twice (also at {section}[{first}])"),
            ));
        }
    }
    Ok(())
}
