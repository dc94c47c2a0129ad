//! `doctor`: is the journal sound, private, and kept somewhere safe?
//! Integrity, schema, sizes, row counts, permissions, and synced folders.

use std::fmt::Write as _;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::super::output::{print_json, print_text};
use super::super::progress::{Progress, Unit};
use super::super::{CmdResult, Context, Failure};
use crate::present::count;
use crate::store::{CheckProgress, Opened, SCHEMA_VERSION, plain_copies};

/// Everything `doctor` found, as `--json` prints it.
#[derive(Debug, Serialize)]
struct Report {
    journal: String,
    healthy: bool,
    integrity: Vec<String>,
    schema_version: Option<i64>,
    supported_schema_version: i64,
    files: Vec<FileFact>,
    rows: Vec<RowCount>,
    /// Of the interactions counted in `rows`, how many are deleted (kept for undo).
    deleted_interactions: Option<i64>,
    synced_folder: Option<SyncedFolder>,
    /// Each makes the exit code 1.
    problems: Vec<String>,
    /// Risks worth knowing that do not change the exit code.
    warnings: Vec<String>,
}

#[derive(Debug, Serialize)]
struct FileFact {
    /// `journal`, `wal`, `shm`, `directory`, `backups`, `backup`.
    role: &'static str,
    path: String,
    bytes: Option<u64>,
    /// Octal, as `chmod` takes it: `0600`.
    mode: String,
    /// Only the owner can read or enter it.
    private: bool,
}

#[derive(Debug, Serialize)]
struct RowCount {
    table: &'static str,
    rows: i64,
}

#[derive(Debug, Serialize, PartialEq, Eq)]
struct SyncedFolder {
    service: &'static str,
    folder: String,
}

pub fn doctor(json: bool, full: bool, ctx: &Context) -> CmdResult {
    let journal = absolute(&ctx.journal);
    let mut report = Report {
        journal: journal.display().to_string(),
        healthy: false,
        integrity: Vec::new(),
        schema_version: None,
        supported_schema_version: SCHEMA_VERSION,
        files: Vec::new(),
        rows: Vec::new(),
        deleted_interactions: None,
        synced_folder: None,
        problems: Vec::new(),
        warnings: Vec::new(),
    };
    if journal.is_file() {
        // Sizes and modes before opening: opening rewrites the -wal.
        report.files = file_facts(&journal);
        for f in report.files.iter().filter(|f| !f.private) {
            report.problems.push(format!(
                "{} is mode {}: other users can read it; run `chmod {} {}`",
                f.path,
                f.mode,
                if matches!(f.role, "directory" | "backups") {
                    "700"
                } else {
                    "600"
                },
                f.path
            ));
        }
        flag_plain_copies(&journal, &mut report);
        inspect(ctx, full, &mut report);
    } else {
        report.problems.push(format!(
            "there is no journal at {} yet; `rapport` creates it on first use, or point --db at yours",
            journal.display()
        ));
    }
    let place = std::fs::canonicalize(&journal).unwrap_or_else(|_| journal.clone());
    report.synced_folder = synced_folder(&place);
    if let Some(synced) = &report.synced_folder {
        report.warnings.push(format!(
            "the journal is in a {} folder ({}). Sync tools copy the journal and its -wal file separately and at different moments, so another machine can get a copy that misses recent entries or is damaged, and editing on two machines at once loses work. Move the journal out (and point --db, RAPPORT_DB or `journal` in config.toml at it), and sync backups instead: `rapport backup --out {}/rapport-backup.db`",
            synced.service, synced.folder, synced.folder
        ));
    }
    report.healthy = report.problems.is_empty();
    if json {
        print_json(&report)?;
    } else {
        print_text(&as_text(&report))?;
    }
    match report.problems.len() {
        0 => Ok(()),
        n => Err(Failure::Runtime(anyhow::anyhow!(
            "doctor found {}: {}",
            count(n, "problem", "problems"),
            report.problems.join("; ")
        ))),
    }
}

