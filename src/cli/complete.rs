//! Completion of people's names and kinds, read from the journal while the
//! shell completes (clap_complete's dynamic completion, `COMPLETE=SHELL
//! rapport`). Every argument that names a person or a kind gets the
//! journal's names as candidates; an unreadable journal offers none.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Command, CommandFactory};
use clap_complete::engine::{ArgValueCandidates, CompletionCandidate};

use super::Cli;
use crate::config::{Paths, Settings};
use crate::store::Store;

/// The command line with candidates for people and kinds: the factory for
/// `CompleteEnv`, which answers the shell before anything else runs.
pub fn command() -> Command {
    with_candidates(Cli::command(), false)
}

fn with_candidates(cmd: Command, about_a_person: bool) -> Command {
    // `mut_args` keeps the arguments in order (positionals take their
    // index from it).
    let mut cmd = cmd.mut_args(|arg| {
        let value_names = arg.get_value_names().unwrap_or_default();
        let id = arg.get_id().as_str();
        if value_names.iter().any(|n| n == "PERSON")
            || (about_a_person && arg.is_positional() && id == "name")
        {
            arg.add(ArgValueCandidates::new(people))
        } else if id == "kind" {
            arg.add(ArgValueCandidates::new(kinds))
        } else {
            arg
        }
    });
    let person = about_a_person || cmd.get_name() == "person";
    let subcommands: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in subcommands {
        cmd = cmd.mut_subcommand(name, |sub| with_candidates(sub, person));
    }
    cmd
}

/// The journal the line being completed would open: its `--db`, else the
/// usual rule (`RAPPORT_DB`, the settings, the data directory).
fn journal() -> Option<Store> {
    let args: Vec<OsString> = std::env::args_os().collect();
    let mut db = None;
    for (i, arg) in args.iter().enumerate() {
        let text = arg.to_string_lossy();
        if text == "--db" {
            db = args.get(i + 1).map(PathBuf::from);
        } else if let Some(path) = text.strip_prefix("--db=") {
            db = Some(PathBuf::from(path));
        }
    }
    let paths = Paths::discover().ok()?;
    let settings = Settings::load(&paths.settings_file()).unwrap_or_default();
    Store::open_if_readable(&super::resolve_journal(db, &settings, &paths))
}

/// People not archived: the first name where it is theirs alone (it
/// selects them, and needs no quoting), else the whole name.
fn people() -> Vec<CompletionCandidate> {
    let Some(people) = journal().and_then(|store| store.people().list(false).ok()) else {
        return Vec::new();
    };
    let first = |name: &str| name.split_whitespace().next().unwrap_or(name).to_string();
    people
        .iter()
        .map(|p| {
            let short = first(&p.name);
            let shared = people
                .iter()
                .filter(|other| first(&other.name).eq_ignore_ascii_case(&short))
                .count()
                > 1;
            let value = if shared { p.name.clone() } else { short };
            let help = if p.role.is_empty() {
                p.name.clone()
            } else {
                format!("{}, {}", p.name, p.role)
            };
            CompletionCandidate::new(value).help(Some(help.into()))
        })
        .collect()
}

fn kinds() -> Vec<CompletionCandidate> {
    let Some(kinds) = journal().and_then(|store| store.people().kinds().ok()) else {
        return Vec::new();
    };
    kinds
        .into_iter()
        .map(|k| CompletionCandidate::new(k.name).help(Some(k.category.as_str().into())))
        .collect()
}
