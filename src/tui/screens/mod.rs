//! The screens as Elm modules: each owns its `State`, its `Msg` (the
//! answers it waits for), its `Cmd` (the work it asks for), an `update`
//! over them with a read-only `Ctx`, and the actions of its keymap section
//! (`keymap::Context::actions`). The top-level `Msg`/`Cmd` wrap them
//! (`Msg::Insights(insights::Msg)`), so routing is checked by the compiler.
//! Moved so far: Insights; the other screens still live in `update`.

pub mod insights;
