//! A rule's words filled in for one signal: `{manager}`, `{days}`, `{when}`…
//! and counts with their noun, `{count:interaction}` → "no interactions".

use chrono::NaiveDate;

use super::playbook::Rule;
use super::words::{count_words, day_words, short_day};
use super::{Signal, SignalName, Signals};
use crate::domain::promise::when_due;
use crate::domain::text::{days, days_ago, in_days};

/// Placeholders that are numbers, and so may carry a noun: `{count:ask}`.
pub const COUNTED: [&str; 4] = ["count", "days", "reported", "days_known"];

fn number(value: f64) -> String {
    if (value - value.round()).abs() < 1e-9 {
        format!("{}", value.round() as i64)
    } else {
        format!("{value:.1}")
    }
}

/// Signals whose value is a number of days.
fn is_days(signal: SignalName) -> bool {
    use SignalName as S;
    matches!(
        signal,
        S::DaysSinceInformal
            | S::DaysSinceOneOnOne
            | S::DaysSinceAdvice
            | S::DaysSinceFeedback
            | S::DaysSinceCheckIn
            | S::OneOnOneOverdueDays
            | S::DaysToOneOnOneWithoutSummary
            | S::OldestOpenAdviceDays
            | S::DaysSinceGoalsConfirmed
            | S::DaysSinceExpectationsConfirmed
            | S::DaysSinceAdviceWhereTheyCoverYou
            | S::DaysToOneOnOneForAReader
            | S::DaysToOneOnOneForAListener
            | S::DaysSinceNegativeFeedback
            | S::DaysSinceUnraisedRisk
            | S::MyPromiseDueInDays
            | S::MyPromiseOverdueDays
            | S::TheirPromiseOverdueDays
    )
}

/// The day a rule's `{due}` and `{when}` speak of: the day its signal rests
/// on for the 1:1 and feedback signals, else the next 1:1.
fn day_of(rule: &Rule, signal: &Signal, signals: &Signals) -> Option<NaiveDate> {
    use SignalName as S;
    match rule.signal {
        S::OneOnOneOverdueDays
        | S::DaysToOneOnOneWithoutSummary
        | S::DaysToOneOnOneForAReader
        | S::DaysToOneOnOneForAListener
        | S::OpenTopicsBeforeOneOnOne
        | S::DaysSinceNegativeFeedback
        | S::DaysSinceUnraisedRisk => signal.anchor,
        _ => signals.next_one_on_one,
    }
}

/// The value of one placeholder (without a noun).
fn value_of(name: &str, rule: &Rule, signal: &Signal, signals: &Signals) -> Option<String> {
    let value = signal.value;
    let promise = signals.promises.get(&rule.signal);
    let day = day_of(rule, signal, signals);
    Some(match name {
        "manager" => signals.manager.clone(),
        "days" if is_days(rule.signal) => number(value.abs()),
        "days" => String::new(),
        "value" => number(value),
        "threshold" => number(rule.condition.threshold()),
        // A strength of theirs that covers a weakness of yours is the one to name.
        "strength" => signals
            .covering
            .as_ref()
            .map(|(s, _)| s.clone())
            .or_else(|| signals.strengths.first().cloned())
            .unwrap_or_else(|| "what they are good at".to_string()),
        "strong_at" => signals
            .covering
            .as_ref()
            .map(|(s, _)| s.clone())
            .or_else(|| signals.strengths.first().cloned())
            .map_or_else(
                || "a strength of theirs".to_string(),
                |s| format!("their strength in {s}"),
            ),
        "weakness" => signals
            .covering
            .as_ref()
            .map_or_else(|| "a weak spot of yours".to_string(), |(_, w)| w.clone()),
        "topic" => signals.carried_topic.clone().unwrap_or_default(),
        "question" => signals.oldest_advice.clone().unwrap_or_default(),
        "count" => number(value.round()),
        "share" => format!("{:.0}%", value * 100.0),
        "next" => signals
            .next_one_on_one
            .map_or_else(|| "the next 1:1".to_string(), short_day),
        "goal" => signals
            .goal
            .clone()
            .unwrap_or_else(|| "their goals".to_string()),
        "topics" => signals
            .top_topics
            .iter()
            .map(|t| format!("“{t}”"))
            .collect::<Vec<_>>()
            .join(", "),
        "promise" => promise.map_or_else(|| "a promise".to_string(), |p| p.text.clone()),
        "when" => match promise {
            Some(p) => p
                .due
                .map_or_else(String::new, |d| when_due(d, signals.today)),
            None => day.map_or_else(String::new, |d| day_words(d, signals.today)),
        },
        "due" => match promise {
            Some(p) => p.due.map_or_else(|| "its day".to_string(), short_day),
            None => day.map_or_else(|| "its day".to_string(), short_day),
        },
        "now" => signal.now.map_or_else(String::new, number),
        "then" => signal.then.map_or_else(String::new, number),
        "reported" => signals.advice_reported.to_string(),
        "days_known" => signals.days_known.to_string(),
        "bad_news" => signals.bad_news.as_ref().map_or_else(
            || "early, in person, and with your plan".to_string(),
            |b| format!("the way they like bad news: {b}"),
        ),
        "risk" => signals.unraised_risk.clone().unwrap_or_default(),
        "blind_spot" => signals
            .blind_spot
            .as_ref()
            .map_or_else(String::new, |(theirs, _)| theirs.clone()),
        "my_strength" => signals
            .blind_spot
            .as_ref()
            .map_or_else(String::new, |(_, mine)| mine.clone()),
        _ => return None,
    })
}

/// Fills the placeholders of `text` for this rule and signal.
pub fn render(text: &str, rule: &Rule, signal: &Signal, signals: &Signals) -> String {
    // Days in words, for playbooks written as `1:1 in {days} days`, `{days}
    // days ago`, `{days} days`: `1:1 today`, `yesterday`, `1 day`.
    let phrased;
    let text = if is_days(rule.signal) {
        let n = signal.value.abs().round() as i64;
        phrased = text
            .replace("1:1 in {days} days", &format!("1:1 {}", in_days(n)))
            .replace("{days} days ago", &days_ago(n))
            .replace("{days} days", &days(n));
        phrased.as_str()
    } else {
        text
    };
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let token = &after[..close];
        let (name, noun) = token
            .split_once(':')
            .map_or((token, None), |(n, w)| (n, Some(w)));
        let filled = value_of(name, rule, signal, signals).map(|v| match noun {
            Some(noun) => v
                .parse::<f64>()
                .map_or(v.clone(), |n| count_words(n.round() as i64, noun)),
            None => v,
        });
        match filled {
            Some(v) => out.push_str(&v),
            None => {
                out.push('{');
                out.push_str(token);
                out.push('}');
            }
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}
