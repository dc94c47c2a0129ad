//! A realistic sample journal, written into its own file to explore: a year
//! with a manager, generated deterministically from `today` — or, with a
//! size, years of entries for trying rapport at scale (`large`).

mod large;
mod profiles;
mod promises;

pub use large::write_large;

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, Utc, Weekday};

use crate::domain::{
    CheckInDraft, InitiatedBy, InteractionDraft, PersonDraft, Quality, Relation, TopicStatus,
};
use crate::store::{Store, StoreError};

/// What the demo wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoCounts {
    pub interactions: usize,
    pub check_ins: usize,
    pub topics: usize,
    pub promises: usize,
}

/// A small deterministic generator (xorshift64*): the demo is the same every run.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn chance(&mut self, p: f64) -> bool {
        (self.next() % 10_000) as f64 / 10_000.0 < p
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[(self.next() % items.len() as u64) as usize]
    }

    /// A score 1–5 around `mean`.
    fn score(&mut self, mean: f64) -> u8 {
        let noise = (self.next() % 1000) as f64 / 1000.0 * 1.6 - 0.8;
        (mean + noise).round().clamp(1.0, 5.0) as u8
    }
}

const ONE_ON_ONE_TITLES: &[&str] = &[
    "Weekly 1:1: roadmap and hiring",
    "1:1 on the platform migration",
    "1:1: team health and on-call load",
    "1:1: Q3 priorities",
    "1:1 on the reorg rumours",
    "1:1: promotion packet for Priya",
    "1:1: budget for the data team",
    "1:1: incident review follow-ups",
];
const ONE_ON_ONE_NOTES: &[&str] = &[
    "Dana picked the hiring topic from my summary and skipped the status part entirely. We spent most of the time on how to close the senior candidate.",
    "Went through the migration risks. She wants a one-page plan before the staff meeting; I offered to write it with the options side by side.",
    "Talked about on-call fatigue. She asked what I would change if I had a free hand, and seemed to like the rotation idea.",
    "Short one: she was pulled into a finance review. Rescheduled the deeper topics to Thursday.",
    "She shared that her own manager is pushing for cost cuts. Useful context for why the budget questions keep coming.",
    "I asked directly how she sees my work this quarter. She said the incident handling was the strongest thing she saw from the team.",
];
const INFORMAL: &[(&str, &str, &str)] = &[
    (
        "coffee",
        "Coffee after standup",
        "Talked about her move from Berlin and what she misses about startups. Nothing work-related asked of her.",
    ),
    (
        "coffee",
        "Coffee walk around the block",
        "Shared that the migration is harder than I let on in status. She told me about a similar project at her last company.",
    ),
    (
        "chat",
        "Hallway chat about the offsite",
        "She is worried the offsite agenda is too packed; I offered to run one session.",
    ),
    (
        "chat",
        "Slack call on a Friday afternoon",
        "Just caught up. She mentioned her daughter's football team.",
    ),
    (
        "meal",
        "Team dinner, sat next to Dana",
        "Longest real conversation in months. She talked about how she got into management.",
    ),
    (
        "meal",
        "Lunch, just the two of us",
        "Shared what keeps me up at night about the reorg. She listened and shared her own read, without turning it into a task.",
    ),
];
const ADVICE: &[(&str, &str)] = &[
    (
        "How should I pitch the pricing migration to finance?",
        "negotiating with finance",
    ),
    (
        "How do I close a senior candidate who has two other offers?",
        "hiring senior engineers",
    ),
    (
        "Who should I bring in early on the platform reorg?",
        "reading the org's politics",
    ),
    (
        "How would you frame the headcount ask for next year?",
        "negotiating with finance",
    ),
    (
        "What do you look for in a staff-level promo case?",
        "hiring senior engineers",
    ),
];
const FEEDBACK: &[&str] = &[
    "Feedback: the incident write-up was exactly the right depth",
    "Feedback: be more direct in the staff meeting",
    "Feedback: the weekly summary helps her prepare",
    "Feedback: loop her in earlier on cross-team conflicts",
];
/// Wins: what shipped, what was learned, what was praised; the notes say more.
const WINS: &[(&str, &str)] = &[
    (
        "Shipped billing retries: failed charges down 18%",
        "Rolled out behind a flag over a week.",
    ),
    (
        "Closed the on-call rotation gap: nobody over 2 weeks a quarter",
        "",
    ),
    (
        "Migrated the reports service to the new queue, zero downtime",
        "Ran both paths for three days.",
    ),
    ("Onboarded Lee; first PR merged on day 3", ""),
    (
        "Cut CI time from 24 to 11 minutes",
        "Split the integration suite and cached the toolchain.",
    ),
    (
        "Incident review for the 12 Mar outage published",
        "Three follow-ups, all owned.",
    ),
    ("Design doc for the observability vendor approved", ""),
    (
        "Customer escalation at Nordwind closed in two days",
        "Their CTO wrote to thank the team.",
    ),
    ("Paired with Priya on her promo packet", ""),
    ("Retired the legacy export cron", "One less 3 a.m. page."),
    (
        "Ran the reliability session at the offsite; 4 owners signed up",
        "",
    ),
    ("Got the data-retention policy through legal review", ""),
    (
        "Cut cloud spend on staging by 22%",
        "Nightly shutdown of idle environments.",
    ),
    ("Mentored two interns; both got return offers", ""),
    ("Shipped dark mode for the admin console", ""),
    (
        "Wrote the runbook for the payments failover",
        "Tested it in a game day.",
    ),
];
/// Risks and bad news; the notes hold the plan.
const RISKS: &[(&str, &str)] = &[
    (
        "Payments migration slips a week",
        "Cut scope to card payments first; invoices follow on the 20th.",
    ),
    (
        "Two on-call engineers out in the same fortnight",
        "Swap with the platform team; asked them already.",
    ),
    (
        "Vendor contract renewal 30% higher",
        "Got a second quote; decision needed by month end.",
    ),
    (
        "Flaky test suite blocking releases twice this week",
        "Quarantined 14 tests; owner for each by Friday.",
    ),
];
const REFLECTIONS: &[&str] = &[
    "Felt anxious after the skip-level; wrote down why",
    "Noticed I only talk to Dana when something is wrong",
    "Realised I never asked what her goals are this half",
];
const TOPICS: &[&str] = &[
    "Headcount plan for next year",
    "Rotation for on-call",
    "Priya's promotion timeline",
    "Offsite session on reliability",
    "Budget for the observability vendor",
    "How the reorg affects our team",
    "Conference talk proposal",
    "My growth: what does staff look like here?",
];

