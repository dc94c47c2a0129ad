//! `Signals`: one plain snapshot of a person's journal on one day, computed
//! by a pure function from facts the journal layer gathers.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::promises::{PromiseAbout, promise_signals};
use crate::domain::monday_of;
use crate::domain::profile::{covering_strength, most_relevant};
use crate::domain::{
    Category, CheckIn, Expectation, ExpectationState, Facet, HeldBy, Person, Profile, Promise,
    Relation, TakesIn,
};
use crate::insights::{DayFact, LastSeen};

/// The measures a rule can look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignalName {
    DaysSinceInformal,
    DaysSinceOneOnOne,
    DaysSinceAdvice,
    DaysSinceFeedback,
    DaysSinceCheckIn,
    /// Days past the 1:1 cadence since the last 1:1.
    OneOnOneOverdueDays,
    /// Days to the next 1:1, while this week's summary is not sent.
    DaysToOneOnOneWithoutSummary,
    StrengthsRecorded,
    OldestOpenAdviceDays,
    LastClarity,
    LastTrust,
    /// The last trust score minus the average of the few before it.
    TrustChange,
    /// Average 1:1 quality over the last four weeks minus the four before.
    QualityTrend,
    /// Interactions (notes aside) in the last 30 days.
    #[serde(rename = "interactions_last_30_days")]
    InteractionsLast30Days,
    /// Of informal time in the last 90 days, the share they started.
    ShareInformalStartedByThem,
    /// Of informal time in the last 90 days, the share I started.
    ShareInformalStartedByMe,
    /// The most 1:1s an open topic has been carried over.
    MostCarriedTopic,
    /// Quality rising with trust holding: the quality trend, then.
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
    /// Days to the next 1:1 of a reader, while this week's summary is not sent.
    DaysToOneOnOneForAReader,
    /// Days to the next 1:1 of a listener, while this week's summary is not sent.
    DaysToOneOnOneForAListener,
    /// Open topics, when the next 1:1 is at most three days away.
    OpenTopicsBeforeOneOnOne,
    /// Days until the soonest due promise of mine still to keep (0: today).
    MyPromiseDueInDays,
    /// Days past its due day of my longest-overdue promise still to keep.
    MyPromiseOverdueDays,
    /// Days past its due day of their longest-overdue promise.
    TheirPromiseOverdueDays,
    /// Promises of mine moved to a new day in the last 90 days.
    MyPromisesMoved,
}

/// A measured value and the day of the fact it rests on (the last informal
/// contact, the last check-in…), which tells one occurrence from the next.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Signal {
    pub value: f64,
    pub anchor: Option<NaiveDate>,
}

/// What the journal layer gathers for one person and day; `Signals::compute` does
/// the rest.
#[derive(Debug, Clone)]
pub struct CoachFacts {
    pub today: NaiveDate,
    pub person: Person,
    pub last_seen: LastSeen,
    /// The person's first entry: a new journal is not nagged about gaps
    /// older than itself.
    pub earliest: Option<NaiveDate>,
    /// Per day and category, from 90 days back or the oldest open topic.
    pub recent: Vec<DayFact>,
    /// The last few check-ins, oldest first.
    pub check_ins: Vec<CheckIn>,
    /// Open advice asks: question and the day asked.
    pub open_advice: Vec<(String, NaiveDate)>,
    /// Open topics: text and the day added.
    pub open_topics: Vec<(String, NaiveDate)>,
    /// What you know of them.
    pub profile: Profile,
    /// What you know of yourself.
    pub my_profile: Profile,
    /// The live expectations between you.
    pub expectations: Vec<Expectation>,
    /// Promises with them, mine and theirs: the open ones, and the closed
    /// ones whose moves count toward a pattern.
    pub promises: Vec<Promise>,
}

/// The snapshot rules are evaluated against, with the words messages need.
#[derive(Debug, Clone, PartialEq)]
pub struct Signals {
    pub today: NaiveDate,
    /// Who they are to you: decides which rules apply.
    pub relation: Relation,
    /// Archived people are never coached.
    pub archived: bool,
    pub manager: String,
    pub strengths: Vec<String>,
    pub next_one_on_one: Option<NaiveDate>,
    pub carried_topic: Option<String>,
    pub oldest_advice: Option<String>,
    /// Their strength that covers a weakness of yours, and that weakness.
    pub covering: Option<(String, String)>,
    /// Their first current goal.
    pub goal: Option<String>,
    /// The open topics that matter most to them (their goals, pressures).
    pub top_topics: Vec<String>,
    /// The promise each promise signal is about.
    pub promises: BTreeMap<SignalName, PromiseAbout>,
    values: BTreeMap<SignalName, Signal>,
}

impl Signals {
    pub fn get(&self, name: SignalName) -> Option<Signal> {
        self.values.get(&name).copied()
    }

