//! What a rule can look at: the names of the measures (`SignalName`, as the
//! playbook spells them) and one measured value with the day it rests on.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The measures a rule can look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignalName {
    DaysSinceInformal,
    DaysSinceOneOnOne,
    DaysSinceAdvice,
    DaysSinceFeedback,
    DaysSinceCheckIn,
    /// Days past the day the next 1:1 was due (negative: still ahead).
    OneOnOneOverdueDays,
    /// Days to the next 1:1, while its summary is not sent.
    DaysToOneOnOneWithoutSummary,
    StrengthsRecorded,
    OldestOpenAdviceDays,
    /// Advice asks still waiting for a report-back.
    OpenAdviceAsks,
    LastClarity,
    LastTrust,
    /// The last trust score minus the average of the few before it.
    TrustChange,
    /// The last three rated 1:1s' average minus the three before's.
    QualityTrend,
    /// The last three rated 1:1s' average.
    OneOnOneQualityLevel,
    /// The last three rated 1:1s' average, while no summary went out in
    /// four weeks.
    OneOnOneQualityWithoutSummary,
    /// The last three rated meals, coffees or chats' average.
    InformalQualityLevel,
    /// Interactions (notes aside) in the last 30 days.
    #[serde(rename = "interactions_last_30_days")]
    InteractionsLast30Days,
    /// Meals, coffees and chats in the last 60 days.
    #[serde(rename = "informal_last_60_days")]
    InformalLast60Days,
    /// Advice asks in the last 90 days.
    #[serde(rename = "asks_last_90_days")]
    AsksLast90Days,
    /// Of informal time in the last 90 days, the share they started.
    ShareInformalStartedByThem,
    /// The most 1:1s an open topic has been carried over.
    MostCarriedTopic,
    /// A sustained rise in 1:1 quality with trust holding: the rise.
    Momentum,
    /// Their current goals written down.
    GoalsRecorded,
    /// Days since their goals were last written or confirmed.
    DaysSinceGoalsConfirmed,
    /// Their expectations of you that you have agreed together.
    ExpectationsAgreed,
    /// Days since an expectation of theirs was last confirmed together.
    DaysSinceExpectationsConfirmed,
    /// Days since the last advice ask, while a strength of theirs covers a
    /// weakness of yours.
    DaysSinceAdviceWhereTheyCoverYou,
    /// Days to the next 1:1 of a reader, while its summary is not sent.
    DaysToOneOnOneForAReader,
    /// Days to the next 1:1 of a listener, while its summary is not sent.
    DaysToOneOnOneForAListener,
    /// Open topics, when the next 1:1 is at most three days away.
    OpenTopicsBeforeOneOnOne,
    /// Days since feedback rated 2/5 or less.
    DaysSinceNegativeFeedback,
    /// 1 when a blind spot of theirs is a strength of yours.
    BlindSpotYouCover,
    /// 1 when you know whether they are a reader or a listener.
    TakesInKnown,
    /// Days until the soonest due promise of mine still to keep (0: today).
    MyPromiseDueInDays,
    /// Days past its due day of my longest-overdue promise still to keep.
    MyPromiseOverdueDays,
    /// Days past its due day of their longest-overdue promise.
    TheirPromiseOverdueDays,
    /// Promises of mine moved to a new day in the last 90 days.
    MyPromisesMoved,
    /// Days since the oldest shared `risk` logged after the last 1:1 and the
    /// last summary — bad news they have not heard from you. Absent when the
    /// next 1:1 is today or tomorrow: its summary and the meeting carry it.
    DaysSinceUnraisedRisk,
}

/// A measured value and the day of the fact it rests on (the last informal
/// contact, the last check-in…), which tells one occurrence from the next.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Signal {
    pub value: f64,
    pub anchor: Option<NaiveDate>,
    /// The two numbers a comparison rests on, for the reason: the recent
    /// average and the one before it.
    pub now: Option<f64>,
    pub then: Option<f64>,
    /// The thing counted was never logged: the days count from the
    /// journal's first entry.
    pub never: bool,
}

impl Signal {
    pub fn at(value: f64, anchor: Option<NaiveDate>) -> Signal {
        Signal {
            value,
            anchor,
            ..Signal::default()
        }
    }
}
