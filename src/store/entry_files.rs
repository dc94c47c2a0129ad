//! Interactions as rows: the CSV rapport writes and reads back, and jrnl's
//! JSON export (`jrnl --format json`). Both become `EntryRecord`s, which the
//! import matches on their content so that importing twice adds nothing.

use std::io::{self, Read};

use serde_json::Value;

use super::csv_bytes::Scanned;
use super::fields::{Fields, ImportError, checked_day, checked_instant, checked_time, strip_bom};
use super::import::{ImportFailure, Outcome};
use super::instant_text;
use super::json_stream::{Utf8Checked, unreadable, walk_object};
use crate::domain::interaction::normalized_tags;
use crate::domain::{Category, InitiatedBy, Interaction};

/// The CSV columns, in the order `export --format csv` writes them. An
/// import takes them in any order and may leave any out but `happened_on`
/// and `kind`; `id` is ignored, since the journal gives ids.
pub const CSV_COLUMNS: [&str; 16] = [
    "id",
    "happened_on",
    "time",
    "minutes",
    "person",
    "kind",
    "category",
    "quality",
    "initiated_by",
    "title",
    "notes",
    "tags",
    "strength",
    "created_at",
    "updated_at",
    "private",
];

/// How tags share one CSV cell. A tag holds no spaces, so a space cannot be
/// part of one; on import commas are accepted too.
pub const CSV_TAG_SEPARATOR: &str = " ";

/// Names that stand for a kind in a CSV `kind` cell or a jrnl tag, besides
/// the kinds' own names.
pub const KIND_ALIASES: [(&str, &str); 6] = [
    ("1on1", "one_on_one"),
    ("1:1", "one_on_one"),
    ("oneonone", "one_on_one"),
    ("dinner", "meal"),
    ("lunch", "meal"),
    ("breakfast", "meal"),
];

/// The kind name a word stands for: an alias's kind, else the word itself,
/// lowercased.
pub fn kind_for_word(word: &str) -> String {
    let word = word.trim().to_ascii_lowercase();
    KIND_ALIASES
        .iter()
        .find(|(alias, _)| *alias == word)
        .map_or(word, |(_, kind)| (*kind).to_string())
}

/// One CSV row for an interaction, in `CSV_COLUMNS` order.
pub fn csv_row(e: &Interaction) -> [String; 16] {
    let optional = |v: Option<String>| v.unwrap_or_default();
    [
        e.id.to_string(),
        e.happened_on.format("%Y-%m-%d").to_string(),
        optional(e.at_time.map(|t| t.format("%H:%M").to_string())),
        optional(e.minutes.map(|m| m.to_string())),
        e.person.clone(),
        e.kind.clone(),
        e.category.as_str().to_string(),
        optional(e.quality.map(|q| q.get().to_string())),
        e.initiated_by.as_str().to_string(),
        e.title.clone(),
        e.notes.clone(),
        e.tags.join(CSV_TAG_SEPARATOR),
        optional(e.advice_loop.as_ref().map(|a| a.strength.clone())),
        instant_text(e.created_at),
        instant_text(e.updated_at),
        if e.private { "yes" } else { "" }.to_string(),
    ]
}

/// Where a row came from, to name it in an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// A CSV row starting on this line (the header is line 1).
    Line(u64),
    /// The n-th entry (from 0) of a jrnl export.
    Entry(usize),
}

impl Origin {
    /// `line 5, column `kind`` or `entries[3].kind`.
    pub fn field(self, name: &str) -> String {
        match self {
            Origin::Line(n) => format!("line {n}, column `{name}`"),
            Origin::Entry(i) => format!("entries[{i}].{name}"),
        }
    }

    /// `line 5` or `entries[3]`.
    pub fn place(self) -> String {
        match self {
            Origin::Line(n) => format!("line {n}"),
            Origin::Entry(i) => format!("entries[{i}]"),
        }
    }
}

