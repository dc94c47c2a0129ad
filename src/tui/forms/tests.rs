//! Tests of the forms: what each form reads back from its fields.

use super::drafts::{CheckInDraftBody, EntryDraftBody, FormDraft, SummaryDraftBody};
use super::*;
use crate::tui::form::Pick;

/// The kinds the forms' tests offer (shared with `update_tests`).
pub(super) fn kinds() -> Vec<Kind> {
    [
        ("one_on_one", Category::Formal),
        ("meal", Category::Informal),
        ("note", Category::Note),
    ]
    .iter()
    .enumerate()
    .map(|(i, (n, c))| Kind {
        id: i as i64 + 1,
        name: n.to_string(),
        category: *c,
        builtin: true,
    })
    .collect()
}

/// Dana, the current manager, alone.
pub(super) fn people() -> Vec<Person> {
    vec![Person {
        relation: Default::default(),
        id: 7,
        name: "Dana".into(),
        role: String::new(),
        is_current: true,
        cadence_days: Some(7),
        next_one_on_one: None,
        archived: false,
        strengths: vec![],
        call: String::new(),
    }]
}

pub(super) fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap_or_default()
}

#[test]
fn a_new_entry_defaults_to_today_with_the_manager() {
    let open = entry_form(&kinds(), &people(), people().first(), None);
    let draft = entry_draft(&open.form, &kinds(), today());
    let draft = draft.ok();
    assert_eq!(
        draft.as_ref().map(|d| (d.happened_on, d.person_id)),
        Some((today(), 7))
    );
}

#[test]
fn bad_fields_are_each_explained() {
    let mut open = entry_form(&kinds(), &people(), people().first(), None);
    open.form.set_text(FieldId::Date, "2026-02-30");
    open.form.set_text(FieldId::Time, "25:00");
    open.form.set_text(FieldId::Minutes, "0");
    let errors = entry_draft(&open.form, &kinds(), today())
        .err()
        .unwrap_or_default();
    assert!(
        errors
            .get(&FieldId::Date)
            .is_some_and(|e| e.contains("2026-02-30"))
    );
    assert!(errors.contains_key(&FieldId::Time));
    assert!(errors.contains_key(&FieldId::Minutes));
}

#[test]
fn a_note_with_a_quality_is_refused_in_the_form() {
    let mut open = entry_form(&kinds(), &people(), people().first(), None);
    open.form.select(FieldId::Kind, Pick::Kind(3));
    open.form.set_score(FieldId::Quality, Some(3));
    let errors = entry_draft(&open.form, &kinds(), today())
        .err()
        .unwrap_or_default();
    assert!(errors.contains_key(&FieldId::Quality));
}

#[test]
fn a_draft_body_restores_the_same_form() {
    let mut open = entry_form(&kinds(), &people(), people().first(), None);
    open.form.set_text(FieldId::Title, "half typed");
    open.form.select(FieldId::Kind, Pick::Kind(2));
    open.form
        .select(FieldId::By, Pick::InitiatedBy(InitiatedBy::Them));
    open.form.set_score(FieldId::Quality, Some(4));
    open.form.set_text(FieldId::Date, "yester");
    let body = open.draft_body();
    let back = restore_draft(
        DraftKey::Entry,
        &body,
        &kinds(),
        &people(),
        people().first(),
    )
    .expect("restored");
    assert_eq!(FormDraft::of(&back), FormDraft::of(&open));
    assert_eq!(back.form.picked(FieldId::Kind), Some(Pick::Kind(2)));
    assert_eq!(
        back.form.text(FieldId::Date),
        "yester",
        "half typed stays text"
    );
}

#[test]
fn an_entry_draft_is_a_typed_struct_with_its_format() {
    let mut open = entry_form(&kinds(), &people(), people().first(), None);
    open.form.select(FieldId::Kind, Pick::Kind(2));
    open.purpose = Purpose::Entry {
        editing: Some(EntryVersion {
            id: 5,
            version: 2,
            uid: 9,
        }),
    };
    let json: serde_json::Value = serde_json::from_str(&open.draft_body()).unwrap_or_default();
    assert_eq!(json["format"], 2);
    assert_eq!(json["kind_id"], 2);
    assert_eq!(json["person_id"], 7);
    assert_eq!(json["initiated_by"], "me");
    assert_eq!(
        json["editing"],
        serde_json::json!({"id": 5, "version": 2, "uid": 9})
    );
    assert!(json.get("_editing").is_none() && json.get("kind").is_none());
}

