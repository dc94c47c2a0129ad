//! Opening a journal: refuse foreign, newer or damaged files untouched, set
//! the pragmas, back up, then migrate in one transaction.

use std::fs::{self, OpenOptions};
use std::io::Read;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::Duration;

use include_dir::{Dir, include_dir};
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use rusqlite_migration::Migrations;

use super::seal::{self, SealOnClose};
use super::{Result, Store, StoreError};

static MIGRATIONS_DIR: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/migrations");

/// Marks a SQLite file as a rapport journal ("RPRT").
pub const APPLICATION_ID: i32 = 0x5250_5254;

/// The schema version this build writes: the number of migrations.
pub const SCHEMA_VERSION: i64 = 15;

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// The migrations embedded from `migrations/`.
pub fn migrations() -> Result<Migrations<'static>> {
    Ok(Migrations::from_directory(&MIGRATIONS_DIR)?)
}

/// Creates `dir` (and parents) as 0700, whatever the umask; an existing
/// directory is left as it is.
pub fn secure_create_dir(dir: &Path) -> Result<()> {
    if dir.as_os_str().is_empty() || dir.is_dir() {
        return Ok(());
    }
    let io = |source| StoreError::Io {
        path: dir.to_path_buf(),
        source,
    };
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(io)?;
    fs::set_permissions(dir, fs::Permissions::from_mode(0o700)).map_err(io)
}

/// The (device, inode) of the file at `path`.
pub(super) fn file_id(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

/// Creates an empty file readable by its owner only, whatever the umask.
pub(crate) fn create_private_file(path: &Path) -> Result<()> {
    let io = |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    };
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map_err(io)?;
    fs::set_permissions(path, fs::Permissions::from_mode(0o600)).map_err(io)
}

