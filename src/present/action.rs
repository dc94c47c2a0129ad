//! What accepting one of the coach's suggestions does, in words.

use crate::coach::SuggestedAction;
use crate::domain::text::shown_line;

/// What accepting a suggestion does, in words.
pub fn action_text(action: &SuggestedAction) -> String {
    match action {
        SuggestedAction::Log { kind, title } => match title {
            Some(t) => format!("log a {kind}: “{}”", shown_line(t)),
            None => format!("log a {kind}"),
        },
        SuggestedAction::Topic { text } => format!("add the topic “{}”", shown_line(text)),
        SuggestedAction::CheckIn => "check in".into(),
        SuggestedAction::Summary => "write the weekly summary".into(),
        SuggestedAction::Reschedule => "set the next 1:1".into(),
        SuggestedAction::ReportBack => "record your report-back".into(),
        SuggestedAction::EditPerson => "edit their strengths".into(),
        SuggestedAction::Agenda => "open the agenda on the Prep screen".into(),
        SuggestedAction::Promises => "keep it, or give it a new day, on Prep's promises".into(),
        SuggestedAction::None => "decide".into(),
    }
}