/// How an entry's kind is chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KindChoice {
    /// A CSV `kind` cell: a kind's name or an alias; unknown is an error.
    Named(String),
    /// jrnl: the first tag naming a kind, else `note`.
    FromTags,
}

/// An interaction read from a CSV row or a jrnl entry, checked but not yet
/// matched to the journal's people and kinds. Text fields are as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryRecord {
    pub origin: Origin,
    /// A person's name; `None` means the one the import is for.
    pub person: Option<String>,
    pub kind: KindChoice,
    pub category: Option<Category>,
    pub happened_on: String,
    pub time: Option<String>,
    pub minutes: Option<i64>,
    pub quality: Option<i64>,
    pub initiated_by: InitiatedBy,
    pub title: String,
    pub notes: String,
    pub tags: Vec<String>,
    /// For an advice ask: the strength of theirs it draws on.
    pub strength: String,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
    /// A work entry kept out of the summary and the review.
    pub private: bool,
}

/// Reads a CSV of interactions: a header naming known columns, then rows.
pub fn read_csv(text: &str) -> Result<Vec<EntryRecord>, ImportError> {
    let mut entries = Vec::new();
    read_csv_from(strip_bom(text).as_bytes(), &mut |entry| {
        entries.push(entry);
        Ok(())
    })
    .map_err(|e| match e {
        ImportFailure::Invalid(e) => e,
        // Only `each` fails with the journal, and this one never fails.
        ImportFailure::Store(e) => ImportError::new("the file", e.to_string()),
    })?;
    Ok(entries)
}

/// As `read_csv`, reading the file as a stream: each row goes to `each` as
/// soon as it is read, so a CSV of any size is never held whole. The error
/// is the one a reading of the whole file names first: text that is not
/// UTF-8 (which stops the reading at once), an empty file, a stray quote,
/// the header or the first bad row, and only then the first error of
/// `each` (after which `each` is not called again); the rest of the file
/// is read to find them.
pub fn read_csv_from(
    reader: impl Read,
    each: &mut dyn FnMut(EntryRecord) -> Outcome<()>,
) -> Outcome<()> {
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(Scanned::new(Utf8Checked::new(reader)));
    let rows = csv_rows(&mut csv, each);
    if let Err(Stop::Unreadable(e)) = rows {
        return Err(e.into());
    }
    let mut rest = csv.into_inner();
    io::copy(&mut rest, &mut io::sink()).map_err(|e| unreadable(&e))?;
    if rest.blank {
        return Err(ImportError::new(
            "line 1",
            "the file is empty: a CSV import starts with a header naming its columns",
        )
        .into());
    }
    if let Some(e) = rest.quotes.finish() {
        return Err(e.into());
    }
    match rows {
        Err(Stop::Unreadable(e) | Stop::Row(e)) => Err(e.into()),
        Ok(Some(refused)) => Err(refused),
        Ok(None) => Ok(()),
    }
}

/// Why the rows stopped being read.
enum Stop {
    /// The file: not UTF-8, or not readable.
    Unreadable(ImportError),
    /// The header or a row.
    Row(ImportError),
}

impl From<csv::Error> for Stop {
    fn from(e: csv::Error) -> Stop {
        match e.kind() {
            csv::ErrorKind::Io(io) => Stop::Unreadable(unreadable(io)),
            _ => Stop::Row(csv_error(e)),
        }
    }
}

