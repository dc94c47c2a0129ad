//! Know them, know yourself: the profile of each person and of yourself,
//! item by item and dated, the expectations made explicit between you, and
//! the word matching that pairs their strengths with your weaknesses.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::Serialize;

use super::DomainError;

/// One part of a profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Facet {
    /// Their current goals and objectives.
    Goal,
    /// What presses on them: their own manager, peers, the business.
    Pressure,
    /// Their weaknesses and blind spots: private notes.
    BlindSpot,
    /// Your strengths (theirs are the person's `strengths`).
    Strength,
    /// Your weaknesses.
    Weakness,
    /// What they need from you, or what you need from them.
    Need,
    /// Reader (written before a meeting) or listener (talked through).
    TakesIn,
    /// Detail or big picture.
    Focus,
    /// How they like to hear bad news.
    BadNews,
    /// Their best channel and time.
    Channel,
}

impl Facet {
    pub const ALL: [Facet; 10] = [
        Facet::Goal,
        Facet::Pressure,
        Facet::BlindSpot,
        Facet::Strength,
        Facet::Weakness,
        Facet::Need,
        Facet::TakesIn,
        Facet::Focus,
        Facet::BadNews,
        Facet::Channel,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Facet::Goal => "goal",
            Facet::Pressure => "pressure",
            Facet::BlindSpot => "blind_spot",
            Facet::Strength => "strength",
            Facet::Weakness => "weakness",
            Facet::Need => "need",
            Facet::TakesIn => "takes_in",
            Facet::Focus => "focus",
            Facet::BadNews => "bad_news",
            Facet::Channel => "channel",
        }
    }

    /// A list holds many live items; the other facets one at a time.
    pub fn is_list(self) -> bool {
        matches!(
            self,
            Facet::Goal | Facet::Pressure | Facet::BlindSpot | Facet::Strength | Facet::Weakness
        )
    }

    /// Whether the facet belongs on their profile (`true`) or yours.
    pub fn applies_to_them(self) -> bool {
        !matches!(self, Facet::Strength | Facet::Weakness)
    }

    pub fn applies_to_me(self) -> bool {
        matches!(
            self,
            Facet::Strength | Facet::Weakness | Facet::Need | Facet::TakesIn | Facet::Focus
        )
    }
}

impl fmt::Display for Facet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Facet {
    type Err = DomainError;

    fn from_str(s: &str) -> Result<Facet, DomainError> {
        Facet::ALL
            .into_iter()
            .find(|f| f.as_str() == s.trim())
            .ok_or_else(|| DomainError::UnknownWord {
                what: "profile facet",
                word: s.to_string(),
                known: "goal, pressure, blind_spot, strength, weakness, need, takes_in, focus, bad_news, channel",
            })
    }
}

/// How someone takes in what you bring them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TakesIn {
    /// Wants it written, before the meeting.
    Reader,
    /// Wants it talked through.
    Listener,
}

impl TakesIn {
    pub fn as_str(self) -> &'static str {
        match self {
            TakesIn::Reader => "reader",
            TakesIn::Listener => "listener",
        }
    }
}

impl FromStr for TakesIn {
    type Err = DomainError;

    fn from_str(s: &str) -> Result<TakesIn, DomainError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "reader" => Ok(TakesIn::Reader),
            "listener" => Ok(TakesIn::Listener),
            _ => Err(DomainError::UnknownWord {
                what: "work style",
                word: s.to_string(),
                known: "reader, listener",
            }),
        }
    }
}

/// Detail or big picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Focus {
    Detail,
    BigPicture,
}

impl Focus {
    pub fn as_str(self) -> &'static str {
        match self {
            Focus::Detail => "detail",
            Focus::BigPicture => "big_picture",
        }
    }

    pub fn words(self) -> &'static str {
        match self {
            Focus::Detail => "detail",
            Focus::BigPicture => "big picture",
        }
    }
}

impl FromStr for Focus {
    type Err = DomainError;

    fn from_str(s: &str) -> Result<Focus, DomainError> {
        match s
            .trim()
            .to_ascii_lowercase()
            .replace([' ', '-'], "_")
            .as_str()
        {
            "detail" => Ok(Focus::Detail),
            "big_picture" => Ok(Focus::BigPicture),
            _ => Err(DomainError::UnknownWord {
                what: "focus",
                word: s.to_string(),
                known: "detail, big_picture",
            }),
        }
    }
}

/// One live item of a profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProfileItem {
    pub id: i64,
    pub facet: Facet,
    pub text: String,
    pub noted_on: NaiveDate,
    /// The last day it was said to still hold.
    pub confirmed_on: NaiveDate,
    /// Set on an item of the history: replaced or removed that day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retired_on: Option<NaiveDate>,
}

/// What you know of one person, or of yourself (`person_id` none).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Profile {
    pub person_id: Option<i64>,
    /// The live items, by facet then in the order written.
    pub items: Vec<ProfileItem>,
}

