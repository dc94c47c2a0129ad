//! The Insights charts as a person reads them: each "how well" series on its
//! own labelled row (told apart without colour, equal scores both visible),
//! the weekly bars on a y scale with the last bar under the last date, the
//! cadence bars as time used up with the state in words, and one meaning per
//! colour (on the Journal too: a rating's dots, the key hints).

mod common;

use chrono::{Days, NaiveDate, Utc};
use common::{Harness, today};
use crossterm::event::KeyCode;
use rapport::domain::{CheckInDraft, InitiatedBy, InteractionDraft, PersonDraft, Quality};
use rapport::store::Store;
use rapport::tui::app::{App, Msg};
use rapport::tui::keymap::Keymap;
use rapport::tui::{dispatch, start, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Color;

fn demo_store() -> Store {
    let mut store = Store::open_in_memory().expect("open");
    rapport::demo::write_demo(&mut store, today(), Utc::now()).expect("demo");
    store
}

/// Dana, the current manager, met every 7 days: her id.
fn add_dana(store: &mut Store) -> i64 {
    store
        .people_mut()
        .add_person(
            &PersonDraft {
                name: "Dana".into(),
                cadence_days: Some(7),
                is_current: true,
                ..PersonDraft::default()
            },
            today(),
            Utc::now(),
        )
        .expect("person")
        .id
}

/// An entry of mine with `person`, of `kind`, on `day`, rated `rating`.
fn rated(person: i64, kind: i64, day: NaiveDate, rating: u8, title: &str) -> InteractionDraft {
    InteractionDraft {
        person_id: person,
        kind_id: kind,
        happened_on: day,
        at_time: None,
        minutes: None,
        quality: Quality::new(i64::from(rating)).ok(),
        initiated_by: InitiatedBy::Me,
        title: title.to_string(),
        notes: String::new(),
        tags: Vec::new(),
        advice_strength: None,
        private: false,
    }
}

/// A manager met weekly, with a 1:1 six days ago and, in the week before,
/// a 1:1, a coffee and a check-in all rated 4.
fn equal_scores() -> Store {
    let mut store = Store::open_in_memory().expect("open");
    let dana = add_dana(&mut store);
    let kinds = store.people().kinds().expect("kinds");
    let kind = |name: &str| kinds.iter().find(|k| k.name == name).expect("kind").id;
    let day = |back: u64| today() - Days::new(back);
    for (name, back) in [("one_on_one", 13), ("coffee", 12), ("one_on_one", 6)] {
        let draft = rated(dana, kind(name), day(back), 4, &format!("{name} {back}"));
        store
            .entries_mut()
            .add_interaction(&draft, Utc::now())
            .expect("saved");
    }
    store
        .check_ins_mut()
        .add_check_in(
            &CheckInDraft {
                person_id: Some(dana),
                checked_on: day(12),
                trust: 4,
                clarity: 4,
                ease: 4,
                note: String::new(),
            },
            Utc::now(),
        )
        .expect("check-in");
    store
}

fn lines(buffer: &Buffer) -> Vec<String> {
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect()
        })
        .collect()
}

/// The row of the "how well" pane that starts with `name`, as (y, text
/// after the label), found right of the pane's left border.
fn series_row(rows: &[String], name: &str) -> (usize, String) {
    let label = format!("│{name:<9}");
    rows.iter()
        .enumerate()
        .find_map(|(y, row)| {
            row.find(&label)
                .map(|at| (y, row[at + label.len()..].to_string()))
        })
        .unwrap_or_else(|| panic!("no row for {name} in:\n{}", rows.join("\n")))
}

#[test]
fn insights_snapshots_over_a_year_and_all_time() {
    // 3 months at 120x40, 80x24 and 60x15: tests/insights.rs.
    let mut h = Harness::new(demo_store(), 120, 40);
    h.press(KeyCode::Char('2'));
    h.press(KeyCode::Char(']')).press(KeyCode::Char(']'));
    insta::assert_snapshot!("insights_view_12_months_120x40", h.draw());
    // Narrower, a year still shows whole: two weeks to a bar.
    h.resize(100, 30);
    insta::assert_snapshot!("insights_view_12_months_100x30", h.draw());
    h.resize(120, 40);
    h.press(KeyCode::Char(']'));
    insta::assert_snapshot!("insights_view_all_time_120x40", h.draw());
    h.resize(60, 15);
    insta::assert_snapshot!("insights_view_all_time_60x15", h.draw());
}

