//! `Signals`: one plain snapshot of a person's journal on one day, computed
//! by a pure function from facts the journal layer gathers. Nothing dated
//! after that day counts: the coach as of a past day sees that day's journal.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};

use super::promises::{PromiseAbout, promise_signals};
use super::quality::{Ratings, average_of_last};
pub use super::signal::{Signal, SignalName};
use crate::domain::profile::{covering_strength, most_relevant};
use crate::domain::{
    Category, CheckIn, Expectation, ExpectationState, Facet, HeldBy, Person, Profile, Promise,
    Relation, TakesIn,
};
use crate::domain::{DayFact, LastSeen};

/// What the journal layer gathers for one person and day; `Signals::compute`
/// does the rest.
#[derive(Debug, Clone)]
pub struct CoachFacts {
    pub today: NaiveDate,
    pub person: Person,
    /// The last day of each category on or before `today`.
    pub last_seen: LastSeen,
    /// The person's first entry: a new journal is not nagged about gaps
    /// older than itself.
    pub earliest: Option<NaiveDate>,
    /// The day the next 1:1 is (or was) due, as of `today`.
    pub next_one_on_one: Option<NaiveDate>,
    /// Per day and category, from 90 days back or the oldest open topic.
    pub recent: Vec<DayFact>,
    /// The last few check-ins, oldest first.
    pub check_ins: Vec<CheckIn>,
    /// The oldest advice asks open on `today` (at least the oldest one if
    /// any is): question and the day asked.
    pub open_advice: Vec<(String, NaiveDate)>,
    /// How many advice asks were open on `today`.
    pub open_advice_count: usize,
    /// Advice asks reported back on or before `today`.
    pub advice_reported: u32,
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
    /// The oldest shared risk logged after the last 1:1 and the last summary
    /// (on or before `today`): its day and title.
    pub unraised_risk: Option<(NaiveDate, String)>,
}

/// How long a relationship is "new": the first 90 days.
pub const NEW_FOR_DAYS: i64 = 90;

/// Open asks from which asking more is the wrong step.
const ADVICE_BACKLOG: usize = 4;

/// The snapshot rules are evaluated against, with the words messages need.
#[derive(Debug, Clone, PartialEq)]
pub struct Signals {
    pub today: NaiveDate,
    /// Who they are to you: decides which rules apply.
    pub relation: Relation,
    /// Archived people are never coached.
    pub archived: bool,
    /// Days since your first entry with them (0 with none yet).
    pub days_known: i64,
    /// The name to call them by.
    pub manager: String,
    pub strengths: Vec<String>,
    /// The next 1:1, when it is today or ahead.
    pub next_one_on_one: Option<NaiveDate>,
    /// The day the next 1:1 was due, when that day has passed.
    pub overdue_one_on_one: Option<NaiveDate>,
    pub carried_topic: Option<String>,
    pub oldest_advice: Option<String>,
    /// Advice asks reported back so far.
    pub advice_reported: u32,
    /// Their strength that covers a weakness of yours, and that weakness.
    pub covering: Option<(String, String)>,
    /// Their blind spot that a strength of yours covers, and that strength.
    pub blind_spot: Option<(String, String)>,
    /// How they want to hear bad news, if you wrote it down.
    pub bad_news: Option<String>,
    /// The title of the risk they have not heard about yet.
    pub unraised_risk: Option<String>,
    /// Their first current goal.
    pub goal: Option<String>,
    /// The open topics that matter most to them (their goals, pressures).
    pub top_topics: Vec<String>,
    /// Every open topic: what is already on the agenda.
    pub agenda: Vec<String>,
    /// The promise each promise signal is about.
    pub promises: BTreeMap<SignalName, PromiseAbout>,
    values: BTreeMap<SignalName, Signal>,
}

impl Signals {
    pub fn get(&self, name: SignalName) -> Option<Signal> {
        self.values.get(&name).copied()
    }

    /// Every value present, for `rapport next --signals` and tests.
    pub fn values(&self) -> &BTreeMap<SignalName, Signal> {
        &self.values
    }

    /// Whether the rules for a new relationship apply.
    pub fn is_new(&self) -> bool {
        self.days_known < NEW_FOR_DAYS
    }