/// Reads the header, then hands each row to `each` until it refuses one;
/// the rows after are still read and checked. `Ok` holds what `each`
/// refused.
fn csv_rows<R: Read>(
    reader: &mut csv::Reader<R>,
    each: &mut dyn FnMut(EntryRecord) -> Outcome<()>,
) -> Result<Option<ImportFailure>, Stop> {
    let header = reader.headers()?.clone();
    let mut columns: Vec<&'static str> = Vec::with_capacity(header.len());
    for name in &header {
        let wanted = name.trim().to_ascii_lowercase();
        let Some(known) = CSV_COLUMNS.iter().find(|c| **c == wanted) else {
            return Err(Stop::Row(ImportError::new(
                format!("line 1, column `{name}`"),
                format!(
                    "unknown column; a rapport CSV has the columns {}",
                    CSV_COLUMNS.join(", ")
                ),
            )));
        };
        if columns.contains(known) {
            return Err(Stop::Row(ImportError::new(
                format!("line 1, column `{name}`"),
                "appears twice in the header",
            )));
        }
        columns.push(known);
    }
    for required in ["happened_on", "kind"] {
        if !columns.contains(&required) {
            return Err(Stop::Row(ImportError::new(
                "line 1",
                format!("the header has no `{required}` column, and every row needs one"),
            )));
        }
    }
    let mut refused = None;
    let mut row = csv::StringRecord::new();
    while reader.read_record(&mut row)? {
        let line = row.position().map_or(0, csv::Position::line);
        let cell = |name: &str| {
            columns
                .iter()
                .position(|c| *c == name)
                .and_then(|i| row.get(i))
                .unwrap_or("")
        };
        let entry = csv_entry(Origin::Line(line), cell).map_err(Stop::Row)?;
        if refused.is_none()
            && let Err(e) = each(entry)
        {
            refused = Some(e);
        }
    }
    Ok(refused)
}

fn csv_entry<'r>(
    origin: Origin,
    cell: impl Fn(&str) -> &'r str,
) -> Result<EntryRecord, ImportError> {
    let fail = |name: &str, message: String| ImportError::new(origin.field(name), message);
    let filled = |name: &str| Some(cell(name)).filter(|v| !v.trim().is_empty());
    let checked = |name: &str, check: fn(&str) -> Result<String, String>| {
        filled(name)
            .map(|v| check(v.trim()).map_err(|m| fail(name, m)))
            .transpose()
    };
    let number = |name: &str, low: i64, high: i64| {
        filled(name)
            .map(|v| match v.trim().parse::<i64>() {
                Ok(n) if (low..=high).contains(&n) => Ok(n),
                _ => Err(fail(
                    name,
                    format!("`{v}` is not a whole number from {low} to {high}"),
                )),
            })
            .transpose()
    };
    let happened_on = checked("happened_on", checked_day)?.ok_or_else(|| {
        fail(
            "happened_on",
            "is empty: every row needs a date, YYYY-MM-DD".into(),
        )
    })?;
    let kind = filled("kind")
        .map(|k| k.trim().to_string())
        .ok_or_else(|| fail("kind", "is empty: every row needs a kind".into()))?;
    let category = filled("category")
        .map(|c| {
            c.parse::<Category>()
                .map_err(|e| fail("category", e.to_string()))
        })
        .transpose()?;
    let initiated_by = filled("initiated_by")
        .map(|b| {
            b.parse::<InitiatedBy>()
                .map_err(|e| fail("initiated_by", e.to_string()))
        })
        .transpose()?
        .unwrap_or_default();
    let private = match filled("private").map(|p| p.trim().to_ascii_lowercase()) {
        None => false,
        Some(p) if matches!(p.as_str(), "yes" | "true" | "1") => true,
        Some(p) if matches!(p.as_str(), "no" | "false" | "0") => false,
        Some(p) => return Err(fail("private", format!("`{p}` is not yes or no"))),
    };
    let tags: Vec<String> = cell("tags")
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect();
    Ok(EntryRecord {
        origin,
        person: filled("person").map(|p| p.trim().to_string()),
        kind: KindChoice::Named(kind),
        category,
        happened_on,
        time: checked("time", checked_time)?,
        minutes: number("minutes", 1, 1440)?,
        quality: number("quality", 1, 5)?,
        initiated_by,
        title: cell("title").to_string(),
        notes: cell("notes").to_string(),
        tags: normalized_tags(&tags).map_err(|e| fail("tags", e.to_string()))?,
        strength: cell("strength").trim().to_string(),
        created_at: checked("created_at", checked_instant)?,
        updated_at: checked("updated_at", checked_instant)?,
        private,
    })
}

