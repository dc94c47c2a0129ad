//! People the journal is about: the current manager, and any others.

use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::DomainError;

/// Who they are to you: which of the coach's rules apply to them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// The person you report to: every practice applies.
    #[default]
    Manager,
    /// Your manager's manager.
    SkipLevel,
    Mentor,
    Peer,
}

impl Relation {
    pub const ALL: [Relation; 4] = [
        Relation::Manager,
        Relation::SkipLevel,
        Relation::Mentor,
        Relation::Peer,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Manager => "manager",
            Relation::SkipLevel => "skip_level",
            Relation::Mentor => "mentor",
            Relation::Peer => "peer",
        }
    }

    /// In words, for screens: "skip-level".
    pub fn words(self) -> &'static str {
        match self {
            Relation::Manager => "manager",
            Relation::SkipLevel => "skip-level",
            Relation::Mentor => "mentor",
            Relation::Peer => "peer",
        }
    }

    /// The next one in `ALL`, for a screen's toggle.
    pub fn next(self) -> Relation {
        let at = Relation::ALL.iter().position(|r| *r == self).unwrap_or(0);
        Relation::ALL[(at + 1) % Relation::ALL.len()]
    }
}

impl FromStr for Relation {
    type Err = DomainError;

    fn from_str(s: &str) -> Result<Relation, DomainError> {
        match s.trim().to_ascii_lowercase().replace('-', "_").as_str() {
            "manager" => Ok(Relation::Manager),
            "skip_level" | "skip" => Ok(Relation::SkipLevel),
            "mentor" => Ok(Relation::Mentor),
            "peer" => Ok(Relation::Peer),
            _ => Err(DomainError::UnknownWord {
                what: "relation",
                word: s.to_string(),
                known: "manager, skip_level, mentor, peer",
            }),
        }
    }
}

/// A person not yet saved.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PersonDraft {
    pub name: String,
    pub role: String,
    pub strengths: Vec<String>,
    pub cadence_days: Option<u32>,
    pub is_current: bool,
    pub relation: Relation,
}

impl PersonDraft {
    pub fn validate(&mut self) -> Result<(), DomainError> {
        self.name = self.name.trim().to_string();
        if self.name.is_empty() {
            return Err(DomainError::Empty("a person's name"));
        }
        validate_cadence(self.cadence_days)?;
        self.strengths = cleaned_strengths(&self.strengths);
        Ok(())
    }
}

pub fn validate_cadence(days: Option<u32>) -> Result<(), DomainError> {
    match days {
        Some(d) if !(1..=365).contains(&d) => Err(DomainError::CadenceOutOfRange(i64::from(d))),
        _ => Ok(()),
    }
}

/// Trimmed, non-empty, without duplicates, in the order given.
pub fn cleaned_strengths(strengths: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in strengths {
        let s = s.trim();
        if !s.is_empty() && !out.iter().any(|o| o.eq_ignore_ascii_case(s)) {
            out.push(s.to_string());
        }
    }
    out
}

/// A saved person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Person {
    pub id: i64,
    pub name: String,
    pub role: String,
    pub is_current: bool,
    /// The 1:1 cadence: a 1:1 every this many days.
    pub cadence_days: Option<u32>,
    /// A next 1:1 date the user set, over the one the cadence implies.
    pub next_one_on_one: Option<NaiveDate>,
    pub archived: bool,
    pub strengths: Vec<String>,
    /// Who they are to you; decides which rules of the coach apply.
    pub relation: Relation,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relations_parse_from_their_names_and_cycle_through_all() {
        for r in Relation::ALL {
            assert_eq!(r.as_str().parse::<Relation>(), Ok(r));
        }
        assert_eq!("skip-level".parse::<Relation>(), Ok(Relation::SkipLevel));
        assert!("boss".parse::<Relation>().is_err());
        assert_eq!(Relation::Peer.next(), Relation::Manager);
    }

    #[test]
    fn blank_name_is_refused() {
        let mut draft = PersonDraft {
            name: "  ".into(),
            ..PersonDraft::default()
        };
        assert_eq!(draft.validate(), Err(DomainError::Empty("a person's name")));
    }

    #[test]
    fn strengths_are_trimmed_and_deduplicated() {
        let s = vec![
            " hiring ".into(),
            "Hiring".into(),
            "".into(),
            "finance".into(),
        ];
        assert_eq!(cleaned_strengths(&s), vec!["hiring", "finance"]);
    }

    #[test]
    fn cadence_of_zero_days_is_refused() {
        assert!(validate_cadence(Some(0)).is_err());
        assert!(validate_cadence(Some(14)).is_ok());
    }
}
