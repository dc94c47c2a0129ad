//! The checks between the records of one document: ids unique within a
//! list, every id a record refers to in the file, names unique, at most
//! one current person. Fed record by record, each list after the lists it
//! refers to, it keeps ids (as runs) and never the records; of every
//! problem it meets it keeps the one a reading of the whole file names
//! first: the format, then the first bad record by list, then an unknown
//! key, then the references in a fixed order (`rank`).

use std::collections::HashMap;

use super::super::export::{
    AdviceLoopRecord, CalendarOccurrenceRecord, CheckInRecord, ExpectationRecord,
    InteractionRecord, KindRecord, NudgeStateRecord, PersonRecord, ProfileItemRecord,
    PromiseRecord, SummaryRecord, TopicRecord,
};
use super::super::fields::ImportError;
use super::super::id_runs::IdRuns;
use super::RecordRef;
use crate::domain::Category;

/// Which problem a whole reading names first: the lowest.
pub(in crate::store) type Rank = (u8, usize, usize, usize);

/// The order of the checks, as a whole reading makes them.
pub(in crate::store) mod rank {
    pub const FORMAT: u8 = 0;
    /// A bad record: by list (in `SECTIONS` order), then place.
    pub const RECORD: u8 = 1;
    pub const UNKNOWN_KEY: u8 = 2;
    pub(super) const DUPLICATE_PEOPLE: u8 = 10;
    pub(super) const DUPLICATE_KINDS: u8 = 11;
    pub(super) const DUPLICATE_INTERACTIONS: u8 = 12;
    pub(super) const DUPLICATE_ADVICE_LOOPS: u8 = 13;
    pub(super) const DUPLICATE_TOPICS: u8 = 14;
    pub(super) const DUPLICATE_SUMMARIES: u8 = 15;
    pub(super) const DUPLICATE_CHECKINS: u8 = 16;
    pub(super) const DUPLICATE_PROFILE_ITEMS: u8 = 17;
    pub(super) const DUPLICATE_EXPECTATIONS: u8 = 18;
    pub(super) const PROFILE_ITEM_PERSON: u8 = 19;
    pub(super) const EXPECTATION_PERSON: u8 = 20;
    pub(super) const DUPLICATE_CALENDAR: u8 = 21;
    pub(super) const CALENDAR_PERSON: u8 = 22;
    pub(super) const DUPLICATE_PROMISES: u8 = 23;
    pub(super) const PROMISE: u8 = 24;
    pub(super) const PERSON_NAME: u8 = 25;
    pub(super) const SECOND_CURRENT: u8 = 26;
    pub(super) const STRENGTHS: u8 = 27;
    pub(super) const KIND_NAME: u8 = 28;
    pub(super) const INTERACTION: u8 = 29;
    pub(super) const ADVICE_LOOP: u8 = 30;
    pub(super) const TOPIC: u8 = 31;
    pub(super) const SUMMARY: u8 = 32;
    pub(super) const CHECKIN: u8 = 33;
    pub(super) const NUDGE_PERSON: u8 = 34;
    pub(super) const NUDGE_UNIQUE: u8 = 35;
}

/// The ids of one list, each with its place, to refuse a repeat and to
/// resolve references.
struct Ids {
    section: &'static str,
    noun: &'static str,
    rank: u8,
    at: IdRuns<usize>,
}

impl Ids {
    fn new(section: &'static str, noun: &'static str, rank: u8) -> Ids {
        Ids {
            section,
            noun,
            rank,
            at: IdRuns::default(),
        }
    }

    /// Whether `id` is one of this list's.
    fn has(&self, id: i64) -> bool {
        self.at.get(id).is_some()
    }

    /// The error naming `place` for a reference to `id`, not in this list.
    fn missing(&self, place: String, id: i64) -> ImportError {
        ImportError::new(
            place,
            format!(
                "refers to {} {id}, which is not in `{}`",
                self.noun, self.section
            ),
        )
    }
}

/// What the checks remember of a kind: its name and category.
struct KindSeen {
    name: String,
    category: String,
}

/// Checks records fed in order, keeping the first problem by rank.
pub(in crate::store) struct Checker {
    first: Option<(Rank, ImportError)>,
    people: Ids,
    kinds: Ids,
    interactions: Ids,
    advice_loops: Ids,
    topics: Ids,
    summaries: Ids,
    checkins: Ids,
    profile_items: Ids,
    expectations: Ids,
    calendar: Ids,
    promises: Ids,
    kind_seen: HashMap<i64, KindSeen>,
    /// The interactions that have an advice loop.
    asked: IdRuns<()>,
    person_names: HashMap<String, usize>,
    kind_names: HashMap<String, usize>,
    nudges: HashMap<(String, i64), usize>,
    currents: usize,
    /// Strength ids: the person's place and the strength's.
    strength_at: HashMap<i64, (usize, usize)>,
    /// Promise move ids: the promise's place and the move's.
    move_at: HashMap<i64, (usize, usize)>,
}

