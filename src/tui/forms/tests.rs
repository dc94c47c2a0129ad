//! Tests of the forms: what each form reads back from its fields.

use super::*;

fn kinds() -> Vec<Kind> {
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

fn people() -> Vec<Person> {
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

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap_or_default()
}

#[test]
fn a_new_entry_defaults_to_today_with_the_manager() {
    let open = entry_form(&kinds(), &people(), people().first(), None);
    let draft = entry_draft(&open.form, &kinds(), &people(), today());
    let draft = draft.ok();
    assert_eq!(
        draft.as_ref().map(|d| (d.happened_on, d.person_id)),
        Some((today(), 7))
    );
}

#[test]
fn bad_fields_are_each_explained() {
    let mut open = entry_form(&kinds(), &people(), people().first(), None);
    open.form.set_value(FieldId::Date, "2026-02-30");
    open.form.set_value(FieldId::Time, "25:00");
    open.form.set_value(FieldId::Minutes, "0");
    let errors = entry_draft(&open.form, &kinds(), &people(), today())
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
    open.form.set_value(FieldId::Kind, "note");
    open.form.set_value(FieldId::Quality, "3");
    let errors = entry_draft(&open.form, &kinds(), &people(), today())
        .err()
        .unwrap_or_default();
    assert!(errors.contains_key(&FieldId::Quality));
}

#[test]
fn a_draft_body_restores_the_same_form() {
    let mut open = entry_form(&kinds(), &people(), people().first(), None);
    open.form.set_value(FieldId::Title, "half typed");
    open.form.set_value(FieldId::Kind, "meal");
    let body = open.draft_body();
    let back = restore_draft(
        DraftKey::Entry,
        &body,
        &kinds(),
        &people(),
        people().first(),
    );
    assert_eq!(back.map(|o| o.form.snapshot()), Some(open.form.snapshot()));
}

#[test]
fn check_in_needs_all_three_scores() {
    let mut open = check_in_form();
    open.form.set_value(FieldId::Trust, "4");
    let errors = check_in_draft(&open.form, None, today())
        .err()
        .unwrap_or_default();
    assert_eq!(errors.len(), 2);
}
