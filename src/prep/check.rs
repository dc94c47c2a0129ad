//! The check before a summary leaves: the lines that talk *about* the
//! manager in the third person (their name, or he/she/him/her/his/hers, or
//! "they" beside their name) and the lines that repeat text from a private
//! entry. The user reads them in the preview before copying, writing or
//! sending; `rapport summary --check` prints them.

use serde::Serialize;

/// Private text shorter than this (in characters, spaces closed up) is too
/// common to call a repeat ("1:1", "coffee").
pub const REPEAT_MIN_CHARS: usize = 12;

/// Why a line is flagged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "why")]
pub enum Concern {
    /// Names them, or says she/he/her/him, as if writing to someone else.
    ThirdPerson { word: String },
    /// Repeats text from a private entry (a note, a private work entry,
    /// time with them).
    Private { entry_id: i64 },
}

/// One flagged line of the draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Flag {
    /// 1-based.
    pub line: usize,
    pub text: String,
    #[serde(flatten)]
    pub concern: Concern,
}

impl Flag {
    /// `line 7 talks about Dana in the third person ("she")`.
    pub fn describe(&self, manager: &str) -> String {
        match &self.concern {
            Concern::ThirdPerson { word } => format!(
                "line {} talks about {manager} in the third person (\"{word}\")",
                self.line
            ),
            Concern::Private { entry_id } => {
                format!("line {} repeats private text (entry {entry_id})", self.line)
            }
        }
    }
}

/// Text of a private entry, to catch it repeated in a draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrivateText {
    pub entry_id: i64,
    pub text: String,
}

/// The words by which the draft would name them: each word of their name
/// and the name they are called by.
fn name_words(name: &str, call: &str) -> Vec<String> {
    let mut words: Vec<String> = name
        .split_whitespace()
        .chain(call.split_whitespace())
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| w.chars().count() >= 2)
        .collect();
    words.sort();
    words.dedup();
    words
}

const PRONOUNS: [&str; 6] = ["she", "he", "her", "him", "his", "hers"];
const GREETINGS: [&str; 8] = [
    "hi", "hello", "hey", "dear", "morning", "thanks", "thank", "cheers",
];

/// Lowercased words of `line`, letters and digits only, with apostrophes
/// kept inside words ("she's" → "she's").
fn words(line: &str) -> Vec<String> {
    line.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .map(|w| w.trim_matches(|c| c == '\'' || c == '’').to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

/// The word that makes `line` talk about them in the third person, if any.
/// Their name at the start of a greeting ("Hi Dana,") or alone before a
/// comma addresses them, and is fine.
fn third_person(line: &str, names: &[String]) -> Option<String> {
    let words = words(line);
    for w in &words {
        let base = w.split(['\'', '’']).next().unwrap_or(w);
        if PRONOUNS.contains(&base) {
            return Some(w.clone());
        }
    }
    let opening = line
        .trim_start_matches(['-', '*', '#', '>', ' '])
        .to_lowercase();
    let addressed = |at: usize, w: &str| {
        // "Hi Dana", or "Dana," opening the line.
        (at == 0 && opening.starts_with(&format!("{w},")))
            || (at == 1 && GREETINGS.contains(&words[0].as_str()))
    };
    for (at, w) in words.iter().enumerate() {
        let base = w.split(['\'', '’']).next().unwrap_or(w);
        if names.iter().any(|n| n == base) && !addressed(at, w) {
            return Some(w.clone());
        }
    }
    None
}

/// `text` lowercased with runs of whitespace closed up.
fn flat(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Markdown's escapes and list marks taken off, so a repeat is found in a
/// line the generator or the user formatted.
fn plain(line: &str) -> String {
    let line = line.trim_start_matches(['-', '*', '#', ' ']);
    flat(&line.replace('\\', ""))
}

/// The private entry whose text `line` repeats, if any.
fn repeats(line: &str, private: &[PrivateText]) -> Option<i64> {
    let line = plain(line);
    if line.chars().count() < REPEAT_MIN_CHARS {
        return None;
    }
    private.iter().find_map(|p| {
        p.text
            .lines()
            .map(flat)
            .filter(|piece| piece.chars().count() >= REPEAT_MIN_CHARS)
            .any(|piece| line.contains(&piece) || piece.contains(&line))
            .then_some(p.entry_id)
    })
}

/// The lines of `draft` to read before it leaves, in order.
pub fn check(draft: &str, name: &str, call: &str, private: &[PrivateText]) -> Vec<Flag> {
    let names = name_words(name, call);
    let mut flags = Vec::new();
    let mut in_comment = false;
    for (i, line) in draft.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.starts_with("<!--") {
            in_comment = !trimmed.contains("-->");
            continue;
        }
        if in_comment {
            in_comment = !trimmed.contains("-->");
            continue;
        }
        if trimmed.is_empty() {
            continue;
        }
        let concern = if let Some(entry_id) = repeats(trimmed, private) {
            Concern::Private { entry_id }
        } else if let Some(word) = third_person(trimmed, &names) {
            Concern::ThirdPerson { word }
        } else {
            continue;
        };
        flags.push(Flag {
            line: i + 1,
            text: trimmed.to_string(),
            concern,
        });
    }
    flags
}

#[cfg(test)]
mod tests {
    use super::*;

    fn private(id: i64, text: &str) -> PrivateText {
        PrivateText {
            entry_id: id,
            text: text.to_string(),
        }
    }

    #[test]
    fn a_greeting_by_name_is_fine_and_talk_about_them_is_flagged() {
        let draft = "Hi Dana, here is my week.\n\n- Shipped the export\n- Dana heard it from sales first\n- She wants the plan by Friday\n- Okafor's team is waiting\n";
        let flags = check(draft, "Dana Okafor", "", &[]);
        let lines: Vec<(usize, String)> = flags
            .iter()
            .map(|f| match &f.concern {
                Concern::ThirdPerson { word } => (f.line, word.clone()),
                Concern::Private { .. } => (f.line, "private".into()),
            })
            .collect();
        assert_eq!(
            lines,
            vec![
                (4, "dana".to_string()),
                (5, "she".to_string()),
                (6, "okafor's".to_string())
            ]
        );
        assert_eq!(
            flags[1].describe("Dana"),
            "line 5 talks about Dana in the third person (\"she\")"
        );
    }

    #[test]
    fn a_line_repeating_a_private_entry_is_flagged() {
        let notes = "I still don't know if she thinks I'm ready for staff\nsecond line";
        let draft =
            "Hi Dee,\n\n- I still don't know if she thinks I'm ready for staff\n- Shipped\n- 1:1\n";
        let flags = check(
            draft,
            "Dana Okafor",
            "Dee",
            &[private(7, notes), private(8, "1:1")],
        );
        assert_eq!(flags.len(), 1, "{flags:#?}");
        assert_eq!(flags[0].line, 3);
        assert_eq!(flags[0].concern, Concern::Private { entry_id: 7 });
    }

    #[test]
    fn words_that_only_contain_a_pronoun_are_not_flagged() {
        let draft = "- The shed and the theme are here\n- Ships the heavy thing\n";
        assert!(check(draft, "Dana", "", &[]).is_empty());
    }
}