#[test]
fn without_colour_each_series_keeps_its_own_row_and_equal_scores_all_show() {
    for (width, height) in [(120, 40), (80, 24)] {
        let mut h = Harness::new(equal_scores(), width, height);
        h.press(KeyCode::Char('2'));
        let rows = lines(h.draw().buffer());
        let names = ["1:1", "informal", "trust", "clarity", "ease"];
        let found: Vec<(usize, String)> = names.iter().map(|n| series_row(&rows, n)).collect();
        let ys: Vec<usize> = found.iter().map(|(y, _)| *y).collect();
        let mut distinct = ys.clone();
        distinct.dedup();
        assert_eq!(distinct.len(), 5, "five rows at {width}x{height}: {ys:?}");
        // The week before last: every series scored 4, drawn as ▆ in the
        // same column of each row, none hidden behind another.
        let columns: Vec<Option<usize>> = found
            .iter()
            .map(|(_, text)| text.chars().position(|c| c == '▆'))
            .collect();
        assert!(columns.iter().all(Option::is_some), "{found:?}");
        assert!(
            columns.windows(2).all(|w| w[0] == w[1]),
            "the same week lines up: {found:?}"
        );
        assert!(
            found.iter().all(|(_, text)| text.contains("4.0")),
            "each row ends with its average: {found:?}"
        );
    }
}

#[test]
fn the_legend_and_the_labels_fit_at_every_size() {
    for (width, height) in [(120, 40), (100, 30), (80, 24)] {
        let mut h = Harness::new(demo_store(), width, height);
        h.press(KeyCode::Char('2'));
        let text = h.screen_text();
        for word in [
            "1:1", "informal", "ask", "update", "feedback", "note", "trust", "clarity", "ease",
            "avg",
        ] {
            assert!(
                text.contains(word),
                "{word} missing at {width}x{height}:\n{text}"
            );
        }
        assert!(text.contains("▁ 1 … █ 5"), "the score scale:\n{text}");
    }
}

#[test]
fn the_last_weekly_bar_sits_under_the_last_date_with_a_y_scale() {
    let mut h = Harness::new(demo_store(), 120, 40);
    h.press(KeyCode::Char('2'));
    let rows = lines(h.draw().buffer());
    let last_week = NaiveDate::from_ymd_opt(2026, 11, 23).expect("a Monday");
    let label = last_week.format("%-d %b").to_string();
    let edge = format!("{label}│");
    let (y, column) = rows
        .iter()
        .enumerate()
        .find_map(|(y, r)| {
            r.find(&edge)
                .map(|at| (y, r[..at].chars().count() + label.chars().count() - 1))
        })
        .expect("the last week's label ends at the chart's right edge");
    assert!(
        rows[..y]
            .iter()
            .any(|r| r.chars().nth(column).is_some_and(|c| c != ' ' && c != '│')),
        "a bar above the last date:\n{}",
        rows[..=y].join("\n")
    );
    let text = rows.join("\n");
    assert!(
        text.contains("4┤"),
        "a y scale labels the tallest bar:\n{text}"
    );
}

/// The app with colour on, drawn at `width` x `height`.
fn coloured(store: Store, width: u16, height: u16) -> (App, Store, Terminal<TestBackend>) {
    let mut app = App::new(today(), Keymap::defaults(), true);
    let mut store = store;
    dispatch(&mut app, &mut store, Msg::resized(width, height));
    start(&mut app, &mut store);
    dispatch(
        &mut app,
        &mut store,
        Msg::Key(crossterm::event::KeyEvent::from(KeyCode::Char('2'))),
    );
    let terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    (app, store, terminal)
}

