//! The documents area: the whole journal written out as JSON, and read back
//! in (a JSON export, or CSV and jrnl entries), all or nothing. Its methods
//! live beside their code in `export`, `import_document` and `import`.

use super::Store;

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
