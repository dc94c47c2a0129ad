//! The screens as Elm modules: each owns its `State`, its `Msg` (the
//! answers it waits for), its `Cmd` (the work it asks for), an `update`
//! over them with a read-only `Ctx`, and the actions of its keymap section
//! (`keymap::Context::actions`). The top-level `Msg`/`Cmd` wrap them
//! (`Msg::Insights(insights::Msg)`), so routing is checked by the compiler.
//! Moved so far: Insights, People; the other screens still live in `update`.

pub mod insights;
pub mod people;

use super::forms::OpenForm;

/// What a screen's `update` or `on_action` asks of the app around it, which
/// owns the overlays and the status line: its own work to run, a form to
/// open, words for the status line, the open form closed.
#[derive(Debug)]
pub struct Reply<C> {
    pub cmd: Option<C>,
    pub form: Option<Box<OpenForm>>,
    pub said: Option<String>,
    /// The form on screen did its job (its save was answered): it closes.
    pub close_form: bool,
}

impl<C> Reply<C> {
    /// Nothing beyond the screen's own state.
    pub fn none() -> Reply<C> {
        Reply {
            cmd: None,
            form: None,
            said: None,
            close_form: false,
        }
    }

    /// The screen's work, when there is some.
    pub fn run(cmd: Option<C>) -> Reply<C> {
        Reply {
            cmd,
            ..Reply::none()
        }
    }

    pub fn open(form: OpenForm) -> Reply<C> {
        Reply {
            form: Some(Box::new(form)),
            ..Reply::none()
        }
    }

    pub fn say(said: impl Into<String>) -> Reply<C> {
        Reply {
            said: Some(said.into()),
            ..Reply::none()
        }
    }

    /// The same, and the form on screen closes.
    pub fn closing(self) -> Reply<C> {
        Reply {
            close_form: true,
            ..self
        }
    }
}
