//! `import`: a file of rapport's own JSON, its CSV or jrnl's JSON, read as
//! a stream where the format allows and written record by record as it is
//! read, in one transaction (or, with `--dry-run`, only described).

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use super::super::{CmdResult, Context, Failure, resolve_person};
use crate::present::count;
use crate::store::{
    EntryRecord, ExportDocument, ImportError, ImportFailure, ImportReport, document_from_value,
    entries_from_jrnl, parse_json_value, read_csv, read_csv_from, read_jrnl, strip_bom,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    /// rapport's own export (`rapport export --format json`)
    Json,
    /// rapport's CSV columns (`rapport export --format csv`)
    Csv,
    /// jrnl's JSON export (`jrnl --format json`)
    Jrnl,
}

#[derive(Debug, Clone, Args)]
pub struct ImportArgs {
    /// The file to import; `-` reads standard input
    pub file: PathBuf,
    /// The file's format [default: guessed from its name and content]
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<ImportFormat>,
    /// Check everything and say what would be imported, without writing
    #[arg(long)]
    pub dry_run: bool,
    /// csv and jrnl: who entries naming no person were with [default: the current manager]
    #[arg(long = "with", value_name = "PERSON")]
    pub with: Option<String>,
}

/// A file read and checked, not yet matched against the journal.
enum Parsed {
    Document(Box<ExportDocument>),
    Entries(Vec<EntryRecord>),
}

pub fn import(args: ImportArgs, ctx: &Context) -> CmdResult {
    let shown = args.file.display().to_string();
    let mut input = open_import_file(&args.file)?;
    let bad_file = |e: ImportError| Failure::usage(format!("{shown}: {e}; nothing was imported"));
    let refused = |e: ImportFailure| match e {
        ImportFailure::Invalid(e) => bad_file(e),
        ImportFailure::Store(e) => Failure::from(e),
    };
    if streams_as_jrnl(&args, &mut input)? {
        let mut store = ctx.open_store()?;
        let person = match entries_person(&store, &args) {
            Ok(person) => person,
            // The file's own problems come first, as when it was read whole.
            Err(unknown) => {
                read_jrnl(input, &mut |_| Ok(())).map_err(refused)?;
                return Err(unknown);
            }
        };
        let report = store
            .documents_mut()
            .import_entries_from(|each| read_jrnl(input, each), person, ctx.now, args.dry_run)
            .map_err(refused)?;
        say!("{}", describe(&report, &shown));
        return Ok(());
    }
    if streams_as_document(&args, &mut input)? {
        if args.with.is_some() {
            return Err(Failure::usage(
                "--with is for csv and jrnl imports: a json export names its people",
            ));
        }
        let report = ctx
            .open_store()?
            .documents_mut()
            .import_document_from(input, args.dry_run)
            .map_err(refused)?;
        say!("{}", describe(&report, &shown));
        return Ok(());
    }
    if streams_as_csv(&args, &mut input)? {
        let mut store = ctx.open_store()?;
        let person = match entries_person(&store, &args) {
            Ok(person) => person,
            // The file's own problems come first, as when it was read whole.
            Err(unknown) => {
                read_csv_from(input, &mut |_| Ok(())).map_err(refused)?;
                return Err(unknown);
            }
        };
        let report = store
            .documents_mut()
            .import_entries_from(
                |each| read_csv_from(input, each),
                person,
                ctx.now,
                args.dry_run,
            )
            .map_err(refused)?;
        say!("{}", describe(&report, &shown));
        return Ok(());
    }
    let parsed = {
        let text = read_import_file(&shown, input)?;
        parse_import(&args, &text).map_err(|e| match e {
            Unreadable::File(e) => bad_file(e),
            Unreadable::Unknown(message) => Failure::usage(format!("{shown}: {message}")),
        })?
    };
    if matches!(parsed, Parsed::Document(_)) && args.with.is_some() {
        return Err(Failure::usage(
            "--with is for csv and jrnl imports: a json export names its people",
        ));
    }
    let mut store = ctx.open_store()?;
    let outcome = match parsed {
        Parsed::Document(doc) => store.documents_mut().import_document(&doc, args.dry_run),
        Parsed::Entries(entries) => {
            let person = entries_person(&store, &args)?;
            store.documents_mut().import_entries_from(
                |each| entries.into_iter().try_for_each(each),
                person,
                ctx.now,
                args.dry_run,
            )
        }
    };
    let report = outcome.map_err(refused)?;
    say!("{}", describe(&report, &shown));
    Ok(())
}

