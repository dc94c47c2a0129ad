//! The smaller records around interactions: advice loops, agenda topics and
//! check-ins.

use chrono::NaiveDate;
use serde::Serialize;

use super::DomainError;

/// An advice ask followed until the user reports back what they did with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AdviceLoop {
    pub id: i64,
    pub interaction_id: i64,
    pub question: String,
    pub strength: String,
    pub applied: Option<bool>,
    pub reported_on: Option<NaiveDate>,
}

impl AdviceLoop {
    pub fn is_open(&self) -> bool {
        self.reported_on.is_none()
    }
}

/// Where an agenda topic stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TopicStatus {
    Open,
    Discussed,
    Dropped,
}

impl TopicStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            TopicStatus::Open => "open",
            TopicStatus::Discussed => "discussed",
            TopicStatus::Dropped => "dropped",
        }
    }

    pub fn parse(s: &str) -> Option<TopicStatus> {
        match s {
            "open" => Some(TopicStatus::Open),
            "discussed" => Some(TopicStatus::Discussed),
            "dropped" => Some(TopicStatus::Dropped),
            _ => None,
        }
    }
}

/// An agenda item for the next 1:1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Topic {
    pub id: i64,
    pub person_id: i64,
    pub person: String,
    pub text: String,
    pub position: i64,
    pub status: TopicStatus,
    pub added_on: NaiveDate,
    pub closed_on: Option<NaiveDate>,
}

/// A self-assessment not yet saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckInDraft {
    pub person_id: Option<i64>,
    pub checked_on: NaiveDate,
    pub trust: u8,
    pub clarity: u8,
    pub ease: u8,
    pub note: String,
}

impl CheckInDraft {
    pub fn validate(&self) -> Result<(), DomainError> {
        for (name, value) in [
            ("trust", self.trust),
            ("clarity", self.clarity),
            ("ease", self.ease),
        ] {
            if !(1..=5).contains(&value) {
                return Err(DomainError::ScoreOutOfRange(name, i64::from(value)));
            }
        }
        Ok(())
    }
}

/// A saved check-in: trust, clarity ("I know how I am doing") and ease, 1–5.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckIn {
    pub id: i64,
    pub person_id: Option<i64>,
    pub checked_on: NaiveDate,
    pub trust: u8,
    pub clarity: u8,
    pub ease: u8,
    pub note: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_in_score_of_six_names_the_score() {
        let draft = CheckInDraft {
            person_id: None,
            checked_on: NaiveDate::from_ymd_opt(2026, 11, 24).unwrap_or_default(),
            trust: 3,
            clarity: 6,
            ease: 2,
            note: String::new(),
        };
        assert_eq!(
            draft.validate(),
            Err(DomainError::ScoreOutOfRange("clarity", 6))
        );
    }
}
