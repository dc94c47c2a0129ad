//! Reading rapport's own JSON document back: every field checked, and
//! every reference between records checked within the file (`checks`).
//! A file read as a stream hands each record on as soon as it is checked,
//! so an import writes it at once and holds neither the file nor its
//! records; a list that comes before a list it refers to (never in an
//! export) is held until the end.

mod checks;
mod records;

use std::io::Read;

use serde_json::Value;

use records::{
    advice_loop, calendar_occurrence, checkin, expectation, interaction, kind, nudge_state, person,
    profile_item, promise, summary, topic,
};

use super::export::{
    AdviceLoopRecord, CalendarOccurrenceRecord, CheckInRecord, EXPORT_FORMAT, EXPORT_VERSION,
    ExpectationRecord, ExportDocument, InteractionRecord, KindRecord, NudgeStateRecord,
    PersonRecord, ProfileItemRecord, PromiseRecord, SummaryRecord, TopicRecord,
};
use super::fields::{Fields, ImportError};
use super::import::{ImportFailure, Outcome};
use super::json_stream::walk_object;
use checks::{Checker, rank};

/// One record of a document, as the checks and the import take it.
#[derive(Debug, Clone, Copy)]
pub(super) enum RecordRef<'a> {
    Person(&'a PersonRecord),
    Kind(&'a KindRecord),
    Interaction(&'a InteractionRecord),
    AdviceLoop(&'a AdviceLoopRecord),
    Topic(&'a TopicRecord),
    Summary(&'a SummaryRecord),
    CheckIn(&'a CheckInRecord),
    NudgeState(&'a NudgeStateRecord),
    ProfileItem(&'a ProfileItemRecord),
    Expectation(&'a ExpectationRecord),
    Promise(&'a PromiseRecord),
    Calendar(&'a CalendarOccurrenceRecord),
}

/// What takes each checked record: the import's writer.
/// It takes each record with its place in its list.
pub(super) type Write<'a> = &'a mut dyn FnMut(usize, RecordRef<'_>) -> Outcome<()>;

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
    let mut checker = Checker::default();
    for section in SECTIONS {
        section_records(&doc, section, &mut |i, record| checker.check(i, record));
    }
    checker.finish()?;
    Ok(doc)
}

/// Checks a document already read (`document_from_value`'s) and hands
/// each record to `write` while nothing is wrong; the first problem, of
/// the file or of `write`.
pub(super) fn check_document(doc: &ExportDocument, write: Write<'_>) -> Outcome<()> {
    let mut feed = Feed::new(write);
    for section in SECTIONS {
        section_records(doc, section, &mut |i, record| feed.record(i, record));
    }
    feed.finish()
}

/// The sections of a document, in the order they are read and imported:
/// each after every section it refers to.
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

/// The sections whose ids a section's records refer to.
fn refers_to(section: &str) -> &'static [&'static str] {
    match section {
        "interactions" => &["people", "kinds"],
        "advice_loops" => &["interactions"],
        "topics" | "promises" => &["people", "interactions"],
        "summaries" => &["people", "interactions", "topics"],
        "checkins" | "nudge_states" | "profile_items" | "expectations" | "calendar" => &["people"],
        _ => &[],
    }
}

/// Hands each record of `section` in `doc` to `each` with its place.
fn section_records(
    doc: &ExportDocument,
    section: &str,
    each: &mut dyn FnMut(usize, RecordRef<'_>),
) {
    fn all<'d, T>(
        list: &'d [T],
        each: &mut dyn FnMut(usize, RecordRef<'_>),
        wrap: fn(&'d T) -> RecordRef<'d>,
    ) {
        for (i, record) in list.iter().enumerate() {
            each(i, wrap(record));
        }
    }
    match section {
        "people" => all(&doc.people, each, RecordRef::Person),
        "kinds" => all(&doc.kinds, each, RecordRef::Kind),
        "interactions" => all(&doc.interactions, each, RecordRef::Interaction),
        "advice_loops" => all(&doc.advice_loops, each, RecordRef::AdviceLoop),
        "topics" => all(&doc.topics, each, RecordRef::Topic),
        "summaries" => all(&doc.summaries, each, RecordRef::Summary),
        "checkins" => all(&doc.checkins, each, RecordRef::CheckIn),
        "nudge_states" => all(&doc.nudge_states, each, RecordRef::NudgeState),
        "profile_items" => all(&doc.profile_items, each, RecordRef::ProfileItem),
        "expectations" => all(&doc.expectations, each, RecordRef::Expectation),
        "promises" => all(&doc.promises, each, RecordRef::Promise),
        _ => all(&doc.calendar, each, RecordRef::Calendar),
    }
}

/// The checks, and the writer while nothing is wrong.
struct Feed<'w> {
    checker: Checker,
    write: Write<'w>,
    /// The first failure of the writer (a clash with the journal, or the
    /// journal's own): named only if the file has no problem.
    unwritten: Option<ImportFailure>,
}

impl<'w> Feed<'w> {
    fn new(write: Write<'w>) -> Feed<'w> {
        Feed {
            checker: Checker::default(),
            write,
            unwritten: None,
        }
    }

    fn record(&mut self, i: usize, record: RecordRef<'_>) {
        self.checker.check(i, record);
        if !self.checker.failed()
            && self.unwritten.is_none()
            && let Err(e) = (self.write)(i, record)
        {
            self.unwritten = Some(e);
        }
    }

    fn finish(self) -> Outcome<()> {
        self.checker.finish()?;
        self.unwritten.map_or(Ok(()), Err)
    }
}

/// As `document_from_value`, reading the file as a stream: the records,
/// checked, go to the document as they are read; for tests and small files
/// (an import writes them instead: `DocumentsMut::import_document_from`).
pub fn read_document(reader: impl Read) -> Result<ExportDocument, ImportFailure> {
    let mut doc = ExportDocument::empty();
    stream_document(reader, &mut |_, record| {
        match record {
            RecordRef::Person(r) => doc.people.push(r.clone()),
            RecordRef::Kind(r) => doc.kinds.push(r.clone()),
            RecordRef::Interaction(r) => doc.interactions.push(r.clone()),
            RecordRef::AdviceLoop(r) => doc.advice_loops.push(r.clone()),
            RecordRef::Topic(r) => doc.topics.push(r.clone()),
            RecordRef::Summary(r) => doc.summaries.push(r.clone()),
            RecordRef::CheckIn(r) => doc.checkins.push(r.clone()),
            RecordRef::NudgeState(r) => doc.nudge_states.push(r.clone()),
            RecordRef::ProfileItem(r) => doc.profile_items.push(r.clone()),
            RecordRef::Expectation(r) => doc.expectations.push(r.clone()),
            RecordRef::Promise(r) => doc.promises.push(r.clone()),
            RecordRef::Calendar(r) => doc.calendar.push(r.clone()),
        }
        Ok(())
    })?;
    Ok(doc)
}

/// Reads a document as a stream: each record is checked as it is read and
/// handed to `write` at once while nothing is wrong, so neither the file's
/// text, its parsed tree nor its records are held (but for a list that
/// comes before one it refers to, held until the end). The error is the
/// one `document_from_value` names for the same text — the format and
/// version, the first bad record by section, an unknown key, the
/// references — else the first of `write`; a syntax error stops the
/// reading at once.
pub(super) fn stream_document(reader: impl Read, write: Write<'_>) -> Outcome<()> {
    let mut stream = Stream {
        feed: Feed::new(write),
        done: Vec::new(),
        current: None,
        held: ExportDocument::empty(),
    };
    let walked = walk_object(reader, &SECTIONS, &mut |section, i, item| {
        stream.item(section, i, &item);
        Ok(())
    })?;
    stream.end_section();
    for section in SECTIONS {
        let feed = &mut stream.feed;
        section_records(&stream.held, section, &mut |i, record| {
            feed.record(i, record)
        });
    }
    let mut feed = stream.feed;
    let rest = Value::Object(walked.rest);
    let mut top = Fields::of("", &rest)?;
    if let Err(e) = check_format_and_version(&mut top) {
        feed.checker.fail((rank::FORMAT, 0, 0, 0), || e);
    }
    for section in SECTIONS {
        // Marks it known; a streamed list is not in `rest`.
        top.list(section)?;
    }
    if let Err(e) = top.finish() {
        feed.checker.fail((rank::UNKNOWN_KEY, 0, 0, 0), || e);
    }
    feed.finish()
}

/// A document being read as a stream.
struct Stream<'w> {
    feed: Feed<'w>,
    /// The sections read whole and fed.
    done: Vec<&'static str>,
    /// The section being read, and whether it is fed as read (else held).
    current: Option<(&'static str, bool)>,
    held: ExportDocument,
}

impl Stream<'_> {
    fn end_section(&mut self) {
        if let Some((section, true)) = self.current.take() {
            self.done.push(section);
        }
    }

    /// Item `i` of `section`: checked and fed, or held when a section it
    /// refers to is not read yet.
    fn item(&mut self, section: &'static str, i: usize, item: &Value) {
        if self.current.is_none_or(|(s, _)| s != section) {
            self.end_section();
            let live = refers_to(section).iter().all(|s| self.done.contains(s));
            self.current = Some((section, live));
        }
        let live = self.current.is_some_and(|(_, live)| live);
        let at = SECTIONS.iter().position(|s| *s == section).unwrap_or(0);
        let fail = |checker: &mut Checker, e: ImportError| {
            checker.fail((rank::RECORD, at, i, 0), || e);
        };
        let f = match Fields::of(format!("{section}[{i}]"), item) {
            Ok(f) => f,
            Err(e) => return fail(&mut self.feed.checker, e),
        };
        macro_rules! read {
            ($read:ident, $variant:ident, $list:ident) => {
                match $read(f) {
                    Err(e) => fail(&mut self.feed.checker, e),
                    Ok(record) if live => self.feed.record(i, RecordRef::$variant(&record)),
                    Ok(record) => self.held.$list.push(record),
                }
            };
        }
        match section {
            "people" => read!(person, Person, people),
            "kinds" => read!(kind, Kind, kinds),
            "interactions" => read!(interaction, Interaction, interactions),
            "advice_loops" => read!(advice_loop, AdviceLoop, advice_loops),
            "topics" => read!(topic, Topic, topics),
            "summaries" => read!(summary, Summary, summaries),
            "checkins" => read!(checkin, CheckIn, checkins),
            "nudge_states" => read!(nudge_state, NudgeState, nudge_states),
            "profile_items" => read!(profile_item, ProfileItem, profile_items),
            "expectations" => read!(expectation, Expectation, expectations),
            "promises" => read!(promise, Promise, promises),
            _ => read!(calendar_occurrence, Calendar, calendar),
        }
    }
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
