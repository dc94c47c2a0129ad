//! Reading the recurring 1:1 out of an iCalendar (RFC 5545) export: the
//! file is parsed by the `icalendar` crate, the RRULE expanded by the
//! `rrule` crate, then the exceptions applied: an EXDATE or an override
//! marked CANCELLED cancels an occurrence, an override with a RECURRENCE-ID
//! moves it.
//!
//! Pure: text and a `today` in, a [`Series`] out. Occurrences are kept from
//! two years before `today` to three years after it.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use icalendar::parser::{Component, Property, read_components, unfold};

use crate::domain::calendar::{Occurrence, Series};

/// How far back and ahead of `today` occurrences are kept.
const DAYS_BACK: u64 = 731;
const DAYS_AHEAD: u64 = 1096;

/// Why a file gave no series.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    #[error("this is not an iCalendar file (no BEGIN:VCALENDAR): export the calendar as .ics")]
    NotACalendar,
    #[error("the calendar has no recurring event{}", found_list(.0))]
    NoSeries(Vec<String>),
    #[error("the calendar has several recurring events that could be the 1:1: {}; pick one with --summary TEXT", .0.join(", "))]
    Several(Vec<String>),
    #[error("the event `{title}` has a rule rapport cannot read: {detail}")]
    BadRule { title: String, detail: String },
}

fn found_list(titles: &[String]) -> String {
    if titles.is_empty() {
        String::new()
    } else {
        format!(
            " matching (recurring: {}); pick one with --summary TEXT",
            titles.join(", ")
        )
    }
}

/// Which recurring event is the 1:1: the one whose SUMMARY holds `summary`
/// when given; else the only recurring event; else the one naming the
/// person or a 1:1.
#[derive(Debug, Clone, Default)]
pub struct Wanted {
    pub summary: Option<String>,
    /// The person's first name.
    pub first_name: String,
}

/// The recurring 1:1 in `text` (an .ics file), as of `today`.
pub fn read_series(text: &str, wanted: &Wanted, today: NaiveDate) -> Result<Series, CalendarError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let unfolded = unfold(text);
    let roots = read_components(&unfolded).map_err(|_| CalendarError::NotACalendar)?;
    let calendar = roots
        .iter()
        .find(|c| c.name.as_str().eq_ignore_ascii_case("VCALENDAR"))
        .ok_or(CalendarError::NotACalendar)?;
    let events: Vec<&Component<'_>> = calendar
        .components
        .iter()
        .filter(|c| c.name.as_str().eq_ignore_ascii_case("VEVENT"))
        .collect();
    let masters: Vec<&Component<'_>> = events
        .iter()
        .copied()
        .filter(|e| prop(e, "RRULE").is_some() && prop(e, "RECURRENCE-ID").is_none())
        .filter(|e| !is_cancelled(e))
        .collect();
    let master = choose(&masters, wanted)?;
    let uid = value(master, "UID").unwrap_or_default();
    let overrides: Vec<&Component<'_>> = events
        .iter()
        .copied()
        .filter(|e| {
            prop(e, "RECURRENCE-ID").is_some() && value(e, "UID").unwrap_or_default() == uid
        })
        .collect();
    expand(master, &overrides, today)
}

fn prop<'a>(c: &'a Component<'a>, name: &str) -> Option<&'a Property<'a>> {
    c.properties
        .iter()
        .find(|p| p.name.as_str().eq_ignore_ascii_case(name))
}

fn value(c: &Component<'_>, name: &str) -> Option<String> {
    prop(c, name).map(|p| p.val.as_str().trim().to_string())
}

fn title(c: &Component<'_>) -> String {
    value(c, "SUMMARY")
        .map(|s| {
            s.replace("\\,", ",")
                .replace("\\;", ";")
                .replace("\\n", " ")
        })
        .unwrap_or_default()
}

fn param(p: &Property<'_>, key: &str) -> Option<String> {
    p.params
        .iter()
        .find(|q| q.key.as_str().eq_ignore_ascii_case(key))
        .and_then(|q| q.val.as_ref())
        .map(|v| v.as_str().trim_matches('"').to_string())
}

fn is_cancelled(c: &Component<'_>) -> bool {
    value(c, "STATUS").is_some_and(|s| s.eq_ignore_ascii_case("CANCELLED"))
}

