//! Word wrapping by display width, done lazily: only the lines needed for
//! the visible part of a long note are ever produced.

use std::borrow::Cow;

use unicode_width::UnicodeWidthChar;

use crate::domain::text::shown_block;

/// Up to `take` wrapped lines of `text` at `width` columns, after skipping
/// the first `skip`; also says whether more lines follow.
pub fn wrapped(text: &str, width: usize, skip: usize, take: usize) -> (Vec<String>, bool) {
    wrap_paragraphs(text.split('\n').map(Cow::Borrowed), width, skip, take)
}

/// Up to `take` lines of `text` wrapped by words at `width` columns after
/// `lead`, each line that continues it indented by the lead's width, so a
/// long message, name or list stays under itself instead of going back to
/// the pane's edge.
pub fn hanging(lead: &str, text: &str, width: usize, take: usize) -> Vec<String> {
    let indent = unicode_width::UnicodeWidthStr::width(lead);
    let room = width.saturating_sub(indent).max(1);
    let (lines, _) = wrapped(text, room, 0, take);
    lines
        .into_iter()
        .enumerate()
        .map(|(n, line)| {
            let line = line.trim_end();
            if n == 0 {
                format!("{lead}{line}")
            } else {
                format!("{:indent$}{line}", "")
            }
        })
        .collect()
}

/// `wrapped` over text as stored, made safe to show (`shown_block`) one
/// paragraph at a time: a 5 MB note costs only the paragraphs on screen.
pub fn wrapped_shown(text: &str, width: usize, skip: usize, take: usize) -> (Vec<String>, bool) {
    let shown = text.split('\n').map(|p| Cow::Owned(shown_block(p)));
    wrap_paragraphs(shown, width, skip, take)
}

/// How many lines `wrapped_shown` makes of `text` at `width` columns, none
/// of them kept.
pub fn wrapped_shown_count(text: &str, width: usize) -> usize {
    let mut wrapper = Wrapper {
        width: width.max(1),
        skip: usize::MAX,
        take: 0,
        produced: 0,
        out: Vec::new(),
        line: String::new(),
        line_width: 0,
    };
    for paragraph in text.split('\n').map(shown_block) {
        for word in split_keeping_spaces(&paragraph) {
            wrapper.push_word(word);
        }
        wrapper.emit();
    }
    wrapper.produced
}

fn wrap_paragraphs<'a>(
    paragraphs: impl Iterator<Item = Cow<'a, str>>,
    width: usize,
    skip: usize,
    take: usize,
) -> (Vec<String>, bool) {
    let mut wrapper = Wrapper {
        width: width.max(1),
        skip,
        take,
        produced: 0,
        out: Vec::with_capacity(take),
        line: String::new(),
        line_width: 0,
    };
    for paragraph in paragraphs {
        for word in split_keeping_spaces(&paragraph) {
            if !wrapper.push_word(word) {
                return (wrapper.out, true);
            }
        }
        if !wrapper.emit() {
            return (wrapper.out, true);
        }
    }
    (wrapper.out, false)
}

struct Wrapper {
    width: usize,
    skip: usize,
    take: usize,
    produced: usize,
    out: Vec<String>,
    line: String,
    line_width: usize,
}

impl Wrapper {
    /// Ends the current line; false once enough lines are out.
    fn emit(&mut self) -> bool {
        if self.produced >= self.skip {
            if self.out.len() == self.take {
                return false;
            }
            self.out.push(std::mem::take(&mut self.line));
        } else {
            self.line.clear();
        }
        self.line_width = 0;
        self.produced += 1;
        true
    }

    fn push_word(&mut self, word: &str) -> bool {
        let word_width: usize = word.chars().map(|c| c.width().unwrap_or(0)).sum();
        if self.line_width + word_width > self.width && self.line_width > 0 {
            if !self.emit() {
                return false;
            }
            if word.trim().is_empty() {
                return true;
            }
        }
        if word_width <= self.width {
            self.line.push_str(word);
            self.line_width += word_width;
            return true;
        }
        // A word longer than the line is cut by characters.
        for c in word.chars() {
            let w = c.width().unwrap_or(0);
            if self.line_width + w > self.width && self.line_width > 0 && !self.emit() {
                return false;
            }
            self.line.push(c);
            self.line_width += w;
        }
        true
    }
}

/// Words with the spaces that follow them.
fn split_keeping_spaces(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut seen_space = false;
        let end = rest
            .char_indices()
            .find(|&(_, c)| {
                if c == ' ' {
                    seen_space = true;
                    false
                } else {
                    seen_space
                }
            })
            .map_or(rest.len(), |(i, _)| i);
        let (word, tail) = rest.split_at(end);
        rest = tail;
        Some(word)
    })
}

#[cfg(test)]
mod tests {
    use super::{hanging, wrapped, wrapped_shown};

    #[test]
    fn a_wrapped_line_continues_under_its_text_not_at_the_edge() {
        let lines = hanging("    strengths: ", "negotiating with finance; hiring", 30, 8);
        assert_eq!(
            lines,
            [
                "    strengths: negotiating",
                "               with finance;",
                "               hiring"
            ]
        );
    }

    #[test]
    fn shown_wrapping_makes_controls_visible_and_reads_only_what_is_shown() {
        let (lines, more) = wrapped_shown("a\u{1b}[2Jb\tc\nsecond\nthird", 20, 0, 2);
        assert_eq!(lines, ["a␛[2Jb    c", "second"]);
        assert!(more);
    }

    #[test]
    fn words_wrap_at_the_width() {
        let (lines, more) = wrapped("the quick brown fox jumps", 10, 0, 10);
        assert_eq!(lines, vec!["the quick ", "brown fox ", "jumps"]);
        assert!(!more);
    }

    #[test]
    fn only_the_asked_window_is_produced() {
        let text = "a\n".repeat(100_000);
        let (lines, more) = wrapped(&text, 10, 5, 3);
        assert_eq!(lines.len(), 3);
        assert!(more);
    }

    #[test]
    fn wide_characters_count_double() {
        let (lines, _) = wrapped("会議会議会議", 4, 0, 10);
        assert_eq!(lines, vec!["会議", "会議", "会議"]);
    }

    #[test]
    fn a_long_word_is_cut() {
        let (lines, _) = wrapped("abcdefghij", 4, 0, 10);
        assert_eq!(lines, vec!["abcd", "efgh", "ij"]);
    }
}
