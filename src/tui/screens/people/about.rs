//! The People screen's profile side: their profile, the expectations
//! between you and your own profile, as rows the keyboard moves through and
//! edits in place; the edits it asks the store for (`ProfileOp`, the one
//! that undoes the last removal among them).

use chrono::NaiveDate;

use crate::domain::profile::STALE_DAYS;
use crate::domain::{
    Expectation, ExpectationDraft, ExpectationState, Facet, HeldBy, Person, Profile,
};

/// A part of the profile side, in the order drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Goals,
    Pressures,
    Strengths,
    BlindSpots,
    TakesIn,
    Focus,
    BadNews,
    Channel,
    Needs,
    Theirs,
    Yours,
    MyStrengths,
    MyWeaknesses,
    MyTakesIn,
    MyFocus,
    MyNeeds,
}

/// Which block a section is drawn in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    Them,
    Expectations,
    Me,
}

impl Section {
    pub const ALL: [Section; 16] = [
        Section::Goals,
        Section::Pressures,
        Section::Strengths,
        Section::BlindSpots,
        Section::TakesIn,
        Section::Focus,
        Section::BadNews,
        Section::Channel,
        Section::Needs,
        Section::Theirs,
        Section::Yours,
        Section::MyStrengths,
        Section::MyWeaknesses,
        Section::MyTakesIn,
        Section::MyFocus,
        Section::MyNeeds,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Section::Goals => "Goals",
            Section::Pressures => "Pressures",
            Section::Strengths => "Strengths",
            Section::BlindSpots => "Blind spots",
            Section::TakesIn | Section::MyTakesIn => "Reader/listener",
            Section::Focus | Section::MyFocus => "Detail/big picture",
            Section::BadNews => "Bad news",
            Section::Channel => "Channel, time",
            Section::Needs => "Needs from you",
            Section::Theirs => "Theirs of you",
            Section::Yours => "Yours of them",
            Section::MyStrengths => "Strengths",
            Section::MyWeaknesses => "Weaknesses",
            Section::MyNeeds => "Need from them",
        }
    }

    pub fn group(self) -> Group {
        match self {
            Section::Theirs | Section::Yours => Group::Expectations,
            Section::MyStrengths
            | Section::MyWeaknesses
            | Section::MyTakesIn
            | Section::MyFocus
            | Section::MyNeeds => Group::Me,
            Section::Goals
            | Section::Pressures
            | Section::Strengths
            | Section::BlindSpots
            | Section::TakesIn
            | Section::Focus
            | Section::BadNews
            | Section::Channel
            | Section::Needs => Group::Them,
        }
    }

    /// The profile facet it edits; their strengths and the expectations
    /// live elsewhere.
    pub fn facet(self) -> Option<Facet> {
        Some(match self {
            Section::Goals => Facet::Goal,
            Section::Pressures => Facet::Pressure,
            Section::BlindSpots => Facet::BlindSpot,
            Section::TakesIn | Section::MyTakesIn => Facet::TakesIn,
            Section::Focus | Section::MyFocus => Facet::Focus,
            Section::BadNews => Facet::BadNews,
            Section::Channel => Facet::Channel,
            Section::Needs | Section::MyNeeds => Facet::Need,
            Section::MyStrengths => Facet::Strength,
            Section::MyWeaknesses => Facet::Weakness,
            Section::Strengths | Section::Theirs | Section::Yours => return None,
        })
    }

    /// What the add/edit form says under its one field.
    pub fn hint(self) -> &'static str {
        match self {
            Section::Goals => "a current goal or objective of theirs",
            Section::Pressures => "what presses on them: their manager, peers, the business",
            Section::Strengths => "something they are better at than you",
            Section::BlindSpots => "a weakness or blind spot (a private note)",
            Section::TakesIn | Section::MyTakesIn => {
                "reader (written, before) or listener (talked through)"
            }
            Section::Focus | Section::MyFocus => "detail or big picture",
            Section::BadNews => "how they like to hear bad news",
            Section::Channel => "best channel and time, e.g. Slack DM, mornings",
            Section::Needs => "what they need from you",
            Section::Theirs => "what they expect of you (starts as assumed)",
            Section::Yours => "what you expect of them (starts as assumed)",
            Section::MyStrengths => "something you are good at",
            Section::MyWeaknesses => "a weak spot where their strengths can help",
            Section::MyNeeds => "what you need from them",
        }
    }
}

/// What a row stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    ProfileItem(i64),
    /// Their strength at this position of the person's list.
    Strength(usize),
    Expectation(i64),
    /// Nothing written yet: `a` adds the first.
    Empty,
}

