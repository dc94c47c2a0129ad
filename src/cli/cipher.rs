//! `rapport encrypt` and `rapport decrypt`, and where a passphrase comes
//! from: `passphrase_cmd` in config.toml, else a prompt that does not echo.
//! Never an argument, which other users can read in the process list.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::{CmdResult, Context, Failure};
use crate::store::{Store, StoreError, plain_copies};

/// The passphrase from `passphrase_cmd`, or asked for on the terminal
/// (twice when `confirm`, for a new one).
pub fn passphrase(ctx: &Context, prompt: &str, confirm: bool) -> Result<String, Failure> {
    if let Some(cmd) = &ctx.settings.passphrase_cmd {
        let out = Command::new("sh")
            .arg("-c")
            .arg(cmd)
            .stdin(Stdio::null())
            .stderr(Stdio::inherit())
            .output()
            .map_err(|e| Failure::Runtime(anyhow::anyhow!("cannot run passphrase_cmd: {e}")))?;
        if !out.status.success() {
            return Err(Failure::Runtime(anyhow::anyhow!(
                "passphrase_cmd failed ({}); nothing was changed",
                out.status
            )));
        }
        let text = String::from_utf8(out.stdout).map_err(|_| {
            Failure::Runtime(anyhow::anyhow!(
                "passphrase_cmd printed something that is not UTF-8"
            ))
        })?;
        // The first line, as `pass show` prints it above any notes.
        let phrase = text.lines().next().unwrap_or_default().to_string();
        if phrase.is_empty() {
            return Err(Failure::Runtime(anyhow::anyhow!(
                "passphrase_cmd printed nothing; nothing was changed"
            )));
        }
        return Ok(phrase);
    }
    if !std::io::stdin().is_terminal() {
        return Err(Failure::usage(
            "a passphrase is needed: run this in a terminal, or set passphrase_cmd in config.toml",
        ));
    }
    let first = prompt_hidden(&format!("{prompt}: "))?;
    if first.is_empty() {
        return Err(Failure::usage("an empty passphrase; nothing was changed"));
    }
    if confirm && prompt_hidden("the same again: ")? != first {
        return Err(Failure::usage(
            "the two passphrases differ; nothing was changed",
        ));
    }
    Ok(first)
}

/// Asks on the terminal without echo. Echo is off before the prompt is
/// shown, so nothing typed after the prompt appears (printing the prompt
/// first let a quick typist's first keys echo).
fn prompt_hidden(prompt: &str) -> std::io::Result<String> {
    use rustix::termios::{LocalModes, OptionalActions, tcgetattr, tcsetattr};
    use std::io::{BufRead, Write};
    let tty = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/tty")?;
    let before = tcgetattr(&tty)?;
    let mut quiet = before.clone();
    quiet.local_modes.remove(LocalModes::ECHO);
    quiet.local_modes.insert(LocalModes::ECHONL);
    tcsetattr(&tty, OptionalActions::Now, &quiet)?;
    let asked = (|| {
        let mut out = &tty;
        out.write_all(prompt.as_bytes())?;
        out.flush()?;
        let mut line = String::new();
        std::io::BufReader::new(&tty).read_line(&mut line)?;
        Ok(line.trim_end_matches(['\n', '\r']).to_string())
    })();
    tcsetattr(&tty, OptionalActions::Now, &before)?;
    asked
}

/// Opens the journal, asking for its passphrase when it does not read as a
/// plain one.
pub fn open_store(ctx: &Context) -> Result<Store, Failure> {
    match Store::open(&ctx.journal) {
        Err(StoreError::NotSqlite { .. })
            if ctx.settings.passphrase_cmd.is_some() || std::io::stdin().is_terminal() =>
        {
            let phrase = passphrase(ctx, "passphrase", false)?;
            Store::open_encrypted(&ctx.journal, &phrase).map_err(|e| Failure::Runtime(e.into()))
        }
        other => other.map_err(|e| Failure::Runtime(e.into())),
    }
}

