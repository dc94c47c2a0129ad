//! One record of each section of rapport's own JSON document, read from
//! its JSON object with every field checked (references between records are
//! checked by the caller, over the whole document).

use super::super::export::{
    AdviceLoopRecord, CalendarOccurrenceRecord, CheckInRecord, ExpectationRecord,
    InteractionRecord, KindRecord, NudgeStateRecord, PersonRecord, ProfileItemRecord,
    PromiseMoveRecord, PromiseRecord, StrengthRecord, SummaryRecord, TopicRecord,
};
use super::super::fields::{Fields, ImportError, checked_day};
use crate::domain::interaction::{normalized_tags, validate_kind_name};
use crate::domain::{
    Category, ExpectationState, Facet, HeldBy, InitiatedBy, MadeBy, PromiseState, Relation,
};

pub(super) fn person(mut f: Fields<'_>) -> Result<PersonRecord, ImportError> {
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

pub(super) fn kind(mut f: Fields<'_>) -> Result<KindRecord, ImportError> {
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

pub(super) fn interaction(mut f: Fields<'_>) -> Result<InteractionRecord, ImportError> {
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

pub(super) fn advice_loop(mut f: Fields<'_>) -> Result<AdviceLoopRecord, ImportError> {
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

pub(super) fn topic(mut f: Fields<'_>) -> Result<TopicRecord, ImportError> {
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

pub(super) fn summary(mut f: Fields<'_>) -> Result<SummaryRecord, ImportError> {
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

pub(super) fn checkin(mut f: Fields<'_>) -> Result<CheckInRecord, ImportError> {
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

pub(super) fn nudge_state(mut f: Fields<'_>) -> Result<NudgeStateRecord, ImportError> {
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

pub(super) fn profile_item(mut f: Fields<'_>) -> Result<ProfileItemRecord, ImportError> {
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

pub(super) fn expectation(mut f: Fields<'_>) -> Result<ExpectationRecord, ImportError> {
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

pub(super) fn calendar_occurrence(
    mut f: Fields<'_>,
) -> Result<CalendarOccurrenceRecord, ImportError> {
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

pub(super) fn promise(mut f: Fields<'_>) -> Result<PromiseRecord, ImportError> {
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