impl Profile {
    pub fn list(&self, facet: Facet) -> impl Iterator<Item = &ProfileItem> {
        self.items.iter().filter(move |i| i.facet == facet)
    }

    pub fn texts(&self, facet: Facet) -> Vec<String> {
        self.list(facet).map(|i| i.text.clone()).collect()
    }

    pub fn value(&self, facet: Facet) -> Option<&str> {
        self.list(facet).next().map(|i| i.text.as_str())
    }

    pub fn takes_in(&self) -> Option<TakesIn> {
        self.value(Facet::TakesIn).and_then(|v| v.parse().ok())
    }

    pub fn focus(&self) -> Option<Focus> {
        self.value(Facet::Focus).and_then(|v| v.parse().ok())
    }

    /// The last day their goals were written or confirmed.
    pub fn goals_confirmed_on(&self) -> Option<NaiveDate> {
        self.list(Facet::Goal).map(|i| i.confirmed_on).max()
    }

    /// The work style in a few words: "reader · big picture".
    pub fn style_words(&self) -> Option<String> {
        let parts: Vec<&str> = [
            self.takes_in().map(TakesIn::as_str),
            self.focus().map(Focus::words),
        ]
        .into_iter()
        .flatten()
        .collect();
        (!parts.is_empty()).then(|| parts.join(" · "))
    }
}

/// Changes to a profile; `None` leaves a facet as it is. A list replaces the
/// live items: the ones given again are confirmed today, the others retired.
/// A value of `Some("")` clears it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProfileChange {
    pub lists: Vec<(Facet, Vec<String>)>,
    pub values: Vec<(Facet, String)>,
}

impl ProfileChange {
    pub fn is_empty(&self) -> bool {
        self.lists.is_empty() && self.values.is_empty()
    }

    pub fn list(mut self, facet: Facet, items: Vec<String>) -> ProfileChange {
        if !items.is_empty() {
            self.lists.push((facet, items));
        }
        self
    }

    pub fn value(mut self, facet: Facet, value: Option<String>) -> ProfileChange {
        if let Some(v) = value {
            self.values.push((facet, v));
        }
        self
    }

    /// Refuses a facet that does not belong on this profile.
    pub fn validate(&self, of_them: bool) -> Result<(), DomainError> {
        for facet in self
            .lists
            .iter()
            .map(|(f, _)| *f)
            .chain(self.values.iter().map(|(f, _)| *f))
        {
            let fits = if of_them {
                facet.applies_to_them()
            } else {
                facet.applies_to_me()
            };
            if !fits {
                return Err(DomainError::FacetNotHere {
                    facet: facet.as_str(),
                    whose: if of_them { "their" } else { "your" },
                });
            }
        }
        for (facet, value) in &self.values {
            match facet {
                Facet::TakesIn if !value.trim().is_empty() => {
                    value.parse::<TakesIn>()?;
                }
                Facet::Focus if !value.trim().is_empty() => {
                    value.parse::<Focus>()?;
                }
                _ => {}
            }
        }
        Ok(())
    }
}

/// Who holds an expectation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HeldBy {
    /// Theirs of you.
    Them,
    /// Yours of them.
    Me,
}

impl HeldBy {
    pub fn as_str(self) -> &'static str {
        match self {
            HeldBy::Them => "them",
            HeldBy::Me => "me",
        }
    }
}

impl FromStr for HeldBy {
    type Err = DomainError;

    fn from_str(s: &str) -> Result<HeldBy, DomainError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "them" => Ok(HeldBy::Them),
            "me" => Ok(HeldBy::Me),
            _ => Err(DomainError::UnknownWord {
                what: "holder",
                word: s.to_string(),
                known: "them (theirs of you), me (yours of them)",
            }),
        }
    }
}

/// Where an expectation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExpectationState {
    /// A guess, never said out loud.
    Assumed,
    /// Agreed together.
    Agreed,
    /// Talked about, still not clear.
    Unclear,
}

impl ExpectationState {
    pub fn as_str(self) -> &'static str {
        match self {
            ExpectationState::Assumed => "assumed",
            ExpectationState::Agreed => "agreed",
            ExpectationState::Unclear => "unclear",
        }
    }
}

impl FromStr for ExpectationState {
    type Err = DomainError;

    fn from_str(s: &str) -> Result<ExpectationState, DomainError> {
        match s.trim() {
            "assumed" => Ok(ExpectationState::Assumed),
            "agreed" => Ok(ExpectationState::Agreed),
            "unclear" => Ok(ExpectationState::Unclear),
            _ => Err(DomainError::UnknownWord {
                what: "expectation state",
                word: s.to_string(),
                known: "assumed, agreed, unclear",
            }),
        }
    }
}

/// An expectation not yet saved; it starts assumed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpectationDraft {
    pub person_id: i64,
    pub text: String,
    pub held_by: HeldBy,
}

