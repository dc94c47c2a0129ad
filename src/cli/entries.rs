//! `log`, `list`, `show`, `edit`, `rm` and `undo`: the journal's entries.

use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::output::{entry_detail, print_json, print_line, print_text, reader_gone_is_ok};
use super::{CmdResult, Context, Failure, resolve_person};
use crate::domain::day::parse_time;
use crate::domain::{Category, InitiatedBy, InteractionDraft, Quality};
use crate::present::entry_line;
use crate::store::{Cursor, InteractionFilter, PageRequest, Store};

/// Who started it, as typed on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum By {
    Me,
    Them,
}

impl From<By> for InitiatedBy {
    fn from(by: By) -> InitiatedBy {
        match by {
            By::Me => InitiatedBy::Me,
            By::Them => InitiatedBy::Them,
        }
    }
}

/// The fields an entry has, shared by `log` and `edit`.
#[derive(Debug, Clone, Args)]
pub struct EntryFields {
    /// When it happened: 2026-11-24, today, yesterday, -3d, "3 days ago", monday [default: today]
    #[arg(long, short = 'd', value_name = "DAY", allow_hyphen_values = true)]
    pub date: Option<String>,
    /// The time it started, HH:MM (24-hour)
    #[arg(long, value_name = "HH:MM")]
    pub time: Option<String>,
    /// How long it lasted, in minutes
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=1440))]
    pub minutes: Option<u32>,
    /// How well it went, 1 (badly) to 5 (very well)
    #[arg(short = 'q', long, value_parser = clap::value_parser!(i64).range(1..=5))]
    pub quality: Option<i64>,
    /// Who started it [default: me]
    #[arg(long, value_enum)]
    pub by: Option<By>,
    /// Who it was with [default: the current manager]
    #[arg(long = "with", value_name = "PERSON")]
    pub with: Option<String>,
    /// A tag; repeat for several, or separate with commas
    #[arg(long = "tag", short = 't', value_name = "TAG")]
    pub tags: Vec<String>,
    /// Free notes; `-` reads them from standard input
    #[arg(long, value_name = "TEXT", conflicts_with = "notes_file")]
    pub notes: Option<String>,
    /// Read the notes from a file
    #[arg(long, value_name = "FILE")]
    pub notes_file: Option<PathBuf>,
    /// For an advice ask: the strength of theirs it draws on
    #[arg(long, value_name = "STRENGTH")]
    pub strength: Option<String>,
    /// Keep a work entry out of the summary and the review (work entries
    /// are shared by default; notes and time with them never are)
    #[arg(long, conflicts_with = "shared")]
    pub private: bool,
    /// Share a work entry marked private again
    #[arg(long)]
    pub shared: bool,
}

#[derive(Debug, Clone, Args)]
pub struct LogArgs {
    /// The kind: one_on_one (or 1on1), meal, coffee, chat, advice, summary, feedback, note, win, risk, or your own
    pub kind: String,
    /// One line saying what happened
    pub title: Option<String>,
    #[command(flatten)]
    pub fields: EntryFields,
}

#[derive(Debug, Clone, Args)]
pub struct EditArgs {
    /// The entry's id, as `list` shows it
    pub id: i64,
    /// A new title
    #[arg(long)]
    pub title: Option<String>,
    /// A new kind
    #[arg(long)]
    pub kind: Option<String>,
    /// Replace the tags with those given by --tag (none given: remove all)
    #[arg(long)]
    pub replace_tags: bool,
    /// Save only if the entry is still at this version (the `version` of
    /// `show --json`); an edit made elsewhere since is reported, not overwritten
    #[arg(long, value_name = "VERSION")]
    pub expect_version: Option<i64>,
    #[command(flatten)]
    pub fields: EntryFields,
}

#[derive(Debug, Clone, Args)]
pub struct ListArgs {
    /// Only this kind
    #[arg(long)]
    pub kind: Option<String>,
    /// Only this category: formal, informal, ask, update, feedback, note, work
    #[arg(long)]
    pub category: Option<String>,
    /// Only with this person
    #[arg(long = "with", value_name = "PERSON")]
    pub with: Option<String>,
    /// Only entries with this tag
    #[arg(long, short = 't')]
    pub tag: Option<String>,
    /// From this day on
    #[arg(long, value_name = "DAY", allow_hyphen_values = true)]
    pub since: Option<String>,
    /// Up to this day
    #[arg(long, value_name = "DAY", allow_hyphen_values = true)]
    pub until: Option<String>,
    /// Words to find in titles, notes and tags
    #[arg(long, short = 's', value_name = "TEXT")]
    pub search: Option<String>,
    /// At most this many entries
    #[arg(
        long,
        short = 'n',
        default_value_t = 50,
        value_parser = clap::value_parser!(u32).range(1..)
    )]
    pub limit: u32,
    /// Print a JSON array
    #[arg(long)]
    pub json: bool,
}

