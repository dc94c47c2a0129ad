//! Plain types of the journal and their validation; no I/O, no clock.

pub mod aggregate;
pub mod calendar;
pub mod day;
pub mod draft;
pub mod interaction;
pub mod nudge;
pub mod person;
pub mod profile;
pub mod promise;
pub mod record;
pub mod sent;
pub mod summary;
pub mod text;
pub mod week;

pub use aggregate::{DayFact, LastSeen};
pub use draft::DraftKey;
pub use interaction::{
    Category, InitiatedBy, Interaction, InteractionDraft, Kind, Quality, is_shared,
};
pub use nudge::RuleState;
pub use person::{NameMatch, Person, PersonDraft, Relation, find_by_name};
pub use profile::{
    Expectation, ExpectationDraft, ExpectationState, Facet, Focus, HeldBy, Profile, ProfileChange,
    ProfileItem, TakesIn,
};
pub use promise::{
    MadeBy, Outcome, Promise, PromiseChange, PromiseDraft, PromiseMove, PromiseNote, PromiseState,
};
pub use record::{AdviceLoop, CheckIn, CheckInDraft, Topic, TopicStatus};
pub use sent::{one_on_ones_with_summary, sent_before_one_on_one};
pub use summary::{ADVICE_SHOWN, AdviceAsk, AwaitingAdvice, FollowUps, WeeklySummary};
pub use week::{Week, WeekError, monday_of};

/// A value that breaks a rule of the domain, with the words to fix it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    #[error("quality must be 1 to 5 (how well it went), not {0}")]
    QualityOutOfRange(i64),
    #[error("{0} must be 1 to 5, not {1}")]
    ScoreOutOfRange(&'static str, i64),
    #[error("minutes must be 1 to 1440, not {0}")]
    MinutesOutOfRange(i64),
    #[error("cadence must be 1 to 365 days, not {0}")]
    CadenceOutOfRange(i64),
    #[error("a {0} is a reflection, not a meeting: it takes no quality")]
    QualityOnNote(String),
    #[error("a {0} is a work-log entry, not a meeting: it takes no quality")]
    QualityOnWork(String),
    #[error("tag `{0}` is not valid: a tag is 1 to 60 characters with no spaces")]
    BadTag(String),
    #[error("`{0}` is not a category: use formal, informal, ask, update, feedback, note or work")]
    UnknownCategory(String),
    #[error("`{0}` is not a valid kind name: use 1 to 40 lowercase letters, digits or _")]
    BadKindName(String),
    #[error("`{0}` is not who started it: use me or them")]
    UnknownInitiator(String),
    #[error("{0} cannot be empty")]
    Empty(&'static str),
    #[error("`{word}` is not a {what}: use {known}")]
    UnknownWord {
        what: &'static str,
        word: String,
        known: &'static str,
    },
    #[error("the {what} {day} is before the day it was made ({made_on}): use {made_on} or later")]
    BeforeMade {
        what: &'static str,
        day: chrono::NaiveDate,
        made_on: chrono::NaiveDate,
    },
    #[error("{facet} is not part of {whose} profile")]
    FacetNotHere {
        facet: &'static str,
        whose: &'static str,
    },
}
