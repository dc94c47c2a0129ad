//! Reading a large JSON import as a stream: the top-level object key by key,
//! and the list that holds the records one item at a time, so that neither
//! the file nor its parsed tree is ever held whole. Text that is not UTF-8
//! is refused naming its line, as a file read whole would be.

use std::cell::RefCell;
use std::fmt;
use std::io::{self, Read};

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use super::fields::{ImportError, json_syntax_error};
use super::import::{ImportFailure, Outcome};

/// What a streamed walk over a top-level object found besides its lists.
pub struct Walked {
    /// Every other key, whole (small values: a format, jrnl's tag counts).
    pub rest: Map<String, Value>,
    /// The lists that were there.
    pub listed: Vec<&'static str>,
}

/// What to do with one item of a list: its list's key, its index, the item.
pub type OnItem<'a> = &'a mut dyn FnMut(&'static str, usize, Value) -> Outcome<()>;

/// Reads the JSON object from `reader`: the lists under `lists` go item by
/// item (with their key and index) to `on_item`, which may stop the walk
/// with an error; every other key is kept in `Walked::rest`.
pub fn walk_object(
    reader: impl Read,
    lists: &[&'static str],
    on_item: OnItem<'_>,
) -> Outcome<Walked> {
    let failure = RefCell::new(None);
    // serde_json reads a byte at a time: a buffer in front keeps the
    // checks to large reads.
    let mut de = serde_json::Deserializer::from_reader(io::BufReader::with_capacity(
        1 << 16,
        Utf8Checked::new(reader),
    ));
    let walked = Walk {
        lists,
        on_item,
        failure: &failure,
    }
    .deserialize(&mut de)
    .and_then(|walked| de.end().map(|()| walked));
    walked.map_err(|e| match failure.take() {
        Some(stopped) => stopped,
        None => ImportFailure::Invalid(reading_error(e)),
    })
}

/// A syntax error named by line and column, or the line of text that is
/// not UTF-8.
fn reading_error(e: serde_json::Error) -> ImportError {
    if e.is_io() {
        return unreadable(&io::Error::from(e));
    }
    json_syntax_error(e)
}

/// A file that could not be read through `Utf8Checked`: the line of text
/// that is not UTF-8, or why it could not be read.
pub(super) fn unreadable(io: &io::Error) -> ImportError {
    if let Some(NotUtf8 { line }) = io.get_ref().and_then(|e| e.downcast_ref::<NotUtf8>()) {
        return ImportError::new(
            format!("line {line}"),
            "not UTF-8 text; convert it first (e.g. with iconv)",
        );
    }
    ImportError::new("the file", format!("cannot be read: {io}"))
}

struct Walk<'a, 'b> {
    lists: &'a [&'static str],
    on_item: OnItem<'b>,
    failure: &'a RefCell<Option<ImportFailure>>,
}

impl Walk<'_, '_> {
    fn fail<E: de::Error>(&self, place: &str, message: String) -> E {
        *self.failure.borrow_mut() = Some(ImportError::new(place, message.clone()).into());
        E::custom(message)
    }

    fn not_an_object<E: de::Error>(&self, found: &str) -> E {
        self.fail("the document", format!("expected an object, found {found}"))
    }
}

impl<'de> DeserializeSeed<'de> for Walk<'_, '_> {
    type Value = Walked;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Walked, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walk<'_, '_> {
    type Value = Walked;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Walked, A::Error> {
        let mut walked = Walked {
            rest: Map::new(),
            listed: Vec::new(),
        };
        while let Some(key) = map.next_key::<String>()? {
            let Some(list) = self.lists.iter().copied().find(|l| *l == key) else {
                let value: Value = map.next_value()?;
                walked.rest.insert(key, value);
                continue;
            };
            if walked.listed.contains(&list) {
                return Err(self.fail(list, "appears twice in the document".into()));
            }
            walked.listed.push(list);
            map.next_value_seed(List {
                key: list,
                on_item: &mut *self.on_item,
                failure: self.failure,
            })?;
        }
        Ok(walked)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Walked, A::Error> {
        Err(self.not_an_object("a list"))
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Walked, E> {
        Err(self.not_an_object("a string"))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Walked, E> {
        Err(self.not_an_object("true/false"))
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Walked, E> {
        Err(self.not_an_object("a number"))
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Walked, E> {
        Err(self.not_an_object("a number"))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Walked, E> {
        Err(self.not_an_object("a number"))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Walked, E> {
        Err(self.not_an_object("null"))
    }
}

/// The records' list, item by item; null is an empty list.
struct List<'a, 'b> {
    key: &'static str,
    on_item: OnItem<'b>,
    failure: &'a RefCell<Option<ImportFailure>>,
}

impl List<'_, '_> {
    fn not_a_list<E: de::Error>(&self, found: &str) -> E {
        let message = format!("expected a list, found {found}");
        *self.failure.borrow_mut() = Some(ImportError::new(self.key, message.clone()).into());
        E::custom(message)
    }
}

impl<'de> DeserializeSeed<'de> for List<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for List<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0;
        while let Some(item) = seq.next_element::<Value>()? {
            if let Err(stopped) = (self.on_item)(self.key, index, item) {
                *self.failure.borrow_mut() = Some(stopped);
                return Err(de::Error::custom("the import stopped"));
            }
            index += 1;
        }
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        Err(self.not_a_list("an object"))
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Err(self.not_a_list("a string"))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Err(self.not_a_list("true/false"))
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Err(self.not_a_list("a number"))
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Err(self.not_a_list("a number"))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Err(self.not_a_list("a number"))
    }
}

/// The line where text stopped being UTF-8.
#[derive(Debug)]
struct NotUtf8 {
    line: u64,
}

impl fmt::Display for NotUtf8 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: not UTF-8", self.line)
    }
}

impl std::error::Error for NotUtf8 {}

/// Passes bytes through, checking that they are UTF-8 as they go (a
/// character split between two reads is checked when it is whole), and
/// counting lines to name the one where they are not.
pub(super) struct Utf8Checked<R> {
    inner: R,
    /// The start of a character the last read ended inside.
    pending: Vec<u8>,
    line: u64,
    /// Text that is not UTF-8, for the next read: the one before passed
    /// the text ahead of it.
    refused: Option<io::Error>,
}

impl<R: Read> Utf8Checked<R> {
    pub(super) fn new(inner: R) -> Utf8Checked<R> {
        Utf8Checked {
            inner,
            pending: Vec::new(),
            line: 1,
            refused: None,
        }
    }

    fn refuse(&self, valid: &[u8]) -> io::Error {
        let line = self.line + valid.iter().filter(|b| **b == b'\n').count() as u64;
        io::Error::new(io::ErrorKind::InvalidData, NotUtf8 { line })
    }
}

impl<R: Read> Read for Utf8Checked<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if let Some(refused) = self.refused.take() {
            return Err(refused);
        }
        let n = self.inner.read(buf)?;
        let fresh = &buf[..n];
        if n == 0 {
            return match self.pending.is_empty() {
                true => Ok(0),
                false => Err(self.refuse(&[])),
            };
        }
        // Finish the character the last read ended inside, byte by byte.
        let mut start = 0;
        while !self.pending.is_empty() && start < n {
            self.pending.push(fresh[start]);
            start += 1;
            match std::str::from_utf8(&self.pending) {
                Ok(_) => self.pending.clear(),
                Err(e) if e.error_len().is_some() => return Err(self.refuse(&[])),
                Err(_) => {}
            }
        }
        let rest = &fresh[start..];
        if let Err(e) = std::str::from_utf8(rest) {
            let valid = e.valid_up_to();
            if let Some(bad) = e.error_len() {
                // What comes before passes, and so does the start of a
                // character cut short (as read byte by byte, it passed
                // before the byte that cut it): the reader meets the error
                // when it asks for what follows.
                let refused = self.refuse(&rest[..valid]);
                let cut_short = std::str::from_utf8(&rest[valid..valid + bad])
                    .is_err_and(|e| e.error_len().is_none());
                let passed = start + valid + if cut_short { bad } else { 0 };
                if passed == 0 {
                    return Err(refused);
                }
                self.refused = Some(refused);
                return Ok(passed);
            }
            self.pending.extend_from_slice(&rest[valid..]);
        }
        self.line += fresh.iter().filter(|b| **b == b'\n').count() as u64;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(bytes: &[u8], chunk: usize) -> io::Result<Vec<u8>> {
        struct Chunks<'a>(&'a [u8], usize);
        impl Read for Chunks<'_> {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                let n = self.0.len().min(self.1).min(buf.len());
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let mut out = Vec::new();
        Utf8Checked::new(Chunks(bytes, chunk)).read_to_end(&mut out)?;
        Ok(out)
    }

    #[test]
    fn characters_split_between_reads_pass_whole() {
        let text = "ünïcode ✓ 👩‍💻\nzwei\n".repeat(3);
        for chunk in 1..8 {
            assert_eq!(
                read_all(text.as_bytes(), chunk).expect("UTF-8"),
                text.as_bytes()
            );
        }
    }

    #[test]
    fn text_before_bytes_that_are_not_utf8_passes_first_as_it_would_byte_by_byte() {
        let mut reader = Utf8Checked::new(&b"{\"a\": 1,\n\xc3\n\xff"[..]);
        let mut buf = [0u8; 64];
        // The start of a character cut short passes with the text before.
        assert_eq!(reader.read(&mut buf).expect("the text before"), 10);
        let err = reader.read(&mut buf).expect_err("then the error");
        assert_eq!(err.to_string(), "line 2: not UTF-8");
        let mut reader = Utf8Checked::new(&b"ab\xffcd"[..]);
        assert_eq!(reader.read(&mut buf).expect("the text before"), 2);
        assert!(reader.read(&mut buf).is_err());
    }

    #[test]
    fn bytes_that_are_not_utf8_are_refused_naming_their_line() {
        for chunk in [1, 2, 3, 64] {
            let err = read_all(b"{\n\"a\": \"ok\",\n\"b\": \"\xff\"}", chunk).expect_err("refused");
            assert_eq!(err.to_string(), "line 3: not UTF-8", "chunks of {chunk}");
            let cut = read_all(b"ok\n\xe2\x9c", chunk).expect_err("a cut character");
            assert_eq!(cut.to_string(), "line 2: not UTF-8", "chunks of {chunk}");
        }
    }
}
