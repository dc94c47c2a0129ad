//! The plain commands: clap definitions, the context they run in, and
//! dispatch. Data goes to stdout, messages to stderr.

/// `eprintln!` for messages: the text is shown with control characters,
/// C1 controls and bidi overrides as visible symbols (line breaks kept), so
/// a name, path or cell quoted from the journal or a file cannot drive the
/// terminal.
macro_rules! say {
    ($($arg:tt)*) => {
        eprintln!("{}", $crate::domain::text::shown_message(&format!($($arg)*)))
    };
}

mod calendar;
#[cfg(feature = "encryption")]
mod cipher;
pub mod complete;
mod data;
mod demo;
mod entries;
mod next;
mod output;
mod people;
mod prep;
mod profiles;
mod progress;
mod promises;
mod records;
mod review;
mod shell;
mod stats;

use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, Utc};
use clap::{Parser, Subcommand};

use crate::config::{Paths, Settings};
use crate::domain::Person;
use crate::domain::day::{DayError, parse_day};
use crate::store::{Opened, Store, StoreError};

pub use entries::{EditArgs, EntryFields, ListArgs, LogArgs};
pub use next::playbook;
pub use people::{KindCommand, PersonCommand};
pub use promises::{PROMISE_CSV_COLUMNS, PromiseCommand};
pub use records::{AdviceCommand, CheckinArgs, TopicCommand};

const AFTER_HELP: &str = "\
Run `rapport` with no command to open the journal's screen.

Dates accept 2026-11-24, today, yesterday, -3d, \"3 days ago\" and weekday
names (the most recent such day before today).

The journal is a single SQLite file: --db PATH, else $RAPPORT_DB, else the
`journal` key of config.toml, else the platform data directory.

Exit codes: 0 ok, 1 runtime error, 2 usage error.";

/// A private terminal journal for managing up.
///
/// Log every interaction with your manager (1:1s, dinners and coffees, advice
/// asks, the weekly summary, feedback), rate how well it went, and see the
/// next trust-building step. Everything stays in one local file.
#[derive(Debug, Parser)]
#[command(name = "rapport", version, after_help = AFTER_HELP)]
pub struct Cli {
    /// The journal file to use (default: $RAPPORT_DB, or the data directory)
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Log an interaction: `rapport log meal -q 4 "talked about hiring"`
    Log(LogArgs),
    /// List interactions, newest first
    List(ListArgs),
    /// Show one interaction in full
    Show {
        /// The entry's id, as `list` shows it
        id: i64,
        /// Print it as a JSON object
        #[arg(long)]
        json: bool,
    },
    /// Change fields of an interaction; fields not given stay as they are
    Edit(EditArgs),
    /// Delete an interaction (`rapport undo` brings it back)
    Rm {
        /// The entry's id, as `list` shows it
        id: i64,
    },
    /// Restore the most recently deleted interaction
    Undo,
    /// People: your manager, and anyone else you track
    #[command(subcommand)]
    Person(PersonCommand),
    /// Your own profile: strengths, weaknesses, style, what you need from them
    Me(profiles::MeArgs),
    /// Expectations made explicit, theirs of you and yours of them
    #[command(subcommand)]
    Expect(profiles::ExpectCommand),
    /// Promises made, by you or by them: add, list, kept, missed, move, drop
    #[command(subcommand)]
    Promise(promises::PromiseCommand),
    /// Kinds of interaction, and adding your own
    #[command(subcommand)]
    Kind(KindCommand),
    /// Record how you feel about the relationship: trust, clarity, ease (1-5)
    Checkin(CheckinArgs),
    /// Agenda topics for the next 1:1
    #[command(subcommand)]
    Topic(TopicCommand),
    /// Advice asks awaiting a report-back
    #[command(subcommand)]
    Advice(AdviceCommand),
    /// Export the journal: json (lossless), csv, or markdown for a review
    Export(data::ExportArgs),
    /// Import rapport's JSON export, its CSV, or a jrnl JSON export
    Import(data::ImportArgs),
    /// Write a consistent, verified copy of the journal
    Backup(data::BackupArgs),
    /// Replace the journal with a backup, keeping the current one aside
    Restore(data::RestoreArgs),
    /// Check the journal: integrity, schema, sizes, permissions, synced folders
    Doctor(data::DoctorArgs),
    /// Encrypt the journal with a passphrase (builds with the `encryption` feature)
    ///
    /// The passphrase comes from `passphrase_cmd` in config.toml, or is asked
    /// for twice without echo; never from an argument. A verified backup of
    /// the plain journal is kept until the encrypted one opens.
    Encrypt,
    /// Turn an encrypted journal back into a plain one
    Decrypt,
    /// Before a 1:1: everything since the last one, the agenda, open advice
    /// loops, feedback, and the summary for the next 1:1
    Prep(prep::PrepArgs),
    /// The summary for your next 1:1, in markdown; --check, --talking-points, --mark-sent
    Summary(prep::SummaryArgs),
    /// A self-review draft for a performance review, from the work log
    Review(review::ReviewArgs),
    /// The coach's next trust-building steps, with the reason for each
    Next(next::NextArgs),
    /// How often and how well: the figures behind the Insights screen
    Stats(stats::StatsArgs),
    /// The recurring 1:1 from your calendar (.ics): the real next 1:1, and
    /// the cancelled and moved ones
    #[command(subcommand)]
    Calendar(calendar::CalendarCommand),
    /// One short line for a shell prompt or a status bar: `1:1 tomorrow ·
    /// summary not sent`
    ///
    /// Prints nothing when there is nothing to say, or when the journal is
    /// absent or cannot be read as it is; never fails, never creates it.
    Status(shell::StatusArgs),
    /// The day's one reminder, for cron or a systemd timer (nothing on a
    /// quiet day)
    Remind(shell::RemindArgs),
    /// Print the completion script for a shell
    ///
    /// bash: `rapport completions bash > ~/.local/share/bash-completion/completions/rapport`;
    /// zsh: `rapport completions zsh > ~/.zfunc/_rapport`;
    /// fish: `rapport completions fish > ~/.config/fish/completions/rapport.fish`
    Completions(shell::CompletionsArgs),
    /// Print the man page (roff): `rapport man > ~/.local/share/man/man1/rapport.1`
    Man,
    /// Write a realistic sample journal into its own file, to explore
    ///
    /// It goes to --db PATH, or demo.db in the data directory; never to your
    /// journal. Open it with `rapport --db PATH`.
    Demo {
        /// Instead of a year with a manager, this many entries over up to ten
        /// years: for trying rapport at scale (1,000,000 takes under a minute)
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=10_000_000))]
        size: Option<u64>,
    },
}