/// `journal.db.plain.bak`, or `journal.db.plain.2.bak` when that exists.
fn free_sibling(path: &Path, tag: &str) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "journal.db".to_string());
    let mut candidate = path.with_file_name(format!("{name}.{tag}.bak"));
    let mut n = 2;
    while candidate.exists() {
        candidate = path.with_file_name(format!("{name}.{tag}.{n}.bak"));
        n += 1;
    }
    candidate
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Swaps `copy` in for the journal once `store` (the journal's only
/// connection here) is closed; refuses while another program has it open.
fn swap_in(store: Store, copy: &Path, journal: &Path) -> Result<(), Failure> {
    drop(store);
    // Closing the last connection folds the -wal into the file and removes
    // it; one still there means another rapport has the journal open.
    if sibling(journal, "-wal").exists() {
        return Err(Failure::Runtime(anyhow::anyhow!(
            "another program has {} open; close it and try again (nothing was changed)",
            journal.display()
        )));
    }
    let _ = std::fs::remove_file(sibling(journal, "-shm"));
    std::fs::rename(copy, journal).map_err(|e| {
        Failure::Runtime(anyhow::anyhow!(
            "cannot put the new journal in place ({e}); the journal was not changed"
        ))
    })
}

/// The conversion shared by `encrypt` and `decrypt`: a verified backup of
/// the journal as it is, a verified copy in the new form, the swap, a check
/// that the result opens, and only then the backup removed.
fn convert(
    ctx: &Context,
    store: Store,
    new_phrase: &str,
    reopen: impl Fn(&Path) -> crate::store::Result<Store>,
    backup_tag: &str,
) -> Result<(), Failure> {
    let journal = ctx.journal.clone();
    let backup = free_sibling(&journal, backup_tag);
    store.backup_verified(&backup, false)?;
    let copy = sibling(&journal, ".converting");
    let _ = std::fs::remove_file(&copy);
    let keep = |e: Failure| {
        let _ = std::fs::remove_file(&copy);
        say!(
            "rapport: the journal was not changed; a verified backup is at {}",
            backup.display()
        );
        e
    };
    store
        .copy_with_passphrase(&copy, new_phrase)
        .map_err(|e| keep(e.into()))?;
    swap_in(store, &copy, &journal).map_err(keep)?;
    reopen(&journal).map_err(|e| {
        Failure::Runtime(anyhow::anyhow!(
            "the converted journal does not open ({e}); the journal as it was is at {}: `rapport restore {}` puts it back",
            backup.display(),
            backup.display()
        ))
    })?;
    std::fs::remove_file(&backup)?;
    Ok(())
}

/// `rapport encrypt`: the plain journal becomes an encrypted one. Plain
/// copies an interrupted encrypt left behind are removed: before starting
/// again, or, when the journal was already encrypted, once its passphrase
/// opens it.
pub fn encrypt(ctx: &Context) -> CmdResult {
    let leftovers = plain_copies(&ctx.journal);
    let store = match Store::open(&ctx.journal) {
        Err(StoreError::NotSqlite { path }) if !leftovers.is_empty() => {
            let phrase = passphrase(ctx, "passphrase", false)?;
            drop(Store::open_encrypted(&path, &phrase).map_err(|e| Failure::Runtime(e.into()))?);
            remove_plain_copies(&leftovers)?;
            say!(
                "{} was already encrypted; removed the plain copy an interrupted encrypt left: {}",
                path.display(),
                shown_paths(&leftovers)
            );
            return Ok(());
        }
        Err(StoreError::NotSqlite { path }) => {
            return Err(Failure::usage(format!(
                "{} is already encrypted (or not a journal); nothing was changed",
                path.display()
            )));
        }
        other => other.map_err(|e| Failure::Runtime(e.into()))?,
    };
    // The journal is still plain: the copies are older backups of it.
    remove_plain_copies(&leftovers)?;
    let phrase = passphrase(ctx, "new passphrase", true)?;
    convert(
        ctx,
        store,
        &phrase,
        |path| Store::open_encrypted(path, &phrase),
        "plain",
    )?;
    say!(
        "encrypted {}; keep the passphrase safe: without it the journal cannot be read. Backups made before now, and exports, are not encrypted",
        ctx.journal.display()
    );
    Ok(())
}

/// Removes plain copies (and any `-wal`/`-shm` beside them).
fn remove_plain_copies(copies: &[PathBuf]) -> CmdResult {
    for copy in copies {
        for suffix in ["-wal", "-shm", ""] {
            match std::fs::remove_file(sibling(copy, suffix)) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
                _ => {}
            }
        }
    }
    Ok(())
}

fn shown_paths(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// `rapport decrypt`: the encrypted journal becomes a plain one.
pub fn decrypt(ctx: &Context) -> CmdResult {
    if Store::open(&ctx.journal).is_ok() {
        return Err(Failure::usage(format!(
            "{} is not encrypted; nothing was changed",
            ctx.journal.display()
        )));
    }
    let phrase = passphrase(ctx, "passphrase", false)?;
    let store =
        Store::open_encrypted(&ctx.journal, &phrase).map_err(|e| Failure::Runtime(e.into()))?;
    convert(ctx, store, "", Store::open, "encrypted")?;
    say!("decrypted {}", ctx.journal.display());
    Ok(())
}
