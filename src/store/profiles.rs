//! Profiles: what you know of each person and of yourself (`person_id`
//! NULL), item by item. Nothing is deleted: a replaced or removed item is
//! retired on a day, so the history stays.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, Transaction, params};

use super::{Result, Store, StoreError, day_text, parse_day_column};
use crate::domain::{DomainError, Facet, Profile, ProfileChange, ProfileItem};

const ITEM_COLUMNS: &str = "id, facet, text, noted_on, confirmed_on, retired_on";

/// Reads of profiles and expectations: `store.profiles()`.
pub struct Profiles<'a> {
    pub(super) store: &'a Store,
}

/// Changes to profiles and expectations, each in one transaction: `store.profiles_mut()`.
pub struct ProfilesMut<'a> {
    pub(super) store: &'a mut Store,
}

impl Store {
    pub fn profiles(&self) -> Profiles<'_> {
        Profiles { store: self }
    }

    pub fn profiles_mut(&mut self) -> ProfilesMut<'_> {
        ProfilesMut { store: self }
    }
}

impl Profiles<'_> {
    /// The live items of a person's profile, or of yours with `None`.
    pub fn profile(&self, person_id: Option<i64>) -> Result<Profile> {
        let sql = format!(
            "SELECT {ITEM_COLUMNS} FROM profile_item
              WHERE person_id IS ?1 AND retired_on IS NULL ORDER BY facet, id"
        );
        let mut stmt = self.store.conn.prepare_cached(&sql)?;
        let mut items = stmt
            .query_map([person_id], item_from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        items.sort_by_key(|i| (i.facet, i.id));
        Ok(Profile { person_id, items })
    }

    /// Retired items, newest first: what the profile said before.
    pub fn profile_history(&self, person_id: Option<i64>) -> Result<Vec<ProfileItem>> {
        let sql = format!(
            "SELECT {ITEM_COLUMNS} FROM profile_item
              WHERE person_id IS ?1 AND retired_on IS NOT NULL ORDER BY retired_on DESC, id DESC"
        );
        let mut stmt = self.store.conn.prepare_cached(&sql)?;
        let items = stmt
            .query_map([person_id], item_from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(items)
    }

    pub fn profile_item(&self, id: i64) -> Result<ProfileItem> {
        let sql = format!("SELECT {ITEM_COLUMNS} FROM profile_item WHERE id = ?1");
        self.store
            .conn
            .query_row(&sql, [id], item_from_row)
            .optional()?
            .ok_or(StoreError::NotFound {
                what: "profile item",
                id,
            })
    }
}

impl ProfilesMut<'_> {
    /// Applies `change` to a person's profile (or yours) in one transaction.
    pub fn change_profile(
        &mut self,
        person_id: Option<i64>,
        change: &ProfileChange,
        today: NaiveDate,
    ) -> Result<Profile> {
        change.validate(person_id.is_some())?;
        let tx = self.store.conn.transaction()?;
        check_person(&tx, person_id)?;
        apply_profile_change(&tx, person_id, change, today)?;
        tx.commit()?;
        self.store.profiles().profile(person_id)
    }

    /// Adds one item; for a facet that holds one value, it replaces that value.
    pub fn add_profile_item(
        &mut self,
        person_id: Option<i64>,
        facet: Facet,
        text: &str,
        today: NaiveDate,
    ) -> Result<ProfileItem> {
        let change = ProfileChange::default().value(facet, Some(text.to_string()));
        change.validate(person_id.is_some())?;
        let text = filled(text)?;
        let tx = self.store.conn.transaction()?;
        check_person(&tx, person_id)?;
        let id = if facet.is_list() {
            put_list_item(&tx, person_id, facet, &text, today)?
        } else {
            set_value(&tx, person_id, facet, &text, today)?.ok_or(StoreError::NotFound {
                what: "profile item",
                id: 0,
            })?
        };
        tx.commit()?;
        self.store.profiles().profile_item(id)
    }

    /// Rewrites an item: the old wording is retired, the new one noted today.
    pub fn edit_profile_item(
        &mut self,
        id: i64,
        text: &str,
        today: NaiveDate,
    ) -> Result<ProfileItem> {
        let text = filled(text)?;
        let old = self.store.profiles().profile_item(id)?;
        if old.retired_on.is_some() {
            return Err(StoreError::Conflict(
                "that item was removed meanwhile; add it again".into(),
            ));
        }
        if old.facet == Facet::TakesIn || old.facet == Facet::Focus {
            ProfileChange::default()
                .value(old.facet, Some(text.clone()))
                .validate(old.facet.applies_to_them())?;
        }
        let tx = self.store.conn.transaction()?;
        let person_id: Option<i64> = tx.query_row(
            "SELECT person_id FROM profile_item WHERE id = ?1",
            [id],
            |r| r.get(0),
        )?;
        let new_id = if old.text == text {
            confirm(&tx, id, today)?;
            id
        } else {
            retire(&tx, id, today)?;
            insert(&tx, person_id, old.facet, &text, today)?
        };
        tx.commit()?;
        self.store.profiles().profile_item(new_id)
    }

    /// Says an item still holds: its staleness counts from today.
    pub fn confirm_profile_item(&mut self, id: i64, today: NaiveDate) -> Result<ProfileItem> {
        let tx = self.store.conn.transaction()?;
        if confirm(&tx, id, today)? == 0 {
            return Err(StoreError::NotFound {
                what: "profile item",
                id,
            });
        }
        tx.commit()?;
        self.store.profiles().profile_item(id)
    }

    /// Removes an item from the profile; it stays in the history, and
    /// `restore_profile_item` brings it back.
    pub fn retire_profile_item(&mut self, id: i64, today: NaiveDate) -> Result<ProfileItem> {
        let tx = self.store.conn.transaction()?;
        if retire(&tx, id, today)? == 0 {
            return Err(StoreError::NotFound {
                what: "profile item",
                id,
            });
        }
        tx.commit()?;
        self.store.profiles().profile_item(id)
    }

    /// Undoes `retire_profile_item`.
    pub fn restore_profile_item(&mut self, id: i64) -> Result<ProfileItem> {
        let tx = self.store.conn.transaction()?;
        let changed = tx.execute(
            "UPDATE profile_item SET retired_on = NULL WHERE id = ?1 AND retired_on IS NOT NULL",
            [id],
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound {
                what: "removed profile item",
                id,
            });
        }
        tx.commit()?;
        self.store.profiles().profile_item(id)
    }
}

