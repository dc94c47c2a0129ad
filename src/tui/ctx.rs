//! `Ctx`: what every screen may read and none may change — the day, the
//! people and kinds, the keymap, the colours, the screen in view — borrowed from the
//! `App` for one message or one frame, beside the screen's own `State`.

use chrono::NaiveDate;

use super::app::{App, Screen};
use super::keymap::Keymap;
use super::theme::Theme;
use crate::coach::Playbook;
use crate::domain::{Kind, Person};

#[derive(Debug, Clone, Copy)]
pub struct Ctx<'a> {
    pub today: NaiveDate,
    pub screen: Screen,
    pub people: &'a [Person],
    pub kinds: &'a [Kind],
    pub keymap: &'a Keymap,
    /// The colours (none under `NO_COLOR`).
    pub theme: Theme,
    /// The coach's playbook (how long a dismissed step stays away).
    pub playbook: &'a Playbook,
    /// The people are on their way: what needs the manager waits.
    pub people_loading: bool,
}

impl<'a> Ctx<'a> {
    /// The snapshot of `app`'s shared parts. Borrow the screen's state
    /// beside it with `tui_ctx!(app)` instead.
    pub fn of(app: &'a App) -> Ctx<'a> {
        crate::tui_ctx!(app)
    }

    /// The current manager.
    pub fn manager(&self) -> Option<&'a Person> {
        self.people.iter().find(|p| p.is_current)
    }
}

/// `Ctx::of(app)` built from the fields, so that a screen's state (another
/// field of `app`) can be borrowed mutably beside it.
#[macro_export]
#[doc(hidden)]
macro_rules! tui_ctx {
    ($app:expr) => {
        $crate::tui::ctx::Ctx {
            today: $app.today,
            screen: $app.screen,
            people: &$app.people,
            kinds: &$app.kinds,
            keymap: &$app.keymap,
            theme: $crate::tui::theme::Theme::new($app.color),
            playbook: &$app.settings.playbook,
            people_loading: $app.people_fetch.is_loading(),
        }
    };
}