/// Who CSV and jrnl entries naming no person were with: `--with`, else the
/// current manager, if any.
fn entries_person(store: &crate::store::Store, args: &ImportArgs) -> Result<Option<i64>, Failure> {
    Ok(match &args.with {
        Some(name) => Some(resolve_person(store, Some(name))?.id),
        None => store.people().current_person()?.map(|p| p.id),
    })
}

enum Unreadable {
    File(ImportError),
    Unknown(String),
}

impl From<ImportError> for Unreadable {
    fn from(e: ImportError) -> Unreadable {
        Unreadable::File(e)
    }
}

/// Reads the file in its format: the one given, else `.csv` by name, else
/// JSON (rapport's when it has a `format`, jrnl's when it has `entries`)
/// when it starts with `{` or `[`, else CSV. JSON is parsed once either way.
fn parse_import(args: &ImportArgs, text: &str) -> Result<Parsed, Unreadable> {
    let by_name = args
        .file
        .extension()
        .filter(|e| e.eq_ignore_ascii_case("csv"))
        .map(|_| ImportFormat::Csv);
    let format = args
        .format
        .or(by_name)
        .or_else(|| (!text.trim_start().starts_with(['{', '['])).then_some(ImportFormat::Csv));
    if format == Some(ImportFormat::Csv) {
        return Ok(Parsed::Entries(read_csv(text)?));
    }
    let value = parse_json_value(text)?;
    let keys = value.as_object();
    let has = |key: &str| keys.is_some_and(|k| k.contains_key(key));
    let format = match format {
        Some(format) => format,
        None if has("format") => ImportFormat::Json,
        None if has("entries") => ImportFormat::Jrnl,
        None => {
            return Err(Unreadable::Unknown(
                "JSON, but neither a rapport export (no \"format\") nor a jrnl export (no \"entries\"); pass --format, or check the file; nothing was imported".into(),
            ));
        }
    };
    Ok(if format == ImportFormat::Jrnl {
        Parsed::Entries(entries_from_jrnl(&value)?)
    } else {
        Parsed::Document(Box::new(document_from_value(&value)?))
    })
}

/// The file to import, buffered: `-` is standard input.
fn open_import_file(file: &Path) -> Result<BufReader<Box<dyn Read>>, Failure> {
    let input: Box<dyn Read> = if file.as_os_str() == "-" {
        Box::new(std::io::stdin())
    } else {
        Box::new(
            std::fs::File::open(file)
                .map_err(|e| Failure::usage(format!("cannot read {}: {e}", file.display())))?,
        )
    };
    Ok(BufReader::with_capacity(1 << 16, input))
}

/// Whether the file is jrnl's JSON, to be read as a stream (an export of
/// any size is never held whole): said so with `--format jrnl`, or, with no
/// format given and a name not ending `.csv`, an object whose first key is
/// one of jrnl's (`tags`, `entries`). A byte order mark is skipped.
fn streams_as_jrnl(args: &ImportArgs, input: &mut impl BufRead) -> Result<bool, Failure> {
    let unreadable =
        |e: std::io::Error| Failure::usage(format!("cannot read {}: {e}", args.file.display()));
    if input
        .fill_buf()
        .map_err(unreadable)?
        .starts_with(b"\xEF\xBB\xBF")
    {
        input.consume(3);
    }
    let named_csv = args
        .file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    Ok(match args.format {
        Some(format) => format == ImportFormat::Jrnl,
        None if named_csv => false,
        None => {
            let head = input.fill_buf().map_err(unreadable)?;
            matches!(first_key(head), Some(b"tags" | b"entries"))
        }
    })
}