/// Fills an empty journal with a year with a manager, ending `today`.
pub fn write_demo(
    store: &mut Store,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<DemoCounts, StoreError> {
    let mut dice = Dice(0x005e_ed0f_4a11_u64 ^ u64::from(today.num_days_from_ce().unsigned_abs()));
    let dana = store.people_mut().add_person(
        &PersonDraft {
            name: "Dana Okafor".into(),
            role: "Director of Engineering".into(),
            strengths: vec![
                "negotiating with finance".into(),
                "hiring senior engineers".into(),
                "reading the org's politics".into(),
            ],
            cadence_days: Some(7),
            is_current: true,
            relation: Relation::Manager,
        },
        today,
        now,
    )?;
    let sam = store.people_mut().add_person(
        &PersonDraft {
            name: "Sam Whitfield".into(),
            role: "VP Engineering (skip-level)".into(),
            strengths: vec!["company strategy".into()],
            cadence_days: Some(30),
            is_current: false,
            relation: Relation::SkipLevel,
        },
        today,
        now,
    )?;
    let kinds = store.people().kinds()?;
    let kind_id = |name: &str| {
        kinds
            .iter()
            .find(|k| k.name == name)
            .map(|k| k.id)
            .unwrap_or(1)
    };
    let mut counts = DemoCounts {
        interactions: 0,
        check_ins: 0,
        topics: 0,
        promises: 0,
    };
    let start = today - Days::new(364);
    let monday0 = start - Days::new(u64::from(start.weekday().num_days_from_monday()));
    let mut entry = |store: &mut Store, spec: Entry<'_>| -> Result<i64, StoreError> {
        let draft = InteractionDraft {
            person_id: spec.person,
            kind_id: kind_id(spec.kind),
            happened_on: spec.day,
            at_time: spec.at,
            minutes: spec.minutes,
            quality: spec
                .quality
                .map(|q| Quality::new(i64::from(q)))
                .transpose()?,
            initiated_by: if spec.by_them {
                InitiatedBy::Them
            } else {
                InitiatedBy::Me
            },
            title: spec.title.to_string(),
            notes: spec.notes.to_string(),
            tags: spec.tags.iter().map(|t| t.to_string()).collect(),
            advice_strength: spec.strength.map(str::to_string),
            private: false,
        };
        counts.interactions += 1;
        Ok(store.entries_mut().add_interaction(&draft, now)?.id)
    };
    for week in 0..53u64 {
        let monday = monday0 + Days::new(week * 7);
        let progress = week as f64 / 52.0;
        let day = |wd: Weekday| monday + Days::new(u64::from(wd.num_days_from_monday()));
        let in_range = |d: NaiveDate| d >= start && d <= today;
        // The summary habit takes hold over the year, and 1:1s improve with it.
        let summary_sent = dice.chance(0.35 + 0.55 * progress);
        // A Monday that is today leaves this week's summary for the user to
        // write: the demo's Prep and `rapport summary` then show a real one.
        if summary_sent && in_range(day(Weekday::Mon)) && day(Weekday::Mon) != today {
            entry(
                store,
                Entry {
                    person: dana.id,
                    kind: "summary",
                    day: day(Weekday::Mon),
                    at: hm(17, 30),
                    minutes: None,
                    quality: Some(dice.score(3.5)),
                    by_them: dice.chance(0.0),
                    title: "Weekly summary: highlights, 3 topics to pick from",
                    notes: "Highlights: shipped the billing retries. Topics: headcount, on-call rotation, offsite. FYI: the vendor contract renews next month.",
                    tags: &["weekly"],
                    strength: None,
                },
            )?;
        }
        if in_range(day(Weekday::Tue)) && dice.chance(0.88) {
            let mean = 2.6 + 1.4 * progress + if summary_sent { 0.5 } else { 0.0 };
            entry(
                store,
                Entry {
                    person: dana.id,
                    kind: "one_on_one",
                    day: day(Weekday::Tue),
                    at: hm(10, 0),
                    minutes: Some(30),
                    quality: Some(dice.score(mean)),
                    by_them: dice.chance(0.1),
                    title: dice.pick(ONE_ON_ONE_TITLES),
                    notes: dice.pick(ONE_ON_ONE_NOTES),
                    tags: &[],
                    strength: None,
                },
            )?;
        }
        if in_range(day(Weekday::Thu)) && dice.chance(0.22 + 0.2 * progress) {
            let (kind, title, notes) = dice.pick(INFORMAL);
            let when = if kind == "meal" {
                day(Weekday::Fri)
            } else {
                day(Weekday::Thu)
            };
            if in_range(when) {
                entry(
                    store,
                    Entry {
                        person: dana.id,
                        kind,
                        day: when,
                        at: if kind == "meal" {
                            hm(19, 0)
                        } else {
                            hm(15, 30)
                        },
                        minutes: Some(if kind == "meal" { 90 } else { 20 }),
                        quality: Some(dice.score(3.8)),
                        by_them: dice.chance(0.4),
                        title,
                        notes,
                        tags: &["informal"],
                        strength: None,
                    },
                )?;
            }
        }
        if in_range(day(Weekday::Wed)) && dice.chance(0.25) {
            let (question, strength) = dice.pick(ADVICE);
            let id = entry(
                store,
                Entry {
                    person: dana.id,
                    kind: "advice",
                    day: day(Weekday::Wed),
                    at: None,
                    minutes: Some(15),
                    quality: Some(dice.score(4.0)),
                    by_them: dice.chance(0.0),
                    title: question,
                    notes: "She answered with a story from her last job and two concrete steps.",
                    tags: &["advice"],
                    strength: Some(strength),
                },
            )?;
            if today.signed_duration_since(day(Weekday::Wed)).num_days() > 14
                && dice.chance(0.8)
                && let Some(advice) = store.entries().interaction(id)?.advice_loop
            {
                let applied = dice.chance(0.8);
                store.advice_mut().report_advice(
                    advice.id,
                    Some(applied),
                    day(Weekday::Wed) + Days::new(9),
                )?;
            }
        }
        if in_range(day(Weekday::Thu)) && dice.chance(0.15) {
            entry(
                store,
                Entry {
                    person: dana.id,
                    kind: "feedback",
                    day: day(Weekday::Thu),
                    at: None,
                    minutes: None,
                    quality: Some(dice.score(3.5)),
                    by_them: dice.chance(0.9),
                    title: dice.pick(FEEDBACK),
                    notes: "Said in passing at the end of a meeting; wrote it down word for word.",
                    tags: &["feedback"],
                    strength: None,
                },
            )?;
        }
        if in_range(day(Weekday::Sun)) && dice.chance(0.08) {
            entry(
                store,
                Entry {
                    person: dana.id,
                    kind: "note",
                    day: day(Weekday::Sun),
                    at: None,
                    minutes: None,
                    quality: None,
                    by_them: dice.chance(0.0),
                    title: dice.pick(REFLECTIONS),
                    notes: "Next time: bring it up early, framed as a question, not a complaint.",
                    tags: &["reflection"],
                    strength: None,
                },
            )?;
        }
        if week % 5 == 2 && in_range(day(Weekday::Wed)) {
            entry(
                store,
                Entry {
                    person: sam.id,
                    kind: "one_on_one",
                    day: day(Weekday::Wed),
                    at: hm(14, 0),
                    minutes: Some(30),
                    quality: Some(dice.score(3.4)),
                    by_them: dice.chance(0.5),
                    title: "Skip-level with Sam",
                    notes: "Sam asked about team morale and the migration timeline.",
                    tags: &["skip-level"],
                    strength: None,
                },
            )?;
        }
        if in_range(day(Weekday::Fri)) && dice.chance(0.8) {
            store.check_ins_mut().add_check_in(
                &CheckInDraft {
                    person_id: Some(dana.id),
                    checked_on: day(Weekday::Fri),
                    trust: dice.score(2.4 + 1.8 * progress),
                    clarity: dice.score(2.0 + 1.8 * progress),
                    ease: dice.score(2.2 + 1.6 * progress),
                    note: String::new(),
                },
                now,
            )?;
            counts.check_ins += 1;
        }
    }
    // The work log: what each week held, shared in the summary unless
    // private. Its own dice, so the rest of the year reads as before.
    let mut wins = WINS.iter().copied();
    let mut work_dice =
        Dice(0x00c0_ffee_0b5e_u64 ^ u64::from(today.num_days_from_ce().unsigned_abs()));
    for week in 0..53u64 {
        let monday = monday0 + Days::new(week * 7);
        let wednesday = monday + Days::new(2);
        let thursday = monday + Days::new(3);
        if wednesday >= start && wednesday <= today && work_dice.chance(0.35) {
            let Some((title, notes)) = wins.next() else {
                continue;
            };
            let draft = work_entry(dana.id, kind_id("win"), wednesday, title, notes, false);
            store.entries_mut().add_interaction(&draft, now)?;
            counts.interactions += 1;
        }
        if thursday >= start && thursday <= today && work_dice.chance(0.22) {
            let (title, plan) = work_dice.pick(RISKS);
            let draft = work_entry(dana.id, kind_id("risk"), thursday, title, plan, false);
            store.entries_mut().add_interaction(&draft, now)?;
            counts.interactions += 1;
        }
    }
    // This week so far: a win, a risk with its plan, and a private one.
    let recent = [
        (
            1,
            "win",
            "Cut the billing export's p95 from 9 s to 5.4 s (40%)",
            "",
            false,
        ),
        (
            0,
            "risk",
            "The vendor's API sunset (15 Jan) lands in our freeze",
            "Migrate to their v2 by 10 Jan; Priya owns it, I review on Fridays.",
            false,
        ),
        (
            0,
            "win",
            "Recruiter from another company reached out",
            "Not looking, but noted.",
            true,
        ),
    ];
    for (back, kind, title, notes, private) in recent {
        let draft = work_entry(
            dana.id,
            kind_id(kind),
            today - Days::new(back),
            title,
            notes,
            private,
        );
        store.entries_mut().add_interaction(&draft, now)?;
        counts.interactions += 1;
    }
    for (i, text) in TOPICS.iter().enumerate() {
        let added = today - Days::new(8 * (TOPICS.len() - i) as u64);
        let topic = store.agenda_mut().add_topic(dana.id, text, added, now)?;
        counts.topics += 1;
        match i % 4 {
            0 | 2 if i < 5 => {
                store.agenda_mut().close_topic(
                    topic.id,
                    TopicStatus::Discussed,
                    added + Days::new(7),
                    now,
                )?;
            }
            1 if i < 5 => {
                store.agenda_mut().close_topic(
                    topic.id,
                    TopicStatus::Dropped,
                    added + Days::new(14),
                    now,
                )?;
            }
            _ => {}
        }
    }
    profiles::write_profiles(store, dana.id, today, now)?;
    counts.promises = promises::write_promises(store, dana.id, today, now)?;
    Ok(counts)
}

struct Entry<'a> {
    person: i64,
    kind: &'a str,
    day: NaiveDate,
    at: Option<NaiveTime>,
    minutes: Option<u32>,
    quality: Option<u8>,
    /// They, not I, started it.
    by_them: bool,
    title: &'a str,
    notes: &'a str,
    tags: &'a [&'a str],
    strength: Option<&'a str>,
}

/// A work-log entry with Dana: no quality, no time.
fn work_entry(
    person_id: i64,
    kind_id: i64,
    day: NaiveDate,
    title: &str,
    notes: &str,
    private: bool,
) -> InteractionDraft {
    InteractionDraft {
        person_id,
        kind_id,
        happened_on: day,
        at_time: None,
        minutes: None,
        quality: None,
        initiated_by: InitiatedBy::Me,
        title: title.to_string(),
        notes: notes.to_string(),
        tags: vec!["work".to_string()],
        advice_strength: None,
        private,
    }
}

fn hm(hour: u32, minute: u32) -> Option<NaiveTime> {
    NaiveTime::from_hms_opt(hour, minute, 0)
}
