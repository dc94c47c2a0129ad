//! Drafts: what a form holds while it is typed, saved as it changes so a
//! crash or kill loses nothing. Each draft belongs to the process that typed
//! it (its owner: pid and start time), so two TUIs on one journal never
//! share a slot; a draft whose process has ended is an orphan, offered back
//! at the next start, newest first.

use std::sync::atomic::{AtomicU32, Ordering};

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction, params};

use super::{Result, Store, instant_text};
use crate::domain::DraftKey;

/// The draft of the entry form, discarded in the same transaction that
/// saves the entry (a kill between the two would offer a duplicate).
pub const ENTRY_DRAFT: &str = DraftKey::Entry.as_str();

/// A draft left by a process that has ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrphanDraft {
    pub owner: String,
    pub form: String,
    pub body: String,
    pub saved_at: String,
}

/// This process: its pid and its start time (so a reused pid is another
/// process), and which of its stores (tests open several).
pub(super) fn new_owner() -> String {
    static NEXT: AtomicU32 = AtomicU32::new(1);
    let pid = std::process::id();
    let start = start_time(pid).unwrap_or_default();
    format!("{pid}:{start}:{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

/// Field 22 of `/proc/PID/stat`: when the process started, in clock ticks
/// since boot. `None` where there is no `/proc`, and for a process that
/// has ended but not been reaped yet (a zombie, state `Z`; `X` dead): a
/// TUI killed with -9 is one until its terminal or tmux waits for it, and
/// its draft is an orphan already.
fn start_time(pid: u32) -> Option<String> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name (field 2) may hold spaces and parentheses: count
    // from the last `)`.
    let mut after = stat.rsplit_once(')')?.1.split_whitespace();
    let state = after.next()?;
    if matches!(state, "Z" | "X" | "x") {
        return None;
    }
    after.nth(18).map(str::to_string)
}

/// Whether the process that owns drafts as `owner` is still running.
fn owner_alive(owner: &str) -> bool {
    let mut parts = owner.split(':');
    let (Some(pid), Some(start)) = (parts.next(), parts.next()) else {
        // Drafts from before owners (or garbled): nobody's.
        return false;
    };
    let Ok(pid) = pid.parse::<u32>() else {
        return false;
    };
    if !std::path::Path::new("/proc").is_dir() {
        // No way to tell here: only this process counts as alive.
        return pid == std::process::id();
    }
    start_time(pid).is_some_and(|now| now == start)
}

/// Removes this store's draft of `form` inside a transaction that saves
/// what the form held.
pub(super) fn discard_in(tx: &Transaction<'_>, owner: &str, form: &str) -> rusqlite::Result<()> {
    tx.execute(
        "DELETE FROM draft WHERE owner = ?1 AND form = ?2",
        params![owner, form],
    )?;
    Ok(())
}

/// Reads of the drafts of forms being typed: `store.drafts()`.
pub struct Drafts<'a> {
    pub(super) store: &'a Store,
}

/// Changes to drafts, each in one transaction: `store.drafts_mut()`.
pub struct DraftsMut<'a> {
    pub(super) store: &'a mut Store,
}

impl Store {
    pub fn drafts(&self) -> Drafts<'_> {
        Drafts { store: self }
    }

    pub fn drafts_mut(&mut self) -> DraftsMut<'_> {
        DraftsMut { store: self }
    }
}

impl<'a> Drafts<'a> {
    /// Who this store's drafts belong to.
    pub fn draft_owner(&self) -> &'a str {
        &self.store.draft_owner
    }

    /// This process's draft of `form`.
    pub fn draft(&self, form: &str) -> Result<Option<String>> {
        Ok(self
            .store
            .conn
            .query_row(
                "SELECT body FROM draft WHERE owner = ?1 AND form = ?2",
                params![self.store.draft_owner, form],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Drafts whose process has ended, newest first: what a start offers back.
    pub fn orphan_drafts(&self) -> Result<Vec<OrphanDraft>> {
        let mut stmt = self.store.conn.prepare(
            "SELECT owner, form, body, saved_at FROM draft WHERE owner <> ?1
              ORDER BY saved_at DESC, owner, form",
        )?;
        let rows = stmt
            .query_map([&self.store.draft_owner], |r| {
                Ok(OrphanDraft {
                    owner: r.get(0)?,
                    form: r.get(1)?,
                    body: r.get(2)?,
                    saved_at: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows
            .into_iter()
            .filter(|d| !owner_alive(&d.owner))
            .collect())
    }
}

impl DraftsMut<'_> {
    /// Saves what is being typed in `form`, replacing this process's
    /// previous draft of it.
    pub fn save_draft(&mut self, form: &str, body: &str, now: DateTime<Utc>) -> Result<()> {
        self.store.refuse_if_replaced()?;
        let tx = self.store.conn.transaction()?;
        tx.execute(
            "INSERT INTO draft (owner, form, body, saved_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (owner, form) DO UPDATE SET body = excluded.body, saved_at = excluded.saved_at",
            params![self.store.draft_owner, form, body, instant_text(now)],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Forgets this process's draft of `form`.
    pub fn discard_draft(&mut self, form: &str) -> Result<()> {
        let tx = self.store.conn.transaction()?;
        discard_in(&tx, &self.store.draft_owner, form)?;
        tx.commit()?;
        Ok(())
    }

    /// Makes an orphan this process's own draft of its form (replacing any
    /// it had), so saving or discarding it later is this process's to do.
    /// `false` when another process took it first.
    pub fn adopt_draft(&mut self, orphan: &OrphanDraft) -> Result<bool> {
        let tx = self.store.conn.transaction()?;
        discard_in(&tx, &self.store.draft_owner, &orphan.form)?;
        let moved = tx.execute(
            "UPDATE draft SET owner = ?1 WHERE owner = ?2 AND form = ?3",
            params![self.store.draft_owner, orphan.owner, orphan.form],
        )?;
        tx.commit()?;
        Ok(moved == 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn this_process_is_alive_and_a_made_up_one_is_not() {
        let me = new_owner();
        assert!(owner_alive(&me), "{me}");
        assert!(!owner_alive("4194305:1:1"));
        assert!(!owner_alive(""));
    }

    #[test]
    fn a_process_ended_but_not_yet_reaped_is_not_alive() {
        if !std::path::Path::new("/proc").is_dir() {
            return;
        }
        let mut child = std::process::Command::new("true")
            .spawn()
            .expect("spawn true");
        let pid = child.id();
        let stat = |pid: u32| -> Vec<String> {
            std::fs::read_to_string(format!("/proc/{pid}/stat"))
                .ok()
                .and_then(|stat| stat.rsplit_once(')').map(|(_, after)| after.to_string()))
                .map(|after| after.split_whitespace().map(str::to_string).collect())
                .unwrap_or_default()
        };
        // Not waited for: once it exits it stays a zombie until `wait` below.
        for _ in 0..10_000 {
            if stat(pid).first().is_some_and(|state| state == "Z") {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        let fields = stat(pid);
        assert_eq!(fields.first().map(String::as_str), Some("Z"), "{fields:?}");
        let start = fields.get(19).cloned().unwrap_or_default();
        assert!(!owner_alive(&format!("{pid}:{start}:1")));
        let _ = child.wait();
    }
}
