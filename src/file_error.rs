//! A file the user wrote that cannot be used, named with the line at fault:
//! the one error type of every loader (settings, keymap, playbook, summary
//! template), so each says where in the same words, `path:line: message`.

use std::path::{Path, PathBuf};

/// A file that cannot be used: where, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{}: {message}", path.display(), line_suffix(*line))]
pub struct FileError {
    pub path: PathBuf,
    /// 1-based; 0 when the fault is the whole file (it cannot be read).
    pub line: usize,
    pub message: String,
}

fn line_suffix(line: usize) -> String {
    if line == 0 {
        String::new()
    } else {
        format!(":{line}")
    }
}

impl FileError {
    /// The fault at byte `offset` of `text`, read from `path`.
    pub fn at(path: &Path, text: &str, offset: usize, message: impl Into<String>) -> FileError {
        FileError {
            path: path.to_path_buf(),
            line: line_of(text, offset),
            message: message.into(),
        }
    }

    /// A file that does not parse as TOML (or not into what it should hold).
    pub fn toml(path: &Path, text: &str, error: &toml::de::Error) -> FileError {
        FileError {
            path: path.to_path_buf(),
            line: error.span().map_or(0, |s| line_of(text, s.start)),
            message: error.message().trim().to_string(),
        }
    }

    /// A file that exists but cannot be read.
    pub fn unreadable(path: &Path, error: &std::io::Error) -> FileError {
        FileError {
            path: path.to_path_buf(),
            line: 0,
            message: format!("cannot read it: {error}"),
        }
    }
}

/// The 1-based line of byte `offset` in `text`.
pub fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset)
        .map_or(1, |before| before.matches('\n').count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_counts_from_one() {
        let text = "a = 1\nb = 2\nc = ?\n";
        assert_eq!(line_of(text, 0), 1);
        assert_eq!(line_of(text, text.find('c').unwrap_or_default()), 3);
    }

    #[test]
    fn an_error_names_the_file_and_the_line() {
        let text = "[targets]\ninformal_days = 20\nbogus = 1\n";
        let parsed: Result<toml::Value, _> = toml::from_str("x = ");
        let error = parsed.map(|_| ()).expect_err("not TOML");
        let e = FileError::toml(Path::new("/c/config.toml"), "x = ", &error);
        assert!(e.to_string().starts_with("/c/config.toml:1: "), "{e}");
        let e = FileError::at(
            Path::new("/c/k.toml"),
            text,
            text.find("bogus").unwrap_or(0),
            "no",
        );
        assert_eq!(e.to_string(), "/c/k.toml:3: no");
        let unreadable = std::io::Error::other("denied");
        assert_eq!(
            FileError::unreadable(Path::new("/c/k.toml"), &unreadable).to_string(),
            "/c/k.toml: cannot read it: denied"
        );
    }
}
