//! Interactions with a manager: what happened, of which kind, how well it went.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use super::DomainError;
use super::record::AdviceLoop;

/// What an interaction is for; every kind belongs to one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// The scheduled 1:1.
    Formal,
    /// A dinner, a coffee, a chat: time together with no agenda.
    Informal,
    /// An explicit ask for advice.
    Ask,
    /// The weekly summary or another update sent to them.
    Update,
    /// Feedback they gave.
    Feedback,
    /// A reflection with no meeting.
    Note,
    /// The work log: what the week held (`win`, `risk`, kinds of the
    /// user's). The one category whose entries are shared, unless private.
    Work,
}

impl Category {
    pub const ALL: [Category; 7] = [
        Category::Formal,
        Category::Informal,
        Category::Ask,
        Category::Update,
        Category::Feedback,
        Category::Note,
        Category::Work,
    ];

    /// The categories of time with them (every one but the work log): what
    /// Insights counts.
    pub const MEETINGS: [Category; 6] = [
        Category::Formal,
        Category::Informal,
        Category::Ask,
        Category::Update,
        Category::Feedback,
        Category::Note,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Formal => "formal",
            Category::Informal => "informal",
            Category::Ask => "ask",
            Category::Update => "update",
            Category::Feedback => "feedback",
            Category::Note => "note",
            Category::Work => "work",
        }
    }

    /// Whether its entries are logged with a quality: not a note (a
    /// reflection) nor the work log (what happened, not how a meeting went).
    pub fn takes_quality(self) -> bool {
        !matches!(self, Category::Note | Category::Work)
    }
}

impl std::str::FromStr for Category {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase();
        Category::ALL
            .into_iter()
            .find(|c| c.as_str() == wanted)
            .ok_or_else(|| DomainError::UnknownCategory(s.to_string()))
    }
}

impl std::fmt::Display for Category {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A kind of interaction (`one_on_one`, `meal`, or one the user added).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kind {
    pub id: i64,
    pub name: String,
    pub category: Category,
    pub builtin: bool,
}

/// Checks a name for a user-defined kind: short, lowercase, no spaces.
pub fn validate_kind_name(name: &str) -> Result<String, DomainError> {
    let name = name.trim().to_ascii_lowercase();
    let valid = (1..=40).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if valid {
        Ok(name)
    } else {
        Err(DomainError::BadKindName(name))
    }
}

/// Who started the interaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InitiatedBy {
    #[default]
    Me,
    Them,
}

impl InitiatedBy {
    pub fn as_str(self) -> &'static str {
        match self {
            InitiatedBy::Me => "me",
            InitiatedBy::Them => "them",
        }
    }
}

impl std::str::FromStr for InitiatedBy {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "me" => Ok(InitiatedBy::Me),
            "them" => Ok(InitiatedBy::Them),
            _ => Err(DomainError::UnknownInitiator(s.to_string())),
        }
    }
}

/// How well an interaction went, 1 (badly) to 5 (very well).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "i64")]
pub struct Quality(u8);

impl Quality {
    pub fn new(value: i64) -> Result<Quality, DomainError> {
        match u8::try_from(value) {
            Ok(v @ 1..=5) => Ok(Quality(v)),
            _ => Err(DomainError::QualityOutOfRange(value)),
        }
    }

    pub fn get(self) -> u8 {
        self.0
    }

    /// Filled and empty dots, `●●●○○` for 3.
    pub fn dots(self) -> String {
        let filled = usize::from(self.0);
        format!("{}{}", "●".repeat(filled), "○".repeat(5 - filled))
    }
}

impl TryFrom<i64> for Quality {
    type Error = DomainError;
    fn try_from(value: i64) -> Result<Self, Self::Error> {
        Quality::new(value)
    }
}

impl From<Quality> for i64 {
    fn from(q: Quality) -> i64 {
        i64::from(q.0)
    }
}

/// An interaction not yet saved: only the store gives it an id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InteractionDraft {
    pub person_id: i64,
    pub kind_id: i64,
    pub happened_on: NaiveDate,
    pub at_time: Option<NaiveTime>,
    pub minutes: Option<u32>,
    pub quality: Option<Quality>,
    pub initiated_by: InitiatedBy,
    pub title: String,
    pub notes: String,
    pub tags: Vec<String>,
    /// For an ask: the strength of theirs the advice draws on.
    pub advice_strength: Option<String>,
    /// Kept out of the summary and the review (see [`Interaction::is_shared`]).
    pub private: bool,
}