fn filled(text: &str) -> Result<String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(DomainError::Empty("a profile item").into());
    }
    Ok(text.to_string())
}

fn check_person(tx: &Transaction<'_>, person_id: Option<i64>) -> Result<()> {
    if let Some(id) = person_id {
        let found: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM person WHERE id = ?1)",
            [id],
            |r| r.get(0),
        )?;
        if !found {
            return Err(StoreError::NotFound { what: "person", id });
        }
    }
    Ok(())
}

/// Writes a profile change inside the caller's transaction.
pub(super) fn apply_profile_change(
    tx: &Transaction<'_>,
    person_id: Option<i64>,
    change: &ProfileChange,
    today: NaiveDate,
) -> Result<()> {
    for (facet, items) in &change.lists {
        let wanted = crate::domain::person::cleaned_strengths(items);
        let live = live_items(tx, person_id, *facet)?;
        for (id, text) in &live {
            if !wanted.iter().any(|w| w.eq_ignore_ascii_case(text)) {
                retire(tx, *id, today)?;
            }
        }
        for text in &wanted {
            put_list_item(tx, person_id, *facet, text, today)?;
        }
    }
    for (facet, value) in &change.values {
        let value = normalized_value(*facet, value);
        set_value(tx, person_id, *facet, &value, today)?;
    }
    Ok(())
}