fn absolute(path: &Path) -> PathBuf {
    if path.is_absolute() {
        return path.to_path_buf();
    }
    std::env::current_dir()
        .map(|cwd| cwd.join(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

/// Opens the journal (with the store's own refusals, and the passphrase of
/// an encrypted one) and reads its health. One check reads every page, with
/// a progress bar: `quick_check`, or `integrity_check` when `full`. A
/// journal that is not sealed is read as it is, untouched, and stays
/// unsealed: its next open checks it again, search index and all.
fn inspect(ctx: &Context, full: bool, report: &mut Report) {
    let store = match ctx.open_store_deferring_check() {
        Ok(Opened::Ready(store) | Opened::Unchecked { store, .. }) => store,
        Err(e) => {
            report.problems.push(e.to_string());
            return;
        }
    };
    let findings = if full {
        store.integrity_check()
    } else {
        store.quick_check(Some(check_bar()))
    };
    let what = if full {
        "integrity_check"
    } else {
        "quick_check"
    };
    match findings {
        Ok(findings) => {
            if findings != ["ok"] {
                let shown: Vec<&str> = findings.iter().take(10).map(String::as_str).collect();
                report.problems.push(format!(
                    "{what} found damage: {}; restore a backup with `rapport restore FILE`",
                    shown.join("; ")
                ));
            }
            report.integrity = findings;
        }
        Err(e) => report.problems.push(format!("{what} failed: {e}")),
    }
    match store.schema_version() {
        Ok(v) => report.schema_version = Some(v),
        Err(e) => report
            .problems
            .push(format!("cannot read the schema version: {e}")),
    }
    match store.table_counts() {
        Ok(counts) => {
            report.rows = counts
                .into_iter()
                .map(|(table, rows)| RowCount { table, rows })
                .collect();
        }
        Err(e) => report.problems.push(format!("cannot count rows: {e}")),
    }
    report.deleted_interactions = store.deleted_interaction_count().ok();
}

/// A progress bar for a check that reports percentages.
fn check_bar() -> CheckProgress {
    let mut bar = Progress::new(100, Unit::Percent);
    Box::new(move |percent| {
        bar.update(u64::from(percent));
        false
    })
}

/// A plain copy beside an encrypted journal (an `encrypt` that was
/// interrupted) holds every note in the clear.
fn flag_plain_copies(journal: &Path, report: &mut Report) {
    let mut header = [0u8; 16];
    let plain_journal = std::fs::File::open(journal)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut header))
        .is_ok_and(|()| &header == b"SQLite format 3\0");
    if plain_journal {
        return;
    }
    for copy in plain_copies(journal) {
        report.problems.push(format!(
            "{} is a plain (unencrypted) copy of the journal, left by an interrupted `rapport encrypt`; run `rapport encrypt` again to remove it",
            copy.display()
        ));
    }
}

/// The journal, its side files, its directory, and the backups beside it.
fn file_facts(journal: &Path) -> Vec<FileFact> {
    let mut facts = Vec::new();
    let mut add = |role: &'static str, path: PathBuf| {
        if let Ok(meta) = std::fs::metadata(&path) {
            let mode = meta.permissions().mode() & 0o777;
            facts.push(FileFact {
                role,
                path: path.display().to_string(),
                bytes: meta.is_file().then_some(meta.len()),
                mode: format!("{mode:04o}"),
                private: mode & 0o077 == 0,
            });
        }
    };
    add("journal", journal.to_path_buf());
    for (role, suffix) in [("wal", "-wal"), ("shm", "-shm")] {
        let mut side = journal.as_os_str().to_owned();
        side.push(suffix);
        add(role, PathBuf::from(side));
    }
    let dir = journal.parent().unwrap_or_else(|| Path::new("/"));
    add("directory", dir.to_path_buf());
    let name = journal
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut backups: Vec<PathBuf> = list_dir(dir)
        .into_iter()
        .filter(|p| {
            p.file_name().is_some_and(|n| {
                let n = n.to_string_lossy();
                n.starts_with(&format!("{name}.v")) && n.ends_with(".bak")
            })
        })
        .collect();
    let backup_dir = dir.join("backups");
    if backup_dir.is_dir() {
        add("backups", backup_dir.clone());
        backups.extend(list_dir(&backup_dir).into_iter().filter(|p| p.is_file()));
    }
    backups.sort();
    for backup in backups {
        add("backup", backup);
    }
    facts
}

fn list_dir(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default()
}

