//! Importing people with their strengths, and what is known of them:
//! profile items and expectations.

use rusqlite::{OptionalExtension, params};

use super::super::export::{ExpectationRecord, PersonRecord, ProfileItemRecord};
use super::super::import::Outcome;
use super::{Writer, already_there, keep_id};

impl Writer<'_, '_> {
    /// A person: the same id and instant, or the same name, is the
    /// journal's; one marked current is current only if none is yet.
    pub(super) fn person(&mut self, p: &PersonRecord) -> Outcome<()> {
        let tx = self.tx;
        let same_name: Option<i64> = tx
            .prepare_cached("SELECT id FROM person WHERE name = ?1")?
            .query_row([&p.name], |r| r.get(0))
            .optional()?;
        let existing = if already_there(tx, &self.fresh, "person", p.id, &p.created_at)? {
            Some(p.id)
        } else {
            // The same name is the same person: the name is unique.
            same_name
        };
        if let Some(id) = existing {
            self.people.set(p.id, id, false);
            self.report.count("people", false);
            return Ok(());
        }
        let current = p.is_current && !self.has_current;
        if p.is_current && !current {
            self.report.notes.push(format!(
                "{} was imported but not made current: the journal already has a current manager",
                p.name
            ));
        }
        tx.prepare_cached(
            "INSERT INTO person (id, name, role, is_current, cadence_days, next_one_on_one,
                                 archived, created_at, updated_at, relation, call)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?
        .execute(params![
            keep_id(tx, "person", p.id)?,
            p.name,
            p.role,
            current,
            p.cadence_days,
            p.next_one_on_one,
            p.archived,
            p.created_at,
            p.updated_at,
            p.relation,
            p.call,
        ])?;
        let id = self.fresh.inserted("person", tx);
        self.has_current |= current;
        for s in &p.strengths {
            tx.prepare_cached(
                "INSERT INTO strength (id, person_id, text, noted_on) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![
                keep_id(tx, "strength", s.id)?,
                id,
                s.text,
                s.noted_on
            ])?;
        }
        self.people.set(p.id, id, true);
        self.report.count("people", true);
        Ok(())
    }

    /// A profile item already there (same id, same person, facet, text and
    /// day noted) is skipped.
    pub(super) fn profile_item(&mut self, p: &ProfileItemRecord) -> Outcome<()> {
        let tx = self.tx;
        let person = self.people.get_opt("person", p.person_id)?;
        let there: bool = tx
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM profile_item WHERE id = ?1 AND person_id IS ?2
                              AND facet = ?3 AND text = ?4 AND noted_on = ?5)",
            )?
            .query_row(params![p.id, person, p.facet, p.text, p.noted_on], |r| {
                r.get(0)
            })?;
        if there {
            self.report.count("profile items", false);
            return Ok(());
        }
        tx.prepare_cached("INSERT INTO profile_item (id, person_id, facet, text, noted_on, confirmed_on, retired_on)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?.execute(params![
                keep_id(tx, "profile_item", p.id)?,
                person,
                p.facet,
                p.text,
                p.noted_on,
                p.confirmed_on,
                p.retired_on,
            ],
        )?;
        self.report.count("profile items", true);
        Ok(())
    }

    pub(super) fn expectation(&mut self, e: &ExpectationRecord) -> Outcome<()> {
        let tx = self.tx;
        if already_there(tx, &self.fresh, "expectation", e.id, &e.created_at)? {
            self.report.count("expectations", false);
            return Ok(());
        }
        tx.prepare_cached(
            "INSERT INTO expectation (id, person_id, text, held_by, state, added_on, confirmed_on,
                                      dropped_on, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?
        .execute(params![
            keep_id(tx, "expectation", e.id)?,
            self.people.get("person", e.person_id)?,
            e.text,
            e.held_by,
            e.state,
            e.added_on,
            e.confirmed_on,
            e.dropped_on,
            e.created_at,
            e.updated_at,
        ])?;
        self.fresh.inserted("expectation", tx);
        self.report.count("expectations", true);
        Ok(())
    }
}