fn csv_error(e: csv::Error) -> ImportError {
    let line = e.position().map_or(0, csv::Position::line);
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => ImportError::new(
            format!("line {line}"),
            format!("this row has {len} fields but the header has {expected_len}"),
        ),
        _ => ImportError::new(format!("line {line}"), format!("not readable as CSV: {e}")),
    }
}

/// Reads jrnl's JSON export: `{"tags": {...}, "entries": [{"title", "body",
/// "date", "time", "tags", "starred"}]}`. Fields jrnl adds for other
/// journal types (a uuid, …) are ignored.
pub fn entries_from_jrnl(value: &Value) -> Result<Vec<EntryRecord>, ImportError> {
    let mut top = Fields::of("", value)?;
    if top.has("format") {
        return Err(top.fail("format", LOOKS_LIKE_RAPPORT));
    }
    if !top.has("entries") {
        return Err(top.fail("entries", NO_ENTRIES));
    }
    top.list("entries")?
        .iter()
        .enumerate()
        .map(|(i, item)| jrnl_entry(i, item))
        .collect()
}

/// As `entries_from_jrnl`, reading the file as a stream: each entry goes to
/// `each` as soon as it is read, so a jrnl export of any size is never held
/// whole. The first error — in the file or from `each` — stops the reading.
pub fn read_jrnl(
    reader: impl Read,
    each: &mut dyn FnMut(EntryRecord) -> Outcome<()>,
) -> Outcome<()> {
    let walked = walk_object(reader, &["entries"], &mut |_, i, item| {
        each(jrnl_entry(i, &item)?)
    })?;
    if walked.rest.contains_key("format") {
        return Err(ImportError::new("format", LOOKS_LIKE_RAPPORT).into());
    }
    if walked.listed.is_empty() {
        return Err(ImportError::new("entries", NO_ENTRIES).into());
    }
    Ok(())
}

const LOOKS_LIKE_RAPPORT: &str =
    "this looks like a rapport export, not jrnl's: import it with --format json";
const NO_ENTRIES: &str =
    "is missing: jrnl's JSON export (`jrnl --format json`) holds an `entries` list";

/// The `i`-th entry of a jrnl export.
fn jrnl_entry(i: usize, item: &Value) -> Result<EntryRecord, ImportError> {
    let origin = Origin::Entry(i);
    let mut f = Fields::of(origin.place(), item)?;
    let happened_on = f.day("date")?;
    let time = f.opt_time("time")?;
    let title = f.opt_text("title")?.unwrap_or_default();
    let notes = f.opt_text("body")?.unwrap_or_default();
    let mut tags = Vec::new();
    for (j, tag) in f.strings("tags")?.iter().enumerate() {
        // jrnl writes a tag with its symbol, `@` unless configured otherwise.
        let bare = tag.trim().trim_start_matches(['@', '#']);
        let checked = normalized_tags(&[bare.to_string()])
            .map_err(|e| ImportError::new(f.path(&format!("tags[{j}]")), e.to_string()))?;
        tags.extend(checked);
    }
    if f.opt_flag("starred")?.unwrap_or(false) {
        tags.push("starred".to_string());
    }
    Ok(EntryRecord {
        origin,
        person: None,
        kind: KindChoice::FromTags,
        category: None,
        happened_on,
        time,
        minutes: None,
        quality: None,
        initiated_by: InitiatedBy::Me,
        title,
        notes,
        tags: normalized_tags(&tags).map_err(|e| f.fail("tags", e.to_string()))?,
        strength: String::new(),
        created_at: None,
        updated_at: None,
        private: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_map_to_kinds_and_other_words_to_themselves() {
        assert_eq!(kind_for_word("Dinner"), "meal");
        assert_eq!(kind_for_word("1on1"), "one_on_one");
        assert_eq!(kind_for_word("Walk"), "walk");
    }
}
