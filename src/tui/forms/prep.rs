//! The Prep screen's forms: the summary editor, the file to write the
//! summary to, and the after-the-1:1 form that logs the meeting, closes the
//! topics discussed, records the summary picks and adds what came out of it.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::{FieldErrors, OpenForm, Purpose};
use crate::domain::text::shown_line;
use crate::domain::{AdviceAsk, FollowUps, InitiatedBy, InteractionDraft, Kind, Person, Week};
use crate::present::truncated;
use crate::store::OneOnOneRecord;
use crate::tui::form::{Checklist, DayRule, Editor, Field, FieldId, Form};

/// The in-app editor for this week's summary: one markdown field over the
/// whole popup.
pub fn summary_form(person_id: i64, week: Week, body: &str) -> OpenForm {
    let mut editor = Editor::notes(body);
    // A document is read from its top; notes are added to at their end.
    if let Editor::Notes(area) = &mut editor {
        area.move_cursor(ratatui_textarea::CursorMove::Top);
        area.move_cursor(ratatui_textarea::CursorMove::Head);
    }
    let fields = vec![Field::new(
        FieldId::Summary,
        "Summary",
        editor,
        "markdown; Enter for a new line",
    )];
    let _ = week;
    let mut form = Form::new("Summary for the next 1:1", fields);
    form.tall = true;
    OpenForm::new(Purpose::Summary { person_id, week }, form)
}

pub fn summary_body(form: &Form) -> Result<String, FieldErrors> {
    let body = form.text(FieldId::Summary);
    if body.trim().is_empty() {
        return Err(FieldErrors::from([(
            FieldId::Summary,
            "the summary is empty: write something, or esc to keep the saved one".to_string(),
        )]));
    }
    Ok(body)
}

/// Where to write the summary: `summary-2026-W48.md` in the current
/// directory unless the user types another path.
pub fn write_summary_form(week: Week, body: &str) -> OpenForm {
    let fields = vec![Field::new(
        FieldId::Path,
        "File",
        Editor::line(&format!("summary-{week}.md")),
        "a path; ~/ is your home; Enter writes it (0600)",
    )];
    let mut form = Form::new("Write the summary to a file", fields);
    form.intro = Some(
        "Relative paths are from the directory rapport was started in. An existing file is only replaced if you say so."
            .into(),
    );
    OpenForm::new(
        Purpose::WriteSummary {
            body: body.to_string(),
        },
        form,
    )
}

/// The path typed; a leading `~/` is left for the write to expand.
pub fn summary_path(form: &Form) -> Result<PathBuf, FieldErrors> {
    let typed = form.text(FieldId::Path).trim().to_string();
    if typed.is_empty() {
        return Err(FieldErrors::from([(
            FieldId::Path,
            "a file name is needed".to_string(),
        )]));
    }
    Ok(PathBuf::from(typed))
}

/// The open topics as the after-the-1:1 form lists them: id and text.
pub type TopicItems = Vec<(i64, String)>;

/// The after-the-1:1 form, saved onto the 1:1 `entry` (titled `title`)
/// already logged today instead of a new one.
pub fn attach_one_on_one(open: &mut OpenForm, entry: i64, title: &str) {
    if let Purpose::OneOnOne { attach_to, .. } = &mut open.purpose {
        *attach_to = Some(entry);
    }
    open.form.title = format!("{} (added to today's)", open.form.title);
    open.form.intro = Some(format!(
        "Added to “{}”: the topics close with it, and its quality, minutes and notes are filled in where it has none.",
        shown_line(title)
    ));
}