/// Notes from `--notes`, `--notes -` (stdin) or `--notes-file`.
fn read_notes(fields: &EntryFields) -> Result<Option<String>, Failure> {
    if let Some(path) = &fields.notes_file {
        let bytes = std::fs::read(path).map_err(|e| {
            Failure::usage(format!("cannot read notes file {}: {e}", path.display()))
        })?;
        return String::from_utf8(bytes).map(Some).map_err(|_| {
            Failure::usage(format!(
                "notes file {} is not UTF-8 text; convert it first (e.g. with iconv)",
                path.display()
            ))
        });
    }
    match fields.notes.as_deref() {
        Some("-") => {
            let stdin = std::io::stdin();
            if stdin.is_terminal() {
                say!("rapport: type the notes, then Ctrl-D");
            }
            let mut bytes = Vec::new();
            stdin.lock().read_to_end(&mut bytes)?;
            String::from_utf8(bytes)
                .map(Some)
                .map_err(|_| Failure::usage("the notes on standard input are not UTF-8 text"))
        }
        other => Ok(other.map(str::to_string)),
    }
}

/// `--strength` names what an advice ask draws on; on any other kind it
/// would be dropped without a word, so it is refused instead.
fn check_strength(fields: &EntryFields, kind: &str, category: Category) -> Result<(), Failure> {
    if fields.strength.is_some() && category != Category::Ask {
        return Err(Failure::usage(format!(
            "--strength is for advice asks, and {kind} is not one: drop --strength, or use the kind advice"
        )));
    }
    Ok(())
}

/// `--shared` is for the work log: a note or time with them is never
/// shared, so it would be a promise rapport does not keep.
fn check_shared(fields: &EntryFields, kind: &str, category: Category) -> Result<(), Failure> {
    if fields.shared && category != Category::Work {
        return Err(Failure::usage(format!(
            "{kind} entries are never shared: only work entries (win, risk, or your own work kinds) go into the summary; drop --shared"
        )));
    }
    Ok(())
}

/// Applies the given fields over `draft`; fields not given are left alone.
fn apply_fields(
    draft: &mut InteractionDraft,
    fields: &EntryFields,
    store: &Store,
    ctx: &Context,
) -> Result<(), Failure> {
    if let Some(day) = &fields.date {
        draft.happened_on = ctx.day(day)?;
    }
    if let Some(time) = &fields.time {
        draft.at_time = Some(parse_time(time)?);
    }
    if let Some(minutes) = fields.minutes {
        draft.minutes = Some(minutes);
    }
    if let Some(q) = fields.quality {
        draft.quality = Some(Quality::new(q)?);
    }
    if let Some(by) = fields.by {
        draft.initiated_by = by.into();
    }
    if let Some(with) = &fields.with {
        draft.person_id = store.people().person_named(with)?.id;
    }
    if let Some(notes) = read_notes(fields)? {
        draft.notes = notes;
    }
    if let Some(strength) = &fields.strength {
        draft.advice_strength = Some(strength.trim().to_string());
    }
    if fields.private {
        draft.private = true;
    } else if fields.shared {
        draft.private = false;
    }
    Ok(())
}

pub fn log(args: LogArgs, ctx: &Context) -> CmdResult {
    let mut store = ctx.open_store()?;
    let kind = store.people().kind_named(&args.kind)?;
    check_strength(&args.fields, &kind.name, kind.category)?;
    check_shared(&args.fields, &kind.name, kind.category)?;
    let person = resolve_person(&store, args.fields.with.as_deref())?;
    let mut draft = InteractionDraft {
        person_id: person.id,
        kind_id: kind.id,
        happened_on: ctx.today,
        at_time: None,
        minutes: None,
        quality: None,
        initiated_by: InitiatedBy::Me,
        title: args.title.unwrap_or_default(),
        notes: String::new(),
        tags: args.fields.tags.clone(),
        advice_strength: None,
        private: false,
    };
    apply_fields(&mut draft, &args.fields, &store, ctx)?;
    let saved = store.entries_mut().add_interaction(&draft, ctx.now)?;
    crate::fault::panic_if_asked("log", &draft.notes);
    print_line(saved.id)?;
    say!(
        "logged {} with {} on {}",
        saved.kind,
        saved.person,
        saved.happened_on.format("%a %-d %b %Y")
    );
    Ok(())
}

