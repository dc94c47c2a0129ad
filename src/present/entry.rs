//! An entry's cells as both faces show them: the list row of `rapport
//! list`, the title, the quality dots, the tags, where an advice ask stands.

use super::{padded, truncated};
use crate::domain::text::shown_line;
use crate::domain::{AdviceLoop, Interaction, Quality};

/// `  42  2026-11-24  one_on_one  Dana  ●●●●○  Hiring plan`
pub fn entry_line(entry: &Interaction) -> String {
    format!(
        "{:>5}  {}  {}  {}  {}  {}",
        entry.id,
        entry.happened_on,
        padded(&entry.kind, 10),
        padded(&shown_line(&entry.person), 12),
        quality_cell(entry.quality),
        truncated(
            &format!("{}{}", private_mark(entry), shown_line(&entry.title)),
            60
        )
    )
}

/// `(private) ` before a work entry kept out of the summary; other entries
/// are never shared, so they need no mark.
pub fn private_mark(entry: &Interaction) -> &'static str {
    if entry.category == crate::domain::Category::Work && entry.private {
        "(private) "
    } else {
        ""
    }
}

/// The title as shown, `(no title)` when it has none.
pub fn title_text(entry: &Interaction) -> String {
    if entry.title.trim().is_empty() {
        "(no title)".to_string()
    } else {
        shown_line(&entry.title)
    }
}

/// `●●●●○`, or five spaces for an entry without a quality: a column that
/// keeps its width.
pub fn quality_cell(quality: Option<Quality>) -> String {
    quality.map_or_else(|| "     ".to_string(), Quality::dots)
}

/// `#hiring #q4`.
pub fn tags_text(tags: &[String]) -> String {
    tags.iter()
        .map(|t| format!("#{}", shown_line(t)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// `awaiting your report-back`, `applied, reported back 2026-11-24`.
pub fn advice_state(advice: &AdviceLoop) -> String {
    match (advice.reported_on, advice.applied) {
        (None, _) => "awaiting your report-back".to_string(),
        (Some(d), Some(true)) => format!("applied, reported back {d}"),
        (Some(d), Some(false)) => format!("not applied, reported back {d}"),
        (Some(d), None) => format!("reported back {d}"),
    }
}
