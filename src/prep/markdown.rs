//! User text made safe to place in a markdown line, and how long a summary
//! takes to read.
//!
//! Escaping is kept to what would break the summary's structure, so the
//! markdown still reads as plain text in an email: a title starting with `#`
//! would become a heading, `- ` or `1. ` a nested list, `>` a quote, a
//! backtick or `~~~` a code span or fence that swallows what follows, `[`/`]`
//! a link, `<` raw HTML (an `<!--` hides the rest), `|` a table cell, and a
//! newline would end the list item.

use serde::Serialize;

/// How fast a manager skims: words per minute.
pub const WORDS_PER_MINUTE: usize = 200;

/// `text` as one line of markdown that reads as the user wrote it: line
/// breaks and runs of spaces become one space, other control characters are
/// made visible, and markdown-significant characters are escaped where they
/// would change the structure.
pub fn inline(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let flat = crate::domain::text::shown_line(&flat);
    let mut out = String::with_capacity(flat.len() + 8);
    for c in flat.chars() {
        if matches!(c, '\\' | '`' | '[' | ']' | '|' | '<') {
            out.push('\\');
        }
        out.push(c);
    }
    escape_line_start(&out)
}

/// Escapes what would make a line (or a list item's first line) a block of
/// its own: a heading, a quote, a list, a thematic break or a fence.
fn escape_line_start(line: &str) -> String {
    let Some(first) = line.chars().next() else {
        return String::new();
    };
    let rest = &line[first.len_utf8()..];
    let then_blank = |s: &str| s.is_empty() || s.starts_with(' ');
    let hashes = line.chars().take_while(|c| *c == '#').count();
    let thematic_break = line.chars().all(|c| c == first || c == ' ')
        && matches!(first, '-' | '*' | '_')
        && line.chars().filter(|c| *c == first).count() >= 3;
    let escape_first = match first {
        '#' => hashes <= 6 && then_blank(&line[hashes..]),
        '>' => true,
        '-' | '+' | '*' => then_blank(rest) || thematic_break,
        '_' => thematic_break,
        '~' => rest.starts_with("~~"),
        '=' => rest.chars().all(|c| c == '=' || c == ' '),
        _ => false,
    };
    if escape_first {
        return format!("\\{line}");
    }
    // `1. ` or `1) ` starts an ordered list: escape the dot or the bracket.
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if (1..=9).contains(&digits) {
        let after = &line[digits..];
        if let Some(marker) = after.chars().next().filter(|c| matches!(c, '.' | ')'))
            && then_blank(&after[1..])
        {
            return format!("{}\\{marker}{}", &line[..digits], &after[1..]);
        }
    }
    line.to_string()
}

/// The words in some markdown: runs of text holding a letter or a digit;
/// list markers (`-`, `1.`) and headings' `#` do not count.
pub fn word_count(markdown: &str) -> usize {
    let list_number = |w: &str| {
        w.strip_suffix(['.', ')'])
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    };
    markdown
        .lines()
        .map(|line| {
            line.split_whitespace()
                .enumerate()
                .filter(|(i, w)| {
                    w.chars().any(char::is_alphanumeric) && !(*i == 0 && list_number(w))
                })
                .count()
        })
        .sum()
}

/// How long a text takes to read at [`WORDS_PER_MINUTE`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ReadingTime {
    pub words: usize,
    /// Whole minutes, rounded up: any text takes at least one.
    pub minutes: usize,
}

impl ReadingTime {
    pub fn of(markdown: &str) -> ReadingTime {
        let words = word_count(markdown);
        ReadingTime {
            words,
            minutes: words.div_ceil(WORDS_PER_MINUTE),
        }
    }

    /// `212 words, about 2 minutes to read`.
    pub fn describe(&self) -> String {
        let words = crate::domain::text::count(self.words, "word", "words");
        match self.minutes {
            0 => words,
            1 => format!("{words}, about a minute to read"),
            m => format!("{words}, about {m} minutes to read"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_left_as_typed() {
        let text = "Shipped the 2.0 release — 30% faster, see *notes* & more!";
        assert_eq!(inline(text), text);
        assert_eq!(
            inline("#hiring is a tag, not a heading"),
            "#hiring is a tag, not a heading"
        );
        assert_eq!(inline("-5% churn"), "-5% churn");
        assert_eq!(inline("Q3 planning, v2.0"), "Q3 planning, v2.0");
    }

    #[test]
    fn line_starts_that_open_a_block_are_escaped() {
        assert_eq!(inline("# Big news"), "\\# Big news");
        assert_eq!(inline("###### six"), "\\###### six");
        assert_eq!(inline("####### seven is text"), "####### seven is text");
        assert_eq!(inline("> quoted"), "\\> quoted");
        assert_eq!(inline("- a dash"), "\\- a dash");
        assert_eq!(inline("+ plus"), "\\+ plus");
        assert_eq!(inline("* star"), "\\* star");
        assert_eq!(inline("1. first"), "1\\. first");
        assert_eq!(inline("12) twelfth"), "12\\) twelfth");
        assert_eq!(inline("2026. A year"), "2026\\. A year");
        assert_eq!(inline("---"), "\\---");
        assert_eq!(inline("_ _ _"), "\\_ _ _");
        assert_eq!(inline("~~~rust"), "\\~~~rust");
        assert_eq!(inline("==="), "\\===");
        assert_eq!(inline("  # indented"), "\\# indented");
    }

    #[test]
    fn characters_that_open_spans_links_html_or_cells_are_escaped_anywhere() {
        assert_eq!(inline("run `make` now"), "run \\`make\\` now");
        assert_eq!(inline("see [the doc](x)"), "see \\[the doc\\](x)");
        assert_eq!(inline("a | b"), "a \\| b");
        assert_eq!(inline("<!-- hidden"), "\\<!-- hidden");
        assert_eq!(inline("C:\\temp"), "C:\\\\temp");
    }

    #[test]
    fn line_breaks_inside_an_item_become_spaces_and_controls_are_visible() {
        assert_eq!(inline("one\ntwo\r\n\n- three"), "one two - three");
        assert_eq!(inline("\n# after a newline"), "\\# after a newline");
        assert_eq!(
            inline("bell\u{7} esc\u{1b}[2J"),
            "bell\u{2407} esc\u{241b}\\[2J"
        );
        assert_eq!(inline("  \n "), "");
        assert_eq!(inline("会議 👩‍💻"), "会議 👩‍💻");
    }

    #[test]
    fn words_are_counted_without_markup_and_read_at_two_hundred_a_minute() {
        assert_eq!(
            word_count("## Highlights\n\n- Coffee walk (Wed)\n1. Hiring"),
            5
        );
        assert_eq!(word_count("In 2026. we grew 3x"), 5);
        assert_eq!(ReadingTime::of("").describe(), "0 words");
        assert_eq!(
            ReadingTime::of("hello").describe(),
            "1 word, about a minute to read"
        );
        let long = "word ".repeat(201);
        assert_eq!(ReadingTime::of(&long).minutes, 2);
        assert_eq!(
            ReadingTime::of(&"w ".repeat(400)).describe(),
            "400 words, about 2 minutes to read"
        );
    }
}