    /// Every value present, for `rapport next --json` and tests.
    pub fn values(&self) -> &BTreeMap<SignalName, Signal> {
        &self.values
    }

    pub fn compute(facts: &CoachFacts) -> Signals {
        let today = facts.today;
        let mut values = BTreeMap::new();
        let mut put = |name: SignalName, value: Option<f64>, anchor: Option<NaiveDate>| {
            if let Some(value) = value {
                values.insert(name, Signal { value, anchor });
            }
        };
        let days = |from: NaiveDate| today.signed_duration_since(from).num_days() as f64;
        // Days since the last of a sort, or since the journal began when there
        // has never been one: a gap counts from when rapport could know of it.
        let since = |last: Option<NaiveDate>| last.or(facts.earliest).map(days);
        let l = facts.last_seen;
        put(SignalName::DaysSinceInformal, since(l.informal), l.informal);
        put(
            SignalName::DaysSinceOneOnOne,
            since(l.one_on_one),
            l.one_on_one,
        );
        put(SignalName::DaysSinceAdvice, since(l.ask), l.ask);
        put(SignalName::DaysSinceFeedback, since(l.feedback), l.feedback);
        let last_check_in = facts.check_ins.last();
        put(
            SignalName::DaysSinceCheckIn,
            since(last_check_in.map(|c| c.checked_on)),
            last_check_in.map(|c| c.checked_on),
        );
        let cadence = facts.person.cadence_days;
        let next = next_one_on_one(&facts.person, l.one_on_one, facts.earliest, today);
        if let (Some(cadence), Some(gap)) = (cadence, since(l.one_on_one)) {
            let planned_ahead = facts.person.next_one_on_one.is_some_and(|d| d >= today);
            if !planned_ahead {
                put(
                    SignalName::OneOnOneOverdueDays,
                    Some(gap - f64::from(cadence)),
                    l.one_on_one,
                );
            }
        }
        let summary_sent = l.summary.is_some_and(|s| s >= monday_of(today));
        if let Some(next) = next.filter(|_| !summary_sent) {
            // How they take things in decides which summary step is suggested.
            let name = match facts.profile.takes_in() {
                None => SignalName::DaysToOneOnOneWithoutSummary,
                Some(TakesIn::Reader) => SignalName::DaysToOneOnOneForAReader,
                Some(TakesIn::Listener) => SignalName::DaysToOneOnOneForAListener,
            };
            put(name, Some((-days(next)).max(0.0)), Some(monday_of(today)));
        }
        if let Some(next) = next.filter(|n| days(*n) >= -3.0) {
            put(
                SignalName::OpenTopicsBeforeOneOnOne,
                Some(facts.open_topics.len() as f64),
                Some(next),
            );
        }
        let goals_on = facts.profile.goals_confirmed_on();
        put(
            SignalName::GoalsRecorded,
            Some(facts.profile.list(Facet::Goal).count() as f64),
            None,
        );
        put(
            SignalName::DaysSinceGoalsConfirmed,
            goals_on.map(days),
            goals_on,
        );
        let theirs = facts
            .expectations
            .iter()
            .filter(|e| e.held_by == HeldBy::Them && e.dropped_on.is_none());
        let agreed = theirs
            .clone()
            .filter(|e| e.state == ExpectationState::Agreed)
            .count();
        let last_confirmed = theirs.filter_map(|e| e.confirmed_on).max();
        put(
            SignalName::ExpectationsAgreed,
            Some(agreed as f64),
            last_confirmed,
        );
        put(
            SignalName::DaysSinceExpectationsConfirmed,
            last_confirmed.map(days),
            last_confirmed,
        );
        let covering = covering_strength(
            &facts.person.strengths,
            &facts.my_profile.texts(Facet::Weakness),
        );
        if covering.is_some() {
            put(
                SignalName::DaysSinceAdviceWhereTheyCoverYou,
                since(l.ask),
                l.ask,
            );
        }
        put(
            SignalName::StrengthsRecorded,
            Some(facts.person.strengths.len() as f64),
            None,
        );
        let oldest_advice = facts.open_advice.iter().min_by_key(|(_, d)| *d);
        put(
            SignalName::OldestOpenAdviceDays,
            oldest_advice.map(|(_, d)| days(*d)),
            oldest_advice.map(|(_, d)| *d),
        );
        // A check-in older than a month says little about now.
        if let Some(last) = last_check_in.filter(|c| days(c.checked_on) <= 30.0) {
            put(
                SignalName::LastClarity,
                Some(f64::from(last.clarity)),
                Some(last.checked_on),
            );
            put(
                SignalName::LastTrust,
                Some(f64::from(last.trust)),
                Some(last.checked_on),
            );
        }
        let trust_change = trust_change(&facts.check_ins);
        put(
            SignalName::TrustChange,
            trust_change,
            last_check_in.map(|c| c.checked_on),
        );
        let quality_trend = quality_trend(&facts.recent, today);
        put(SignalName::QualityTrend, quality_trend, None);
        let journal_is_a_month_old = facts.earliest.is_some_and(|e| days(e) >= 30.0);
        if journal_is_a_month_old {
            let month_ago = today.checked_sub_days(Days::new(30)).unwrap_or(today);
            let count: u32 = facts
                .recent
                .iter()
                .filter(|f| f.day > month_ago && f.category != Category::Note)
                .map(|f| f.count)
                .sum();
            put(
                SignalName::InteractionsLast30Days,
                Some(f64::from(count)),
                None,
            );
        }
        let quarter_ago = today.checked_sub_days(Days::new(90)).unwrap_or(today);
        let (informal, by_me) = facts
            .recent
            .iter()
            .filter(|f| f.day > quarter_ago && f.category == Category::Informal)
            .fold((0u32, 0u32), |(n, me), f| (n + f.count, me + f.by_me));
        if informal >= 4 {
            let share_me = f64::from(by_me) / f64::from(informal);
            put(SignalName::ShareInformalStartedByMe, Some(share_me), None);
            put(
                SignalName::ShareInformalStartedByThem,
                Some(1.0 - share_me),
                None,
            );
        }
        let carried = facts
            .open_topics
            .iter()
            .map(|(text, added)| {
                let meetings: u32 = facts
                    .recent
                    .iter()
                    .filter(|f| f.category == Category::Formal && f.day > *added && f.day <= today)
                    .map(|f| f.count)
                    .sum();
                (meetings, text, *added)
            })
            .max_by_key(|(meetings, _, added)| (*meetings, std::cmp::Reverse(*added)));
        put(
            SignalName::MostCarriedTopic,
            carried.map(|(m, _, _)| f64::from(m)),
            carried.map(|(_, _, added)| added),
        );
        let momentum = quality_trend.filter(|q| *q >= 0.0 && trust_change.is_none_or(|t| t >= 0.0));
        put(SignalName::Momentum, momentum, None);
        let topics: Vec<String> = facts.open_topics.iter().map(|(t, _)| t.clone()).collect();
        let mut cares = facts.profile.texts(Facet::Goal);
        cares.extend(facts.profile.texts(Facet::Pressure));
        let top_topics = most_relevant(&topics, &cares, 3)
            .into_iter()
            .cloned()
            .collect();
        let mut promises = BTreeMap::new();
        for (name, signal, about) in promise_signals(&facts.promises, today) {
            values.insert(name, signal);
            if let Some(about) = about {
                promises.insert(name, about);
            }
        }
        Signals {
            promises,
            today,
            relation: facts.person.relation,
            archived: facts.person.archived,
            covering,
            goal: facts.profile.value(Facet::Goal).map(str::to_string),
            top_topics,
            manager: facts.person.name.clone(),
            strengths: facts.person.strengths.clone(),
            next_one_on_one: next,
            carried_topic: carried.map(|(_, text, _)| text.clone()),
            oldest_advice: oldest_advice.map(|(q, _)| q.clone()),
            values,
        }
    }
}