/// How a command failed: the user's input (exit 2) or the run (exit 1).
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    #[error("{0}")]
    Usage(String),
    #[error("{}", causes(.0))]
    Runtime(anyhow::Error),
}

/// The error and its causes, each said once: a cause the message already
/// quotes ("cannot use x: Is a directory") is not repeated.
fn causes(e: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in e.chain() {
        let said = cause.to_string();
        if !text.contains(&said) {
            if !text.is_empty() {
                text.push_str(": ");
            }
            text.push_str(&said);
        }
    }
    text
}

impl Failure {
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Usage(_) => 2,
            Failure::Runtime(_) => 1,
        }
    }

    pub fn usage(message: impl Into<String>) -> Failure {
        Failure::Usage(message.into())
    }
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Failure {
        match e {
            // What the user typed names something wrong or clashes with what
            // is there: a usage error, fixed by changing the command.
            StoreError::Invalid(_)
            | StoreError::NoSuchName { .. }
            | StoreError::Ambiguous { .. }
            | StoreError::NotFound { .. }
            | StoreError::Conflict(_) => Failure::Usage(e.to_string()),
            other => Failure::Runtime(other.into()),
        }
    }
}

impl From<DayError> for Failure {
    fn from(e: DayError) -> Failure {
        Failure::Usage(e.to_string())
    }
}

impl From<crate::domain::DomainError> for Failure {
    fn from(e: crate::domain::DomainError) -> Failure {
        Failure::Usage(e.to_string())
    }
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Failure {
        Failure::Runtime(e)
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Failure {
        Failure::Runtime(e.into())
    }
}

pub type CmdResult = Result<(), Failure>;

/// What every command runs with: paths, settings, the journal, and the one
/// reading of the clock.
#[derive(Debug, Clone)]
pub struct Context {
    pub paths: Paths,
    pub settings: Settings,
    pub journal: PathBuf,
    pub today: NaiveDate,
    pub now: DateTime<Utc>,
}

impl Context {
    pub fn open_store(&self) -> Result<Store, Failure> {
        #[cfg(feature = "encryption")]
        return cipher::open_store(self);
        #[cfg(not(feature = "encryption"))]
        Store::open(&self.journal).map_err(|e| Failure::Runtime(e.into()))
    }

    /// `open_store`, except that a journal not sealed is not checked first:
    /// it comes back read-only with the check it owes (see
    /// `Store::open_deferring_check`). An encrypted journal is checked first.
    pub fn open_store_deferring_check(&self) -> Result<Opened, Failure> {
        #[cfg(feature = "encryption")]
        return cipher::open_store(self).map(Opened::Ready);
        #[cfg(not(feature = "encryption"))]
        Store::open_deferring_check(&self.journal).map_err(|e| Failure::Runtime(e.into()))
    }

