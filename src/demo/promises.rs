//! The demo's promises: four months of them, mine and Dana's, most kept,
//! a couple moved, one late, one missed, one dropped, and a few still open
//! (one of mine moved twice, one of hers overdue) so the Prep pane, the
//! Insights plot and the coach have something to show.

use chrono::{DateTime, Days, NaiveDate, Utc};

use crate::domain::{MadeBy, PromiseDraft};
use crate::store::{Store, StoreError};

/// How a demo promise goes: days are counted back from today.
enum Fate {
    /// Kept this many days ago.
    Kept(u64),
    /// Moved on the first day to the second (both days ago), then `next`.
    Moved(u64, i64, Box<Fate>),
    Missed(u64),
    Dropped(u64),
    Open,
}

struct DemoPromise {
    text: &'static str,
    by: MadeBy,
    made: u64,
    /// The due day, days from today (negative: in the past).
    due: i64,
    fate: Fate,
}

fn promises() -> Vec<DemoPromise> {
    use Fate::*;
    use MadeBy::*;
    let p = |text, by, made, due, fate| DemoPromise {
        text,
        by,
        made,
        due,
        fate,
    };
    vec![
        p(
            "Send the cost model for the vendor renewal",
            Me,
            110,
            -106,
            Kept(107),
        ),
        p(
            "Introduce me to the data platform lead",
            Them,
            103,
            -96,
            Kept(94),
        ),
        p(
            "Write up the on-call proposal",
            Me,
            96,
            -89,
            Moved(90, -82, Box::new(Kept(82))),
        ),
        p("Share the hiring rubric draft", Me, 82, -78, Kept(78)),
        p(
            "Check with finance about the contractor budget",
            Them,
            75,
            -68,
            Kept(69),
        ),
        p("Draft the offsite agenda", Me, 68, -61, Missed(58)),
        p("Review Priya's promotion packet", Me, 54, -50, Kept(48)),
        p("Send the migration timeline to Sam", Me, 47, -43, Kept(43)),
        p(
            "Feedback on my conference talk proposal",
            Them,
            40,
            -33,
            Kept(34),
        ),
        p(
            "Write the reliability offsite retro",
            Me,
            33,
            -28,
            Moved(29, -21, Box::new(Kept(22))),
        ),
        p("Set up the team health survey", Me, 26, -19, Dropped(17)),
        p(
            "Talk to finance about the headcount for Q1",
            Them,
            20,
            -12,
            Open,
        ),
        p(
            "Cost estimate for the observability vendor",
            Me,
            19,
            -12,
            Moved(13, -5, Box::new(Moved(6, 4, Box::new(Open)))),
        ),
        p("Send the on-call rotation proposal", Me, 6, 3, Open),
        p("Ask Sam about the reorg timeline", Them, 5, 6, Open),
    ]
}

/// Writes the demo's promises with `person_id`, each tied to the 1:1 it was
/// made in when there was one that week. Returns how many were written.
pub fn write_promises(
    store: &mut Store,
    person_id: i64,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<usize, StoreError> {
    let ago = |n: u64| today - Days::new(n);
    let ahead = |n: i64| {
        if n < 0 {
            today - Days::new(n.unsigned_abs())
        } else {
            today + Days::new(n.unsigned_abs())
        }
    };
    let list = promises();
    for demo in &list {
        let nominal = ago(demo.made);
        let one_on_one = store
            .agenda()
            .last_one_on_one(person_id, nominal)?
            .filter(|e| nominal.signed_duration_since(e.happened_on).num_days() < 7);
        let draft = PromiseDraft {
            person_id,
            text: demo.text.to_string(),
            made_by: demo.by,
            made_on: one_on_one.as_ref().map_or(nominal, |e| e.happened_on),
            interaction_id: one_on_one.map(|e| e.id),
            due_on: Some(ahead(demo.due)),
        };
        let id = store.promises_mut().add(&draft, now)?.id;
        let mut fate = &demo.fate;
        loop {
            match fate {
                Fate::Kept(n) => {
                    store.promises_mut().keep(id, ago(*n), today, now)?;
                }
                Fate::Moved(on, to, next) => {
                    store
                        .promises_mut()
                        .move_due(id, ahead(*to), ago(*on), now)?;
                    fate = next;
                    continue;
                }
                Fate::Missed(n) => {
                    store.promises_mut().miss(id, ago(*n), now)?;
                }
                Fate::Dropped(n) => {
                    store.promises_mut().drop(id, ago(*n), now)?;
                }
                Fate::Open => {}
            }
            break;
        }
    }
    Ok(list.len())
}
