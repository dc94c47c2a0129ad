//! People the journal is about: the current manager, and any others.

use chrono::NaiveDate;
use serde::Serialize;

use super::DomainError;

/// A person not yet saved.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PersonDraft {
    pub name: String,
    pub role: String,
    pub strengths: Vec<String>,
    pub cadence_days: Option<u32>,
    pub is_current: bool,
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
}

#[cfg(test)]
mod tests {
    use super::*;

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