impl InteractionDraft {
    /// Checks what the database cannot: tags, minutes, and that a note (a
    /// reflection with no meeting) or a work entry carries no quality.
    pub fn validate(&mut self, kind: &Kind) -> Result<(), DomainError> {
        if kind.category == Category::Note && self.quality.is_some() {
            return Err(DomainError::QualityOnNote(kind.name.clone()));
        }
        if kind.category == Category::Work && self.quality.is_some() {
            return Err(DomainError::QualityOnWork(kind.name.clone()));
        }
        if let Some(m) = self.minutes
            && !(1..=1440).contains(&m)
        {
            return Err(DomainError::MinutesOutOfRange(i64::from(m)));
        }
        self.tags = normalized_tags(&self.tags)?;
        Ok(())
    }
}

/// Trims tags, drops a leading `#`, removes duplicates; rejects spaces.
pub fn normalized_tags(tags: &[String]) -> Result<Vec<String>, DomainError> {
    let mut out: Vec<String> = Vec::with_capacity(tags.len());
    for raw in tags {
        for piece in raw.split(crate::domain::text::LIST_SEPARATORS) {
            let tag = piece.trim().trim_start_matches('#');
            if piece.trim().is_empty() {
                continue;
            }
            let count = tag.chars().count();
            if count == 0 || count > 60 || tag.chars().any(|c| c.is_whitespace() || c.is_control())
            {
                return Err(DomainError::BadTag(piece.trim().to_string()));
            }
            if !out.iter().any(|t| t == tag) {
                out.push(tag.to_string());
            }
        }
    }
    Ok(out)
}

/// A saved interaction, as read back from the journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Interaction {
    pub id: i64,
    pub person_id: i64,
    pub person: String,
    pub kind_id: i64,
    pub kind: String,
    pub category: Category,
    pub happened_on: NaiveDate,
    #[serde(rename = "time", serialize_with = "serialize_time")]
    pub at_time: Option<NaiveTime>,
    pub minutes: Option<u32>,
    pub quality: Option<Quality>,
    pub initiated_by: InitiatedBy,
    pub title: String,
    pub notes: String,
    pub tags: Vec<String>,
    pub advice_loop: Option<AdviceLoop>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Bumped by every update; an edit made against an older one is stale.
    pub version: i64,
    /// Marked private: kept out even when its category is shared.
    pub private: bool,
    /// The entry's stable key, random, kept through export and import: an
    /// edit checks it, so an id handed out again (after a restore) is never
    /// taken for the entry the form was opened on.
    #[serde(skip)]
    pub uid: i64,
}

impl Interaction {
    /// Whether it may leave the machine (the summary, the review, a copy):
    /// a `work` entry not marked private. Notes and every interaction with
    /// the manager never are.
    pub fn is_shared(&self) -> bool {
        is_shared(self.category, self.private)
    }

    /// The entry as a draft, to change some fields and save it again.
    pub fn to_draft(&self) -> InteractionDraft {
        InteractionDraft {
            person_id: self.person_id,
            kind_id: self.kind_id,
            happened_on: self.happened_on,
            at_time: self.at_time,
            minutes: self.minutes,
            quality: self.quality,
            initiated_by: self.initiated_by,
            title: self.title.clone(),
            notes: self.notes.clone(),
            tags: self.tags.clone(),
            advice_strength: None,
            private: self.private,
        }
    }
}

/// The visibility rule: only `work` entries are shared, and only when not
/// marked private.
pub fn is_shared(category: Category, private: bool) -> bool {
    category == Category::Work && !private
}

fn serialize_time<S: serde::Serializer>(t: &Option<NaiveTime>, s: S) -> Result<S::Ok, S::Error> {
    match t {
        Some(t) => s.serialize_str(&t.format("%H:%M").to_string()),
        None => s.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quality_outside_one_to_five_is_refused() {
        assert!(Quality::new(0).is_err());
        assert!(Quality::new(6).is_err());
        assert_eq!(Quality::new(3).map(Quality::dots), Ok("●●●○○".to_string()));
    }

    #[test]
    fn tags_are_trimmed_deduplicated_and_split_on_commas() {
        let tags = vec![" #hiring".to_string(), "hiring,growth".to_string()];
        assert_eq!(
            normalized_tags(&tags),
            Ok(vec!["hiring".to_string(), "growth".to_string()])
        );
    }

    #[test]
    fn tag_with_a_space_is_refused() {
        assert!(normalized_tags(&["two words".to_string()]).is_err());
    }

    #[test]
    fn category_parses_case_insensitively() {
        assert_eq!("Informal".parse::<Category>(), Ok(Category::Informal));
        assert!("party".parse::<Category>().is_err());
    }

    #[test]
    fn kind_names_are_lowercased_and_checked() {
        assert_eq!(validate_kind_name("Walk"), Ok("walk".to_string()));
        assert!(validate_kind_name("long walk").is_err());
    }
}