/// One line of the profile side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub section: Section,
    pub kind: RowKind,
    pub text: String,
    /// A date, a state, "stale".
    pub note: String,
    /// Worth attention: stale, or an expectation not agreed.
    pub flagged: bool,
}

/// Both profiles and the expectations with one person, as loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AboutData {
    pub person_id: i64,
    pub theirs: Profile,
    pub mine: Profile,
    pub expectations: Vec<Expectation>,
}

/// An edit of a profile or an expectation, for the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProfileOp {
    Add {
        person_id: Option<i64>,
        facet: Facet,
        text: String,
    },
    Edit {
        id: i64,
        text: String,
    },
    Retire {
        id: i64,
    },
    Restore {
        id: i64,
    },
    Confirm {
        id: i64,
    },
    /// Their whole list of strengths.
    SetStrengths {
        person_id: i64,
        strengths: Vec<String>,
    },
    AddExpectation(ExpectationDraft),
    EditExpectation {
        id: i64,
        text: String,
    },
    SetState {
        id: i64,
        state: ExpectationState,
    },
    DropExpectation {
        id: i64,
    },
    RestoreExpectation {
        id: i64,
    },
}

fn short(day: NaiveDate) -> String {
    day.format("%-d %b %Y").to_string()
}

/// Every row for `person`, section by section; an empty section gets one
/// `Empty` row so it can be added to.
pub fn rows(data: &AboutData, person: &Person, today: NaiveDate) -> Vec<Row> {
    let mut out = Vec::new();
    for section in Section::ALL {
        let before = out.len();
        let mut push = |kind, text: String, note: String, flagged| {
            out.push(Row {
                section,
                kind,
                text,
                note,
                flagged,
            });
        };
        match section {
            Section::Strengths => {
                for (i, s) in person.strengths.iter().enumerate() {
                    push(RowKind::Strength(i), s.clone(), String::new(), false);
                }
            }
            Section::Theirs | Section::Yours => {
                let holder = if section == Section::Theirs {
                    HeldBy::Them
                } else {
                    HeldBy::Me
                };
                for e in data.expectations.iter().filter(|e| e.held_by == holder) {
                    let note = match (e.state, e.confirmed_on) {
                        (ExpectationState::Agreed, Some(on)) => format!("agreed {}", short(on)),
                        (state, _) => state.as_str().to_string(),
                    };
                    push(
                        RowKind::Expectation(e.id),
                        e.text.clone(),
                        note,
                        e.to_confirm(today),
                    );
                }
            }
            _ => {
                let Some(facet) = section.facet() else {
                    continue;
                };
                let profile = if section.group() == Group::Me {
                    &data.mine
                } else {
                    &data.theirs
                };
                for item in profile.list(facet) {
                    let age = today.signed_duration_since(item.confirmed_on).num_days();
                    let stale = facet == Facet::Goal && age > STALE_DAYS;
                    let text = match facet {
                        Facet::Focus => item.text.replace('_', " "),
                        _ => item.text.clone(),
                    };
                    let note = if facet.is_list() {
                        let when = short(item.confirmed_on);
                        if stale {
                            format!("{when}, stale")
                        } else {
                            when
                        }
                    } else {
                        String::new()
                    };
                    push(RowKind::ProfileItem(item.id), text, note, stale);
                }
            }
        }
        if out.len() == before {
            out.push(Row {
                section,
                kind: RowKind::Empty,
                text: String::new(),
                note: String::new(),
                flagged: matches!(section, Section::Goals | Section::Theirs),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ProfileItem;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).expect("day")
    }

    #[test]
    fn every_section_has_a_row_and_old_goals_are_flagged() {
        let person = Person {
            relation: Default::default(),
            id: 1,
            name: "Dana".into(),
            role: String::new(),
            is_current: true,
            cadence_days: None,
            next_one_on_one: None,
            archived: false,
            strengths: vec!["finance".into()],
            call: String::new(),
        };
        let goal = ProfileItem {
            id: 9,
            facet: Facet::Goal,
            text: "Ship pricing".into(),
            noted_on: day(1),
            confirmed_on: day(1),
            retired_on: None,
        };
        let data = AboutData {
            person_id: 1,
            theirs: Profile {
                person_id: Some(1),
                items: vec![goal],
            },
            mine: Profile::default(),
            expectations: Vec::new(),
        };
        let rows = rows(&data, &person, day(24));
        assert_eq!(rows.len(), Section::ALL.len());
        assert_eq!(rows[0].kind, RowKind::ProfileItem(9));
        assert!(!rows[0].flagged);
        assert_eq!(rows[2].kind, RowKind::Strength(0));
        let later = day(1) + chrono::Days::new(91);
        assert!(super::rows(&data, &person, later)[0].flagged);
    }
}
