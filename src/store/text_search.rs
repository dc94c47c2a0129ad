//! What a search asks the text index. Every word typed is a prefix, and an
//! FTS5 prefix query (`"hiri"*`) merges the entries of every word it covers
//! into one list before it yields the first row, however few are shown: at
//! a million entries that is most of a live search's time. A single word
//! (`"hiring"`), or an OR of a few, is read newest first and stops after
//! the page. So a prefix that covers few words of the index is asked as the
//! OR of those words, found through the index's vocabulary; one that covers
//! many (a short, common prefix) is asked as a prefix, as before. Both ask
//! for the same entries in the same order.

use rusqlite::Connection;

use super::Result;

/// The most words a prefix is asked as, word by word; beyond it the prefix
/// query is asked.
const MAX_WORDS: usize = 32;

/// The words of the text index, one row per occurrence: a lookup of the
/// first word at or after a place reads one occurrence, not a count of all
/// (as a `row` vocabulary would). A temporary table on the connection: no
/// migration, and nothing written to the journal.
const VOCABULARY: &str = "CREATE VIRTUAL TABLE IF NOT EXISTS temp.interaction_fts_words
     USING fts5vocab(main, interaction_fts, instance)";

/// The next word of the index at or after `?1` and before `?2`.
const NEXT_WORD: &str = "SELECT term FROM temp.interaction_fts_words
     WHERE term >= ?1 AND term < ?2 LIMIT 1";

/// The FTS5 expression for the search `text`: each word a prefix, asked
/// as the words it covers when they are few; `None` when no word is left.
pub(super) fn match_expression(conn: &Connection, text: &str) -> Result<Option<String>> {
    let mut parts = Vec::new();
    for word in search_words(text) {
        let words = match folded_prefix(&word) {
            Some(prefix) => covered_words(conn, &prefix)?,
            None => None,
        };
        parts.push(match words {
            Some(words) if !words.is_empty() => {
                let quoted: Vec<String> = words.iter().map(|w| format!("\"{w}\"")).collect();
                format!("({})", quoted.join(" OR "))
            }
            _ => format!("\"{word}\"*"),
        });
    }
    // An explicit AND: FTS5 reads no implicit one after a parenthesis.
    Ok((!parts.is_empty()).then(|| parts.join(" AND ")))
}

/// The FTS5 expression that asks every word as a prefix.
#[cfg(test)]
fn prefix_expression(text: &str) -> Option<String> {
    let words: Vec<String> = search_words(text).map(|w| format!("\"{w}\"*")).collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// The words of `text`, without the quotes that would end FTS5's string,
/// and those with a letter or digit only.
fn search_words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split_whitespace()
        .map(|w| w.replace('"', ""))
        .filter(|w| w.chars().any(char::is_alphanumeric))
}

/// The one token the index's tokenizer (`unicode61 remove_diacritics 2`)
/// makes of `word`, as the index holds it, when that is certain: the word
/// is ASCII with one run of letters and digits (the others separate
/// tokens), folded to lower case. `None` otherwise (several tokens, or
/// letters whose folding is the tokenizer's to say): asked as a prefix.
fn folded_prefix(word: &str) -> Option<String> {
    if !word.is_ascii() {
        return None;
    }
    let mut runs = word
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|run| !run.is_empty());
    let run = runs.next()?;
    runs.next().is_none().then(|| run.to_ascii_lowercase())
}

/// The words of the index that begin with `prefix` (ASCII), when there are
/// at most [`MAX_WORDS`]; `None` when there are more.
fn covered_words(conn: &Connection, prefix: &str) -> Result<Option<Vec<String>>> {
    conn.execute(VOCABULARY, [])?;
    let mut end = prefix.to_string();
    if let Some(last) = end.pop() {
        // ASCII letters and digits: the next character is ASCII too.
        end.push(char::from(last as u8 + 1));
    }
    let mut next = conn.prepare_cached(NEXT_WORD)?;
    let mut words: Vec<String> = Vec::new();
    let mut from = prefix.to_string();
    loop {
        let word: Option<String> = next
            .query_row([&from, &end], |row| row.get(0))
            .map(Some)
            .or_else(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Ok(None),
                e => Err(e),
            })?;
        let Some(word) = word else {
            return Ok(Some(words));
        };
        if words.len() == MAX_WORDS {
            return Ok(None);
        }
        // The smallest text after `word`: a token holds no control character.
        from = format!("{word}\u{1}");
        words.push(word);
    }
}

#[cfg(test)]
mod tests {
    use rusqlite::Connection;

    use super::{match_expression, prefix_expression};

