//! Text as stored versus text as shown: notes are stored exactly, and shown
//! with control characters made visible so they can never drive the terminal.
//! And the words for counts and days (`1 day`, `in 2 days`), which the coach
//! and prep write as well as both faces (`present` re-exports them).

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

/// A count and its noun: `1 day`, `2 days`, `0 entries`. The one place
/// rapport decides singular or plural, for every face and every part.
pub fn count<N>(n: N, one: &str, many: &str) -> String
where
    N: std::fmt::Display + PartialEq + From<u8>,
{
    if n == N::from(1) {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// `1 day`, `2 days`.
pub fn days<N>(n: N) -> String
where
    N: std::fmt::Display + PartialEq + From<u8>,
{
    count(n, "day", "days")
}

/// A day `n` days ahead: `today`, `tomorrow`, `in 2 days` (a day past reads
/// as [`days_ago`]); never `in 0 days` or `in 1 days`.
pub fn in_days(n: i64) -> String {
    match n {
        0 => "today".to_string(),
        1 => "tomorrow".to_string(),
        n if n < 0 => days_ago(-n),
        n => format!("in {}", days(n)),
    }
}

/// A day `n` days back: `today`, `yesterday`, `2 days ago` (a day ahead
/// reads as [`in_days`]).
pub fn days_ago(n: i64) -> String {
    match n {
        0 => "today".to_string(),
        1 => "yesterday".to_string(),
        n if n < 0 => in_days(-n),
        n => format!("{} ago", days(n)),
    }
}

/// The shortest word a live search looks up while it is typed: a one- or
/// two-letter prefix matches most of a journal, and the text index answers
/// it in time that grows with the journal (a quarter second at 1M entries),
/// so such a word waits for its next letter, or for Enter.
pub const LIVE_SEARCH_MIN_LETTERS: usize = 3;

/// What a live search looks up while `query` is being typed: its words of
/// at least [`LIVE_SEARCH_MIN_LETTERS`] letters; `None` when there is none
/// yet (the search waits).
pub fn live_search(query: &str) -> Option<String> {
    let words: Vec<&str> = query
        .split_whitespace()
        .filter(|w| w.chars().filter(|c| c.is_alphanumeric()).count() >= LIVE_SEARCH_MIN_LETTERS)
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// Whether a live search of `query` leaves out a short word (so Enter
/// would search for more than what is shown).
pub fn live_search_waits(query: &str) -> bool {
    live_search(query).as_deref()
        != Some(
            query
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .as_str(),
        )
        && !query.trim().is_empty()
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
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(count(0, "entry", "entries"), "0 entries");
        assert_eq!(count(1, "entry", "entries"), "1 entry");
        assert_eq!(days(2), "2 days");
    }

    #[test]
    fn days_ahead_and_behind_read_as_words_near_today() {
        let ahead: Vec<String> = (-2..=3).map(in_days).collect();
        assert_eq!(
            ahead,
            [
                "2 days ago",
                "yesterday",
                "today",
                "tomorrow",
                "in 2 days",
                "in 3 days"
            ]
        );
        let behind: Vec<String> = (-2..=2).map(days_ago).collect();
        assert_eq!(
            behind,
            ["in 2 days", "tomorrow", "today", "yesterday", "2 days ago"]
        );
    }

    #[test]
    fn a_live_search_looks_up_words_of_three_letters_or_more() {
        use super::{live_search, live_search_waits};
        assert_eq!(live_search("h"), None);
        assert_eq!(live_search("hi "), None);
        assert_eq!(live_search("hir"), Some("hir".into()));
        assert_eq!(live_search("go to hiring"), Some("hiring".into()));
        assert!(live_search_waits("go to hiring"));
        assert!(!live_search_waits(" hiring  budget"));
        assert!(!live_search_waits("  "));
    }
}
