//! Where things stand on the screen, as plain arithmetic over the terminal's
//! size: the views draw into these areas, and `update` asks how many rows
//! the Journal's list has without importing a view.

use ratatui::layout::{Constraint, Layout, Rect};

/// Side by side when wide, stacked when tall enough, the list alone otherwise.
pub fn split(body: Rect) -> (Rect, Option<Rect>) {
    if body.width >= 100 {
        let [list, detail] =
            Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)])
                .areas(body);
        (list, Some(detail))
    } else if body.height >= 18 {
        let [list, detail] =
            Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(body);
        (list, Some(detail))
    } else {
        (body, None)
    }
}

/// The last row of the Journal holds the coach's top suggestion.
pub fn without_next_step(body: Rect) -> (Rect, Rect) {
    let [main, next] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(body);
    (main, next)
}

pub fn list_area(body: Rect) -> Rect {
    split(without_next_step(body).0).0
}

/// Rows of timeline the Journal shows at this terminal size; `update`
/// uses it to keep the selection in view.
pub fn journal_list_height(width: u16, height: u16) -> usize {
    let body = Rect::new(0, 1, width, height.saturating_sub(2));
    usize::from(list_area(body).height.saturating_sub(2))
}