    pub fn compute(facts: &CoachFacts) -> Signals {
        let today = facts.today;
        // Nothing after the evaluation day counts.
        let recent: Vec<DayFact> = facts
            .recent
            .iter()
            .filter(|f| f.day <= today)
            .cloned()
            .collect();
        let check_ins: Vec<CheckIn> = facts
            .check_ins
            .iter()
            .filter(|c| c.checked_on <= today)
            .cloned()
            .collect();
        let earliest = facts.earliest.filter(|e| *e <= today);
        let open_topics: Vec<&(String, NaiveDate)> = facts
            .open_topics
            .iter()
            .filter(|(_, d)| *d <= today)
            .collect();
        // Read as of `today` by the store: the count, and the oldest first.
        let open_advice_count = facts.open_advice_count;
        let oldest_advice = facts
            .open_advice
            .iter()
            .filter(|(_, d)| *d <= today)
            .min_by_key(|(_, d)| *d);
        let before_today = |d: Option<NaiveDate>| d.filter(|d| *d <= today);
        let l = LastSeen {
            one_on_one: before_today(facts.last_seen.one_on_one),
            informal: before_today(facts.last_seen.informal),
            ask: before_today(facts.last_seen.ask),
            summary: before_today(facts.last_seen.summary),
            feedback: before_today(facts.last_seen.feedback),
        };

        let mut values = BTreeMap::new();
        let mut put = |name: SignalName, signal: Option<Signal>| {
            if let Some(signal) = signal {
                values.insert(name, signal);
            }
        };
        let days = |from: NaiveDate| today.signed_duration_since(from).num_days() as f64;
        // Days since the last of a sort, or since the journal began when there
        // has never been one: a gap counts from when rapport could know of it.
        let since = |last: Option<NaiveDate>| match last {
            Some(day) => Some(Signal::at(days(day), Some(day))),
            None => earliest.map(|e| Signal {
                never: true,
                ..Signal::at(days(e), None)
            }),
        };
        let in_last = |n: u64, category: Category| -> u32 {
            let start = today.checked_sub_days(Days::new(n)).unwrap_or(today);
            recent
                .iter()
                .filter(|f| f.day > start && f.category == category)
                .map(|f| f.count)
                .sum()
        };
        put(SignalName::DaysSinceInformal, since(l.informal));
        put(SignalName::DaysSinceOneOnOne, since(l.one_on_one));
        put(SignalName::DaysSinceFeedback, since(l.feedback));
        let last_check_in = check_ins.last();
        put(
            SignalName::DaysSinceCheckIn,
            since(last_check_in.map(|c| c.checked_on)),
        );

        // The next 1:1: ahead (prepare for it), or past its day (reschedule
        // it) — one state or the other, never both.
        let due = facts.next_one_on_one;
        // With no 1:1 ever logged, the due day comes from the journal's
        // start: there is no "last 1:1" to speak of.
        put(
            SignalName::OneOnOneOverdueDays,
            due.map(|d| Signal {
                never: l.one_on_one.is_none(),
                ..Signal::at(days(d), Some(d))
            }),
        );
        let next = due.filter(|d| *d >= today);
        let overdue = due.filter(|d| *d < today);
        if let Some(next) = next.filter(|_| !summary_sent_before(l.summary, l.one_on_one)) {
            // How they take things in decides which summary step is suggested.
            let name = match facts.profile.takes_in() {
                None => SignalName::DaysToOneOnOneWithoutSummary,
                Some(TakesIn::Reader) => SignalName::DaysToOneOnOneForAReader,
                Some(TakesIn::Listener) => SignalName::DaysToOneOnOneForAListener,
            };
            put(name, Some(Signal::at(-days(next), Some(next))));
        }
        if let Some(next) = next.filter(|n| days(*n) >= -3.0) {
            put(
                SignalName::OpenTopicsBeforeOneOnOne,
                Some(Signal::at(open_topics.len() as f64, Some(next))),
            );
        }

        let goals_on = facts.profile.goals_confirmed_on().filter(|d| *d <= today);
        put(
            SignalName::GoalsRecorded,
            Some(Signal::at(
                facts.profile.list(Facet::Goal).count() as f64,
                None,
            )),
        );
        put(
            SignalName::DaysSinceGoalsConfirmed,
            goals_on.map(|d| Signal::at(days(d), Some(d))),
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
            Some(Signal::at(agreed as f64, last_confirmed)),
        );
        put(
            SignalName::DaysSinceExpectationsConfirmed,
            last_confirmed.map(|d| Signal::at(days(d), Some(d))),
        );
        put(
            SignalName::TakesInKnown,
            Some(Signal::at(
                f64::from(u8::from(facts.profile.takes_in().is_some())),
                None,
            )),
        );

        // Advice: asking more is the wrong step while asks pile up unclosed.
        let backlog = open_advice_count >= ADVICE_BACKLOG;
        let covering = covering_strength(
            &facts.person.strengths,
            &facts.my_profile.texts(Facet::Weakness),
        );
        if !backlog {
            put(SignalName::DaysSinceAdvice, since(l.ask));
            if covering.is_some() {
                put(SignalName::DaysSinceAdviceWhereTheyCoverYou, since(l.ask));
            }
        }
        put(
            SignalName::StrengthsRecorded,
            Some(Signal::at(facts.person.strengths.len() as f64, None)),
        );
        put(
            SignalName::OldestOpenAdviceDays,
            oldest_advice.map(|(_, d)| Signal::at(days(*d), Some(*d))),
        );
        put(
            SignalName::OpenAdviceAsks,
            oldest_advice.map(|(_, d)| Signal::at(open_advice_count as f64, Some(*d))),
        );
        put(
            SignalName::AsksLast90Days,
            Some(Signal::at(f64::from(in_last(90, Category::Ask)), None)),
        );

        // A check-in older than a month says little about now.
        if let Some(last) = last_check_in.filter(|c| days(c.checked_on) <= 30.0) {
            put(
                SignalName::LastClarity,
                Some(Signal::at(f64::from(last.clarity), Some(last.checked_on))),
            );
            put(
                SignalName::LastTrust,
                Some(Signal::at(f64::from(last.trust), Some(last.checked_on))),
            );
        }
        let trust = trust_change(&check_ins);
        put(SignalName::TrustChange, trust);

        // Quality: a verdict needs three rated 1:1s, a trend three more.
        let formal = Ratings::of(&recent, Category::Formal);
        let level = average_of_last(&formal);
        put(
            SignalName::OneOnOneQualityLevel,
            level.map(|q| Signal {
                now: Some(q.now),
                ..Signal::at(q.now, Some(q.since))
            }),
        );
        let no_summary_in_four_weeks = l.summary.is_none_or(|s| days(s) > 28.0);
        let journal_is_a_month_old = earliest.is_some_and(|e| days(e) >= 28.0);
        if no_summary_in_four_weeks && journal_is_a_month_old {
            put(
                SignalName::OneOnOneQualityWithoutSummary,
                level.map(|q| Signal {
                    now: Some(q.now),
                    ..Signal::at(q.now, Some(q.since))
                }),
            );
        }
        let trend = formal.trend();
        put(
            SignalName::QualityTrend,
            trend.map(|t| Signal {
                now: Some(t.now),
                then: Some(t.then),
                ..Signal::at(t.now - t.then, Some(t.since))
            }),
        );
        let trust_holds = trust.is_none_or(|t| t.value >= 0.0);
        put(
            SignalName::Momentum,
            trend
                .filter(|t| t.sustained && trust_holds)
                .map(|t| Signal {
                    now: Some(t.now),
                    then: Some(t.then),
                    ..Signal::at(t.now - t.then, Some(t.since))
                }),
        );
        let informal = Ratings::of(&recent, Category::Informal);
        put(
            SignalName::InformalQualityLevel,
            average_of_last(&informal).map(|q| Signal {
                now: Some(q.now),
                ..Signal::at(q.now, Some(q.since))
            }),
        );
        // Feedback rated 2/5 or less: the last such day.
        let hard = recent
            .iter()
            .filter(|f| {
                f.category == Category::Feedback
                    && f.quality_count > 0
                    && f64::from(f.quality_sum) / f64::from(f.quality_count) <= 2.0
            })
            .max_by_key(|f| f.day);
        put(
            SignalName::DaysSinceNegativeFeedback,
            hard.map(|f| Signal {
                now: Some(f64::from(f.quality_sum) / f64::from(f.quality_count)),
                ..Signal::at(days(f.day), Some(f.day))
            }),
        );
        // A risk they have not heard about, unless the 1:1 that carries it
        // (and its summary) is today or tomorrow.
        let meeting_carries_it = next.is_some_and(|d| days(d) >= -1.0);
        put(
            SignalName::DaysSinceUnraisedRisk,
            facts
                .unraised_risk
                .as_ref()
                .filter(|_| !meeting_carries_it)
                .map(|(day, _)| Signal::at(days(*day), Some(*day))),
        );

        if journal_is_a_month_old {
            let count: u32 = [
                Category::Formal,
                Category::Informal,
                Category::Ask,
                Category::Update,
                Category::Feedback,
            ]
            .into_iter()
            .map(|c| in_last(30, c))
            .sum();
            put(
                SignalName::InteractionsLast30Days,
                Some(Signal::at(f64::from(count), None)),
            );
        }
        put(
            SignalName::InformalLast60Days,
            Some(Signal::at(f64::from(in_last(60, Category::Informal)), None)),
        );
        let quarter_ago = today.checked_sub_days(Days::new(90)).unwrap_or(today);
        let (informal_count, by_me) = recent
            .iter()
            .filter(|f| f.day > quarter_ago && f.category == Category::Informal)
            .fold((0u32, 0u32), |(n, me), f| (n + f.count, me + f.by_me));
        if informal_count >= 4 {
            let share_them = 1.0 - f64::from(by_me) / f64::from(informal_count);
            put(
                SignalName::ShareInformalStartedByThem,
                Some(Signal::at(share_them, None)),
            );
        }
        let carried = open_topics
            .iter()
            .map(|(text, added)| {
                let meetings: u32 = recent
                    .iter()
                    .filter(|f| f.category == Category::Formal && f.day > *added)
                    .map(|f| f.count)
                    .sum();
                (meetings, text, *added)
            })
            .max_by_key(|(meetings, _, added)| (*meetings, std::cmp::Reverse(*added)));
        put(
            SignalName::MostCarriedTopic,
            carried.map(|(m, _, added)| Signal::at(f64::from(m), Some(added))),
        );
        let blind_spot = covering_strength(
            &facts.my_profile.texts(Facet::Strength),
            &facts.profile.texts(Facet::BlindSpot),
        )
        .map(|(mine, theirs)| (theirs, mine));
        put(
            SignalName::BlindSpotYouCover,
            Some(Signal::at(f64::from(u8::from(blind_spot.is_some())), None)),
        );

        let agenda: Vec<String> = open_topics.iter().map(|(t, _)| t.clone()).collect();
        let mut cares = facts.profile.texts(Facet::Goal);
        cares.extend(facts.profile.texts(Facet::Pressure));
        let top_topics = most_relevant(&agenda, &cares, 3)
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
            days_known: earliest.map_or(0, |e| days(e) as i64),
            covering,
            blind_spot,
            bad_news: facts.profile.value(Facet::BadNews).map(str::to_string),
            unraised_risk: facts.unraised_risk.as_ref().map(|(_, title)| title.clone()),
            goal: facts.profile.value(Facet::Goal).map(str::to_string),
            top_topics,
            agenda,
            manager: call_name(&facts.person),
            strengths: facts.person.strengths.clone(),
            next_one_on_one: next,
            overdue_one_on_one: overdue,
            carried_topic: carried.map(|(_, text, _)| text.clone()),
            oldest_advice: oldest_advice.map(|(q, _)| q.clone()),
            advice_reported: facts.advice_reported,
            values,
        }
    }
}

/// The name a message calls them by: the one set (`person set --call`),
/// else their first name.
pub fn call_name(person: &Person) -> String {
    person.call_name().to_string()
}

/// Whether the summary for the next 1:1 is sent: one went out after the
/// last 1:1 (or at all, before the first).
pub fn summary_sent_before(
    last_summary: Option<NaiveDate>,
    last_one_on_one: Option<NaiveDate>,
) -> bool {
    // The 1:1 it prepares is still ahead, so by the one rule
    // (`domain::sent_before_one_on_one`) it counts when sent after the last.
    last_summary
        .is_some_and(|sent| crate::domain::sent_before_one_on_one(sent, last_one_on_one, sent))
}

/// The last trust score against the average of up to three before it.
fn trust_change(check_ins: &[CheckIn]) -> Option<Signal> {
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
    let then = before.iter().sum::<f64>() / before.len() as f64;
    let now = f64::from(last.trust);
    Some(Signal {
        now: Some(now),
        then: Some(then),
        ..Signal::at(now - then, Some(last.checked_on))
    })
}
