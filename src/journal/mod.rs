//! The application layer: what the CLI and the TUI ask of the journal. It
//! reads through the store (persistence only) and runs the pure parts on
//! what it read: the coach's suggestions, Insights, the prep sheet, the
//! summary's facts and the self-review.
//!
//! Layers, each importing only from those below it: `cli`, `tui` →
//! `journal` → `coach`, `insights`, `prep` and `store` → `domain`.

pub mod advice;
pub mod coach;
pub mod insights;
pub mod prep;
pub mod promises;
pub mod review;
pub mod status;

pub use advice::report_oldest_advice;
pub use coach::{coach_facts, suggestions};
pub use insights::insights;
pub use prep::{PREP_RECENT_LIMIT, prep_facts, prep_sheet, summary_facts, summary_window};
pub use review::review;
pub use status::{next_one_on_one_for, status_facts};