impl ExpectationDraft {
    pub fn validate(&mut self) -> Result<(), DomainError> {
        self.text = self.text.trim().to_string();
        if self.text.is_empty() {
            return Err(DomainError::Empty("an expectation's text"));
        }
        Ok(())
    }
}

/// A saved expectation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Expectation {
    pub id: i64,
    pub person_id: i64,
    pub text: String,
    pub held_by: HeldBy,
    pub state: ExpectationState,
    pub added_on: NaiveDate,
    /// When it was last confirmed with the other person.
    pub confirmed_on: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dropped_on: Option<NaiveDate>,
}

impl Expectation {
    /// Worth raising in the next 1:1: not agreed, or agreed long ago.
    pub fn to_confirm(&self, today: NaiveDate) -> bool {
        self.state != ExpectationState::Agreed
            || self
                .confirmed_on
                .is_none_or(|d| today.signed_duration_since(d).num_days() > STALE_DAYS)
    }
}

/// After this many days a goal or an agreement is worth asking about again.
pub const STALE_DAYS: i64 = 90;

const STOP_WORDS: [&str; 16] = [
    "with", "about", "that", "this", "from", "into", "their", "your", "what", "when", "where",
    "which", "being", "have", "more", "less",
];

/// The words of `text` that carry meaning, cut to a stem so "negotiating"
/// meets "negotiation" and "finance" meets "financial".
fn stems(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() >= 4 && !STOP_WORDS.contains(&w.as_str()))
        .map(|w| w.chars().take(6).collect())
        .collect()
}

/// How many meaningful words two texts share.
pub fn overlap(a: &str, b: &str) -> usize {
    let b = stems(b);
    let mut a = stems(a);
    a.dedup();
    a.iter().filter(|w| b.contains(w)).count()
}

/// Their strength that best covers one of your weaknesses, with that
/// weakness: the pair sharing the most words; the first such pair on a tie.
pub fn covering_strength(strengths: &[String], weaknesses: &[String]) -> Option<(String, String)> {
    let mut best: Option<(usize, &String, &String)> = None;
    for s in strengths {
        for w in weaknesses {
            let score = overlap(s, w);
            if score > 0 && best.is_none_or(|(b, _, _)| score > b) {
                best = Some((score, s, w));
            }
        }
    }
    best.map(|(_, s, w)| (s.clone(), w.clone()))
}

/// The `n` texts that matter most to someone with these goals and
/// pressures: most shared words first, then in the order given.
pub fn most_relevant<'a>(texts: &'a [String], cares: &[String], n: usize) -> Vec<&'a String> {
    let mut scored: Vec<(usize, usize, &String)> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| (cares.iter().map(|c| overlap(t, c)).sum(), i, t))
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().take(n).map(|(_, _, t)| t).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_strength_covering_a_weakness_is_found_by_shared_words() {
        let theirs = strings(&["public speaking", "negotiating with finance"]);
        let mine = strings(&["estimating", "finance negotiations"]);
        assert_eq!(
            covering_strength(&theirs, &mine),
            Some((
                "negotiating with finance".to_string(),
                "finance negotiations".to_string()
            ))
        );
    }

    #[test]
    fn short_and_common_words_do_not_make_a_pair() {
        let theirs = strings(&["talking with the board"]);
        let mine = strings(&["working with the team"]);
        assert_eq!(covering_strength(&theirs, &mine), None);
    }

    #[test]
    fn the_topics_closest_to_their_goals_come_first() {
        let topics = strings(&["Office move", "Hiring plan", "Pricing migration risks"]);
        let goals = strings(&["Ship the pricing migration by Q1"]);
        let picked = most_relevant(&topics, &goals, 2);
        assert_eq!(picked, vec!["Pricing migration risks", "Office move"]);
    }

    #[test]
    fn a_facet_of_the_wrong_profile_is_refused() {
        let change = ProfileChange::default().list(Facet::Goal, strings(&["x"]));
        assert!(change.validate(true).is_ok());
        assert!(change.validate(false).is_err());
        let bad_style = ProfileChange::default().value(Facet::TakesIn, Some("skimmer".into()));
        assert!(bad_style.validate(true).is_err());
    }

    #[test]
    fn an_old_or_unagreed_expectation_is_one_to_confirm() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).expect("day");
        let mut e = Expectation {
            id: 1,
            person_id: 1,
            text: "Reply within a day".into(),
            held_by: HeldBy::Them,
            state: ExpectationState::Agreed,
            added_on: today,
            confirmed_on: Some(today - chrono::Days::new(30)),
            dropped_on: None,
        };
        assert!(!e.to_confirm(today));
        e.confirmed_on = Some(today - chrono::Days::new(91));
        assert!(e.to_confirm(today));
        e.confirmed_on = Some(today);
        e.state = ExpectationState::Assumed;
        assert!(e.to_confirm(today));
    }
}
