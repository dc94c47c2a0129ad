//! The Prep screen's work against the store: the sheet, the agenda, advice
//! report-backs, the summary for the next 1:1 (generated from the user's template or
//! the built-in one, saved, marked sent, written to a file) and the
//! after-the-1:1 save.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};

use super::super::loading::{Changed, RequestId};
use super::super::screens::prep::{Cmd, Msg, PromiseCmd};
use super::Settings;
use crate::domain::Week;
use crate::domain::promise::when_due;
use crate::domain::text::shown_line;
use crate::journal;
use crate::prep::{SummaryTemplate, generate, short_date};
use crate::present::truncated;
use crate::store::{PersonChange, Store, StoreError, SummaryFor, write_private_file};

/// Runs one of the Prep screen's commands.
pub(super) fn run(
    store: &mut Store,
    settings: &Settings,
    cmd: Cmd,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Msg, StoreError> {
    Ok(match cmd {
        Cmd::Load { request, person_id } => load(store, request, person_id, today)?,
        Cmd::AddTopic { person_id, text } => {
            Msg::TopicAdded(store.agenda_mut().add_topic(person_id, &text, today, now)?)
        }
        Cmd::MoveTopic { id, direction } => Msg::TopicMoved {
            id,
            moved: store.agenda_mut().move_topic(id, direction, now)?,
        },
        Cmd::CloseTopic { id, status } => {
            Msg::TopicClosed(store.agenda_mut().close_topic(id, status, today, now)?)
        }
        Cmd::SetNextOneOnOne { person_id, day } => {
            Msg::Rescheduled(store.people_mut().update_person(
                person_id,
                &PersonChange {
                    next_one_on_one: Some(Some(day)),
                    ..PersonChange::default()
                },
                today,
                now,
            )?)
        }
        Cmd::Promise(change) => Msg::PromiseChanged(promise(store, change, today, now)?),
        Cmd::ReportAdvice { loop_id, applied } => {
            store
                .advice_mut()
                .report_advice(loop_id, Some(applied), today)?;
            Msg::AdviceReported
        }
        Cmd::DraftSummary {
            person_id,
            week: _,
            fresh,
            then,
        } => {
            let of = summary_for(store, person_id, today)?;
            let saved = store.agenda().summary(person_id, of.after)?.filter(|s| {
                // A sent summary is kept as sent; a draft is kept unless a
                // fresh one was asked for.
                s.sent_on.is_some() || (!fresh && !s.body.trim().is_empty())
            });
            if let Some(summary) = saved {
                return Ok(Msg::SummaryReady {
                    summary: Box::new(summary),
                    generated: false,
                    template_error: None,
                    then,
                });
            }
            let (template, template_error) = template(settings.template_dir.as_deref());
            let person = store.people().person(person_id)?;
            let facts = journal::summary_facts(store, &person, today)?;
            let body = generate(&template, &facts);
            let summary = store
                .agenda_mut()
                .save_summary_draft(person_id, of, &body, now)?;
            Msg::SummaryReady {
                summary: Box::new(summary),
                generated: true,
                template_error,
                then,
            }
        }
        Cmd::SaveSummary {
            person_id, body, ..
        } => {
            let of = summary_for(store, person_id, today)?;
            Msg::SummarySaved(Box::new(
                store
                    .agenda_mut()
                    .save_summary_draft(person_id, of, &body, now)?,
            ))
        }
        Cmd::MarkSummarySent {
            person_id, body, ..
        } => {
            let of = summary_for(store, person_id, today)?;
            Msg::SummarySent(Box::new(
                store
                    .agenda_mut()
                    .mark_summary_sent(person_id, of, &body, today, now)?,
            ))
        }
        Cmd::WriteSummary {
            path,
            body,
            replace,
        } => {
            let path = home_expanded(&path, std::env::var_os("HOME").map(PathBuf::from));
            match write_private_file(&path, body.as_bytes(), replace) {
                Ok(()) => Msg::SummaryWritten(path),
                Err(StoreError::Io { source, .. })
                    if !replace && source.kind() == ErrorKind::AlreadyExists =>
                {
                    Msg::SummaryFileExists { path, body }
                }
                Err(e) => return Err(e),
            }
        }
        Cmd::RecordOneOnOne {
            record,
            follow_ups,
            attach_to,
        } => Msg::OneOnOneRecorded(Box::new(match attach_to {
            Some(entry) => {
                store
                    .agenda_mut()
                    .attach_to_one_on_one(entry, &record, &follow_ups, now)?
            }
            None => store
                .agenda_mut()
                .record_one_on_one_with(&record, &follow_ups, now)?,
        })),
    })
}

/// What each command writes, for `update::invalidate`.
pub(super) fn changed_by(cmd: &Cmd) -> Changed {
    match cmd {
        Cmd::Load { .. } | Cmd::WriteSummary { .. } => Changed::empty(),
        Cmd::AddTopic { .. } | Cmd::MoveTopic { .. } | Cmd::CloseTopic { .. } => Changed::TOPICS,
        Cmd::SetNextOneOnOne { .. } => Changed::PEOPLE,
        Cmd::Promise(_) => Changed::PROMISES,
        Cmd::ReportAdvice { .. } => Changed::ADVICE,
        Cmd::DraftSummary { .. } | Cmd::SaveSummary { .. } => Changed::SUMMARY,
        // Marking sent logs a summary entry.
        Cmd::MarkSummarySent { .. } => Changed::SUMMARY | Changed::ENTRIES,
        Cmd::RecordOneOnOne { .. } => {
            Changed::ENTRIES
                | Changed::TOPICS
                | Changed::ADVICE
                | Changed::SUMMARY
                | Changed::PEOPLE
                | Changed::PROMISES
        }
    }
}

/// The 1:1 the summary written today prepares, and the one it follows.
fn summary_for(store: &Store, person_id: i64, today: NaiveDate) -> Result<SummaryFor, StoreError> {
    let person = store.people().person(person_id)?;
    let window = journal::summary_window(store, &person, today)?;
    Ok(SummaryFor {
        after: window.previous,
        for_day: window.for_one_on_one,
    })
}

/// The sheet, the saved summary for the next 1:1, and whether the
/// after-the-1:1 form's picks have a summary to go on (the one that
/// prepared a 1:1 held today).
fn load(
    store: &Store,
    request: RequestId,
    person_id: i64,
    today: NaiveDate,
) -> Result<Msg, StoreError> {
    let person = store.people().person(person_id)?;
    let sheet = journal::prep_sheet(store, &person, today)?;
    let previous = sheet.summary.window.previous;
    let summary = store.agenda().summary(person_id, previous)?;
    // A 1:1 logged today was prepared by the summary filed after the one
    // before it.
    let prepared = match previous.filter(|p| *p == today).and_then(|p| p.pred_opt()) {
        Some(day) => {
            let before = store
                .agenda()
                .last_one_on_one(person_id, day)?
                .map(|l| l.happened_on);
            store.agenda().summary(person_id, before)?
        }
        None => summary.clone(),
    };
    Ok(Msg::Loaded {
        request,
        person_id,
        sheet: Box::new(sheet),
        summary: summary.map(Box::new),
        picks_week: prepared.map(|_| Week::containing(today)),
    })
}

/// The user's `summary.md` from the config directory, else the built-in
/// template, with why the user's could not be used.
fn template(dir: Option<&Path>) -> (SummaryTemplate, Option<String>) {
    let Some(dir) = dir else {
        return (SummaryTemplate::builtin(), None);
    };
    let file = SummaryTemplate::user_file(dir);
    match SummaryTemplate::from_user_file(&file, std::fs::read_to_string(&file)) {
        Ok(template) => (template, None),
        Err(e) => (SummaryTemplate::builtin(), Some(e.to_string())),
    }
}

/// `~/notes/s.md` under the home directory; other paths as they are.
fn home_expanded(path: &Path, home: Option<PathBuf>) -> PathBuf {
    match (path.strip_prefix("~"), home) {
        (Ok(rest), Some(home)) => home.join(rest),
        _ => path.to_path_buf(),
    }
}

/// Runs one change to a promise; the words for the status line.
fn promise(
    store: &mut Store,
    change: PromiseCmd,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<String, StoreError> {
    let named = |text: &str| format!("“{}”", truncated(&shown_line(text), 50));
    Ok(match change {
        PromiseCmd::Add(draft) => {
            let p = store.promises_mut().add(&draft, now)?;
            let due = p
                .due_on
                .map(|d| format!(", due {}", when_due(d, today)))
                .unwrap_or_default();
            format!("promise noted: {}{due}", named(&p.text))
        }
        PromiseCmd::Keep(id) => {
            let p = store.promises_mut().keep(id, today, today, now)?;
            format!("{} kept: done as promised", named(&p.text))
        }
        PromiseCmd::Move { id, due_on } => {
            let p = store.promises_mut().move_due(id, due_on, today, now)?;
            format!(
                "{} moved to {}: tell them the new day",
                named(&p.text),
                short_date(due_on, today)
            )
        }
        PromiseCmd::Drop(id) => {
            let p = store.promises_mut().drop(id, today, now)?;
            format!("{} dropped", named(&p.text))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_home_relative_path_is_expanded_and_others_are_kept() {
        let home = Some(PathBuf::from("/home/me"));
        assert_eq!(
            home_expanded(Path::new("~/notes/s.md"), home.clone()),
            PathBuf::from("/home/me/notes/s.md")
        );
        assert_eq!(
            home_expanded(Path::new("s.md"), home.clone()),
            PathBuf::from("s.md")
        );
        assert_eq!(
            home_expanded(Path::new("~other/s.md"), home),
            PathBuf::from("~other/s.md")
        );
        assert_eq!(
            home_expanded(Path::new("~/s.md"), None),
            PathBuf::from("~/s.md")
        );
    }

    #[test]
    fn a_broken_user_template_falls_back_to_the_built_in_one_and_says_why() {
        let dir = std::env::temp_dir().join(format!("rapport-template-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let _ = std::fs::write(dir.join("summary.md"), "Hi {{boss}}\n");
        let (template, error) = template(Some(&dir));
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(template, SummaryTemplate::builtin());
        let error = error.unwrap_or_default();
        assert!(
            error.contains("summary.md:1") && error.contains("boss"),
            "{error}"
        );
        let (template, error) = template_from_missing();
        assert_eq!((template, error), (SummaryTemplate::builtin(), None));
    }

    fn template_from_missing() -> (SummaryTemplate, Option<String>) {
        template(Some(Path::new("/nonexistent/rapport")))
    }
}
