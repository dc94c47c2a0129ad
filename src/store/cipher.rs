//! Encryption at rest (the `encryption` feature: SQLCipher over the system
//! libcrypto): unlocking a journal with its passphrase, and verified copies
//! of a journal, encrypted or plain, for `rapport encrypt` and `decrypt`.

use std::path::Path;

use rusqlite::{Connection, params};

use super::backup::TABLES;
use super::open::create_private_file;
use super::{Result, Store, StoreError};

/// Gives `conn` the passphrase and checks it opens the file: a wrong one
/// reads as "not a database" and changes nothing.
pub(crate) fn unlock(conn: &Connection, path: &Path, passphrase: &str) -> Result<()> {
    // A wrong passphrase is our error to report; SQLCipher's own log line
    // on stderr would only repeat it.
    let _ = conn.execute_batch("PRAGMA cipher_log_level = NONE");
    // SQLCipher takes the key as a pragma; rusqlite quotes the value.
    conn.pragma_update(None, "key", passphrase)?;
    conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
        r.get::<_, i64>(0)
    })
    .map(|_| ())
    .map_err(|_| StoreError::WrongPassphrase {
        path: path.to_path_buf(),
    })
}

/// Copies the whole journal at `source` (encrypted with `key`, if any) into
/// the empty file `dest`, encrypted with `passphrase` (plain when it is
/// empty), schema version and application id included.
///
/// On a connection of its own: SQLCipher adds `sqlcipher_export` to every
/// connection opened after its initialisation, which a connection opened at
/// the same moment on another thread can miss.
pub(crate) fn export_copy(
    source: &Path,
    key: Option<&str>,
    dest: &Path,
    passphrase: &str,
) -> Result<()> {
    let conn = Connection::open(source)?;
    if let Some(key) = key {
        unlock(&conn, source, key)?;
    }
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    let dest_text = dest.to_str().ok_or_else(|| StoreError::Io {
        path: dest.to_path_buf(),
        source: std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "an encrypted copy needs a path that is valid UTF-8",
        ),
    })?;
    conn.execute(
        "ATTACH DATABASE ?1 AS rapport_copy KEY ?2",
        params![dest_text, passphrase],
    )?;
    let copied = (|| -> Result<()> {
        conn.query_row("SELECT sqlcipher_export('rapport_copy')", [], |_| Ok(()))?;
        let (version, app_id): (i64, i32) = conn.query_row(
            "SELECT (SELECT user_version FROM pragma_user_version),
                    (SELECT application_id FROM pragma_application_id)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        // Integers read from the journal itself: never user input.
        conn.execute_batch(&format!(
            "PRAGMA rapport_copy.user_version = {version};
             PRAGMA rapport_copy.application_id = {app_id};"
        ))?;
        Ok(())
    })();
    conn.execute("DETACH DATABASE rapport_copy", [])?;
    copied
}

impl Store {
    /// Writes a copy of the journal to the new private file `dest`,
    /// encrypted with `passphrase` (plain when it is empty), then checks the
    /// copy: it opens with that passphrase, passes `quick_check` and holds
    /// as many rows in every table as the journal.
    pub fn copy_with_passphrase(&self, dest: &Path, passphrase: &str) -> Result<()> {
        let source = self.path.as_deref().ok_or_else(|| StoreError::Io {
            path: dest.to_path_buf(),
            source: std::io::Error::new(
                std::io::ErrorKind::Unsupported,
                "an in-memory journal has no file to copy",
            ),
        })?;
        create_private_file(dest)?;
        export_copy(source, self.key.as_deref(), dest, passphrase)?;
        let copy = Connection::open(dest)?;
        if !passphrase.is_empty() {
            unlock(&copy, dest, passphrase)?;
        }
        let damaged = |detail: String| StoreError::Corrupt {
            path: dest.to_path_buf(),
            detail,
        };
        let verdict: String = copy.query_row("PRAGMA quick_check(1)", [], |r| r.get(0))?;
        if verdict != "ok" {
            return Err(damaged(verdict));
        }
        for table in TABLES {
            // Table names from a fixed list, never input.
            let count = format!("SELECT count(*) FROM {table}");
            let here: i64 = self.conn.query_row(&count, [], |r| r.get(0))?;
            let there: i64 = copy.query_row(&count, [], |r| r.get(0))?;
            if here != there {
                return Err(damaged(format!(
                    "the copy has {there} rows in {table}, the journal {here}"
                )));
            }
        }
        Ok(())
    }

    /// Whether this journal was opened with a passphrase.
    pub fn is_encrypted(&self) -> bool {
        self.key.is_some()
    }
}
