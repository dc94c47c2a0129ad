//! The documents area: the whole journal written out as JSON, and read back
//! in (a JSON export, or CSV and jrnl entries), all or nothing. Its methods
//! live beside their code in `export`, `import_document` and `import`.

use rusqlite::{Transaction, TransactionBehavior};

use super::{Result, Store};

/// Reads the journal out as a document: `store.documents()`.
pub struct Documents<'a> {
    pub(super) store: &'a Store,
}

/// Imports, each in one transaction: `store.documents_mut()`.
pub struct DocumentsMut<'a> {
    pub(super) store: &'a mut Store,
}

impl Store {
    pub fn documents(&self) -> Documents<'_> {
        Documents { store: self }
    }

    pub fn documents_mut(&mut self) -> DocumentsMut<'_> {
        DocumentsMut { store: self }
    }
}

impl Documents<'_> {
    /// Runs `read` inside one read transaction, so every read it makes
    /// through the store sees one snapshot of the journal however long it
    /// takes (an export read page by page is still one consistent copy).
    pub fn in_one_snapshot<T>(&self, read: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        let tx = Transaction::new_unchecked(&self.store.conn, TransactionBehavior::Deferred)?;
        let value = read(self.store);
        // Only reads happened: ending it either way changes nothing.
        drop(tx);
        value
    }
}
