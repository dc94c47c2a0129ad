//! Many entries in one transaction, for generated journals and benchmarks:
//! the same checks as `add_interaction`, with statements prepared once.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::params;

use super::interactions::{insert_entry, write_advice_loop};
use super::{Result, Store, StoreError, day_text, instant_text};
use crate::domain::{Category, CheckInDraft, InteractionDraft};

/// Bulk writes for generated journals (the demo, benchmarks): `store.bulk_mut()`.
pub struct BulkMut<'a> {
    pub(super) store: &'a mut Store,
}

impl Store {
    pub fn bulk_mut(&mut self) -> BulkMut<'_> {
        BulkMut { store: self }
    }
}

impl BulkMut<'_> {
    /// Trades durability for speed while a brand-new file is generated:
    /// no rollback journal, no fsync. Only for a scratch file that is
    /// renamed into place once `generation_done` has restored the pragmas;
    /// never for a journal holding anyone's entries.
    pub fn start_generation(&mut self) -> Result<()> {
        let _mode: String = self
            .store
            .conn
            .query_row("PRAGMA journal_mode = OFF", [], |r| r.get(0))?;
        self.store.conn.execute_batch("PRAGMA synchronous = OFF")?;
        Ok(())
    }

    /// Puts back WAL and full sync after `start_generation`, and syncs.
    pub fn generation_done(&mut self) -> Result<()> {
        self.store.conn.execute_batch("PRAGMA synchronous = FULL")?;
        let _mode: String = self
            .store
            .conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        Ok(())
    }

    /// Adds every draft in one transaction; `progress` hears the running
    /// count every thousand rows. All or nothing: an invalid draft rolls
    /// the whole batch back.
    pub fn add_interactions(
        &mut self,
        drafts: impl IntoIterator<Item = InteractionDraft>,
        now: DateTime<Utc>,
        mut progress: impl FnMut(u64),
    ) -> Result<u64> {
        let kinds = self.store.people().kinds()?;
        let stamp = instant_text(now);
        // A larger page cache keeps the indexes' hot pages in memory while
        // they grow; it is restored afterwards.
        let cache: i64 = self
            .store
            .conn
            .query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        self.store
            .conn
            .execute_batch("PRAGMA cache_size = -262144")?;
        let result = (|| {
            let tx = self.store.conn.transaction()?;
            let mut added = 0u64;
            {
                for mut draft in drafts {
                    let kind = kinds.iter().find(|k| k.id == draft.kind_id).ok_or(
                        StoreError::NotFound {
                            what: "kind",
                            id: draft.kind_id,
                        },
                    )?;
                    draft.validate(kind)?;
                    let id = insert_entry(&tx, &draft, &stamp)?;
                    if kind.category == Category::Ask {
                        write_advice_loop(&tx, id, kind, &draft)?;
                    }
                    added += 1;
                    if added.is_multiple_of(1000) {
                        progress(added);
                    }
                }
            }
            tx.commit()?;
            progress(added);
            Ok(added)
        })();
        self.store
            .conn
            .execute_batch(&format!("PRAGMA cache_size = {cache}"))?;
        result
    }

    /// Adds many check-ins in one transaction.
    pub fn add_check_ins(
        &mut self,
        drafts: impl IntoIterator<Item = CheckInDraft>,
        now: DateTime<Utc>,
    ) -> Result<u64> {
        let tx = self.store.conn.transaction()?;
        let mut added = 0;
        {
            let mut insert = tx.prepare_cached(
                "INSERT INTO checkin (person_id, checked_on, trust, clarity, ease, note, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            let stamp = instant_text(now);
            for draft in drafts {
                draft.validate()?;
                insert.execute(params![
                    draft.person_id,
                    day_text(draft.checked_on),
                    draft.trust,
                    draft.clarity,
                    draft.ease,
                    draft.note,
                    stamp,
                ])?;
                added += 1;
            }
        }
        tx.commit()?;
        Ok(added)
    }

    /// For generated journals: reports back on most advice asks older than
    /// `before` (nine days after each), leaving every `keep_open`-th open,
    /// as a person who closes most loops would.
    pub fn close_generated_advice_loops(
        &mut self,
        before: NaiveDate,
        keep_open: i64,
    ) -> Result<usize> {
        let tx = self.store.conn.transaction()?;
        let closed = tx.execute(
            "UPDATE advice_loop
                SET applied = 1,
                    reported_on = (SELECT date(i.happened_on, '+9 days') FROM interaction i
                                    WHERE i.id = advice_loop.interaction_id)
              WHERE reported_on IS NULL AND interaction_id % ?2 <> 0
                AND interaction_id IN (SELECT id FROM interaction WHERE happened_on < ?1)",
            params![day_text(before), keep_open.max(1)],
        )?;
        tx.commit()?;
        Ok(closed)
    }
}
