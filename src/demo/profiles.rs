//! The demo's profiles and expectations: what you know of Dana and of
//! yourself, dated across the year, and a few expectations between you in
//! each state — so a newcomer sees the feature filled in.

use chrono::{DateTime, Days, NaiveDate, Utc};

use crate::domain::{ExpectationDraft, ExpectationState, Facet, HeldBy, ProfileChange};
use crate::store::{Store, StoreError};

fn texts(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// Fills Dana's profile and yours, and four expectations.
pub fn write_profiles(
    store: &mut Store,
    dana: i64,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let days_ago = |n: u64| today - Days::new(n);
    // The one agreed expectation was confirmed over 90 days ago, so the
    // coach suggests asking again how you are doing.
    // Last quarter's goals, then this quarter's: the old ones become history.
    let earlier = ProfileChange::default().list(
        Facet::Goal,
        texts(&["Finish the platform migration", "Cut cloud costs by 15%"]),
    );
    store
        .profiles_mut()
        .change_profile(Some(dana), &earlier, days_ago(130))?;
    let theirs = ProfileChange::default()
        .list(
            Facet::Goal,
            texts(&[
                "Ship the pricing migration by the end of Q1",
                "Hire two senior engineers",
                "Cut cloud costs by 15%",
            ]),
        )
        .list(
            Facet::Pressure,
            texts(&[
                "Her VP wants the cost cuts shown in the board deck",
                "Finance questions every new headcount",
            ]),
        )
        .list(
            Facet::BlindSpot,
            texts(&["Underestimates on-call load", "Decides late on staffing"]),
        )
        .value(Facet::TakesIn, Some("reader".into()))
        .value(Facet::Focus, Some("big_picture".into()))
        .value(
            Facet::BadNews,
            Some("Early and in private, with a proposed fix".into()),
        )
        .value(Facet::Channel, Some("Slack DM, mornings before 10".into()))
        .value(
            Facet::Need,
            Some("No surprises in front of her VP; risks flagged a week ahead".into()),
        );
    store
        .profiles_mut()
        .change_profile(Some(dana), &theirs, days_ago(21))?;
    let mine = ProfileChange::default()
        .list(
            Facet::Strength,
            texts(&["Debugging production incidents", "Mentoring new hires"]),
        )
        .list(
            Facet::Weakness,
            texts(&[
                "Finance negotiations and budgets",
                "Saying no to other teams",
            ]),
        )
        .value(Facet::TakesIn, Some("listener".into()))
        .value(Facet::Focus, Some("detail".into()))
        .value(
            Facet::Need,
            Some("To hear how my work measures up, not only when something breaks".into()),
        );
    store
        .profiles_mut()
        .change_profile(None, &mine, days_ago(30))?;

    let expectations = [
        (
            "A written summary before every 1:1",
            HeldBy::Them,
            ExpectationState::Agreed,
            110,
        ),
        (
            "Incidents escalated to her within the hour",
            HeldBy::Them,
            ExpectationState::Assumed,
            45,
        ),
        (
            "Own the hiring loop for the senior roles",
            HeldBy::Them,
            ExpectationState::Unclear,
            20,
        ),
        (
            "A decision on headcount within a week of asking",
            HeldBy::Me,
            ExpectationState::Assumed,
            15,
        ),
    ];
    for (text, held_by, state, age) in expectations {
        let e = store.profiles_mut().add_expectation(
            &ExpectationDraft {
                person_id: dana,
                text: text.into(),
                held_by,
            },
            days_ago(age),
            now,
        )?;
        if state != ExpectationState::Assumed {
            store
                .profiles_mut()
                .set_expectation_state(e.id, state, days_ago(age - 5), now)?;
        }
    }
    Ok(())
}