/// Whether the file is rapport's own JSON, to be read as a stream (its
/// text and parsed tree never held whole): not said to be another format,
/// not named `.csv`, and an object whose first key is `format`, as every
/// rapport export begins.
fn streams_as_document(args: &ImportArgs, input: &mut impl BufRead) -> Result<bool, Failure> {
    let named_csv = args
        .file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    if args.format.is_some_and(|f| f != ImportFormat::Json) || (args.format.is_none() && named_csv)
    {
        return Ok(false);
    }
    let head = input
        .fill_buf()
        .map_err(|e| Failure::usage(format!("cannot read {}: {e}", args.file.display())))?;
    Ok(first_key(head) == Some(b"format"))
}

/// Whether the file is CSV, to be read as a stream (a file of any size is
/// never held whole): said so with `--format csv`, named `.csv` with no
/// format given, or, with no format, text that does not begin with `{` or
/// `[`. A beginning that is all white space is left to the whole reading.
fn streams_as_csv(args: &ImportArgs, input: &mut impl BufRead) -> Result<bool, Failure> {
    let named_csv = args
        .file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    match args.format {
        Some(format) => return Ok(format == ImportFormat::Csv),
        None if named_csv => return Ok(true),
        None => {}
    }
    let head = input
        .fill_buf()
        .map_err(|e| Failure::usage(format!("cannot read {}: {e}", args.file.display())))?;
    let text = match std::str::from_utf8(head) {
        Ok(text) => text,
        Err(e) => std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or_default(),
    };
    Ok(text
        .trim_start()
        .chars()
        .next()
        .is_some_and(|c| c != '{' && c != '['))
}

/// The first key of the JSON object `head` begins, if it is all there.
fn first_key(head: &[u8]) -> Option<&[u8]> {
    let rest = head
        .trim_ascii_start()
        .strip_prefix(b"{")?
        .trim_ascii_start()
        .strip_prefix(b"\"")?;
    rest.iter().position(|b| *b == b'"').map(|end| &rest[..end])
}

/// The rest of the file as text; a byte order mark is dropped.
fn read_import_file(shown: &str, mut input: impl Read) -> Result<String, Failure> {
    let mut bytes = Vec::new();
    input
        .read_to_end(&mut bytes)
        .map_err(|e| Failure::usage(format!("cannot read {shown}: {e}")))?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(strip_bom(&text).to_string()),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let line = e.as_bytes()[..valid]
                .iter()
                .filter(|b| **b == b'\n')
                .count()
                + 1;
            Err(Failure::usage(format!(
                "{shown}: line {line}: not UTF-8 text; convert it first (e.g. with iconv); nothing was imported"
            )))
        }
    }
}

/// `imported 3 interactions; skipped 2 already in the journal (line 4, line 7)`.
fn describe(report: &ImportReport, file: &str) -> String {
    let list = |pick: fn(&crate::store::Tally) -> usize| {
        report
            .tallies
            .iter()
            .filter(|t| pick(t) > 0)
            .map(|t| {
                let n = pick(t);
                count(n, t.one, t.what)
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let imported = list(|t| t.imported);
    let skipped = list(|t| t.skipped);
    let verb = if report.dry_run {
        "would import"
    } else {
        "imported"
    };
    let mut text = if report.imported() == 0 {
        format!("nothing to import from {file}")
    } else {
        format!("{verb} {imported} from {file}")
    };
    if report.skipped() > 0 {
        text.push_str(&format!("; skipped {skipped} already in the journal"));
        if !report.skipped_at.is_empty() {
            let shown: Vec<&str> = report.skipped_at.iter().map(String::as_str).collect();
            // A CSV or jrnl import tallies entries only: every skip is one.
            let more = report.skipped().saturating_sub(shown.len());
            text.push_str(&format!(" ({}", shown.join(", ")));
            if more > 0 {
                text.push_str(&format!(" and {more} more"));
            }
            text.push(')');
        }
    }
    for note in &report.notes {
        text.push_str(&format!("\nnote: {note}"));
    }
    if report.dry_run {
        text.push_str("\ndry run: nothing was written");
    }
    text
}
