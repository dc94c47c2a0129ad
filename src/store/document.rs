//! Reading rapport's own JSON document back: every field checked, every
//! reference between records resolved within the file, before anything
//! touches the journal.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use super::export::{
    AdviceLoopRecord, CalendarOccurrenceRecord, CheckInRecord, EXPORT_FORMAT, EXPORT_VERSION,
    ExpectationRecord, ExportDocument, InteractionRecord, KindRecord, NudgeStateRecord,
    PersonRecord, ProfileItemRecord, PromiseMoveRecord, PromiseRecord, StrengthRecord,
    SummaryRecord, TopicRecord,
};
use super::fields::{Fields, ImportError, checked_day};
use crate::domain::interaction::{normalized_tags, validate_kind_name};
use crate::domain::{
    Category, ExpectationState, Facet, HeldBy, InitiatedBy, MadeBy, PromiseState, Relation,
};

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

fn person(mut f: Fields<'_>) -> Result<PersonRecord, ImportError> {
    let id = f.int("id")?;
    let name = f.filled_text("name")?.trim().to_string();
    let role = f.text("role")?;
    let is_current = f.flag("is_current")?;
    let cadence_days = f.opt_int_in("cadence_days", 1, 365)?;
    let next_one_on_one = f.opt_day("next_one_on_one")?;
    let archived = f.flag("archived")?;
    // Exports from before relations existed have none: a manager then.
    let relation = match f.opt_text("relation")? {
        None => Relation::Manager,
        Some(text) => text
            .parse::<Relation>()
            .map_err(|e| f.fail("relation", e.to_string()))?,
    };
    // Exports from before the field have none: the default.
    let call = f.opt_text("call")?.unwrap_or_default();
    let strengths = f
        .list("strengths")?
        .iter()
        .enumerate()
        .map(|(j, v)| {
            let mut s = Fields::of(f.path(&format!("strengths[{j}]")), v)?;
            let record = StrengthRecord {
                id: s.int("id")?,
                text: s.filled_text("text")?,
                noted_on: s.day("noted_on")?,
            };
            s.finish()?;
            Ok(record)
        })
        .collect::<Result<Vec<_>, ImportError>>()?;
    let record = PersonRecord {
        id,
        name,
        role,
        is_current,
        cadence_days,
        next_one_on_one,
        archived,
        relation: relation.as_str().to_string(),
        call,
        strengths,
        created_at: f.instant("created_at")?,
        updated_at: f.instant("updated_at")?,
    };
    f.finish()?;
    Ok(record)
}

fn kind(mut f: Fields<'_>) -> Result<KindRecord, ImportError> {
    let id = f.int("id")?;
    let name = validate_kind_name(&f.text("name")?).map_err(|e| f.fail("name", e.to_string()))?;
    let category = f
        .text("category")?
        .parse::<Category>()
        .map_err(|e| f.fail("category", e.to_string()))?;
    let record = KindRecord {
        id,
        name,
        category: category.as_str().to_string(),
        builtin: f.flag("builtin")?,
    };
    f.finish()?;
    Ok(record)
}

fn interaction(mut f: Fields<'_>) -> Result<InteractionRecord, ImportError> {
    let id = f.int("id")?;
    let person_id = f.int("person_id")?;
    let kind_id = f.int("kind_id")?;
    let happened_on = f.day("happened_on")?;
    let time = f.opt_time("time")?;
    let minutes = f.opt_int_in("minutes", 1, 1440)?;
    let quality = f.opt_int_in("quality", 1, 5)?;
    let initiated_by = f
        .text("initiated_by")?
        .parse::<InitiatedBy>()
        .map_err(|e| f.fail("initiated_by", e.to_string()))?;
    let title = f.text("title")?;
    let notes = f.text("notes")?;
    let tags = f.strings("tags")?;
    let tags = normalized_tags(&tags).map_err(|e| f.fail("tags", e.to_string()))?;
    let record = InteractionRecord {
        id,
        person_id,
        kind_id,
        happened_on,
        time,
        minutes,
        quality,
        initiated_by: initiated_by.as_str().to_string(),
        title,
        notes,
        tags,
        created_at: f.instant("created_at")?,
        updated_at: f.instant("updated_at")?,
        version: f.int_in("version", 1, i64::MAX)?,
        private: f.opt_flag("private")?.unwrap_or(false),
        deleted_at: f.opt_instant("deleted_at")?,
        uid: f.opt_int("uid")?,
    };
    f.finish()?;
    Ok(record)
}