/// The next 1:1: the date the user set, while it is still ahead of the last
/// 1:1; otherwise the last 1:1 plus the cadence (from the journal's start
/// when there has been none).
pub fn next_one_on_one(
    person: &Person,
    last: Option<NaiveDate>,
    earliest: Option<NaiveDate>,
    today: NaiveDate,
) -> Option<NaiveDate> {
    if let Some(set) = person.next_one_on_one
        && last.is_none_or(|l| set > l)
    {
        return Some(set);
    }
    let cadence = u64::from(person.cadence_days?);
    let from = last.or(earliest).unwrap_or(today);
    from.checked_add_days(Days::new(cadence))
}

fn trust_change(check_ins: &[CheckIn]) -> Option<f64> {
    let (last, before) = check_ins.split_last()?;
    let before: Vec<f64> = before
        .iter()
        .rev()
        .take(3)
        .map(|c| f64::from(c.trust))
        .collect();
    if before.is_empty() {
        return None;
    }
    Some(f64::from(last.trust) - before.iter().sum::<f64>() / before.len() as f64)
}

fn quality_trend(recent: &[DayFact], today: NaiveDate) -> Option<f64> {
    let average = |from: u64, to: u64| {
        let start = today.checked_sub_days(Days::new(to))?;
        let end = today.checked_sub_days(Days::new(from))?;
        let (sum, count) = recent
            .iter()
            .filter(|f| f.category == Category::Formal && f.day > start && f.day <= end)
            .fold((0u32, 0u32), |(s, n), f| {
                (s + f.quality_sum, n + f.quality_count)
            });
        (count >= 2).then(|| f64::from(sum) / f64::from(count))
    };
    Some(average(0, 28)? - average(28, 56)?)
}