/// `1:1`, `1on1`, `one-on-one` and the like.
fn names_a_one_on_one(title: &str) -> bool {
    let t = title.to_lowercase();
    [
        "1:1",
        "1on1",
        "1-on-1",
        "1-1",
        "one-on-one",
        "one on one",
        "121",
    ]
    .iter()
    .any(|m| t.contains(m))
}

fn choose<'a>(
    masters: &[&'a Component<'a>],
    wanted: &Wanted,
) -> Result<&'a Component<'a>, CalendarError> {
    let titles = |list: &[&Component<'_>]| list.iter().map(|c| title(c)).collect::<Vec<_>>();
    let pick = |list: Vec<&'a Component<'a>>| match list.len() {
        1 => Ok(list[0]),
        0 => Err(CalendarError::NoSeries(titles(masters))),
        _ => Err(CalendarError::Several(titles(&list))),
    };
    if let Some(summary) = &wanted.summary {
        let needle = summary.to_lowercase();
        return pick(
            masters
                .iter()
                .copied()
                .filter(|m| title(m).to_lowercase().contains(&needle))
                .collect(),
        );
    }
    if masters.len() == 1 {
        return Ok(masters[0]);
    }
    let first = wanted.first_name.to_lowercase();
    let naming: Vec<&Component<'_>> = masters
        .iter()
        .copied()
        .filter(|m| {
            let t = title(m);
            names_a_one_on_one(&t) || (!first.is_empty() && t.to_lowercase().contains(&first))
        })
        .collect();
    let both: Vec<&Component<'_>> = naming
        .iter()
        .copied()
        .filter(|m| !first.is_empty() && title(m).to_lowercase().contains(&first))
        .collect();
    if both.len() == 1 {
        return Ok(both[0]);
    }
    pick(naming)
}

/// A DATE or DATE-TIME value as written (`20261103`, `20261103T100000`,
/// `20261103T100000Z`): the wall-clock day and time in its own zone.
fn date_time(text: &str) -> Option<(NaiveDate, Option<NaiveTime>)> {
    let text = text.trim().trim_end_matches('Z');
    if let Ok(dt) = NaiveDateTime::parse_from_str(text, "%Y%m%dT%H%M%S") {
        return Some((dt.date(), Some(dt.time())));
    }
    NaiveDate::parse_from_str(text, "%Y%m%d")
        .ok()
        .map(|d| (d, None))
}

fn when(c: &Component<'_>, name: &str) -> Option<(NaiveDate, Option<NaiveTime>)> {
    date_time(prop(c, name)?.val.as_str())
}

/// The rule without its UNTIL, and the UNTIL day: rapport counts in days,
/// so the end is applied to the day, whatever zone the file wrote it in.
fn split_until(rule: &str) -> (String, Option<NaiveDate>) {
    let mut until = None;
    let parts: Vec<&str> = rule
        .split(';')
        .filter(|part| match part.split_once('=') {
            Some((key, v)) if key.trim().eq_ignore_ascii_case("UNTIL") => {
                until = date_time(v).map(|(d, _)| d);
                false
            }
            _ => true,
        })
        .collect();
    (parts.join(";"), until)
}

fn expand(
    master: &Component<'_>,
    overrides: &[&Component<'_>],
    today: NaiveDate,
) -> Result<Series, CalendarError> {
    let series_title = title(master);
    let bad = |detail: String| CalendarError::BadRule {
        title: series_title.clone(),
        detail,
    };
    let rule_text = value(master, "RRULE").unwrap_or_default();
    let (start_day, start_time) =
        when(master, "DTSTART").ok_or_else(|| bad("no DTSTART".to_string()))?;
    let (rule_without_until, until) = split_until(&rule_text);
    let rule: rrule::RRule<rrule::Unvalidated> = rule_without_until
        .parse()
        .map_err(|e: rrule::RRuleError| bad(e.to_string()))?;
    // The wall-clock start, counted as if in UTC: occurrences keep their
    // day and time, with no zone or daylight saving to shift them.
    let start =
        rrule::Tz::UTC.from_utc_datetime(&start_day.and_time(start_time.unwrap_or_default()));
    let set = rule.build(start).map_err(|e| bad(e.to_string()))?;
    let from = today
        .checked_sub_days(Days::new(DAYS_BACK))
        .unwrap_or(today)
        .max(start_day);
    let mut to = today
        .checked_add_days(Days::new(DAYS_AHEAD))
        .unwrap_or(today);
    if let Some(until) = until {
        to = to.min(until);
    }
    let mut occurrences: BTreeMap<NaiveDate, Occurrence> = BTreeMap::new();
    for at in set.into_iter().take(20_000) {
        let day = at.date_naive();
        if day > to {
            break;
        }
        if day >= from {
            occurrences.insert(
                day,
                Occurrence {
                    original_on: day,
                    happens_on: Some(day),
                    at: start_time,
                    cancelled_by: None,
                },
            );
        }
    }
    for exdate in master
        .properties
        .iter()
        .filter(|p| p.name.as_str().eq_ignore_ascii_case("EXDATE"))
    {
        for one in exdate.val.as_str().split(',') {
            if let Some(o) = date_time(one).and_then(|(d, _)| occurrences.get_mut(&d)) {
                o.happens_on = None;
            }
        }
    }
    for over in overrides {
        let Some((original, _)) = when(over, "RECURRENCE-ID") else {
            continue;
        };
        if original < from || original > to {
            continue;
        }
        let entry = occurrences.entry(original).or_insert(Occurrence {
            original_on: original,
            happens_on: Some(original),
            at: start_time,
            cancelled_by: None,
        });
        if is_cancelled(over) {
            entry.happens_on = None;
            entry.cancelled_by = prop(over, "ORGANIZER").and_then(|p| param(p, "CN"));
        } else if let Some((day, time)) = when(over, "DTSTART") {
            entry.happens_on = Some(day);
            entry.at = time;
        }
    }
    Ok(Series {
        uid: value(master, "UID").unwrap_or_default(),
        title: series_title,
        rule: rule_text,
        occurrences: occurrences.into_values().collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).expect("a date")
    }

    const WEEKLY: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n\
BEGIN:VEVENT\r\nUID:one@test\r\nDTSTAMP:20261001T000000Z\r\n\
DTSTART;TZID=Europe/Paris:20261006T100000\r\nDTEND;TZID=Europe/Paris:20261006T103000\r\n\
RRULE:FREQ=WEEKLY;BYDAY=TU;UNTIL=20261231T235959Z\r\nSUMMARY:Dana / Sam 1:1\r\n\
EXDATE;TZID=Europe/Paris:20261117T100000\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:one@test\r\nDTSTAMP:20261001T000000Z\r\n\
RECURRENCE-ID;TZID=Europe/Paris:20261201T100000\r\n\
DTSTART;TZID=Europe/Paris:20261202T140000\r\nDTEND;TZID=Europe/Paris:20261202T143000\r\n\
SUMMARY:Dana / Sam 1:1 (moved)\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

    #[test]
    fn a_weekly_rule_with_an_exdate_and_a_moved_occurrence() {
        let wanted = Wanted {
            first_name: "dana".into(),
            ..Wanted::default()
        };
        let series = read_series(WEEKLY, &wanted, d(11, 24)).expect("a series");
        assert_eq!(series.title, "Dana / Sam 1:1");
        let days: Vec<NaiveDate> = series.occurrences.iter().map(|o| o.original_on).collect();
        assert_eq!(days.first(), Some(&d(10, 6)));
        assert_eq!(days.last(), Some(&d(12, 29)));
        assert_eq!(days.len(), 13);
        let on = |day| series.occurrences.iter().find(|o| o.original_on == day);
        assert!(on(d(11, 17)).is_some_and(Occurrence::is_cancelled));
        let moved = on(d(12, 1)).expect("the moved one");
        assert_eq!(moved.happens_on, Some(d(12, 2)));
        assert_eq!(moved.at, NaiveTime::from_hms_opt(14, 0, 0));
        assert_eq!(
            on(d(11, 24)).and_then(|o| o.at),
            NaiveTime::from_hms_opt(10, 0, 0)
        );
    }

    #[test]
    fn a_file_that_is_not_a_calendar_is_refused() {
        let wanted = Wanted::default();
        assert_eq!(
            read_series("name,date\nDana,2026-11-24\n", &wanted, d(11, 24)),
            Err(CalendarError::NotACalendar)
        );
        assert_eq!(
            read_series("", &wanted, d(11, 24)),
            Err(CalendarError::NotACalendar)
        );
    }

    #[test]
    fn a_calendar_without_a_recurring_event_says_so() {
        let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\n\
DTSTART:20261124T100000Z\r\nSUMMARY:Lunch\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        assert_eq!(
            read_series(text, &Wanted::default(), d(11, 24)),
            Err(CalendarError::NoSeries(Vec::new()))
        );
    }
}