#[test]
fn an_entry_draft_of_the_previous_format_is_read_back() {
    // As today's main writes it: every field's text by name, `_editing` beside.
    let previous = r#"{"_editing":"5:2:9","by":"them","date":"yesterday","kind":"meal","minutes":"45","my_promises":"","notes":"line one\nline two","quality":"4","strength":"","tags":"hiring, budget","their_promises":"","time":"","title":"Dinner","visible":"shared","with":"Dana"}"#;
    let draft = FormDraft::from_body(DraftKey::Entry, previous, &kinds(), &people());
    let Some(FormDraft::Entry(body)) = draft else {
        panic!("read as an entry draft: {draft:?}");
    };
    assert_eq!(
        body,
        EntryDraftBody {
            editing: Some(EntryVersion {
                id: 5,
                version: 2,
                uid: 9
            }),
            kind_id: Some(2),
            person_id: Some(7),
            title: "Dinner".into(),
            quality: Some(4),
            notes: "line one\nline two".into(),
            date: "yesterday".into(),
            minutes: "45".into(),
            initiated_by: InitiatedBy::Them,
            tags: "hiring, budget".into(),
            ..EntryDraftBody::default()
        }
    );
    let open =
        restore_draft(DraftKey::Entry, previous, &kinds(), &people(), None).expect("restored");
    assert_eq!(
        open.purpose,
        Purpose::Entry {
            editing: Some(EntryVersion {
                id: 5,
                version: 2,
                uid: 9
            })
        }
    );
    assert!(
        open.form.field(FieldId::MyPromises).is_none(),
        "an edit's form has no promise fields, restored or not"
    );
    let draft = entry_draft(&open.form, &kinds(), today()).expect("valid");
    assert_eq!(draft.kind_id, 2);
    assert_eq!(draft.initiated_by, InitiatedBy::Them);
    assert_eq!(draft.happened_on, today().pred_opt().unwrap_or_default());
    assert_eq!(draft.tags, ["hiring", "budget"]);
}

#[test]
fn every_draft_of_the_previous_format_is_read_back() {
    let read = |key, body: &str| FormDraft::from_body(key, body, &kinds(), &people());
    assert!(matches!(
        read(
            DraftKey::CheckIn,
            r#"{"trust":"4","clarity":"","ease":"2","note":"ok"}"#
        ),
        Some(FormDraft::CheckIn(CheckInDraftBody {
            trust: Some(4),
            clarity: None,
            ease: Some(2),
            ..
        }))
    ));
    let person = read(
        DraftKey::Person,
        r#"{"_person":"7","_onboarding":"false","name":"Dana","relation":"skip-level","strengths":"a; b","cadence":"14","role":"","call":""}"#,
    );
    let Some(FormDraft::Person(person)) = person else {
        panic!("a person draft: {person:?}");
    };
    assert_eq!(
        (person.editing, person.relation, person.strengths.as_str()),
        (Some(7), Some(crate::domain::Relation::SkipLevel), "a; b")
    );
    assert!(matches!(
        read(
            DraftKey::Summary,
            r#"{"_person":"7","_week":"2026-W48","summary":"hi"}"#
        ),
        Some(FormDraft::Summary(SummaryDraftBody { person_id: 7, .. }))
    ));
    let one_on_one = read(
        DraftKey::OneOnOne,
        r#"{"_person":"7","_topics":"[[3,\"Hiring\"],[5,\"Budget\"]]","_picks":"true","discussed":"5","picked":"3,5","quality":"3","notes":"half typed","date":"today"}"#,
    );
    let Some(FormDraft::OneOnOne(one_on_one)) = one_on_one else {
        panic!("a 1:1 draft: {one_on_one:?}");
    };
    assert_eq!(
        (
            one_on_one.discussed,
            one_on_one.picked,
            one_on_one.quality,
            one_on_one.picks
        ),
        (vec![5], vec![3, 5], Some(3), true)
    );
    assert_eq!(read(DraftKey::Entry, "not json"), None);
}

#[test]
fn a_draft_of_every_form_survives_the_round_trip() {
    let week = Week::containing(today());
    let topics = vec![(3, "Hiring".to_string())];
    let mut forms = vec![
        entry_form(&kinds(), &people(), people().first(), None),
        check_in_form(),
        person_form(None, false),
        summary_form(7, week, "# Done\n- shipped"),
        one_on_one_form(&people()[0], &topics, true),
    ];
    for open in &mut forms {
        for field in &mut open.form.fields {
            field.editor.set_text("typed");
        }
        open.form.set_score(FieldId::Trust, Some(5));
        open.form.tick(FieldId::Discussed, &[3]);
        open.form.select(
            FieldId::Relation,
            Pick::Relation(crate::domain::Relation::Peer),
        );
        let key = open.purpose.draft_key().expect("a draft form");
        let back =
            restore_draft(key, &open.draft_body(), &kinds(), &people(), None).expect("restored");
        assert_eq!(FormDraft::of(&back), FormDraft::of(open), "{key:?}");
        assert_eq!(back.purpose, open.purpose);
    }
}

#[test]
fn check_in_needs_all_three_scores() {
    let mut open = check_in_form();
    open.form.set_score(FieldId::Trust, Some(4));
    let errors = check_in_draft(&open.form, None, today())
        .err()
        .unwrap_or_default();
    assert_eq!(errors.len(), 2);
}