    #[test]
    fn search_words_become_quoted_prefixes() {
        assert_eq!(
            prefix_expression("hir  budget"),
            Some("\"hir\"* \"budget\"*".into())
        );
    }

    #[test]
    fn fts_syntax_in_a_search_is_neutralised() {
        assert_eq!(
            prefix_expression("\"a OR b\" NEAR("),
            Some("\"a\"* \"OR\"* \"b\"* \"NEAR(\"*".into())
        );
        assert_eq!(prefix_expression("*** ()"), None);
    }

    /// A text index tokenized as the journal's, over a few entries whose
    /// words share prefixes, carry diacritics and capitals, and tags.
    fn journal() -> Connection {
        let conn = Connection::open_in_memory().expect("open");
        conn.execute_batch(
            "CREATE VIRTUAL TABLE interaction_fts USING fts5 (
                 title, notes, tags, tokenize = 'unicode61 remove_diacritics 2');",
        )
        .expect("index");
        let entries = [
            ("Hiring sync", "talked about hiring plans", "hiring"),
            ("Hirings reviewed", "the HIRED list", ""),
            ("Café with Zoë", "Résumé review for the hire", "recruiting"),
            ("Hïring in Zürich", "naïve questions", "hiring-2026"),
            ("Budget", "hire more? hiragana course", "budget"),
            ("Weekly", "nothing about it", ""),
            ("résumés", "cafeteria budgets", "hr"),
            ("Hi", "hi hi", "hi"),
        ];
        for (rowid, (title, notes, tags)) in entries.iter().enumerate() {
            conn.execute(
                "INSERT INTO interaction_fts (rowid, title, notes, tags) VALUES (?1, ?2, ?3, ?4)",
                rusqlite::params![rowid as i64 * 7 + 3, title, notes, tags],
            )
            .expect("entry");
        }
        for word in 0..40 {
            conn.execute(
                "INSERT INTO interaction_fts (rowid, title, notes, tags) VALUES (?1, ?2, '', '')",
                rusqlite::params![1000 + word, format!("bulk{word:02} word")],
            )
            .expect("many words");
        }
        conn
    }

    fn found(conn: &Connection, expression: &str) -> Vec<i64> {
        let mut stmt = conn
            .prepare(
                "SELECT rowid FROM interaction_fts WHERE interaction_fts MATCH ?1
                 ORDER BY rowid DESC LIMIT 50",
            )
            .expect("query");
        stmt.query_map([expression], |row| row.get(0))
            .expect("rows")
            .collect::<Result<Vec<i64>, _>>()
            .expect("rowids")
    }

    #[test]
    fn a_search_finds_what_the_prefix_query_finds_in_the_same_order() {
        let conn = journal();
        for text in [
            "hir",
            "hiri",
            "HIRING",
            "hiring",
            "Hirings",
            "hire",
            "hira",
            "hi",
            "h",
            "caf",
            "CAFE",
            "café",
            "resum",
            "résumé",
            "zoe",
            "zur",
            "naive",
            "#hiring",
            "hiring-2026",
            "recr",
            "budget hir",
            "hir budget",
            "bulk",
            "bulk0",
            "bulk39",
            "word",
            "xyzzy",
            "hir xyzzy",
            "2026",
            "\"hir",
            "hir*",
            "(hir)",
        ] {
            let expected = prefix_expression(text).map(|e| found(&conn, &e));
            let expression = match_expression(&conn, text).expect("expression");
            let actual = expression.as_deref().map(|e| found(&conn, e));
            assert_eq!(actual, expected, "{text}: {expression:?}");
        }
    }

    #[test]
    fn a_prefix_of_few_words_is_asked_as_those_words() {
        let conn = journal();
        assert_eq!(
            match_expression(&conn, "Hiri").expect("expression"),
            Some("(\"hiring\" OR \"hirings\")".into())
        );
        assert_eq!(
            match_expression(&conn, "caf budget").expect("expression"),
            Some("(\"cafe\" OR \"cafeteria\") AND (\"budget\" OR \"budgets\")".into())
        );
    }

    #[test]
    fn a_prefix_of_many_words_or_of_none_stays_a_prefix() {
        let conn = journal();
        assert_eq!(
            match_expression(&conn, "bulk").expect("expression"),
            Some("\"bulk\"*".into())
        );
        assert_eq!(
            match_expression(&conn, "xyzzy").expect("expression"),
            Some("\"xyzzy\"*".into())
        );
        assert_eq!(
            match_expression(&conn, "café").expect("expression"),
            Some("\"café\"*".into())
        );
    }
}