fn advice_loop(mut f: Fields<'_>) -> Result<AdviceLoopRecord, ImportError> {
    let record = AdviceLoopRecord {
        id: f.int("id")?,
        interaction_id: f.int("interaction_id")?,
        question: f.text("question")?,
        strength: f.text("strength")?,
        applied: f.opt_flag("applied")?,
        reported_on: f.opt_day("reported_on")?,
    };
    f.finish()?;
    Ok(record)
}

fn topic(mut f: Fields<'_>) -> Result<TopicRecord, ImportError> {
    let id = f.int("id")?;
    let person_id = f.int("person_id")?;
    let text = f.filled_text("text")?;
    let position = f.int("position")?;
    let status = f.text("status")?;
    if !matches!(status.as_str(), "open" | "discussed" | "dropped") {
        return Err(f.fail(
            "status",
            format!("`{status}` is not a topic status: use open, discussed or dropped"),
        ));
    }
    let record = TopicRecord {
        id,
        person_id,
        text,
        position,
        status,
        added_on: f.day("added_on")?,
        closed_on: f.opt_day("closed_on")?,
        closed_by_interaction: f.opt_int("closed_by_interaction")?,
        created_at: f.instant("created_at")?,
        updated_at: f.instant("updated_at")?,
    };
    f.finish()?;
    Ok(record)
}

