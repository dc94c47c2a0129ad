//! Text as stored versus text as shown: notes are stored exactly, and shown
//! with control characters made visible so they can never drive the terminal.

/// One line for display: control characters (including newlines, tabs and
/// escape) become visible symbols; everything else is kept.
pub fn shown_line(text: &str) -> String {
    text.chars().map(visible_char).collect()
}

/// Multi-line text for display: newlines are kept, tabs become spaces and
/// other control characters become visible symbols.
pub fn shown_block(text: &str) -> String {
    let mut shown = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => shown.push('\n'),
            '\t' => shown.push_str("    "),
            '\r' => {}
            other => shown.push(visible_char(other)),
        }
    }
    shown
}

/// A message for the terminal (stderr): line breaks are kept, every other
/// control character, C1 control and bidi override becomes a visible symbol,
/// so text quoted from the journal or a file cannot drive the terminal.
pub fn shown_message(text: &str) -> String {
    text.chars()
        .map(|c| if c == '\n' { c } else { visible_char(c) })
        .collect()
}

fn visible_char(c: char) -> char {
    match c {
        // The Unicode "control pictures" block maps C0 controls one to one.
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
        '\u{7f}' => '\u{2421}',
        '\u{80}'..='\u{9f}' => '\u{fffd}',
        // Bidi embeddings, overrides and isolates reorder what follows them
        // (U+202E makes `gnp.exe` read `exe.png`): shown, never obeyed.
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => '\u{fffd}',
        other => other,
    }
}

/// What separates the items of a list typed in one field (strengths, tags):
/// a comma or a semicolon, in every list field alike.
pub const LIST_SEPARATORS: [char; 2] = [',', ';'];

/// The hint every list field shows.
pub const LIST_HINT: &str = "separate with , or ;";

/// The items of a list typed in one field: split on [`LIST_SEPARATORS`],
/// trimmed, blanks dropped.
pub fn list_items(text: &str) -> Vec<String> {
    text.split(LIST_SEPARATORS)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Shortens `text` to at most `max` characters, marking the cut with `…`.
pub fn truncated(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let kept: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{kept}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_field_splits_on_commas_and_semicolons_alike() {
        assert_eq!(
            list_items("negotiating with finance, reading the exec room; ;hiring"),
            [
                "negotiating with finance",
                "reading the exec room",
                "hiring"
            ]
        );
    }

    #[test]
    fn escape_and_newline_are_made_visible_in_a_line() {
        assert_eq!(shown_line("a\u{1b}[2Jb\nc"), "a\u{241b}[2Jb\u{240a}c");
    }

    #[test]
    fn block_keeps_newlines_and_expands_tabs() {
        assert_eq!(shown_block("a\tb\r\nc\u{7}"), "a    b\nc\u{2407}");
    }

    #[test]
    fn a_message_keeps_its_line_breaks_and_shows_c1_and_bidi_overrides() {
        assert_eq!(
            shown_message("a\u{9b}2J\nb\u{202e}c\u{1b}]0;t\u{7}"),
            "a\u{fffd}2J\nb\u{fffd}c\u{241b}]0;t\u{2407}"
        );
    }

    #[test]
    fn wide_characters_and_emoji_are_kept() {
        assert_eq!(shown_line("会議 👩‍💻"), "会議 👩‍💻");
    }

    #[test]
    fn truncation_marks_the_cut() {
        assert_eq!(truncated("hello world", 6), "hello…");
        assert_eq!(truncated("short", 6), "short");
    }
}
