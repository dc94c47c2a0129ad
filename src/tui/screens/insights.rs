//! The Insights screen: whose figures, over which range, and the figures
//! as last computed (kept on screen while fresher ones load).

use super::super::app::Overlay;
use super::super::ctx::Ctx;
use super::super::forms;
use super::super::keymap::InsightsAction;
use super::super::loading::{Fetch, RequestId};
use super::{Ask, Outcome};
use crate::insights::{Insights, Range};

#[derive(Debug, Clone)]
pub struct State {
    pub range: Range,
    /// Whose figures; the current manager when not chosen.
    pub person_id: Option<i64>,
    pub data: Option<Box<Insights>>,
    pub fetch: Fetch,
}

impl Default for State {
    fn default() -> State {
        State {
            range: Range::ThreeMonths,
            person_id: None,
            data: None,
            fetch: Fetch::Idle,
        }
    }
}

/// What comes back to the Insights screen.
#[derive(Debug, Clone)]
pub enum Msg {
    Loaded {
        request: RequestId,
        insights: Box<Insights>,
    },
}

/// What the Insights screen asks the journal for.
#[derive(Debug, Clone)]
pub enum Cmd {
    Load {
        request: RequestId,
        person_id: i64,
        range: Range,
    },
}

impl Cmd {
    pub fn request(&self) -> RequestId {
        match self {
            Cmd::Load { request, .. } => *request,
        }
    }
}

pub fn update(state: &mut State, msg: Msg, _ctx: &Ctx<'_>) {
    match msg {
        Msg::Loaded { request, insights } => {
            if state.fetch.finish(request) {
                state.data = Some(insights);
            }
        }
    }
}

/// An action of `[insights]`: another range or person, and the figures
/// for it; or the weekly check-in.
pub fn on_action(state: &mut State, action: InsightsAction, ctx: &Ctx<'_>) -> Outcome<Cmd> {
    match action {
        InsightsAction::NextRange => state.range = state.range.next(),
        InsightsAction::PrevRange => state.range = state.range.prev(),
        InsightsAction::NextPerson => {
            let count = ctx.people.len();
            if count < 2 {
                return Outcome::info("only one person in the journal");
            }
            let current = state
                .person_id
                .or(ctx.manager().map(|m| m.id))
                .and_then(|id| ctx.people.iter().position(|p| p.id == id))
                .unwrap_or(0);
            state.person_id = ctx.people.get((current + 1) % count).map(|p| p.id);
        }
        InsightsAction::CheckIn => {
            let form = Box::new(forms::check_in_form());
            return Outcome::ask(Ask::Open(Overlay::Form(form)));
        }
    }
    state.fetch.invalidate();
    refresh(state, ctx).into()
}

/// Asks for the figures when the screen shows and they are wanted.
pub fn refresh(state: &mut State, ctx: &Ctx<'_>) -> Option<Cmd> {
    if ctx.screen != super::super::app::Screen::Insights
        || !state.fetch.wanted()
        || ctx.people_loading
    {
        return None;
    }
    let person_id = state.person_id.or(ctx.manager().map(|m| m.id))?;
    let request = state.fetch.start();
    Some(Cmd::Load {
        request,
        person_id,
        range: state.range,
    })
}
