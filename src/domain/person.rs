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
    /// The name to call them by as set; empty means the first word of
    /// their name (see [`Person::call_name`]).
    pub call: String,
}

impl Person {
    /// The name a greeting uses: the one set, else the first word of their
    /// name ("Dana" for "Dana Okafor").
    pub fn call_name(&self) -> &str {
        call_name(&self.call, &self.name)
    }
}

/// `call` when set, else the first word of `name`.
pub fn call_name<'a>(call: &'a str, name: &'a str) -> &'a str {
    let call = call.trim();
    if call.is_empty() {
        name.split_whitespace().next().unwrap_or(name)
    } else {
        call
    }
}

/// Which people a name typed by the user picks out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameMatch<'a> {
    One(&'a Person),
    None,
    /// More than one: their names, to say which were meant.
    Several(Vec<&'a Person>),
}

/// The person `typed` names, ignoring case: the full name, else the one
/// whose first name it is, else the one whose name it begins. "dana" picks
/// "Dana Okafor"; "sam" picks "Sam" over "Samir", and "Sam Lee" over
/// "Samir"; "sa" with both is ambiguous.
pub fn find_by_name<'a>(people: &'a [Person], typed: &str) -> NameMatch<'a> {
    let typed = typed.trim().to_lowercase();
    if typed.is_empty() {
        return NameMatch::None;
    }
    let lower = |p: &Person| p.name.trim().to_lowercase();
    let tiers: [&dyn Fn(&Person) -> bool; 3] = [
        &|p| lower(p) == typed,
        &|p| lower(p).split_whitespace().next() == Some(typed.as_str()),
        &|p| lower(p).starts_with(&typed),
    ];
    for tier in tiers {
        let found: Vec<&Person> = people.iter().filter(|p| tier(p)).collect();
        match found.len() {
            0 => continue,
            1 => return NameMatch::One(found[0]),
            _ => return NameMatch::Several(found),
        }
    }
    NameMatch::None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(names: &[&str]) -> Vec<Person> {
        names
            .iter()
            .enumerate()
            .map(|(i, n)| Person {
                relation: Relation::Manager,
                id: i as i64 + 1,
                name: (*n).to_string(),
                role: String::new(),
                is_current: false,
                cadence_days: None,
                next_one_on_one: None,
                archived: false,
                strengths: Vec::new(),
                call: String::new(),
            })
            .collect()
    }

    fn picked(people: &[Person], typed: &str) -> Option<String> {
        match find_by_name(people, typed) {
            NameMatch::One(p) => Some(p.name.clone()),
            _ => None,
        }
    }

    #[test]
    fn a_first_name_or_a_unique_prefix_picks_the_person() {
        let people = named(&["Dana Okafor", "Sam Lee", "Samir Haddad"]);
        assert_eq!(picked(&people, "dana").as_deref(), Some("Dana Okafor"));
        assert_eq!(
            picked(&people, "DANA OKAFOR").as_deref(),
            Some("Dana Okafor")
        );
        assert_eq!(picked(&people, "da").as_deref(), Some("Dana Okafor"));
        assert_eq!(picked(&people, "sam").as_deref(), Some("Sam Lee"));
        assert_eq!(picked(&people, "sami").as_deref(), Some("Samir Haddad"));
        assert_eq!(picked(&people, "okafor"), None);
    }

    #[test]
    fn an_ambiguous_prefix_lists_the_matches() {
        let people = named(&["Dana Okafor", "Sam Lee", "Samir Haddad"]);
        match find_by_name(&people, "sa") {
            NameMatch::Several(found) => {
                let names: Vec<&str> = found.iter().map(|p| p.name.as_str()).collect();
                assert_eq!(names, ["Sam Lee", "Samir Haddad"]);
            }
            other => panic!("expected several, got {other:?}"),
        }
        assert_eq!(find_by_name(&people, " "), NameMatch::None);
    }

    #[test]
    fn a_full_name_wins_over_a_longer_one_it_begins() {
        let people = named(&["Dan", "Dana"]);
        assert_eq!(picked(&people, "dan").as_deref(), Some("Dan"));
    }

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
    fn they_are_called_by_the_name_set_else_the_first_word_of_their_name() {
        assert_eq!(call_name("", "Dana Okafor"), "Dana");
        assert_eq!(call_name("  ", " Dana  Okafor "), "Dana");
        assert_eq!(call_name("Dee", "Dana Okafor"), "Dee");
        assert_eq!(call_name("", "Cher"), "Cher");
    }

    #[test]
    fn cadence_of_zero_days_is_refused() {
        assert!(validate_cadence(Some(0)).is_err());
        assert!(validate_cadence(Some(14)).is_ok());
    }
}