impl Store {
    /// Opens the journal at `path`, creating it (0600, in a 0700 directory)
    /// when absent and migrating it when older.
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_keyed(path, &migrations()?, SCHEMA_VERSION, None)
    }

    /// Opens the encrypted journal at `path` with `passphrase` (creating an
    /// encrypted one when absent); a wrong passphrase changes nothing.
    #[cfg(feature = "encryption")]
    pub fn open_encrypted(path: &Path, passphrase: &str) -> Result<Store> {
        Store::open_keyed(path, &migrations()?, SCHEMA_VERSION, Some(passphrase))
    }

    /// `open` with a given set of migrations (`version` of them), so tests
    /// can play a future release against today's files.
    #[doc(hidden)]
    pub fn open_with_migrations(
        path: &Path,
        migrations: &Migrations<'static>,
        version: i64,
    ) -> Result<Store> {
        Store::open_keyed(path, migrations, version, None)
    }

    fn open_keyed(
        path: &Path,
        migrations: &Migrations<'static>,
        version: i64,
        key: Option<&str>,
    ) -> Result<Store> {
        Store::open_keyed_after(path, migrations, version, key, false)
    }

    /// `open_keyed`; `checked` when the file has just passed the full check
    /// (see `check`), which is then not run again.
    pub(super) fn open_keyed_after(
        path: &Path,
        migrations: &Migrations<'static>,
        version: i64,
        key: Option<&str>,
        checked: bool,
    ) -> Result<Store> {
        if let Some(parent) = path.parent() {
            secure_create_dir(parent)?;
        }
        // A journal someone else owns or may write is not ours to trust.
        if let Some(reason) = super::trust::distrust(path) {
            return Err(StoreError::Untrusted { reason });
        }
        let existing_version = match fs::metadata(path) {
            Ok(meta) if meta.len() > 0 => {
                Some(inspect(path, version, key, checked || seal::intact(path))?)
            }
            Ok(_) => None,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                create_private_file(path)?;
                None
            }
            Err(source) => {
                return Err(StoreError::Io {
                    path: path.to_path_buf(),
                    source,
                });
            }
        };
        if existing_version.is_some() && !can_write(path) {
            return open_read_only(path, existing_version.unwrap_or_default(), version, key);
        }
        let mut conn = Connection::open(path)?;
        apply_key(&conn, path, key)?;
        configure(&mut conn)?;
        let mut store = Store {
            conn,
            path: Some(path.to_path_buf()),
            read_only: false,
            key: key.map(str::to_string),
            draft_owner: super::drafts::new_owner(),
            deleted_here: Vec::new(),
            file_id: None,
            _seal: Some(SealOnClose {
                journal: path.to_path_buf(),
            }),
        };
        store.file_id = file_id(path);
        if let Some(found) = existing_version.filter(|v| *v > 0 && *v < version) {
            store.backup_to(&next_backup_path(path, found))?;
        }
        migrate(&mut store.conn, migrations)?;
        Ok(store)
    }

    /// Opens the journal at `path` for reading only, if there is one this
    /// build can read as it is: `None` when the file is absent, empty,
    /// encrypted, foreign, damaged, or of another schema version. Creates
    /// nothing, migrates nothing: for `rapport status`, which must stay quiet
    /// and quick.
    pub fn open_if_readable(path: &Path) -> Option<Store> {
        let mut header = [0u8; 16];
        let read = fs::File::open(path)
            .and_then(|mut f| f.read(&mut header))
            .ok()?;
        if read < header.len() || &header != SQLITE_MAGIC {
            return None;
        }
        // One connection checks and then reads: nothing is written, so the
        // pages need no check first (a damaged one fails the read, and the
        // caller says nothing).
        let conn = connect_read_only(path).ok()?;
        let (app_id, version): (i32, i64) = conn
            .query_row(
                "SELECT application_id, user_version FROM pragma_application_id, pragma_user_version",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .ok()?;
        if app_id != APPLICATION_ID || version != SCHEMA_VERSION {
            return None;
        }
        conn.busy_timeout(Duration::from_secs(1)).ok()?;
        Some(Store {
            conn,
            path: Some(path.to_path_buf()),
            read_only: true,
            key: None,
            draft_owner: super::drafts::new_owner(),
            deleted_here: Vec::new(),
            file_id: None,
            _seal: None,
        })
    }

    /// A second connection to the same journal, for reading only: the TUI
    /// runs its slow reads on it, off the thread that answers the keys.
    /// `None` for a journal in memory, which has no second connection.
    pub fn reader(&self) -> Result<Option<Store>> {
        match &self.path {
            Some(path) => {
                let mut reader =
                    open_read_only(path, SCHEMA_VERSION, SCHEMA_VERSION, self.key.as_deref())?;
                // The same TUI: its drafts are the reader's own too.
                reader.draft_owner = self.draft_owner.clone();
                Ok(Some(reader))
            }
            None => Ok(None),
        }
    }

    /// A second connection to the same journal that may write: the TUI runs
    /// its saves on it, off the thread that answers the keys. It is this
    /// store's twin (the same drafts, the same file), but leaves the seal to
    /// this store, which must outlive it. `None` for a journal in memory,
    /// and for one this store cannot write.
    pub fn writer(&self) -> Result<Option<Store>> {
        let Some(path) = self.path.as_deref().filter(|_| !self.read_only) else {
            return Ok(None);
        };
        let mut conn = Connection::open(path)?;
        apply_key(&conn, path, self.key.as_deref())?;
        configure(&mut conn)?;
        Ok(Some(Store {
            conn,
            path: Some(path.to_path_buf()),
            read_only: false,
            key: self.key.clone(),
            draft_owner: self.draft_owner.clone(),
            deleted_here: Vec::new(),
            file_id: self.file_id,
            _seal: None,
        }))
    }

    /// A fresh journal in memory, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Store> {
        let mut conn = Connection::open_in_memory()?;
        configure(&mut conn)?;
        let mut store = Store {
            conn,
            path: None,
            read_only: false,
            key: None,
            draft_owner: super::drafts::new_owner(),
            deleted_here: Vec::new(),
            file_id: None,
            _seal: None,
        };
        migrate(&mut store.conn, &migrations()?)?;
        Ok(store)
    }

    /// Copies the whole journal, consistently, into a new 0600 file at `dest`.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        if let Some(parent) = dest.parent() {
            secure_create_dir(parent)?;
        }
        create_private_file(dest)?;
        #[cfg(feature = "encryption")]
        if let Some(key) = &self.key {
            // SQLite's backup cannot read an encrypted journal: the copy is
            // exported, encrypted with the same passphrase.
            return match &self.path {
                Some(source) => super::cipher::export_copy(source, Some(key), dest, key),
                None => Ok(()),
            };
        }
        let mut target = Connection::open(dest)?;
        let backup = rusqlite::backup::Backup::new(&self.conn, &mut target)?;
        backup.run_to_completion(256, Duration::from_millis(0), None)?;
        Ok(())
    }
}

