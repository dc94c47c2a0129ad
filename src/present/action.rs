//! What accepting one of the coach's suggestions does, in words.

use crate::coach::SuggestedAction;
use crate::domain::text::shown_line;

/// What accepting a suggestion does, in words.
pub fn action_text(action: &SuggestedAction) -> String {
    match action {
        SuggestedAction::Log { kind, title } => match title {
            Some(t) => format!("log {}: “{}”", a_kind(kind), shown_line(t)),
            None => format!("log {}", a_kind(kind)),
        },
        SuggestedAction::Topic { text } => format!("add the topic “{}”", shown_line(text)),
        SuggestedAction::CheckIn => "check in".into(),
        SuggestedAction::Summary => "write the weekly summary".into(),
        SuggestedAction::Reschedule => "set the next 1:1".into(),
        SuggestedAction::ReportBack => "record your report-back".into(),
        SuggestedAction::EditPerson => "edit their profile".into(),
        SuggestedAction::Agenda => "open the agenda on the Prep screen".into(),
        SuggestedAction::Promises => "keep it, or give it a new day, on Prep's promises".into(),
        SuggestedAction::None => "decide".into(),
    }
}

/// A kind with its article, as a person says it: "an advice ask", "a 1:1",
/// "a coffee", "an offsite".
fn a_kind(kind: &str) -> String {
    match kind {
        "advice" => "an advice ask".into(),
        "one_on_one" => "a 1:1".into(),
        k => {
            let words = k.replace('_', " ");
            let article = if words.starts_with(['a', 'e', 'i', 'o', 'u']) {
                "an"
            } else {
                "a"
            };
            format!("{article} {words}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_suggested_log_names_its_kind_with_the_right_article() {
        let log = |kind: &str| {
            action_text(&SuggestedAction::Log {
                kind: kind.into(),
                title: None,
            })
        };
        assert_eq!(log("advice"), "log an advice ask");
        assert_eq!(log("coffee"), "log a coffee");
        assert_eq!(log("one_on_one"), "log a 1:1");
        assert_eq!(log("offsite"), "log an offsite");
    }
}
