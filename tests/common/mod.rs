//! A TUI harness shared by the view tests: key presses through `update`
//! and `effects` against a real journal, frames drawn into a TestBackend.

#![allow(dead_code)]

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rapport::store::{InteractionFilter, PageRequest, Store};
use rapport::tui::app::{App, Msg};
use rapport::tui::keymap::Keymap;
use rapport::tui::{dispatch, start, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).expect("a real date")
}

pub struct Harness {
    pub app: App,
    pub store: Store,
    pub terminal: Terminal<TestBackend>,
}

impl Harness {
    pub fn new(store: Store, width: u16, height: u16) -> Harness {
        Harness::on(today(), store, width, height)
    }

    /// A TUI started with its clock reading `day`.
    pub fn on(day: NaiveDate, store: Store, width: u16, height: u16) -> Harness {
        let mut app = App::new(day, Keymap::defaults(), false);
        let mut store = store;
        dispatch(&mut app, &mut store, Msg::resized(width, height));
        start(&mut app, &mut store);
        let terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
        Harness {
            app,
            store,
            terminal,
        }
    }

    pub fn press(&mut self, code: KeyCode) -> &mut Self {
        self.key(code, KeyModifiers::NONE)
    }

    pub fn key(&mut self, code: KeyCode, mods: KeyModifiers) -> &mut Self {
        dispatch(
            &mut self.app,
            &mut self.store,
            Msg::Key(KeyEvent::new(code, mods)),
        );
        self
    }

    /// A tick of the event loop on the same day.
    pub fn tick(&mut self) -> &mut Self {
        let today = self.app.today;
        self.tick_on(today)
    }

    /// A tick of the event loop whose clock reads `today` (at noon UTC).
    pub fn tick_on(&mut self, today: NaiveDate) -> &mut Self {
        let now = today.and_hms_opt(12, 0, 0).expect("a real time").and_utc();
        dispatch(&mut self.app, &mut self.store, Msg::Tick { today, now });
        self
    }

    pub fn type_text(&mut self, text: &str) -> &mut Self {
        for c in text.chars() {
            self.press(KeyCode::Char(c));
        }
        self
    }

    pub fn resize(&mut self, width: u16, height: u16) -> &mut Self {
        self.terminal.backend_mut().resize(width, height);
        dispatch(&mut self.app, &mut self.store, Msg::resized(width, height));
        self
    }

    /// Draws a frame and, as the event loop does, hands back to `update`
    /// what the frame measured.
    pub fn draw(&mut self) -> &TestBackend {
        let app = &self.app;
        let mut measured = view::Measured::default();
        self.terminal
            .draw(|frame| measured = view::render_measured(app, frame))
            .expect("draw");
        if let Some(msg) = measured.news(&self.app) {
            dispatch(&mut self.app, &mut self.store, msg);
        }
        self.terminal.backend()
    }

    pub fn screen_text(&mut self) -> String {
        let backend = self.draw();
        let buffer = backend.buffer();
        let mut out = String::new();
        for y in 0..buffer.area.height {
            for x in 0..buffer.area.width {
                out.push_str(buffer[(x, y)].symbol());
            }
            out.push('\n');
        }
        out
    }

    pub fn titles(&self) -> Vec<String> {
        self.store
            .entries()
            .interactions(
                &InteractionFilter::default(),
                PageRequest {
                    limit: 1000,
                    after: None,
                },
            )
            .expect("list")
            .into_iter()
            .map(|i| i.title)
            .collect()
    }
}