/// After the 1:1: how it went, the topics discussed (ticked; they close,
/// linked to it), the ones the manager picked from the summary (only when
/// there is a summary of this week or last to record them on), new topics
/// and an advice ask that came out of it.
pub fn one_on_one_form(manager: &Person, topics: &[(i64, String)], picks: bool) -> OpenForm {
    let strengths = if manager.strengths.is_empty() {
        "the strength of theirs it draws on".to_string()
    } else {
        format!(
            "theirs it draws on: {}",
            truncated(&shown_line(&manager.strengths.join("; ")), 50)
        )
    };
    let mut fields = vec![
        Field::new(
            FieldId::Quality,
            "Quality",
            Editor::Score(None),
            "1-5, how well it went",
        ),
        Field::new(
            FieldId::Minutes,
            "Minutes",
            super::minutes_editor(None),
            "how long, optional",
        ),
        Field::new(
            FieldId::Notes,
            "Notes",
            Editor::notes(""),
            "Enter for a new line",
        ),
    ];
    if !topics.is_empty() {
        fields.push(Field::new(
            FieldId::Discussed,
            "Discussed",
            Editor::Checklist(Checklist::new(topics.to_vec())),
            "a topic's number or space ticks it; ticked ones close",
        ));
        if picks {
            fields.push(Field::new(
                FieldId::Picked,
                "Picked",
                Editor::Checklist(Checklist::new(topics.to_vec())),
                "the ones they picked from your summary",
            ));
        }
    }
    fields.extend([
        Field::new(
            FieldId::NewTopics,
            "New topics",
            Editor::notes(""),
            "one per line, for the next 1:1",
        ),
        Field::new(
            FieldId::AdviceAsk,
            "Advice ask",
            Editor::line(""),
            "a question you asked their advice on, optional",
        ),
        Field::new(FieldId::Strength, "Strength", Editor::line(""), strengths),
    ]);
    fields.extend(super::promise_fields());
    fields.extend([
        Field::new(
            FieldId::Title,
            "Title",
            Editor::line(""),
            "empty: 1:1 and the topics discussed",
        ),
        Field::new(
            FieldId::Date,
            "Date",
            Editor::prefilled_day("today", DayRule::Any),
            "yesterday, monday; [ ] step a day; Enter saves",
        ),
    ]);
    let mut form = Form::new(
        format!("After the 1:1 with {}", shown_line(&manager.name)),
        fields,
    );
    form.intro = Some(
        "Saved in one go: the 1:1, the topics it closed, the picks, and what came out of it."
            .into(),
    );
    OpenForm::new(
        Purpose::OneOnOne {
            person_id: manager.id,
            attach_to: None,
        },
        form,
    )
}

/// The open topics the form was built with, read back from its checklist.
pub fn one_on_one_topics(form: &Form) -> (TopicItems, bool) {
    let items = match form.field(FieldId::Discussed).map(|f| &f.editor) {
        Some(Editor::Checklist(list)) => list.items.clone(),
        _ => Vec::new(),
    };
    (items, form.field(FieldId::Picked).is_some())
}