/// Applies the pending migrations with foreign keys off, as SQLite wants
/// for rebuilding a table that others refer to (with them on, a `DROP
/// TABLE` deletes through `ON DELETE CASCADE`). A migration that rebuilds
/// a table keeps its ids, so every reference still holds.
/// A migration that freed much of the file is followed by a `VACUUM`.
fn migrate(conn: &mut Connection, migrations: &Migrations<'static>) -> Result<()> {
    let version = |conn: &Connection| -> Result<i64> {
        Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
    };
    let before = version(conn)?;
    conn.execute_batch("PRAGMA foreign_keys = OFF;")?;
    let migrated = migrations.to_latest(conn);
    conn.execute_batch("PRAGMA foreign_keys = ON;")?;
    migrated?;
    if before > 0 && version(conn)? != before {
        super::compact::give_back_freed_space(conn)?;
    }
    Ok(())
}

/// A journal this process may read but not write: opened read-only, never
/// migrated (an older one is refused, untouched), every write refused.
pub(super) fn open_read_only(
    path: &Path,
    found: i64,
    version: i64,
    key: Option<&str>,
) -> Result<Store> {
    if found < version {
        return Err(StoreError::ReadOnlyTooOld {
            path: path.to_path_buf(),
            found,
        });
    }
    let conn = connect_read_only(path)?;
    apply_key(&conn, path, key)?;
    configure_reader(&conn)?;
    let mut store = Store::read_only_on(conn, path);
    store.key = key.map(str::to_string);
    Ok(store)
}

/// The pragmas of a connection that only reads.
pub(super) fn configure_reader(conn: &Connection) -> Result<()> {
    conn.busy_timeout(Duration::from_secs(5))?;
    conn.execute_batch(
        "PRAGMA foreign_keys = ON;
         PRAGMA temp_store = MEMORY;
         PRAGMA cache_size = -8192;",
    )?;
    Ok(())
}

impl Store {
    /// A store that reads through `conn`, a read-only connection to `path`.
    pub(super) fn read_only_on(conn: Connection, path: &Path) -> Store {
        Store {
            conn,
            path: Some(path.to_path_buf()),
            read_only: true,
            key: None,
            draft_owner: super::drafts::new_owner(),
            deleted_here: Vec::new(),
            file_id: None,
            // Nothing here changes the file: the seal, if any, stays as it was.
            _seal: None,
        }
    }
}

/// Whether this process may write the journal: the file itself, and the
/// folder (where SQLite keeps `-wal` and `-shm`) unless both already exist
/// writable. Root passes where permissions would stop others; a read-only
/// disk stops everyone.
pub(super) fn can_write(path: &Path) -> bool {
    let writable_file = |p: &Path| OpenOptions::new().write(true).open(p).is_ok();
    if !writable_file(path) {
        return false;
    }
    let dir = folder_of(path);
    rustix::fs::access(dir, rustix::fs::Access::WRITE_OK).is_ok()
        || ["-wal", "-shm"]
            .iter()
            .all(|suffix| writable_file(&sibling(path, suffix)))
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// `journal.db-wal` for `journal.db` and `-wal`.
pub(super) fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// A read-only connection. SQLite needs the `-shm` beside a WAL journal;
/// when it is absent and cannot be created (a read-only folder), the file is
/// opened as immutable: nothing is written or locked, and with no `-shm`
/// there is no unfinished `-wal` to miss.
pub(super) fn connect_read_only(path: &Path) -> rusqlite::Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let shm_reachable = sibling(path, "-shm").exists()
        || rustix::fs::access(folder_of(path), rustix::fs::Access::WRITE_OK).is_ok();
    if shm_reachable {
        Connection::open_with_flags(path, flags)
    } else {
        let uri = format!("file:{}?immutable=1", uri_path(path));
        Connection::open_with_flags(uri, flags | OpenFlags::SQLITE_OPEN_URI)
    }
}

/// `path` percent-encoded for a `file:` URI (absolute, so no authority).
fn uri_path(path: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = String::new();
    for &byte in absolute.as_os_str().as_bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// `journal.db.v1.bak`, or `journal.db.v1.2.bak` when that one exists.
fn next_backup_path(path: &Path, version: i64) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "journal.db".to_string());
    let mut candidate = path.with_file_name(format!("{name}.v{version}.bak"));
    let mut n = 2;
    while candidate.exists() {
        candidate = path.with_file_name(format!("{name}.v{version}.{n}.bak"));
        n += 1;
    }
    candidate
}

/// The pragmas of every connection. The page cache is 8 MiB (SQLite's
/// default is 2): enough for the pages a screen's queries share, so
/// switching screens reads from memory; the memory target (≤ 30 MB resident
/// at 100k entries) leaves room for it.
fn configure(conn: &mut Connection) -> Result<()> {
    conn.busy_timeout(Duration::from_secs(5))?;
    let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    conn.execute_batch(
        "PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;
         PRAGMA temp_store = MEMORY;
         PRAGMA secure_delete = ON;
         PRAGMA cache_size = -8192;",
    )?;
    conn.set_transaction_behavior(TransactionBehavior::Immediate);
    Ok(())
}

