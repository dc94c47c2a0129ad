//! A CSV's bytes checked as they pass on their way to the `csv` crate:
//! its quoting (by RFC 4180, which the crate reads leniently) and whether
//! it is all white space, so that a file read as a stream is refused as
//! the whole file would be.

use std::io::{self, Read};

use super::fields::ImportError;

/// Checks the quoting by RFC 4180, which the `csv` crate reads leniently:
/// a stray quote would otherwise silently merge or split fields. Fed byte
/// by byte (a byte of a longer character is neither a quote, a comma nor a
/// line end, so bytes and characters move it alike); keeps the first
/// problem.
pub(super) struct Quotes {
    state: QuoteState,
    line: u64,
    opened_on: u64,
    problem: Option<ImportError>,
}

#[derive(PartialEq)]
enum QuoteState {
    FieldStart,
    Unquoted,
    Quoted,
    QuoteInQuoted,
}

impl Quotes {
    fn new() -> Quotes {
        Quotes {
            state: QuoteState::FieldStart,
            line: 1,
            opened_on: 1,
            problem: None,
        }
    }

    fn step(&mut self, byte: u8) {
        use QuoteState::*;
        if self.problem.is_some() {
            return;
        }
        let refuse =
            |line: u64, message: &str| Some(ImportError::new(format!("line {line}"), message));
        self.state = match (&self.state, byte) {
            (FieldStart, b'"') => {
                self.opened_on = self.line;
                Quoted
            }
            (FieldStart | Unquoted, b',' | b'\n' | b'\r') => FieldStart,
            (Unquoted, b'"') => {
                self.problem = refuse(
                    self.line,
                    "a quote inside an unquoted field: put the whole field in quotes and double the quote (\"\")",
                );
                return;
            }
            (FieldStart | Unquoted, _) => Unquoted,
            (Quoted, b'"') => QuoteInQuoted,
            (Quoted, _) => Quoted,
            (QuoteInQuoted, b'"') => Quoted,
            (QuoteInQuoted, b',' | b'\n' | b'\r') => FieldStart,
            (QuoteInQuoted, _) => {
                self.problem = refuse(
                    self.line,
                    "text after a closing quote: a quote inside a quoted field is written twice (\"\")",
                );
                return;
            }
        };
        if byte == b'\n' {
            self.line += 1;
        }
    }

    /// The first problem, once the whole text went by.
    pub(super) fn finish(&mut self) -> Option<ImportError> {
        if self.problem.is_none() && self.state == QuoteState::Quoted {
            self.problem = Some(ImportError::new(
                format!("line {}", self.opened_on),
                "a quoted field opened here is never closed",
            ));
        }
        self.problem.take()
    }
}

#[cfg(test)]
fn check_quotes(text: &str) -> Result<(), ImportError> {
    let mut quotes = Quotes::new();
    text.bytes().for_each(|b| quotes.step(b));
    quotes.finish().map_or(Ok(()), Err)
}

/// Passes a CSV's bytes through to the `csv` crate, checking its quotes
/// and whether it is all blank as they go.
pub(super) struct Scanned<R> {
    inner: R,
    pub(super) quotes: Quotes,
    /// Nothing but white space so far.
    pub(super) blank: bool,
    /// The start of a character that is not ASCII, while still blank.
    partial: Vec<u8>,
}

impl<R: Read> Scanned<R> {
    pub(super) fn new(inner: R) -> Scanned<R> {
        Scanned {
            inner,
            quotes: Quotes::new(),
            blank: true,
            partial: Vec::new(),
        }
    }

    /// Whether the text is still blank after `byte` (as `str::trim` sees
    /// white space, other than ASCII included).
    fn still_blank(&mut self, byte: u8) -> bool {
        if byte.is_ascii() && self.partial.is_empty() {
            return (byte as char).is_whitespace();
        }
        self.partial.push(byte);
        let wanted = match self.partial[0] {
            0xF0.. => 4,
            0xE0.. => 3,
            _ => 2,
        };
        if self.partial.len() < wanted {
            return true;
        }
        let blank =
            std::str::from_utf8(&self.partial).is_ok_and(|c| c.chars().all(char::is_whitespace));
        self.partial.clear();
        blank
    }
}

impl<R: Read> Read for Scanned<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        for &byte in &buf[..n] {
            if self.blank {
                self.blank = self.still_blank(byte);
            }
            self.quotes.step(byte);
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_inside_an_unquoted_field_names_its_line() {
        let e = check_quotes("a,b\n1,x\"y\n").expect_err("refused");
        assert_eq!(e.at, "line 2");
    }

    #[test]
    fn an_unclosed_quote_names_the_line_it_opened_on() {
        let e = check_quotes("a,b\n1,2\n3,\"never\nclosed\n").expect_err("refused");
        assert_eq!(e.at, "line 3");
    }

    #[test]
    fn doubled_quotes_and_newlines_inside_quotes_are_fine() {
        assert!(check_quotes("a,b\r\n1,\"say \"\"hi\"\"\nthere\"\r\n").is_ok());
    }
}
