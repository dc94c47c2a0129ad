//! Widths in terminal columns, not characters: a CJK character or an emoji
//! takes two, so a title cut to fit keeps its `…` and columns line up.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The columns `text` takes on a terminal.
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// Shortens `text` to at most `columns` terminal columns, marking the cut
/// with `…` (one column).
pub fn truncated(text: &str, columns: usize) -> String {
    if width(text) <= columns {
        return text.to_string();
    }
    let room = columns.saturating_sub(1);
    let mut used = 0;
    let mut kept = String::new();
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        kept.push(c);
    }
    if columns > 0 {
        kept.push('…');
    }
    kept
}

/// Like [`truncated`], but a sentence cut to fit ends at a word, not inside
/// one: "send it today, so they…" rather than "send it today, so th…".
pub fn truncated_at_word(text: &str, columns: usize) -> String {
    let cut = truncated(text, columns);
    if cut == text {
        return cut;
    }
    let kept = cut.trim_end_matches('…');
    match kept.rfind(' ') {
        Some(space) if width(&kept[..space]) * 2 > columns => {
            format!("{}…", kept[..space].trim_end_matches([',', ';', ':', ' ']))
        }
        _ => cut,
    }
}

/// `text` cut to `columns` and padded with spaces to fill them: one cell of
/// a table, aligned whatever its characters.
pub fn padded(text: &str, columns: usize) -> String {
    let mut cell = truncated(text, columns);
    let filler = columns.saturating_sub(width(&cell));
    cell.extend(std::iter::repeat_n(' ', filler));
    cell
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_marks_the_cut() {
        assert_eq!(truncated("hello world", 6), "hello…");
        assert_eq!(truncated("short", 6), "short");
        assert_eq!(truncated("short", 0), "");
    }

    #[test]
    fn wide_characters_count_two_columns_and_keep_the_ellipsis() {
        // Six characters, twelve columns: cut to fit in eight.
        let cut = truncated("採用計画の件", 8);
        assert_eq!(cut, "採用計…");
        assert!(width(&cut) <= 8);
        // A wide character that would straddle the edge is left out.
        assert_eq!(truncated("採用計画", 6), "採用…");
        assert_eq!(width(&truncated("採用計画", 6)), 5);
    }

    #[test]
    fn a_sentence_cut_to_fit_ends_at_a_word() {
        assert_eq!(
            truncated_at_word("send it today, so they can read it", 20),
            "send it today, so…"
        );
        assert_eq!(truncated_at_word("short", 20), "short");
        // One long word: cut inside it rather than leave nothing.
        assert_eq!(truncated_at_word("supercalifragilistic", 8), "superca…");
    }

    #[test]
    fn padded_cells_line_up_in_columns() {
        assert_eq!(padded("Dana", 6), "Dana  ");
        assert_eq!(padded("岡田", 6), "岡田  ");
        assert_eq!(width(&padded("岡田花子さん", 6)), 6);
        assert_eq!(padded("Dana Okafor", 6), "Dana …");
    }
}