impl Default for Checker {
    fn default() -> Self {
        use rank::*;
        Checker {
            first: None,
            people: Ids::new("people", "person", DUPLICATE_PEOPLE),
            kinds: Ids::new("kinds", "kind", DUPLICATE_KINDS),
            interactions: Ids::new("interactions", "interaction", DUPLICATE_INTERACTIONS),
            advice_loops: Ids::new("advice_loops", "advice loop", DUPLICATE_ADVICE_LOOPS),
            topics: Ids::new("topics", "topic", DUPLICATE_TOPICS),
            summaries: Ids::new("summaries", "summary", DUPLICATE_SUMMARIES),
            checkins: Ids::new("checkins", "check-in", DUPLICATE_CHECKINS),
            profile_items: Ids::new("profile_items", "profile item", DUPLICATE_PROFILE_ITEMS),
            expectations: Ids::new("expectations", "expectation", DUPLICATE_EXPECTATIONS),
            calendar: Ids::new("calendar", "calendar occurrence", DUPLICATE_CALENDAR),
            promises: Ids::new("promises", "promise", DUPLICATE_PROMISES),
            kind_seen: HashMap::new(),
            asked: IdRuns::default(),
            person_names: HashMap::new(),
            kind_names: HashMap::new(),
            nudges: HashMap::new(),
            currents: 0,
            strength_at: HashMap::new(),
            move_at: HashMap::new(),
        }
    }
}

/// Records `id` at place `i` of `ids`' list; a repeat is a problem.
fn seen(first: &mut Option<(Rank, ImportError)>, ids: &mut Ids, i: usize, id: i64) {
    if let Some(before) = ids.at.add_new(id, i) {
        let section = ids.section;
        note(first, (ids.rank, i, 0, 0), || {
            ImportError::new(
                format!("{section}[{i}].id"),
                format!("id {id} appears twice (also at {section}[{before}]); ids must be unique"),
            )
        });
    }
}

/// Keeps `problem` if it comes before the one kept.
fn note(
    first: &mut Option<(Rank, ImportError)>,
    rank: Rank,
    problem: impl FnOnce() -> ImportError,
) {
    if first.as_ref().is_none_or(|(kept, _)| rank < *kept) {
        *first = Some((rank, problem()));
    }
}

/// `` `value` appears twice (also at place)``.
fn twice(at: String, value: &str, first: String) -> ImportError {
    ImportError::new(at, format!("`{value}` appears twice (also at {first})"))
}

impl Checker {
    /// Notes a problem found beside the checks (the format, a bad record).
    pub(in crate::store) fn fail(&mut self, rank: Rank, problem: impl FnOnce() -> ImportError) {
        note(&mut self.first, rank, problem);
    }

    /// Whether any problem was found yet.
    pub(in crate::store) fn failed(&self) -> bool {
        self.first.is_some()
    }

    /// The first problem, if any.
    pub(in crate::store) fn finish(self) -> Result<(), ImportError> {
        self.first.map_or(Ok(()), |(_, e)| Err(e))
    }

    /// Checks record `i` of its list. Every list it refers to was fed
    /// whole before it.
    pub(in crate::store) fn check(&mut self, i: usize, record: RecordRef<'_>) {
        match record {
            RecordRef::Person(p) => self.person(i, p),
            RecordRef::Kind(k) => self.kind(i, k),
            RecordRef::Interaction(e) => self.interaction(i, e),
            RecordRef::AdviceLoop(a) => self.advice_loop(i, a),
            RecordRef::Topic(t) => self.topic(i, t),
            RecordRef::Summary(s) => self.summary(i, s),
            RecordRef::CheckIn(c) => self.checkin(i, c),
            RecordRef::NudgeState(n) => self.nudge_state(i, n),
            RecordRef::ProfileItem(p) => self.profile_item(i, p),
            RecordRef::Expectation(e) => self.expectation(i, e),
            RecordRef::Promise(p) => self.promise(i, p),
            RecordRef::Calendar(c) => self.calendar_occurrence(i, c),
        }
    }

    /// A reference from `place()` to `id` of `list`.
    fn refer(
        first: &mut Option<(Rank, ImportError)>,
        list: &Ids,
        rank: Rank,
        id: i64,
        place: impl FnOnce() -> String,
    ) {
        if !list.has(id) {
            note(first, rank, || list.missing(place(), id));
        }
    }