/// What the after-the-1:1 form saves, or what is wrong with each field.
pub fn one_on_one_record(
    form: &Form,
    kinds: &[Kind],
    person: &Person,
    today: NaiveDate,
) -> Result<(OneOnOneRecord, FollowUps), FieldErrors> {
    let person_id = person.id;
    let mut errors = FieldErrors::new();
    let kind = kinds.iter().find(|k| k.name == "one_on_one");
    let happened_on = form
        .day(FieldId::Date, today, None)
        .map_err(|e| errors.insert(FieldId::Date, e))
        .ok();
    if happened_on.is_some_and(|d| d > today) {
        errors.insert(
            FieldId::Date,
            "that day is still to come: log the 1:1 once it happened".into(),
        );
    }
    let minutes = super::minutes_field(form, &mut errors);
    let quality = form.quality(FieldId::Quality);
    let question = form.text(FieldId::AdviceAsk).trim().to_string();
    let strength = form.text(FieldId::Strength).trim().to_string();
    if question.is_empty() && !strength.is_empty() {
        errors.insert(
            FieldId::AdviceAsk,
            "the question you asked, for this strength".into(),
        );
    }
    let discussed = form.ticked(FieldId::Discussed);
    let promises = super::promises_field(
        form,
        Some(person),
        happened_on.unwrap_or(today),
        today,
        &mut errors,
    );
    let (Some(kind), Some(happened_on)) = (kind, happened_on) else {
        if kind.is_none() {
            errors.insert(FieldId::Quality, "the one_on_one kind is missing".into());
        }
        return Err(errors);
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut title = form.text(FieldId::Title).trim().to_string();
    if title.is_empty() {
        title = default_title(form, &discussed);
    }
    let draft = InteractionDraft {
        person_id,
        kind_id: kind.id,
        happened_on,
        at_time: None,
        minutes,
        quality,
        initiated_by: InitiatedBy::Me,
        title,
        notes: form.text(FieldId::Notes),
        tags: Vec::new(),
        advice_strength: None,
        private: false,
    };
    let record = OneOnOneRecord {
        draft,
        discussed,
        picked: form.ticked(FieldId::Picked),
    };
    let follow_ups = FollowUps {
        new_topics: form
            .text(FieldId::NewTopics)
            .lines()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
            .collect(),
        advice: (!question.is_empty()).then_some(AdviceAsk { question, strength }),
        promises,
    };
    Ok((record, follow_ups))
}

/// `1:1: Hiring plan, Budget`: the meeting named by what it covered.
fn default_title(form: &Form, discussed: &[i64]) -> String {
    let (items, _) = one_on_one_topics(form);
    let covered: Vec<&str> = items
        .iter()
        .filter(|(id, _)| discussed.contains(id))
        .map(|(_, text)| text.as_str())
        .collect();
    if covered.is_empty() {
        "1:1".to_string()
    } else {
        truncated(&format!("1:1: {}", covered.join(", ")), 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Category, Quality};

    fn dana() -> Person {
        Person {
            relation: Default::default(),
            id: 7,
            name: "Dana".into(),
            role: String::new(),
            is_current: true,
            cadence_days: Some(7),
            next_one_on_one: None,
            archived: false,
            strengths: vec!["hiring".into()],
            call: String::new(),
        }
    }

    fn kinds() -> Vec<Kind> {
        vec![Kind {
            id: 1,
            name: "one_on_one".into(),
            category: Category::Formal,
            builtin: true,
        }]
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap_or_default()
    }

    #[test]
    fn ticked_topics_close_and_name_the_meeting() {
        let topics = vec![(3, "Hiring".to_string()), (5, "Budget".to_string())];
        let mut open = one_on_one_form(&dana(), &topics, true);
        open.form.set_score(FieldId::Quality, Some(4));
        open.form.tick(FieldId::Discussed, &[5]);
        open.form.tick(FieldId::Picked, &[3, 5]);
        open.form
            .set_text(FieldId::NewTopics, "Offsite\n\n  Roadmap ");
        let (record, follow_ups) =
            one_on_one_record(&open.form, &kinds(), &dana(), today()).expect("valid");
        assert_eq!(record.discussed, vec![5]);
        assert_eq!(record.picked, vec![3, 5]);
        assert_eq!(record.draft.title, "1:1: Budget");
        assert_eq!(record.draft.quality.map(Quality::get), Some(4));
        assert_eq!(follow_ups.new_topics, vec!["Offsite", "Roadmap"]);
        assert_eq!(follow_ups.advice, None);
    }

    #[test]
    fn promises_made_in_the_one_on_one_are_saved_with_it() {
        let mut open = one_on_one_form(&dana(), &[], false);
        open.form
            .set_text(FieldId::MyPromises, "Send the cost model @fri");
        open.form
            .set_text(FieldId::TheirPromises, "Talk to finance @next 1:1");
        let (_, follow_ups) =
            one_on_one_record(&open.form, &kinds(), &dana(), today()).expect("valid");
        let promises: Vec<_> = follow_ups
            .promises
            .iter()
            .map(|p| (p.made_by, p.text.as_str(), p.due_on))
            .collect();
        let day = |d| NaiveDate::from_ymd_opt(2026, 12, d);
        assert_eq!(
            promises,
            vec![
                (
                    crate::domain::MadeBy::Me,
                    "Send the cost model",
                    NaiveDate::from_ymd_opt(2026, 11, 27)
                ),
                // The 1:1 is today and the cadence weekly: the next is in a week.
                (crate::domain::MadeBy::Them, "Talk to finance", day(1)),
            ]
        );
        open.form.set_text(FieldId::MyPromises, "x @someday");
        let errors = one_on_one_record(&open.form, &kinds(), &dana(), today())
            .err()
            .unwrap_or_default();
        assert!(errors.contains_key(&FieldId::MyPromises), "{errors:?}");
    }

    #[test]
    fn without_a_summary_there_is_nothing_to_pick() {
        let topics = vec![(3, "Hiring".to_string())];
        let open = one_on_one_form(&dana(), &topics, false);
        assert!(open.form.field(FieldId::Picked).is_none());
        assert_eq!(one_on_one_topics(&open.form), (topics, false));
    }

    #[test]
    fn a_strength_without_a_question_and_a_future_day_are_refused() {
        let mut open = one_on_one_form(&dana(), &[], false);
        open.form.set_text(FieldId::Strength, "hiring");
        open.form.set_text(FieldId::Date, "2030-01-01");
        let errors = one_on_one_record(&open.form, &kinds(), &dana(), today())
            .err()
            .unwrap_or_default();
        assert!(errors.contains_key(&FieldId::AdviceAsk));
        assert!(errors.contains_key(&FieldId::Date));
    }

    #[test]
    fn the_file_defaults_to_the_weeks_name() {
        let mut open = write_summary_form(Week::containing(today()), "body");
        assert_eq!(open.form.text(FieldId::Path), "summary-2026-W48.md");
        open.form.set_text(FieldId::Path, "  ");
        assert!(summary_path(&open.form).is_err());
    }
}
