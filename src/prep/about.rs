//! "About them" for the Prep screen: what to keep in mind of the manager in
//! the next 1:1 — their goals, pressures and work style, and the
//! expectations worth confirming together.

use chrono::NaiveDate;

use crate::domain::profile::STALE_DAYS;
use crate::domain::{Expectation, Facet, Profile};

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct AboutThem {
    pub goals: Vec<String>,
    /// None written down, or none confirmed in [`STALE_DAYS`]: worth asking.
    pub goals_stale: bool,
    pub pressures: Vec<String>,
    /// `reader · big picture`.
    pub style: Option<String>,
    pub bad_news: Option<String>,
    pub channel: Option<String>,
    /// What they need from you.
    pub needs: Option<String>,
    /// Expectations not agreed, or agreed long ago: theirs first.
    pub to_confirm: Vec<Expectation>,
}

impl AboutThem {
    pub fn build(profile: &Profile, expectations: &[Expectation], today: NaiveDate) -> AboutThem {
        let goals_stale = profile
            .goals_confirmed_on()
            .is_none_or(|d| today.signed_duration_since(d).num_days() > STALE_DAYS);
        let owned = |facet| profile.value(facet).map(str::to_string);
        AboutThem {
            goals: profile.texts(Facet::Goal),
            goals_stale,
            pressures: profile.texts(Facet::Pressure),
            style: profile.style_words(),
            bad_news: owned(Facet::BadNews),
            channel: owned(Facet::Channel),
            needs: owned(Facet::Need),
            to_confirm: expectations
                .iter()
                .filter(|e| e.dropped_on.is_none() && e.to_confirm(today))
                .cloned()
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ExpectationState, HeldBy, ProfileItem};

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).expect("day")
    }

    #[test]
    fn about_them_lists_the_expectations_to_confirm_and_flags_old_goals() {
        let goal = ProfileItem {
            id: 1,
            facet: Facet::Goal,
            text: "Ship pricing".into(),
            noted_on: day(1),
            confirmed_on: day(1),
            retired_on: None,
        };
        let profile = Profile {
            person_id: Some(1),
            items: vec![goal],
        };
        let expectation = |id, state| Expectation {
            id,
            person_id: 1,
            text: format!("e{id}"),
            held_by: HeldBy::Them,
            state,
            added_on: day(1),
            confirmed_on: Some(day(2)),
            dropped_on: None,
        };
        let list = [
            expectation(1, ExpectationState::Agreed),
            expectation(2, ExpectationState::Assumed),
        ];
        let about = AboutThem::build(&profile, &list, day(24));
        assert_eq!(about.goals, ["Ship pricing"]);
        assert!(!about.goals_stale);
        assert_eq!(
            about.to_confirm.iter().map(|e| e.id).collect::<Vec<_>>(),
            [2]
        );
        let later = day(1) + chrono::Days::new(91);
        assert!(AboutThem::build(&profile, &list, later).goals_stale);
        assert!(AboutThem::build(&Profile::default(), &[], day(24)).goals_stale);
    }
}
