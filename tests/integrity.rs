//! What the adversarial review of issue 17 found, each closed with a test:
//! import identity, stale forms after a replaced journal, drafts and saves,
//! paths that name the journal's own files, missing folders, terminal
//! escapes in messages, files owned by others, and encryption's plain copy.
//!
//! The real binary runs against temporary journals with a fixed today
//! (`RAPPORT_TODAY=2026-11-24`) and a private home, data and config folder.

use std::path::Path;

#[path = "integrity/drafts.rs"]
mod drafts;
#[path = "integrity/escapes.rs"]
mod escapes;
#[path = "integrity/import_identity.rs"]
mod import_identity;
#[path = "integrity/paths.rs"]
mod paths;
#[path = "integrity/smaller.rs"]
mod smaller;
#[path = "integrity/stale_after_restore.rs"]
mod stale_after_restore;

#[path = "integrity/trust.rs"]
mod trust;

#[path = "common/cli.rs"]
mod cli_harness;

use cli_harness::*;

impl World {
    /// A journal with a current manager, Dana.
    fn with_manager() -> World {
        let w = World::new();
        w.run(&["person", "add", "Dana", "--current"]).ok();
        w
    }
}

/// Whether `text` holds anything a terminal would act on: C0 and C1
/// controls other than a newline, DEL, and bidi overrides.
fn has_controls(text: &str) -> bool {
    text.chars().any(|c| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    })
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
}