#[test]
fn a_one_on_one_six_days_into_seven_reads_due_tomorrow_in_the_warning_colour() {
    let (app, _store, mut terminal) = coloured(equal_scores(), 120, 40);
    terminal.draw(|f| view::render(&app, f)).expect("draw");
    let buffer = terminal.backend().buffer().clone();
    let rows = lines(&buffer);
    let y = rows
        .iter()
        .position(|r| r.contains("│1:1      █"))
        .expect("the 1:1 cadence bar");
    assert!(rows[y].contains("6/7 days due tomorrow"), "{}", rows[y]);
    let x = rows[y]
        .char_indices()
        .position(|(_, c)| c == '█')
        .expect("bar") as u16;
    assert_eq!(buffer[(x, y as u16)].fg, Color::Yellow, "nearly due: fair");
    // Used up 6 of 7: the bar is mostly filled, the rest shaded.
    let filled = rows[y].matches('█').count();
    let left = rows[y].matches('░').count();
    assert!(filled > left * 3 && left > 0, "{}", rows[y]);
}

#[test]
fn colours_mean_one_thing_green_is_never_a_category() {
    let (app, _store, mut terminal) = coloured(demo_store(), 120, 40);
    terminal.draw(|f| view::render(&app, f)).expect("draw");
    let buffer = terminal.backend().buffer().clone();
    let rows = lines(&buffer);
    // The weekly bars and their legend take no colour of the judgement scale.
    let legend_y = rows
        .iter()
        .position(|r| r.contains("1:1") && r.contains("informal") && r.contains("feedback"))
        .expect("legend");
    let judgement = [Color::Green, Color::Yellow, Color::Red];
    for y in 0..=legend_y as u16 {
        for x in 0..60u16 {
            let cell = &buffer[(x, y)];
            if cell.symbol() == "█" {
                assert!(
                    !judgement.contains(&cell.fg),
                    "a category bar in {:?} at {x},{y}",
                    cell.fg
                );
            }
        }
    }
}

/// The Journal drawn with colour over Dana's 1:1s, one a day back from
/// yesterday, each titled and rated as given.
fn rated_journal(ratings: &[(&str, u8)]) -> (App, Store, Terminal<TestBackend>) {
    let mut store = Store::open_in_memory().expect("open");
    let dana = add_dana(&mut store);
    let kinds = store.people().kinds().expect("kinds");
    let one_on_one = kinds.iter().find(|k| k.name == "one_on_one").expect("kind");
    for (back, (title, rating)) in ratings.iter().enumerate() {
        let happened_on = today() - Days::new(back as u64 + 1);
        let draft = rated(dana, one_on_one.id, happened_on, *rating, title);
        store
            .entries_mut()
            .add_interaction(&draft, Utc::now())
            .expect("saved");
    }
    let mut app = App::new(today(), Keymap::defaults(), true);
    dispatch(&mut app, &mut store, Msg::resized(120, 40));
    start(&mut app, &mut store);
    let terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    (app, store, terminal)
}

#[test]
fn a_rating_takes_the_colour_of_its_judgement_and_key_hints_take_none() {
    let (app, _store, mut terminal) = rated_journal(&[
        ("selected", 4),
        ("went badly", 1),
        ("so-so", 3),
        ("went well", 5),
    ]);
    terminal.draw(|f| view::render(&app, f)).expect("draw");
    let buffer = terminal.backend().buffer().clone();
    let rows = lines(&buffer);
    // The rows under the selection (which is drawn reversed, in one style).
    for (title, colour) in [
        ("went badly", Color::Red),
        ("so-so", Color::Yellow),
        ("went well", Color::Green),
    ] {
        let y = rows
            .iter()
            .position(|r| r.contains(title))
            .unwrap_or_else(|| panic!("the row of {title:?}"));
        let x = rows[y]
            .chars()
            .position(|c| c == '●')
            .unwrap_or_else(|| panic!("dots on {:?}", rows[y])) as u16;
        assert_eq!(buffer[(x, y as u16)].fg, colour, "{title}: {}", rows[y]);
    }
    // The hint line's keys are bold and carry no colour of the judgement
    // scale, so yellow never reads as "due soon" on a key.
    let judgement = [Color::Green, Color::Yellow, Color::Red];
    let hints = rows.len() - 1;
    let bold: Vec<_> = (0..120u16)
        .map(|x| &buffer[(x, hints as u16)])
        .filter(|c| c.modifier.contains(ratatui::style::Modifier::BOLD) && c.symbol() != " ")
        .collect();
    assert!(!bold.is_empty(), "no key on the hint line: {}", rows[hints]);
    assert!(
        bold.iter().all(|c| !judgement.contains(&c.fg)),
        "a key in a judgement colour: {}",
        rows[hints]
    );
}
