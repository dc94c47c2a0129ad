//! Reading import files field by field, so the first error names where it is
//! (`interactions[3].quality`, `line 5, column `happened_on``) and what to do.

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

use super::instant_text;
use crate::domain::day::{parse_day, parse_time};

/// What is wrong with an import file, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}: {}", clipped(at), clipped(message))]
pub struct ImportError {
    /// `interactions[3].quality`, `line 5, column `kind``, `entries[2].date`.
    pub at: String,
    pub message: String,
}

/// Text quoted from a file, cut to a line's worth: a 200 KB header is
/// named, not echoed back.
fn clipped(text: &str) -> String {
    const MAX: usize = 160;
    let count = text.chars().count();
    if count <= MAX {
        return text.to_string();
    }
    let kept: String = text.chars().take(MAX).collect();
    format!("{kept}… ({} more characters)", count - MAX)
}

impl ImportError {
    pub fn new(at: impl Into<String>, message: impl Into<String>) -> ImportError {
        ImportError {
            at: at.into(),
            message: message.into(),
        }
    }
}

/// The text without a leading UTF-8 byte order mark, which editors on Windows
/// add and which is no part of the content.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Parses JSON, turning a syntax error into one that names the line and column.
pub fn parse_json_value(text: &str) -> Result<Value, ImportError> {
    serde_json::from_str(strip_bom(text)).map_err(json_syntax_error)
}

/// A JSON syntax error, naming the line and column.
pub(super) fn json_syntax_error(e: serde_json::Error) -> ImportError {
    let at = format!("line {}, column {}", e.line(), e.column());
    let full = e.to_string();
    // serde_json appends " at line L column C"; the place is already in `at`.
    let what = full
        .rsplit_once(" at line ")
        .map(|(what, _)| what.to_string())
        .unwrap_or(full);
    let message = if e.is_eof() {
        format!("{what}: the JSON ends too soon (is the file truncated?)")
    } else {
        format!("{what}: this is not valid JSON")
    };
    ImportError::new(at, message)
}

/// How a JSON value is described in an error.
pub fn described(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// A `YYYY-MM-DD` day that exists in the calendar, as text.
pub fn checked_day(text: &str) -> Result<String, String> {
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shaped {
        return Err(format!("`{text}` is not a date: use YYYY-MM-DD"));
    }
    // Any `today` will do: an ISO date does not depend on it.
    parse_day(text, chrono::NaiveDate::MIN)
        .map(|d| d.format("%Y-%m-%d").to_string())
        .map_err(|e| e.to_string())
}

/// An RFC 3339 instant, as the journal stores it (UTC, milliseconds).
pub fn checked_instant(text: &str) -> Result<String, String> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| instant_text(t.with_timezone(&Utc)))
        .map_err(|_| {
            format!("`{text}` is not an instant: use RFC 3339, e.g. 2026-11-24T09:30:00.000Z")
        })
}

/// A 24-hour `HH:MM`, as the journal stores it.
pub fn checked_time(text: &str) -> Result<String, String> {
    parse_time(text)
        .map(|t| t.format("%H:%M").to_string())
        .map_err(|e| e.to_string())
}

/// The fields of one JSON object, read one by one; `finish` refuses any
/// field that was not read, so a typo is an error rather than lost data.
pub struct Fields<'a> {
    at: String,
    map: &'a Map<String, Value>,
    seen: Vec<&'static str>,
}