/// Gives the connection the passphrase of an encrypted journal, and checks
/// it opens the file. Without a passphrase, nothing to do.
pub(super) fn apply_key(conn: &Connection, path: &Path, key: Option<&str>) -> Result<()> {
    let Some(key) = key else {
        return Ok(());
    };
    #[cfg(feature = "encryption")]
    {
        super::cipher::unlock(conn, path, key)
    }
    #[cfg(not(feature = "encryption"))]
    {
        let _ = (conn, key);
        Err(StoreError::NoEncryption {
            path: path.to_path_buf(),
        })
    }
}

/// Checks an existing file without writing to it; returns its schema version.
/// The full `quick_check` runs unless the file is as rapport sealed it and
/// needs no migration (see `seal`).
fn inspect(path: &Path, supported: i64, key: Option<&str>, sealed: bool) -> Result<i64> {
    let _held = super::check::SharedLock::take(path);
    let (conn, version) = inspect_header(path, supported, key)?;
    if sealed && version == supported {
        return Ok(version);
    }
    super::check::full_check(&conn, path, key, None)?;
    Ok(version)
}

/// The checks that read a few pages: an SQLite file, ours, of a schema this
/// build knows, whose schema reads. Returns the read-only connection they
/// used (immutable when there is no `-wal`) and the schema version.
pub(super) fn inspect_header(
    path: &Path,
    supported: i64,
    key: Option<&str>,
) -> Result<(Connection, i64)> {
    let mut header = [0u8; 100];
    let read = fs::File::open(path)
        .and_then(|mut f| f.read(&mut header))
        .map_err(|source| StoreError::Io {
            path: path.to_path_buf(),
            source,
        })?;
    // An encrypted journal's header is random: only the passphrase tells.
    if key.is_none() && (read < 100 || &header[..16] != SQLITE_MAGIC) {
        return Err(StoreError::NotSqlite {
            path: path.to_path_buf(),
        });
    }
    let corrupt = |e: rusqlite::Error| StoreError::Corrupt {
        path: path.to_path_buf(),
        detail: e.to_string(),
    };
    // With no -wal beside it, nothing is unfinished: read the file as it
    // is (immutable), so a file that is then refused gets no -wal or -shm.
    let conn = connect_untouched(path, key).map_err(corrupt)?;
    apply_key(&conn, path, key)?;
    let app_id: i32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(corrupt)?;
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(corrupt)?;
    if app_id != APPLICATION_ID {
        let objects: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
            .map_err(corrupt)?;
        // An empty SQLite file (no tables, no id) is a blank page we may use.
        if app_id != 0 || objects > 0 || version != 0 {
            return Err(StoreError::Foreign {
                path: path.to_path_buf(),
                app_id,
            });
        }
    }
    if app_id == APPLICATION_ID && version == 0 {
        // rapport sets its id and version in one transaction: an id with
        // no version and tables is not a journal rapport wrote.
        return Err(StoreError::Foreign {
            path: path.to_path_buf(),
            app_id,
        });
    }
    if version > supported {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found: version,
            supported,
        });
    }
    // The schema must still read; the pages are checked apart (or were,
    // before the seal).
    conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
        r.get::<_, i64>(0)
    })
    .map_err(corrupt)?;
    Ok((conn, version))
}

/// A read-only connection that leaves the file as it is: with no -wal
/// beside it, nothing is unfinished, so the file is read as it is
/// (immutable) and a file that is then refused gets no -wal or -shm.
pub(super) fn connect_untouched(path: &Path, key: Option<&str>) -> rusqlite::Result<Connection> {
    if key.is_none() && !sibling(path, "-wal").exists() {
        let uri = format!("file:{}?immutable=1", uri_path(path));
        Connection::open_with_flags(
            uri,
            OpenFlags::SQLITE_OPEN_READ_ONLY
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
                | OpenFlags::SQLITE_OPEN_URI,
        )
    } else {
        connect_read_only(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        assert!(migrations().and_then(|m| Ok(m.validate()?)).is_ok());
    }

    #[test]
    fn uri_paths_escape_what_a_uri_would_read_as_syntax() {
        assert_eq!(
            uri_path(Path::new("/tmp/a b/j?#%.db")),
            "/tmp/a%20b/j%3F%23%25.db"
        );
    }

    #[test]
    fn schema_version_matches_the_migration_folders() {
        assert_eq!(MIGRATIONS_DIR.dirs().count() as i64, SCHEMA_VERSION);
    }
}