    fn person(&mut self, i: usize, p: &PersonRecord) {
        use rank::*;
        seen(&mut self.first, &mut self.people, i, p.id);
        if let Some(before) = self.person_names.get(&p.name.to_ascii_lowercase()) {
            let before = *before;
            note(&mut self.first, (PERSON_NAME, i, 0, 0), || {
                twice(
                    format!("people[{i}].name"),
                    &p.name.to_ascii_lowercase(),
                    format!("people[{before}]"),
                )
            });
        } else {
            self.person_names.insert(p.name.to_ascii_lowercase(), i);
        }
        if p.is_current {
            self.currents += 1;
            if self.currents == 2 {
                note(&mut self.first, (SECOND_CURRENT, i, 0, 0), || {
                    ImportError::new(
                        format!("people[{i}].is_current"),
                        "a second current person: at most one person is current",
                    )
                });
            }
        }
        let mut texts: HashMap<&str, usize> = HashMap::new();
        for (j, s) in p.strengths.iter().enumerate() {
            if let Some(before) = texts.insert(&s.text, j) {
                note(&mut self.first, (STRENGTHS, i, 0, j), || {
                    twice(
                        format!("people[{i}].strengths[{j}].text"),
                        &s.text,
                        format!("people[{i}].strengths[{before}]"),
                    )
                });
            }
        }
        for (j, s) in p.strengths.iter().enumerate() {
            if let Some((a, b)) = self.strength_at.insert(s.id, (i, j)) {
                note(&mut self.first, (STRENGTHS, i, 1, j), || {
                    ImportError::new(
                        format!("people[{i}].strengths[{j}].id"),
                        format!(
                            "id {} appears twice (also at people[{a}].strengths[{b}]); ids must be unique",
                            s.id
                        ),
                    )
                });
            }
        }
    }

    fn kind(&mut self, i: usize, k: &KindRecord) {
        seen(&mut self.first, &mut self.kinds, i, k.id);
        self.kind_seen.entry(k.id).or_insert_with(|| KindSeen {
            name: k.name.clone(),
            category: k.category.clone(),
        });
        if let Some(before) = self.kind_names.get(&k.name) {
            let before = *before;
            note(&mut self.first, (rank::KIND_NAME, i, 0, 0), || {
                twice(
                    format!("kinds[{i}].name"),
                    &k.name,
                    format!("kinds[{before}]"),
                )
            });
        } else {
            self.kind_names.insert(k.name.clone(), i);
        }
    }

    fn interaction(&mut self, i: usize, e: &InteractionRecord) {
        use rank::INTERACTION;
        seen(&mut self.first, &mut self.interactions, i, e.id);
        Self::refer(
            &mut self.first,
            &self.people,
            (INTERACTION, i, 0, 0),
            e.person_id,
            || format!("interactions[{i}].person_id"),
        );
        Self::refer(
            &mut self.first,
            &self.kinds,
            (INTERACTION, i, 1, 0),
            e.kind_id,
            || format!("interactions[{i}].kind_id"),
        );
        let Some(kind) = self.kind_seen.get(&e.kind_id) else {
            return;
        };
        if e.quality.is_none() {
            return;
        }
        let what = if kind.category == Category::Note.as_str() {
            "a reflection, not a meeting"
        } else if kind.category == Category::Work.as_str() {
            "a work-log entry, not a meeting"
        } else {
            return;
        };
        note(&mut self.first, (INTERACTION, i, 2, 0), || {
            ImportError::new(
                format!("interactions[{i}].quality"),
                format!("a {} is {what}: it takes no quality", kind.name),
            )
        });
    }

    fn advice_loop(&mut self, i: usize, a: &AdviceLoopRecord) {
        use rank::ADVICE_LOOP;
        seen(&mut self.first, &mut self.advice_loops, i, a.id);
        let place = || format!("advice_loops[{i}].interaction_id");
        if !self.interactions.has(a.interaction_id) {
            let list = &self.interactions;
            note(&mut self.first, (ADVICE_LOOP, i, 0, 0), || {
                list.missing(place(), a.interaction_id)
            });
        } else if self.asked.add_new(a.interaction_id, ()).is_some() {
            note(&mut self.first, (ADVICE_LOOP, i, 1, 0), || {
                ImportError::new(
                    place(),
                    format!("interaction {} has a second advice loop", a.interaction_id),
                )
            });
        }
    }

