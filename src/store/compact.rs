//! Giving back the space a migration freed: a migration that drops a large
//! table (0014 dropped the text index's copy of every text) leaves its pages
//! free inside the file, which SQLite reuses but never returns to the disk.

use rusqlite::Connection;

use super::Result;

/// Rewrites the journal without its free pages (`VACUUM`) when at least a
/// quarter of it is free. Run after migrations only, outside their
/// transaction (VACUUM cannot run inside one); its scratch copy goes to a
/// temporary file, not memory, so a large journal does not need its size
/// in memory.
pub(super) fn give_back_freed_space(conn: &Connection) -> Result<()> {
    let pages: i64 = conn.query_row("PRAGMA page_count", [], |r| r.get(0))?;
    let free: i64 = conn.query_row("PRAGMA freelist_count", [], |r| r.get(0))?;
    if free == 0 || free * 4 < pages {
        return Ok(());
    }
    let store: i64 = conn.query_row("PRAGMA temp_store", [], |r| r.get(0))?;
    conn.execute_batch("PRAGMA temp_store = FILE; VACUUM;")?;
    conn.execute_batch(&format!("PRAGMA temp_store = {store}"))?;
    Ok(())
}