impl<'a> Fields<'a> {
    /// `at` names the object (`interactions[3]`); empty for the document itself.
    pub fn of(at: impl Into<String>, value: &'a Value) -> Result<Fields<'a>, ImportError> {
        let at = at.into();
        match value {
            Value::Object(map) => Ok(Fields {
                at,
                map,
                seen: Vec::new(),
            }),
            other => {
                let place = if at.is_empty() { "the document" } else { &at };
                Err(ImportError::new(
                    place,
                    format!("expected an object, found {}", described(other)),
                ))
            }
        }
    }

    pub fn has(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }

    /// Where `key` is, for an error: `interactions[3].quality`.
    pub fn path(&self, key: &str) -> String {
        if self.at.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.at)
        }
    }

    pub fn fail(&self, key: &str, message: impl Into<String>) -> ImportError {
        ImportError::new(self.path(key), message)
    }

    /// The value, `None` when missing or null.
    fn value(&mut self, key: &'static str) -> Option<&'a Value> {
        self.seen.push(key);
        self.map.get(key).filter(|v| !v.is_null())
    }

    fn required(&mut self, key: &'static str) -> Result<&'a Value, ImportError> {
        self.value(key)
            .ok_or_else(|| self.fail(key, "is missing, and it is required"))
    }

    fn as_int(&self, key: &str, value: &Value) -> Result<i64, ImportError> {
        value.as_i64().ok_or_else(|| {
            self.fail(
                key,
                format!("expected a whole number, found {}", described(value)),
            )
        })
    }

    fn as_text(&self, key: &str, value: &'a Value) -> Result<&'a str, ImportError> {
        value.as_str().ok_or_else(|| {
            self.fail(
                key,
                format!("expected a string, found {}", described(value)),
            )
        })
    }

    pub fn int(&mut self, key: &'static str) -> Result<i64, ImportError> {
        let value = self.required(key)?;
        self.as_int(key, value)
    }

    pub fn opt_int(&mut self, key: &'static str) -> Result<Option<i64>, ImportError> {
        self.value(key).map(|v| self.as_int(key, v)).transpose()
    }

    /// A whole number that must fall in `low..=high`.
    pub fn int_in(&mut self, key: &'static str, low: i64, high: i64) -> Result<i64, ImportError> {
        let n = self.int(key)?;
        self.in_range(key, n, low, high)
    }

    pub fn opt_int_in(
        &mut self,
        key: &'static str,
        low: i64,
        high: i64,
    ) -> Result<Option<i64>, ImportError> {
        self.opt_int(key)?
            .map(|n| self.in_range(key, n, low, high))
            .transpose()
    }

    fn in_range(&self, key: &str, n: i64, low: i64, high: i64) -> Result<i64, ImportError> {
        if (low..=high).contains(&n) {
            Ok(n)
        } else {
            Err(self.fail(key, format!("must be {low} to {high}, not {n}")))
        }
    }

    pub fn text(&mut self, key: &'static str) -> Result<String, ImportError> {
        let value = self.required(key)?;
        self.as_text(key, value).map(str::to_string)
    }

    /// Text that must hold more than spaces; kept exactly as given.
    pub fn filled_text(&mut self, key: &'static str) -> Result<String, ImportError> {
        let text = self.text(key)?;
        if text.trim().is_empty() {
            return Err(self.fail(key, "cannot be empty"));
        }
        Ok(text)
    }

    pub fn opt_text(&mut self, key: &'static str) -> Result<Option<String>, ImportError> {
        self.value(key)
            .map(|v| self.as_text(key, v).map(str::to_string))
            .transpose()
    }

    pub fn flag(&mut self, key: &'static str) -> Result<bool, ImportError> {
        let value = self.required(key)?;
        value.as_bool().ok_or_else(|| {
            self.fail(
                key,
                format!("expected true or false, found {}", described(value)),
            )
        })
    }

    pub fn opt_flag(&mut self, key: &'static str) -> Result<Option<bool>, ImportError> {
        match self.value(key) {
            None => Ok(None),
            Some(v) => v.as_bool().map(Some).ok_or_else(|| {
                self.fail(
                    key,
                    format!("expected true or false, found {}", described(v)),
                )
            }),
        }
    }

    fn checked(
        &mut self,
        key: &'static str,
        check: fn(&str) -> Result<String, String>,
    ) -> Result<Option<String>, ImportError> {
        let Some(value) = self.value(key) else {
            return Ok(None);
        };
        let text = self.as_text(key, value)?;
        check(text).map(Some).map_err(|m| self.fail(key, m))
    }

    fn required_checked(
        &mut self,
        key: &'static str,
        check: fn(&str) -> Result<String, String>,
    ) -> Result<String, ImportError> {
        self.required(key)?;
        self.checked(key, check)?
            .ok_or_else(|| self.fail(key, "is missing, and it is required"))
    }

    pub fn day(&mut self, key: &'static str) -> Result<String, ImportError> {
        self.required_checked(key, checked_day)
    }

    pub fn opt_day(&mut self, key: &'static str) -> Result<Option<String>, ImportError> {
        self.checked(key, checked_day)
    }

    pub fn instant(&mut self, key: &'static str) -> Result<String, ImportError> {
        self.required_checked(key, checked_instant)
    }

    pub fn opt_instant(&mut self, key: &'static str) -> Result<Option<String>, ImportError> {
        self.checked(key, checked_instant)
    }

    /// A day or an instant, for marks whose precision the coach chooses.
    pub fn opt_day_or_instant(&mut self, key: &'static str) -> Result<Option<String>, ImportError> {
        self.checked(key, |t| {
            checked_day(t).or_else(|_| {
                checked_instant(t).map_err(|_| {
                    format!("`{t}` is neither a YYYY-MM-DD day nor an RFC 3339 instant")
                })
            })
        })
    }

    pub fn opt_time(&mut self, key: &'static str) -> Result<Option<String>, ImportError> {
        self.checked(key, checked_time)
    }

    /// A list; missing or null is an empty one.
    pub fn list(&mut self, key: &'static str) -> Result<&'a [Value], ImportError> {
        match self.value(key) {
            None => Ok(&[]),
            Some(Value::Array(items)) => Ok(items),
            Some(other) => {
                Err(self.fail(key, format!("expected a list, found {}", described(other))))
            }
        }
    }

    /// A list of strings; missing or null is an empty one.
    pub fn strings(&mut self, key: &'static str) -> Result<Vec<String>, ImportError> {
        let items = self.list(key)?;
        items
            .iter()
            .enumerate()
            .map(|(j, v)| {
                v.as_str().map(str::to_string).ok_or_else(|| {
                    ImportError::new(
                        self.path(&format!("{key}[{j}]")),
                        format!("expected a string, found {}", described(v)),
                    )
                })
            })
            .collect()
    }

    /// Refuses any field that was not read: a misspelt name would otherwise
    /// be dropped without a word.
    pub fn finish(self) -> Result<(), ImportError> {
        match self.map.keys().find(|k| !self.seen.iter().any(|s| s == k)) {
            Some(unknown) => Err(self.fail(
                unknown,
                format!("unknown field; the known ones are {}", self.seen.join(", ")),
            )),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_impossible_day_names_the_month_length() {
        let e = checked_day("2026-02-30").expect_err("refused");
        assert!(e.contains("28 days"), "{e}");
        assert!(checked_day("today").is_err());
        assert_eq!(checked_day("2026-02-28").as_deref(), Ok("2026-02-28"));
    }

    #[test]
    fn instants_are_normalised_to_utc_milliseconds() {
        assert_eq!(
            checked_instant("2026-11-24T10:00:00+01:00").as_deref(),
            Ok("2026-11-24T09:00:00.000Z")
        );
    }

    #[test]
    fn truncated_json_says_so_with_the_place() {
        let e = parse_json_value("{\"format\": \"rap").expect_err("refused");
        assert!(e.at.starts_with("line 1"), "{e}");
        assert!(e.message.contains("truncated"), "{e}");
    }

    #[test]
    fn a_byte_order_mark_is_not_content() {
        assert!(parse_json_value("\u{feff}{}").is_ok());
    }

    #[test]
    fn an_unread_field_is_refused_by_name() {
        let v: Value = serde_json::json!({"id": 1, "qualty": 4});
        let mut f = Fields::of("interactions[0]", &v).expect("an object");
        assert_eq!(f.int("id"), Ok(1));
        let e = f.finish().expect_err("refused");
        assert_eq!(e.at, "interactions[0].qualty");
    }
}