pub fn list(args: ListArgs, ctx: &Context) -> CmdResult {
    let store = ctx.open_store()?;
    let mut filter = InteractionFilter {
        tag: args.tag.clone(),
        text: args.search.clone(),
        ..InteractionFilter::default()
    };
    if let Some(kind) = &args.kind {
        filter.kind_id = Some(store.people().kind_named(kind)?.id);
    }
    if let Some(category) = &args.category {
        filter.category = Some(category.parse::<Category>()?);
    }
    if let Some(with) = &args.with {
        filter.person_id = Some(store.people().person_named(with)?.id);
    }
    filter.since = args.since.as_deref().map(|d| ctx.day(d)).transpose()?;
    filter.until = args.until.as_deref().map(|d| ctx.day(d)).transpose()?;

    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = write_entries(&mut out, &store, &filter, &args).and_then(|n| {
        out.flush()?;
        Ok(n)
    });
    let written = match written {
        Ok(n) => n,
        Err(e) => return reader_gone_is_ok(Err(e)),
    };
    if written == 0 && !args.json {
        if filter.is_empty() {
            say!("no entries yet: log one with `rapport log KIND \"what happened\"`");
        } else {
            say!("no entries match");
        }
    }
    Ok(())
}

/// Writes the listed entries, as lines or as one JSON array; returns how many.
fn write_entries(
    out: &mut impl Write,
    store: &Store,
    filter: &InteractionFilter,
    args: &ListArgs,
) -> Result<usize, Failure> {
    if !args.json {
        return each_entry(store, filter, args.limit, |_, entry| {
            writeln!(out, "{}", entry_line(entry))
        });
    }
    write!(out, "[")?;
    let written = each_entry(store, filter, args.limit, |n, entry| {
        if n > 0 {
            write!(out, ",")?;
        }
        serde_json::to_writer(&mut *out, entry).map_err(std::io::Error::from)
    })?;
    writeln!(out, "]")?;
    Ok(written)
}

/// Walks up to `limit` entries page by page, so a large limit never holds the
/// whole table in memory; returns how many were visited.
fn each_entry(
    store: &Store,
    filter: &InteractionFilter,
    limit: u32,
    mut visit: impl FnMut(usize, &crate::domain::Interaction) -> std::io::Result<()>,
) -> Result<usize, Failure> {
    let mut visited = 0usize;
    let mut after: Option<Cursor> = None;
    while (visited as u64) < u64::from(limit) {
        let want = (u64::from(limit) - visited as u64).min(500) as u32;
        let page = store
            .entries()
            .interactions(filter, PageRequest { limit: want, after })?;
        let Some(last) = page.last() else { break };
        after = Some(Cursor::after(last));
        for entry in &page {
            visit(visited, entry)?;
            visited += 1;
        }
    }
    Ok(visited)
}

pub fn show(id: i64, json: bool, ctx: &Context) -> CmdResult {
    let store = ctx.open_store()?;
    let entry = store.entries().interaction(id)?;
    if json {
        print_json(&entry)
    } else {
        print_text(&entry_detail(&entry))
    }
}

pub fn edit(args: EditArgs, ctx: &Context) -> CmdResult {
    let mut store = ctx.open_store()?;
    let entry = store.entries().interaction(args.id)?;
    let mut draft = entry.to_draft();
    if let Some(title) = &args.title {
        draft.title = title.clone();
    }
    match &args.kind {
        Some(kind) => {
            let kind = store.people().kind_named(kind)?;
            check_strength(&args.fields, &kind.name, kind.category)?;
            check_shared(&args.fields, &kind.name, kind.category)?;
            draft.kind_id = kind.id;
        }
        None => {
            check_strength(&args.fields, &entry.kind, entry.category)?;
            check_shared(&args.fields, &entry.kind, entry.category)?;
        }
    }
    if args.replace_tags {
        draft.tags = args.fields.tags.clone();
    } else {
        draft.tags.extend(args.fields.tags.iter().cloned());
    }
    apply_fields(&mut draft, &args.fields, &store, ctx)?;
    if draft == entry.to_draft() {
        return Err(Failure::usage(format!(
            "nothing to change in entry {}: give a new value, e.g. --title, --kind, -q, --date or --tag",
            entry.id
        )));
    }
    let expected = args.expect_version.unwrap_or(entry.version);
    let saved = store
        .entries_mut()
        .update_interaction(entry.id, expected, &draft, ctx.now)?;
    say!("updated entry {}", saved.id);
    Ok(())
}

pub fn remove(id: i64, ctx: &Context) -> CmdResult {
    let mut store = ctx.open_store()?;
    let gone = store.entries_mut().delete_interaction(id, ctx.now)?;
    say!(
        "deleted entry {} ({} on {}); `rapport undo` brings it back",
        gone.id,
        crate::present::truncated(&crate::domain::text::shown_line(&gone.title), 40),
        gone.happened_on
    );
    Ok(())
}

pub fn undo(ctx: &Context) -> CmdResult {
    let mut store = ctx.open_store()?;
    match store.entries_mut().undo_delete()? {
        Some(entry) => {
            print_line(entry.id)?;
            say!("restored entry {} ({})", entry.id, entry.happened_on);
            Ok(())
        }
        None => Err(Failure::Runtime(anyhow::anyhow!(
            "nothing to undo: no deleted entries"
        ))),
    }
}
