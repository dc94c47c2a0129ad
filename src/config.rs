//! Where things live and the optional settings file.
//!
//! The journal is in the platform data directory unless `--db` or
//! `RAPPORT_DB` say otherwise; `config.toml` sits in the config directory
//! (`RAPPORT_CONFIG_DIR` overrides it) and every key in it is checked.

use std::path::{Path, PathBuf};

use crate::file_error::FileError;
use serde::Deserialize;

/// The directories rapport uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    pub data_dir: PathBuf,
    pub config_dir: PathBuf,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot find a home directory for the journal; pass --db PATH or set RAPPORT_DB")]
    NoHome,
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Invalid(#[from] FileError),
    #[error("{0}; its settings were not used")]
    Untrusted(String),
}

impl Paths {
    /// The platform's directories, with `RAPPORT_CONFIG_DIR` over the config one.
    pub fn discover() -> Result<Paths, ConfigError> {
        let dirs = directories::ProjectDirs::from("", "", "rapport").ok_or(ConfigError::NoHome)?;
        let config_dir = std::env::var_os("RAPPORT_CONFIG_DIR")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .unwrap_or_else(|| dirs.config_dir().to_path_buf());
        Ok(Paths {
            data_dir: dirs.data_dir().to_path_buf(),
            config_dir,
        })
    }

    pub fn default_journal(&self) -> PathBuf {
        self.data_dir.join("journal.db")
    }

    pub fn default_demo_journal(&self) -> PathBuf {
        self.data_dir.join("demo.db")
    }

    pub fn settings_file(&self) -> PathBuf {
        self.config_dir.join("config.toml")
    }
}

/// Targets, in days, that the coach and Insights measure cadence against.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Targets {
    /// Informal time (a meal, a coffee, a chat) at least this often.
    pub informal_days: u32,
    /// An explicit advice ask at least this often.
    pub advice_days: u32,
    /// A weekly summary: at most this many days apart.
    pub summary_days: u32,
    /// A check-in at least this often.
    pub checkin_days: u32,
}

impl Default for Targets {
    fn default() -> Targets {
        Targets {
            informal_days: 30,
            advice_days: 30,
            summary_days: 7,
            checkin_days: 7,
        }
    }
}

/// The settings file, every key optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// The journal to open when neither `--db` nor `RAPPORT_DB` is given.
    pub journal: Option<PathBuf>,
    pub targets: Targets,
    /// A command printing the passphrase of an encrypted journal (a
    /// password manager, say), run with `sh -c`; without it rapport asks.
    pub passphrase_cmd: Option<String>,
}

impl Settings {
    /// Reads `path`; a missing file means the defaults, a bad one is an error
    /// that names the file, the line and the key.
    pub fn load(path: &Path) -> Result<Settings, ConfigError> {
        match std::fs::read_to_string(path) {
            // As ssh does: settings others control could point `journal` at
            // a file they read, or make `passphrase_cmd` run their program.
            Ok(_) if let Some(why) = crate::store::distrust(path) => {
                Err(ConfigError::Untrusted(why))
            }
            Ok(text) => Settings::parse(&text, path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Settings::default()),
            Err(source) => Err(ConfigError::Read {
                path: path.to_path_buf(),
                source,
            }),
        }
    }

    pub fn parse(text: &str, path: &Path) -> Result<Settings, ConfigError> {
        toml::from_str(text).map_err(|e| FileError::toml(path, text, &e).into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_settings_are_the_defaults() {
        let s = Settings::parse("", Path::new("config.toml"));
        assert_eq!(s.ok(), Some(Settings::default()));
    }

    #[test]
    fn unknown_key_is_an_error_naming_key_file_and_line() {
        let text = "[targets]\ninformal_days = 20\nbogus = 1\n";
        let err = Settings::parse(text, Path::new("/x/config.toml"))
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.starts_with("/x/config.toml:3: "), "{err}");
        assert!(err.contains("bogus"), "{err}");
    }

    #[test]
    fn targets_can_be_set_in_part() {
        let s = Settings::parse("[targets]\nadvice_days = 14\n", Path::new("c.toml"));
        let targets = s.map(|s| s.targets).ok();
        assert_eq!(
            targets.map(|t| (t.advice_days, t.informal_days)),
            Some((14, 30))
        );
    }
}