    pub fn day(&self, input: &str) -> Result<NaiveDate, Failure> {
        Ok(parse_day(input, self.today)?)
    }

    pub fn upcoming_day(&self, input: &str) -> Result<NaiveDate, Failure> {
        Ok(crate::domain::day::parse_upcoming_day(input, self.today)?)
    }
}

/// The journal path: `--db`, else `RAPPORT_DB`, else the settings, else the default.
pub fn resolve_journal(cli_db: Option<PathBuf>, settings: &Settings, paths: &Paths) -> PathBuf {
    explicit_journal(cli_db, settings)
        .map(|(path, _)| path)
        .unwrap_or_else(|| paths.default_journal())
}

/// The journal path the user named, and where they named it: `--db`, else
/// `RAPPORT_DB`, else the settings; `None` for the default location.
pub fn explicit_journal(
    cli_db: Option<PathBuf>,
    settings: &Settings,
) -> Option<(PathBuf, &'static str)> {
    cli_db
        .map(|p| (p, "--db"))
        .or_else(|| {
            std::env::var_os("RAPPORT_DB")
                .filter(|v| !v.is_empty())
                .map(|p| (PathBuf::from(p), "RAPPORT_DB"))
        })
        .or_else(|| {
            settings
                .journal
                .clone()
                .map(|p| (p, "`journal` in config.toml"))
        })
}

/// Only the default location is created: a journal the user named in a
/// folder that does not exist is a typo to report, not an empty journal.
pub fn check_journal_folder(cli_db: Option<PathBuf>, settings: &Settings) -> CmdResult {
    let Some((path, source)) = explicit_journal(cli_db, settings) else {
        return Ok(());
    };
    match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() && !folder.is_dir() => {
            Err(Failure::Runtime(anyhow::anyhow!(
                "the folder {} of the journal named by {source} does not exist; nothing was created. Check the path, or create the folder first (`mkdir -p {}`)",
                folder.display(),
                folder.display()
            )))
        }
        _ => Ok(()),
    }
}

/// The person a command is about: `--with NAME`, else the current manager.
pub(crate) fn resolve_person(store: &Store, with: Option<&str>) -> Result<Person, Failure> {
    match with {
        Some(name) => Ok(store.people().person_named(name)?),
        None => store.people().current_person()?.ok_or_else(|| {
            Failure::usage(
                "there is no current manager yet: run `rapport person add NAME --current` first",
            )
        }),
    }
}

/// Runs one plain command.
pub fn run(command: Command, cli_db: Option<PathBuf>, ctx: &Context) -> CmdResult {
    match command {
        Command::Log(args) => entries::log(args, ctx),
        Command::List(args) => entries::list(args, ctx),
        Command::Show { id, json } => entries::show(id, json, ctx),
        Command::Edit(args) => entries::edit(args, ctx),
        Command::Rm { id } => entries::remove(id, ctx),
        Command::Undo => entries::undo(ctx),
        Command::Person(cmd) => people::person(cmd, ctx),
        Command::Me(args) => profiles::me(args, ctx),
        Command::Expect(cmd) => profiles::expect(cmd, ctx),
        Command::Promise(cmd) => promises::promise(cmd, ctx),
        Command::Kind(cmd) => people::kind(cmd, ctx),
        Command::Checkin(args) => records::checkin(args, ctx),
        Command::Topic(cmd) => records::topic(cmd, ctx),
        Command::Advice(cmd) => records::advice(cmd, ctx),
        Command::Export(args) => data::export(args, ctx),
        Command::Import(args) => data::import(args, ctx),
        Command::Backup(args) => data::backup(args, ctx),
        Command::Restore(args) => data::restore(args, ctx),
        Command::Doctor(args) => data::doctor(args, ctx),
        #[cfg(feature = "encryption")]
        Command::Encrypt => cipher::encrypt(ctx),
        #[cfg(feature = "encryption")]
        Command::Decrypt => cipher::decrypt(ctx),
        #[cfg(not(feature = "encryption"))]
        Command::Encrypt | Command::Decrypt => Err(Failure::usage(
            "this rapport was built without encryption; build it with `cargo build --release --features encryption`",
        )),
        Command::Prep(args) => prep::prep(args, ctx),
        Command::Summary(args) => prep::summary(args, ctx),
        Command::Review(args) => review::review(args, ctx),
        Command::Next(args) => next::next(args, ctx),
        Command::Stats(args) => stats::stats(args, ctx),
        Command::Calendar(cmd) => calendar::calendar(cmd, ctx),
        Command::Status(args) => shell::status_line(&args, ctx),
        Command::Remind(args) => shell::remind(&args, ctx),
        Command::Completions(args) => shell::completions(args),
        Command::Man => shell::man(),
        Command::Demo { size } => demo::run_command(cli_db, size, ctx),
    }
}
