//! Large generated journals (`rapport demo --size N`), for trying rapport
//! and for the benchmarks: years of every kind of entry, written in one
//! transaction.

use chrono::{DateTime, Days, NaiveDate, NaiveTime, Utc};

use super::{
    ADVICE, DemoCounts, Dice, FEEDBACK, INFORMAL, ONE_ON_ONE_NOTES, ONE_ON_ONE_TITLES, REFLECTIONS,
};
use crate::domain::{
    CheckInDraft, InitiatedBy, InteractionDraft, PersonDraft, Quality, TopicStatus,
};
use crate::store::{Store, StoreError};

const TAGS: &[&str] = &[
    "hiring", "roadmap", "oncall", "budget", "reorg", "growth", "offsite", "incident",
];

/// Spreads `size` entries over years ending `today` (ten years for large
/// sizes, at least one), with check-ins weekly and a few topics.
pub fn write_large(
    store: &mut Store,
    size: u64,
    today: NaiveDate,
    now: DateTime<Utc>,
    progress: impl FnMut(u64),
) -> Result<DemoCounts, StoreError> {
    let mut dice = Dice(0x0b16_d3e0_5eed_u64 ^ size);
    let dana = store.people_mut().add_person(
        &PersonDraft {
            name: "Dana Okafor".into(),
            role: "Director of Engineering".into(),
            strengths: vec![
                "negotiating with finance".into(),
                "hiring senior engineers".into(),
            ],
            cadence_days: Some(7),
            is_current: true,
            relation: crate::domain::Relation::Manager,
        },
        today,
        now,
    )?;
    let kinds = store.people().kinds()?;
    let kind = |name: &str| kinds.iter().find(|k| k.name == name).map_or(1, |k| k.id);
    let ids = [
        kind("one_on_one"),
        kind("coffee"),
        kind("chat"),
        kind("meal"),
        kind("advice"),
        kind("summary"),
        kind("feedback"),
        kind("note"),
    ];
    let span_days: u64 = (size / 25).clamp(365, 3650);
    let drafts = (0..size).map(move |i| {
        let back = (i * span_days) / size.max(1);
        let day = today.checked_sub_days(Days::new(back)).unwrap_or(today);
        let roll = dice.next() % 100;
        // Roughly: 1:1s and summaries weekly, informal time and asks less often.
        let (kind_at, title, notes) = match roll {
            0..=29 => (0, dice.pick(ONE_ON_ONE_TITLES), dice.pick(ONE_ON_ONE_NOTES)),
            30..=54 => {
                let (k, t, n) = dice.pick(INFORMAL);
                let at = match k {
                    "coffee" => 1,
                    "chat" => 2,
                    _ => 3,
                };
                (at, t, n)
            }
            55..=64 => (
                4,
                dice.pick(ADVICE).0,
                "She answered with two concrete steps.",
            ),
            65..=84 => (
                5,
                "Weekly summary: highlights and topics",
                "Highlights, three topics to pick from, FYI.",
            ),
            85..=92 => (6, dice.pick(FEEDBACK), "Written down word for word."),
            _ => (
                7,
                dice.pick(REFLECTIONS),
                "Next time: bring it up early, as a question.",
            ),
        };
        let quality = if kind_at == 7 {
            None
        } else {
            Quality::new(i64::from(dice.score(3.6))).ok()
        };
        let tags = if dice.chance(0.3) {
            vec![dice.pick(TAGS).to_string()]
        } else {
            Vec::new()
        };
        InteractionDraft {
            person_id: dana.id,
            kind_id: ids[kind_at],
            happened_on: day,
            at_time: NaiveTime::from_hms_opt(9 + (dice.next() % 9) as u32, 0, 0),
            minutes: Some(15 + (dice.next() % 4) as u32 * 15),
            quality,
            initiated_by: if dice.chance(0.3) {
                InitiatedBy::Them
            } else {
                InitiatedBy::Me
            },
            title: title.to_string(),
            notes: notes.to_string(),
            tags,
            advice_strength: (kind_at == 4).then(|| "negotiating with finance".to_string()),
            private: false,
        }
    });
    let interactions = store.bulk_mut().add_interactions(drafts, now, progress)?;
    let three_weeks_ago = today.checked_sub_days(Days::new(21)).unwrap_or(today);
    store
        .bulk_mut()
        .close_generated_advice_loops(three_weeks_ago, 20)?;
    let mut dice = Dice(0x0c4e_c41d_u64 ^ size);
    let first = today
        .checked_sub_days(Days::new(span_days))
        .unwrap_or(today);
    let weeks = first
        .iter_weeks()
        .take_while(|w| *w <= today)
        .map(|checked_on| CheckInDraft {
            person_id: Some(dana.id),
            checked_on,
            trust: dice.score(3.4),
            clarity: dice.score(3.0),
            ease: dice.score(3.2),
            note: String::new(),
        })
        .collect::<Vec<_>>();
    let check_ins =
        usize::try_from(store.bulk_mut().add_check_ins(weeks, now)?).unwrap_or(usize::MAX);
    let mut topics = 0;
    for (n, text) in super::TOPICS.iter().enumerate() {
        let topic = store.agenda_mut().add_topic(dana.id, text, today, now)?;
        topics += 1;
        if n % 3 == 0 {
            store
                .agenda_mut()
                .close_topic(topic.id, TopicStatus::Discussed, today, now)?;
        }
    }
    Ok(DemoCounts {
        interactions: usize::try_from(interactions).unwrap_or(usize::MAX),
        check_ins,
        topics,
        promises: 0,
    })
}
