//! Text both faces print, so `rapport list` and the Journal screen, `rapport
//! next` and Next steps say things the same way: counts and plurals, days
//! ahead and behind, widths in terminal columns, entry cells and tags, what
//! accepting a suggestion does, sparklines.
//!
//! `cli` and `tui` use it; it uses `domain` and the pure parts' types only.
//! The words for counts and days live in `domain::text`, because the coach
//! and prep write them too; they are re-exported here for the faces.

mod action;
mod chart;
mod entry;
mod width;

pub use action::action_text;
pub use chart::{balance_text, cadence_status_text, sparkline};
pub use entry::{advice_state, entry_line, private_mark, quality_cell, tags_text, title_text};
pub use width::{padded, truncated, truncated_at_word, width};

pub use crate::domain::text::{count, days, days_ago, in_days};