/// Styles are stored in their one spelling: "Big picture" as `big_picture`.
fn normalized_value(facet: Facet, value: &str) -> String {
    let parsed = match facet {
        Facet::TakesIn => value
            .parse::<crate::domain::TakesIn>()
            .ok()
            .map(|t| t.as_str()),
        Facet::Focus => value
            .parse::<crate::domain::Focus>()
            .ok()
            .map(|f| f.as_str()),
        _ => None,
    };
    parsed.map_or_else(|| value.trim().to_string(), str::to_string)
}

fn live_items(
    tx: &Transaction<'_>,
    person_id: Option<i64>,
    facet: Facet,
) -> Result<Vec<(i64, String)>> {
    let mut stmt = tx.prepare_cached(
        "SELECT id, text FROM profile_item
          WHERE person_id IS ?1 AND facet = ?2 AND retired_on IS NULL ORDER BY id",
    )?;
    let rows = stmt
        .query_map(params![person_id, facet.as_str()], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// A list item: confirmed when it is there already (any case), else added.
fn put_list_item(
    tx: &Transaction<'_>,
    person_id: Option<i64>,
    facet: Facet,
    text: &str,
    today: NaiveDate,
) -> Result<i64> {
    let live = live_items(tx, person_id, facet)?;
    if let Some((id, _)) = live.iter().find(|(_, t)| t.eq_ignore_ascii_case(text)) {
        confirm(tx, *id, today)?;
        return Ok(*id);
    }
    insert(tx, person_id, facet, text, today)
}

/// A one-value facet: the same value is confirmed, another replaces it, an
/// empty one clears it. Returns the live item's id, if any.
fn set_value(
    tx: &Transaction<'_>,
    person_id: Option<i64>,
    facet: Facet,
    value: &str,
    today: NaiveDate,
) -> Result<Option<i64>> {
    let value = normalized_value(facet, value);
    let mut kept = None;
    for (id, text) in live_items(tx, person_id, facet)? {
        if text == value {
            confirm(tx, id, today)?;
            kept = Some(id);
        } else {
            retire(tx, id, today)?;
        }
    }
    if kept.is_some() || value.is_empty() {
        return Ok(kept);
    }
    Ok(Some(insert(tx, person_id, facet, &value, today)?))
}

fn insert(
    tx: &Transaction<'_>,
    person_id: Option<i64>,
    facet: Facet,
    text: &str,
    today: NaiveDate,
) -> Result<i64> {
    tx.execute(
        "INSERT INTO profile_item (person_id, facet, text, noted_on, confirmed_on)
         VALUES (?1, ?2, ?3, ?4, ?4)",
        params![person_id, facet.as_str(), text, day_text(today)],
    )?;
    Ok(tx.last_insert_rowid())
}

fn confirm(tx: &Transaction<'_>, id: i64, today: NaiveDate) -> Result<usize> {
    Ok(tx.execute(
        "UPDATE profile_item SET confirmed_on = max(confirmed_on, ?2)
          WHERE id = ?1 AND retired_on IS NULL",
        params![id, day_text(today)],
    )?)
}

fn retire(tx: &Transaction<'_>, id: i64, today: NaiveDate) -> Result<usize> {
    Ok(tx.execute(
        "UPDATE profile_item SET retired_on = ?2 WHERE id = ?1 AND retired_on IS NULL",
        params![id, day_text(today)],
    )?)
}

fn item_from_row(row: &Row<'_>) -> rusqlite::Result<ProfileItem> {
    let facet: String = row.get(1)?;
    let day = |idx: usize| -> rusqlite::Result<NaiveDate> {
        let text: String = row.get(idx)?;
        parse_day_column(idx, &text)
    };
    let retired: Option<String> = row.get(5)?;
    Ok(ProfileItem {
        id: row.get(0)?,
        facet: facet.parse().map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(1, rusqlite::types::Type::Text, Box::new(e))
        })?,
        text: row.get(2)?,
        noted_on: day(3)?,
        confirmed_on: day(4)?,
        retired_on: retired.map(|d| parse_day_column(5, &d)).transpose()?,
    })
}
