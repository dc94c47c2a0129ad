//! `export`, `import`, `backup`, `restore` and `doctor`: the user's data in
//! and out. A private journal must never be a trap.

mod doctor;
mod import;
mod markdown;
mod streamed;

pub use import::{ImportArgs, import};

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use clap::{Args, ValueEnum};

use super::output::{print_text, reader_gone_is_ok};
use super::progress::{Progress, Unit};
use super::{CmdResult, Context, Failure, resolve_person};
use crate::present::count;
use crate::store::{
    ExportCounts, InteractionFilter, RestoreError, Store, StoreError, journal_file_at,
    restore_journal, write_private_file, write_private_file_with,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Everything, lossless: `rapport import` takes it back
    Json,
    /// Interactions, one row each, with a header
    Csv,
    /// A readable record grouped by week, for a review or a brag doc
    #[value(alias = "md")]
    Markdown,
    /// Promises, one row each (CSV), with a header
    #[value(name = "promises-csv")]
    PromisesCsv,
}

#[derive(Debug, Clone, Args)]
pub struct ExportArgs {
    /// What to write
    #[arg(long, short = 'f', value_enum, default_value_t = ExportFormat::Json)]
    pub format: ExportFormat,
    /// Write to this file (created 0600) instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Replace the --out file if it exists
    #[arg(long, requires = "out")]
    pub force: bool,
    /// csv and markdown: from this day on
    #[arg(long, value_name = "DAY", allow_hyphen_values = true)]
    pub since: Option<String>,
    /// csv and markdown: up to this day
    #[arg(long, value_name = "DAY", allow_hyphen_values = true)]
    pub until: Option<String>,
    /// csv and markdown: only with this person
    #[arg(long = "with", value_name = "PERSON")]
    pub with: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct BackupArgs {
    /// Where to write it [default: a timestamped file in `backups/` beside the journal]
    #[arg(long, short = 'o', value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Replace the --out file if it exists
    #[arg(long, requires = "out")]
    pub force: bool,
}

#[derive(Debug, Clone, Args)]
pub struct RestoreArgs {
    /// The backup to restore (from `rapport backup`, or a copy of a journal)
    pub file: PathBuf,
}

#[derive(Debug, Clone, Args)]
pub struct DoctorArgs {
    /// Print the report as a JSON object
    #[arg(long)]
    pub json: bool,
    /// Also check that every index agrees with its table (SQLite's
    /// integrity_check: about twice as long)
    #[arg(long)]
    pub full: bool,
}

pub fn export(args: ExportArgs, ctx: &Context) -> CmdResult {
    if args.format == ExportFormat::Json
        && (args.since.is_some() || args.until.is_some() || args.with.is_some())
    {
        return Err(Failure::usage(
            "--since, --until and --with narrow csv and markdown exports; a json export is always the whole journal",
        ));
    }
    if let Some(out) = &args.out {
        refuse_journal_file(out, &ctx.journal)?;
        refuse_to_overwrite(out, args.force)?;
    }
    let store = ctx.open_store()?;
    let (text, what) = match args.format {
        ExportFormat::PromisesCsv => {
            if args.since.is_some() || args.until.is_some() {
                return Err(Failure::usage(
                    "--since and --until narrow csv and markdown exports; promises-csv takes --with only",
                ));
            }
            let person = args
                .with
                .as_deref()
                .map(|name| resolve_person(&store, Some(name)))
                .transpose()?;
            let (text, rows) = super::promises::promises_csv(&store, person.map(|p| p.id))?;
            (text, count(rows, "promise", "promises"))
        }
        ExportFormat::Json => return export_json(&store, args.out.as_deref(), args.force),
        ExportFormat::Csv | ExportFormat::Markdown => {
            return export_entries(&store, &args, ctx);
        }
    };
    match &args.out {
        Some(out) => {
            write_private_file(out, text.as_bytes(), args.force).map_err(|e| written(out, e))?;
            say!("exported {what} to {}", out.display());
            Ok(())
        }
        None => print_text(&text),
    }
}

/// The whole journal as rapport's JSON, written as it is read (constant
/// memory at any size) to `out` or to standard output.
fn export_json(store: &Store, out: Option<&Path>, force: bool) -> CmdResult {
    let what = |counts: ExportCounts| {
        format!(
            "{} and {}",
            count(counts.interactions, "interaction", "interactions"),
            count(counts.people, "person", "people")
        )
    };
    match out {
        Some(out) => {
            let counts = write_private_file_with(out, force, |file| {
                store.documents().write_export(file, out)
            })
            .map_err(|e| written(out, e))?;
            say!("exported {} to {}", what(counts), out.display());
            Ok(())
        }
        None => {
            let stdout = std::io::stdout().lock();
            let written = store
                .documents()
                .write_export(stdout, Path::new("standard output"));
            reader_gone_is_ok(written.map(|_| ()).map_err(Failure::from))
        }
    }
}

/// Interactions as CSV or as the readable record, narrowed by --since,
/// --until and --with, written as they are read to `--out` or standard
/// output.
fn export_entries(store: &Store, args: &ExportArgs, ctx: &Context) -> CmdResult {
    let person = args
        .with
        .as_deref()
        .map(|name| resolve_person(store, Some(name)))
        .transpose()?;
    let filter = InteractionFilter {
        since: args.since.as_deref().map(|d| ctx.day(d)).transpose()?,
        until: args.until.as_deref().map(|d| ctx.day(d)).transpose()?,
        person_id: person.as_ref().map(|p| p.id),
        ..InteractionFilter::default()
    };
    let scope = markdown::Scope {
        since: filter.since,
        until: filter.until,
        person: person.map(|p| p.name),
        today: ctx.today,
    };
    let write = |out: &mut dyn Write, shown: &Path| match args.format {
        ExportFormat::Markdown => streamed::write_markdown(store, &filter, &scope, out, shown),
        _ => streamed::write_csv(store, &filter, out, shown),
    };
    match &args.out {
        Some(out) => {
            let rows = write_private_file_with(out, args.force, |file| write(file, out))
                .map_err(|e| written(out, e))?;
            say!(
                "exported {} to {}",
                count(rows, "interaction", "interactions"),
                out.display()
            );
            Ok(())
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            let written = write(&mut stdout, Path::new("standard output"));
            reader_gone_is_ok(written.map(|_| ()).map_err(Failure::from))
        }
    }
}

fn refuse_to_overwrite(out: &Path, force: bool) -> CmdResult {
    if !force && out.exists() {
        return Err(Failure::usage(format!(
            "{} already exists; pass --force to replace it, or choose another name",
            out.display()
        )));
    }
    Ok(())
}

/// A file that appeared since the check is still not overwritten.
fn written(out: &Path, e: StoreError) -> Failure {
    match &e {
        StoreError::Io { source, .. } if source.kind() == std::io::ErrorKind::AlreadyExists => {
            Failure::usage(format!(
                "{} already exists; pass --force to replace it, or choose another name",
                out.display()
            ))
        }
        _ => Failure::Runtime(e.into()),
    }
}

pub fn backup(args: BackupArgs, ctx: &Context) -> CmdResult {
    if !ctx.journal.is_file() {
        return Err(Failure::usage(format!(
            "there is no journal at {} to back up; point --db at yours",
            ctx.journal.display()
        )));
    }
    if let Some(out) = &args.out {
        refuse_journal_file(out, &ctx.journal)?;
        refuse_to_overwrite(out, args.force)?;
    }
    let store = ctx.open_store()?;
    let size = std::fs::metadata(&ctx.journal).map_or(0, |m| m.len());
    let mut bar = Progress::new(size, Unit::Bytes);
    let mut report = |done: u64, _total: u64| bar.update(done);
    let dest = match &args.out {
        Some(out) => {
            store
                .backup_verified_with(out, args.force, &mut report)
                .map_err(|e| written(out, e))?;
            out.clone()
        }
        None => backup_to_new_file(&store, &ctx.journal, ctx.now, &mut report)?,
    };
    bar.finish();
    print_text(&format!("{}\n", dest.display()))?;
    say!(
        "backed up {} to {}; the copy is whole and opens as a rapport journal (`rapport doctor --db {}` checks every page)",
        ctx.journal.display(),
        dest.display(),
        dest.display()
    );
    Ok(())
}

/// Backs up into `backups/` beside the journal under a timestamped name;
/// a backup taken in the same second gets the next free name.
fn backup_to_new_file(
    store: &Store,
    journal: &Path,
    now: DateTime<Utc>,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<PathBuf, Failure> {
    for _ in 0..100 {
        let dest = free_backup_name(journal, "", now);
        match store.backup_verified_with(&dest, false, progress) {
            // Another rapport took the name between the check and the write.
            Err(StoreError::Io { source, .. })
                if source.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(Failure::Runtime(e.into())),
            Ok(()) => return Ok(dest),
        }
    }
    Err(Failure::Runtime(anyhow::anyhow!(
        "no free backup name beside {}; pass --out FILE",
        journal.display()
    )))
}

/// Refuses an `--out` that resolves to the journal or one of its side files
/// (`-wal`, `-shm`, the seal), by name, symlink or hard link: writing there,
/// even with `--force`, would lose entries.
fn refuse_journal_file(out: &Path, journal: &Path) -> CmdResult {
    match journal_file_at(out, journal) {
        Some(own) => Err(Failure::usage(format!(
            "--out {} is the journal's own file {}; choose a file outside the journal's",
            out.display(),
            own.display()
        ))),
        None => Ok(()),
    }
}

pub fn restore(args: RestoreArgs, ctx: &Context) -> CmdResult {
    let keep_as = free_backup_name(&ctx.journal, "-before-restore", ctx.now);
    let restored = restore_journal(&ctx.journal, &args.file, &keep_as).map_err(|e| match e {
        RestoreError::Refused { .. } => Failure::usage(e.to_string()),
        RestoreError::Store(e) => Failure::Runtime(e.into()),
    })?;
    let store = ctx.open_store()?;
    let total = store
        .table_counts()?
        .into_iter()
        .find(|(table, _)| *table == "interaction")
        .map_or(0, |(_, n)| n);
    let live = total - store.deleted_interaction_count()?;
    say!(
        "restored {} from {} ({})",
        ctx.journal.display(),
        args.file.display(),
        count(live as usize, "interaction", "interactions")
    );
    match restored.previous {
        Some(previous) => say!("the journal as it was is kept at {}", previous.display()),
        None => say!("there was no journal before, so nothing needed keeping"),
    }
    Ok(())
}

/// `backups/journal-before-restore-2026-11-24T101500Z.db`, not yet taken.
fn free_backup_name(journal: &Path, label: &str, now: DateTime<Utc>) -> PathBuf {
    let dir = journal
        .parent()
        .unwrap_or_else(|| Path::new("."))
        .join("backups");
    let stem = journal
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "journal".into());
    let base = format!("{stem}{label}-{}", now.format("%Y-%m-%dT%H%M%SZ"));
    let mut candidate = dir.join(format!("{base}.db"));
    let mut n = 2;
    while candidate.exists() {
        candidate = dir.join(format!("{base}-{n}.db"));
        n += 1;
    }
    candidate
}

pub fn doctor(args: DoctorArgs, ctx: &Context) -> CmdResult {
    doctor::doctor(args.json, args.full, ctx)
}