fn summary(mut f: Fields<'_>) -> Result<SummaryRecord, ImportError> {
    let id = f.int("id")?;
    let person_id = f.int("person_id")?;
    // Exports from before summaries were kept per 1:1 name the week's
    // Monday instead: the import files it after the 1:1 before it was sent.
    let (after_one_on_one, week_start) = if f.has("week_start") && !f.has("after_one_on_one") {
        (String::new(), Some(f.day("week_start")?))
    } else {
        let after = f.text("after_one_on_one")?;
        if !after.is_empty() {
            checked_day(&after).map_err(|m| f.fail("after_one_on_one", m))?;
        }
        (after, None)
    };
    let for_one_on_one = f.opt_day("for_one_on_one")?;
    let body = f.text("body")?;
    let sent_on = f.opt_day("sent_on")?;
    let sent_interaction = f.opt_int("sent_interaction")?;
    let picked_topics = f
        .list("picked_topics")?
        .iter()
        .enumerate()
        .map(|(j, v)| {
            v.as_i64().ok_or_else(|| {
                ImportError::new(
                    f.path(&format!("picked_topics[{j}]")),
                    "expected a topic id (a whole number)",
                )
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let record = SummaryRecord {
        id,
        person_id,
        after_one_on_one,
        for_one_on_one,
        week_start,
        body,
        sent_on,
        sent_interaction,
        picked_topics,
        created_at: f.instant("created_at")?,
        updated_at: f.instant("updated_at")?,
    };
    f.finish()?;
    Ok(record)
}

fn checkin(mut f: Fields<'_>) -> Result<CheckInRecord, ImportError> {
    let record = CheckInRecord {
        id: f.int("id")?,
        person_id: f.opt_int("person_id")?,
        checked_on: f.day("checked_on")?,
        trust: f.int_in("trust", 1, 5)?,
        clarity: f.int_in("clarity", 1, 5)?,
        ease: f.int_in("ease", 1, 5)?,
        note: f.text("note")?,
        created_at: f.instant("created_at")?,
    };
    f.finish()?;
    Ok(record)
}

fn nudge_state(mut f: Fields<'_>) -> Result<NudgeStateRecord, ImportError> {
    let record = NudgeStateRecord {
        rule_id: f.filled_text("rule_id")?,
        person_id: f.int("person_id")?,
        snoozed_until: f.opt_day("snoozed_until")?,
        dismissed_at: f.opt_day_or_instant("dismissed_at")?,
        done_at: f.opt_day_or_instant("done_at")?,
        anchor: f.opt_day("anchor")?,
        switched_off: f.opt_flag("switched_off")?.unwrap_or(false),
    };
    f.finish()?;
    Ok(record)
}

/// A word that must be one of `parse`'s, kept as written.
fn word<T>(
    f: &mut Fields<'_>,
    key: &'static str,
    parse: fn(&str) -> Result<T, crate::domain::DomainError>,
) -> Result<String, ImportError> {
    let text = f.filled_text(key)?;
    parse(&text).map_err(|e| f.fail(key, e.to_string()))?;
    Ok(text)
}

fn profile_item(mut f: Fields<'_>) -> Result<ProfileItemRecord, ImportError> {
    let record = ProfileItemRecord {
        id: f.int("id")?,
        person_id: f.opt_int("person_id")?,
        facet: word(&mut f, "facet", |s| s.parse::<Facet>())?,
        text: f.filled_text("text")?,
        noted_on: f.day("noted_on")?,
        confirmed_on: f.day("confirmed_on")?,
        retired_on: f.opt_day("retired_on")?,
    };
    f.finish()?;
    Ok(record)
}

fn expectation(mut f: Fields<'_>) -> Result<ExpectationRecord, ImportError> {
    let record = ExpectationRecord {
        id: f.int("id")?,
        person_id: f.int("person_id")?,
        text: f.filled_text("text")?,
        held_by: word(&mut f, "held_by", |s| s.parse::<HeldBy>())?,
        state: word(&mut f, "state", |s| s.parse::<ExpectationState>())?,
        added_on: f.day("added_on")?,
        confirmed_on: f.opt_day("confirmed_on")?,
        dropped_on: f.opt_day("dropped_on")?,
        created_at: f.instant("created_at")?,
        updated_at: f.instant("updated_at")?,
    };
    f.finish()?;
    Ok(record)
}

fn calendar_occurrence(mut f: Fields<'_>) -> Result<CalendarOccurrenceRecord, ImportError> {
    let record = CalendarOccurrenceRecord {
        id: f.int("id")?,
        person_id: f.int("person_id")?,
        series_uid: f.text("series_uid")?,
        series_title: f.text("series_title")?,
        rule: f.text("rule")?,
        original_on: f.day("original_on")?,
        happens_on: f.opt_day("happens_on")?,
        at_time: f.opt_time("at_time")?,
        cancelled_by: f.opt_text("cancelled_by")?,
        created_at: f.instant("created_at")?,
    };
    f.finish()?;
    Ok(record)
}

fn promise(mut f: Fields<'_>) -> Result<PromiseRecord, ImportError> {
    let id = f.int("id")?;
    let person_id = f.int("person_id")?;
    let text = f.filled_text("text")?;
    let made_by = word(&mut f, "made_by", |s| s.parse::<MadeBy>())?;
    let made_on = f.day("made_on")?;
    let interaction_id = f.opt_int("interaction_id")?;
    let due_on = f.opt_day("due_on")?;
    let state = word(&mut f, "state", |s| s.parse::<PromiseState>())?;
    let closed_on = f.opt_day("closed_on")?;
    let moves = f
        .list("moves")?
        .iter()
        .enumerate()
        .map(|(j, v)| {
            let mut m = Fields::of(f.path(&format!("moves[{j}]")), v)?;
            let record = PromiseMoveRecord {
                id: m.int("id")?,
                moved_on: m.day("moved_on")?,
                from_due: m.opt_day("from_due")?,
                to_due: m.day("to_due")?,
            };
            m.finish()?;
            Ok(record)
        })
        .collect::<Result<Vec<_>, ImportError>>()?;
    // Days are `YYYY-MM-DD`, so text order is day order.
    if due_on.as_ref().is_some_and(|due| *due < made_on) {
        return Err(f.fail(
            "due_on",
            "is before made_on: a promise is due on or after the day it was made",
        ));
    }
    if closed_on.as_ref().is_some_and(|closed| *closed < made_on) {
        return Err(f.fail(
            "closed_on",
            "is before made_on: a promise closes on or after the day it was made",
        ));
    }
    let open = state.parse::<PromiseState>().is_ok_and(|s| s.is_open());
    if open != closed_on.is_none() {
        return Err(f.fail(
            "closed_on",
            format!("does not fit state `{state}`: an open or renegotiated promise has none, a kept, missed or dropped one has its day"),
        ));
    }
    let record = PromiseRecord {
        id,
        person_id,
        text,
        made_by,
        made_on,
        interaction_id,
        due_on,
        state,
        closed_on,
        moves,
        created_at: f.instant("created_at")?,
        updated_at: f.instant("updated_at")?,
    };
    f.finish()?;
    Ok(record)
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