/// The sync service whose folder holds `path`, by the folder names those
/// services use, or a Syncthing folder (marked by `.stfolder`).
fn synced_folder(path: &Path) -> Option<SyncedFolder> {
    for folder in path.ancestors().skip(1) {
        let name = folder
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let service = service_named(&name)
            .or_else(|| folder.join(".stfolder").exists().then_some("Syncthing"));
        if let Some(service) = service {
            return Some(SyncedFolder {
                service,
                folder: folder.display().to_string(),
            });
        }
    }
    None
}

fn service_named(folder: &str) -> Option<&'static str> {
    let starts = |prefix: &str| folder.starts_with(prefix);
    if starts("Dropbox") {
        Some("Dropbox")
    } else if matches!(folder, "Mobile Documents" | "iCloud Drive" | "iCloudDrive")
        || starts("com~apple~CloudDocs")
    {
        Some("iCloud Drive")
    } else if starts("OneDrive") {
        Some("OneDrive")
    } else if matches!(folder, "Google Drive" | "My Drive") || starts("GoogleDrive") {
        Some("Google Drive")
    } else if matches!(folder, "Nextcloud" | "ownCloud") {
        Some("Nextcloud")
    } else {
        None
    }
}

fn as_text(report: &Report) -> String {
    let mut out = String::new();
    let mut line = |label: &str, text: &str| {
        let _ = writeln!(out, "{label:<12} {text}");
    };
    line("journal", &report.journal);
    if !report.integrity.is_empty() {
        line("integrity", &report.integrity.join("; "));
    }
    if let Some(v) = report.schema_version {
        line(
            "schema",
            &format!(
                "{v} (this rapport writes {})",
                report.supported_schema_version
            ),
        );
    }
    let sizes: Vec<String> = report
        .files
        .iter()
        .filter(|f| matches!(f.role, "journal" | "wal"))
        .filter_map(|f| f.bytes.map(|b| format!("{} {}", f.role, human_bytes(b))))
        .collect();
    if !sizes.is_empty() {
        line("size", &sizes.join(", "));
    }
    for f in &report.files {
        let verdict = if f.private { "private" } else { "NOT private" };
        line(
            "permissions",
            &format!("{} {} ({}): {verdict}", f.mode, f.path, f.role),
        );
    }
    if !report.rows.is_empty() {
        let rows: Vec<String> = report
            .rows
            .iter()
            .map(|r| match report.deleted_interactions {
                Some(deleted) if r.table == "interaction" && deleted > 0 => {
                    format!("{} {} ({deleted} deleted)", r.table, r.rows)
                }
                _ => format!("{} {}", r.table, r.rows),
            })
            .collect();
        line("rows", &rows.join(", "));
    }
    match &report.synced_folder {
        Some(s) => line("synced", &format!("yes: {} ({})", s.service, s.folder)),
        None => line("synced", "no synced folder found around the journal"),
    }
    for w in &report.warnings {
        line("warning", w);
    }
    for p in &report.problems {
        line("problem", p);
    }
    line(
        "result",
        if report.healthy {
            "healthy"
        } else {
            "problems found"
        },
    );
    out
}

fn human_bytes(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sync_services_are_known_by_their_folder_names() {
        let found = |p: &str| synced_folder(Path::new(p)).map(|s| s.service);
        assert_eq!(
            found("/home/me/Dropbox (Personal)/rapport/journal.db"),
            Some("Dropbox")
        );
        assert_eq!(
            found("/Users/me/Library/Mobile Documents/com~apple~CloudDocs/journal.db"),
            Some("iCloud Drive")
        );
        assert_eq!(
            found("/home/me/OneDrive - Acme/journal.db"),
            Some("OneDrive")
        );
        assert_eq!(
            found("/Users/me/Library/CloudStorage/GoogleDrive-me@x.com/My Drive/j.db"),
            Some("Google Drive")
        );
        assert_eq!(found("/nonexistent-rapport-test/notes/journal.db"), None);
    }

    #[test]
    fn sizes_read_like_a_person_would_say_them() {
        assert_eq!(human_bytes(512), "512 B");
        assert_eq!(human_bytes(36 * 1024), "36.0 KiB");
        assert_eq!(human_bytes(5 * 1024 * 1024 + 1), "5.0 MiB");
    }
}