    fn topic(&mut self, i: usize, t: &TopicRecord) {
        use rank::TOPIC;
        seen(&mut self.first, &mut self.topics, i, t.id);
        Self::refer(
            &mut self.first,
            &self.people,
            (TOPIC, i, 0, 0),
            t.person_id,
            || format!("topics[{i}].person_id"),
        );
        if let Some(closer) = t.closed_by_interaction {
            Self::refer(
                &mut self.first,
                &self.interactions,
                (TOPIC, i, 1, 0),
                closer,
                || format!("topics[{i}].closed_by_interaction"),
            );
        }
    }

    fn summary(&mut self, i: usize, s: &SummaryRecord) {
        use rank::SUMMARY;
        seen(&mut self.first, &mut self.summaries, i, s.id);
        Self::refer(
            &mut self.first,
            &self.people,
            (SUMMARY, i, 0, 0),
            s.person_id,
            || format!("summaries[{i}].person_id"),
        );
        if let Some(sent) = s.sent_interaction {
            Self::refer(
                &mut self.first,
                &self.interactions,
                (SUMMARY, i, 1, 0),
                sent,
                || format!("summaries[{i}].sent_interaction"),
            );
        }
        for (j, topic) in s.picked_topics.iter().enumerate() {
            Self::refer(
                &mut self.first,
                &self.topics,
                (SUMMARY, i, 2, j),
                *topic,
                || format!("summaries[{i}].picked_topics[{j}]"),
            );
        }
    }

    fn checkin(&mut self, i: usize, c: &CheckInRecord) {
        seen(&mut self.first, &mut self.checkins, i, c.id);
        if let Some(person) = c.person_id {
            Self::refer(
                &mut self.first,
                &self.people,
                (rank::CHECKIN, i, 0, 0),
                person,
                || format!("checkins[{i}].person_id"),
            );
        }
    }

    fn nudge_state(&mut self, i: usize, n: &NudgeStateRecord) {
        Self::refer(
            &mut self.first,
            &self.people,
            (rank::NUDGE_PERSON, i, 0, 0),
            n.person_id,
            || format!("nudge_states[{i}].person_id"),
        );
        let key = (n.rule_id.clone(), n.person_id);
        if let Some(before) = self.nudges.get(&key) {
            let before = *before;
            note(&mut self.first, (rank::NUDGE_UNIQUE, i, 0, 0), || {
                twice(
                    format!("nudge_states[{i}].rule_id"),
                    &format!("{} for person {}", n.rule_id, n.person_id),
                    format!("nudge_states[{before}]"),
                )
            });
        } else {
            self.nudges.insert(key, i);
        }
    }

    fn profile_item(&mut self, i: usize, p: &ProfileItemRecord) {
        seen(&mut self.first, &mut self.profile_items, i, p.id);
        if let Some(person) = p.person_id {
            Self::refer(
                &mut self.first,
                &self.people,
                (rank::PROFILE_ITEM_PERSON, i, 0, 0),
                person,
                || format!("profile_items[{i}].person_id"),
            );
        }
    }

    fn expectation(&mut self, i: usize, e: &ExpectationRecord) {
        seen(&mut self.first, &mut self.expectations, i, e.id);
        Self::refer(
            &mut self.first,
            &self.people,
            (rank::EXPECTATION_PERSON, i, 0, 0),
            e.person_id,
            || format!("expectations[{i}].person_id"),
        );
    }

    fn calendar_occurrence(&mut self, i: usize, c: &CalendarOccurrenceRecord) {
        seen(&mut self.first, &mut self.calendar, i, c.id);
        Self::refer(
            &mut self.first,
            &self.people,
            (rank::CALENDAR_PERSON, i, 0, 0),
            c.person_id,
            || format!("calendar[{i}].person_id"),
        );
    }

    fn promise(&mut self, i: usize, p: &PromiseRecord) {
        use rank::PROMISE;
        seen(&mut self.first, &mut self.promises, i, p.id);
        Self::refer(
            &mut self.first,
            &self.people,
            (PROMISE, i, 0, 0),
            p.person_id,
            || format!("promises[{i}].person_id"),
        );
        if let Some(entry) = p.interaction_id {
            Self::refer(
                &mut self.first,
                &self.interactions,
                (PROMISE, i, 1, 0),
                entry,
                || format!("promises[{i}].interaction_id"),
            );
        }
        for (j, m) in p.moves.iter().enumerate() {
            if let Some((a, b)) = self.move_at.insert(m.id, (i, j)) {
                note(&mut self.first, (PROMISE, i, 2, j), || {
                    ImportError::new(
                        format!("promises[{i}].moves[{j}].id"),
                        format!(
                            "id {} appears twice (also at promises[{a}].moves[{b}]); ids must be unique",
                            m.id
                        ),
                    )
                });
            }
        }
    }
}
