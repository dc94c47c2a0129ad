//! The CSV and Markdown exports, written as they are read: entries come
//! page by page, oldest first, inside one read snapshot, and each row goes
//! out before the next page is read, so memory stays flat at any size.

use std::io::{self, BufWriter, Write};
use std::path::Path;

use chrono::NaiveDate;

use super::markdown::{self, Scope, Totals, Weeks};
use crate::domain::Interaction;
use crate::store::{CSV_COLUMNS, Cursor, InteractionFilter, Result, Store, StoreError, csv_row};

/// Entries read per page.
const PAGE: u32 = 500;

/// Writes the live entries matching `filter` as CSV with its header, in
/// one snapshot; gives how many rows. `shown` names the output in errors.
pub fn write_csv(
    store: &Store,
    filter: &InteractionFilter,
    out: impl Write,
    shown: &Path,
) -> Result<usize> {
    let io = |source| io_error(shown, source);
    store.documents().in_one_snapshot(|store| {
        let mut writer = csv::Writer::from_writer(BufWriter::with_capacity(1 << 16, out));
        let csv = |e: csv::Error| io(csv_io_error(e));
        writer.write_record(CSV_COLUMNS).map_err(csv)?;
        let rows = each_oldest_first(store, filter, |e| {
            writer.write_record(csv_row(&e)).map_err(csv)
        })?;
        writer.flush().map_err(io)?;
        Ok(rows)
    })
}

/// Writes the readable record of the entries matching `filter`, in one
/// snapshot read twice: once for the heading's counts, once for the rows.
/// Gives how many entries.
pub fn write_markdown(
    store: &Store,
    filter: &InteractionFilter,
    scope: &Scope,
    out: impl Write,
    shown: &Path,
) -> Result<usize> {
    let io = |source| io_error(shown, source);
    store.documents().in_one_snapshot(|store| {
        let mut totals = Totals::default();
        each_oldest_first(store, filter, |e| {
            totals.add(&e);
            Ok(())
        })?;
        let mut out = BufWriter::with_capacity(1 << 16, out);
        markdown::write_head(&mut out, &totals, scope).map_err(io)?;
        let mut weeks = Weeks::new(out, scope.person.is_none());
        each_oldest_first(store, filter, |e| weeks.push(e).map_err(io))?;
        weeks.finish().and_then(|mut out| out.flush()).map_err(io)?;
        Ok(totals.entries())
    })
}

/// Calls `each` with the live entries matching `filter`, oldest first,
/// read a page at a time; gives how many there were.
fn each_oldest_first(
    store: &Store,
    filter: &InteractionFilter,
    mut each: impl FnMut(Interaction) -> Result<()>,
) -> Result<usize> {
    // Before the first possible entry: ids start at 1.
    let mut after = Cursor {
        happened_on: NaiveDate::from_ymd_opt(1, 1, 1).unwrap_or(NaiveDate::MIN),
        id: 0,
    };
    let mut seen = 0;
    loop {
        // Newest first: the page's first entry is where the next one starts.
        let page = store
            .entries()
            .interactions_newer_than(filter, after, PAGE)?;
        let Some(newest) = page.first() else {
            return Ok(seen);
        };
        after = Cursor::after(newest);
        for e in page.into_iter().rev() {
            each(e)?;
            seen += 1;
        }
    }
}

/// Keeps the kind of the writer's own error, so a reader that went away
/// (a closed pipe) is still seen as one.
fn csv_io_error(e: csv::Error) -> io::Error {
    let kind = match e.kind() {
        csv::ErrorKind::Io(source) => source.kind(),
        _ => io::ErrorKind::Other,
    };
    io::Error::new(kind, e)
}

fn io_error(shown: &Path, source: io::Error) -> StoreError {
    StoreError::Io {
        path: shown.to_path_buf(),
        source,
    }
}

#[cfg(test)]
mod tests;
