//! Every intent a key can mean, with the name keymap files use and the line
//! the help screen shows; listed once, so the three never drift apart.

/// Declares `Action` with, for each variant, its keymap name and help line.
/// The order is the help screen's order.
macro_rules! actions {
    ($($variant:ident => $name:literal, $description:literal;)+) => {
        /// What a key press means, whatever key it was.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Action {
            $($variant,)+
        }

        impl Action {
            pub const ALL: &[Action] = &[$(Action::$variant,)+];

            /// The name used in keymap files.
            pub fn name(self) -> &'static str {
                match self {
                    $(Action::$variant => $name,)+
                }
            }

            /// One line for the help screen.
            pub fn description(self) -> &'static str {
                match self {
                    $(Action::$variant => $description,)+
                }
            }
        }
    };
}

actions! {
    Quit => "quit", "quit rapport";
    Help => "help", "show this help";
    NextScreen => "next_screen", "next screen";
    PrevScreen => "prev_screen", "previous screen";
    ShowJournal => "show_journal", "the journal";
    ShowInsights => "show_insights", "insights: how often and how well";
    ShowPrep => "show_prep", "prepare the next 1:1";
    ShowNextSteps => "show_next_steps", "next trust-building steps";
    ShowPeople => "show_people", "people and their cadence";
    Suspend => "suspend", "suspend to the shell (fg to return)";
    Down => "down", "move down";
    Up => "up", "move up";
    PageDown => "page_down", "page down";
    PageUp => "page_up", "page up";
    Top => "top", "go to the newest";
    Bottom => "bottom", "go to the oldest";
    Add => "add", "add";
    Edit => "edit", "edit the selected one";
    Delete => "delete", "delete the selected entry (undo with u)";
    Undo => "undo", "undo the last delete";
    Search => "search", "search titles, notes and tags";
    Filter => "filter", "filter by kind, category, person, tag, dates";
    ClearFilter => "clear_filter", "clear the search and filter";
    CheckIn => "check_in", "check in: trust, clarity, ease";
    DetailDown => "detail_down", "scroll the notes down";
    DetailUp => "detail_up", "scroll the notes up";
    SetCurrent => "set_current", "make them the current manager";
    FocusProfile => "focus_profile", "move into their profile, the expectations and yours";
    FocusPeople => "focus_people", "back to the list of people";
    Remove => "remove", "remove the selected item (kept in the history; undo with u)";
    ConfirmItem => "confirm_item", "still holds: confirm the item, or agree the expectation, today";
    MarkUnclear => "mark_unclear", "mark the selected expectation unclear";
    NextRange => "next_range", "longer range: 3m, 6m, 12m, all";
    PrevRange => "prev_range", "shorter range";
    NextPerson => "next_person", "next person";
    SnoozeDay => "snooze_day", "snooze for a day";
    SnoozeWeek => "snooze_week", "snooze for a week";
    SnoozeNextOneOnOne => "snooze_next_one_on_one", "snooze until after the next 1:1";
    Dismiss => "dismiss", "dismiss this one (it comes back if it happens again)";
    SwitchOff => "switch_off", "switch the rule off, or on again";
    NextPane => "next_pane", "next pane: agenda, promises, advice, since…";
    PrevPane => "prev_pane", "previous pane";
    AddTopic => "add_topic", "add a topic to the next 1:1's agenda";
    TopicUp => "topic_up", "move the selected topic up the agenda";
    TopicDown => "topic_down", "move the selected topic down the agenda";
    TopicDiscussed => "topic_discussed", "the selected topic was discussed: off the agenda";
    ReportBack => "report_back", "report back on the selected advice: did you apply it?";
    DropTopic => "drop_topic", "drop the selected topic from the agenda";
    AddPromise => "add_promise", "add a promise, yours or theirs, with a due day";
    KeepPromise => "keep_promise", "the selected promise was kept today";
    MovePromise => "move_promise", "renegotiate the selected promise: a new due day";
    DropPromise => "drop_promise", "drop the selected promise (kept in its history)";
    SetNextOneOnOne => "set_next_one_on_one", "set the next 1:1's date";
    GenerateSummary => "generate_summary", "generate this week's summary draft from the journal";
    EditSummary => "edit_summary", "edit the summary here";
    EditSummaryExternally => "edit_summary_externally", "edit the summary in $VISUAL or $EDITOR";
    CopySummary => "copy_summary", "copy the summary to the clipboard (OSC 52)";
    WriteSummary => "write_summary", "write the summary to a file";
    MarkSummarySent => "mark_summary_sent", "mark the summary sent (logs a summary entry today)";
    LogOneOnOne => "log_one_on_one", "after the 1:1: log it, close topics, add new ones";
    NextField => "next_field", "next field";
    PrevField => "prev_field", "previous field";
    Save => "save", "save";
    Cancel => "cancel", "cancel";
    EditNotesExternally => "edit_notes_externally", "edit the notes in $VISUAL or $EDITOR";
    KeepSearch => "keep_search", "keep the search and go back to the list";
    TakeStep => "take_step", "take the suggested step (opens its form)";
    Yes => "yes", "yes";
    No => "no", "no";
    Close => "close", "close";
    ClearLine => "clear_line", "clear the line up to the cursor";
    DeleteWord => "delete_word", "delete the word before the cursor";
    LineStart => "line_start", "to the start of the line";
    LineEnd => "line_end", "to the end of the line";
    PrevOption => "prev_option", "previous option (or type its first letter)";
    NextOption => "next_option", "next option";
    Toggle => "toggle", "tick or untick (or type its number)";
    ScoreUp => "score_up", "one more (or type 1-5)";
    ScoreDown => "score_down", "one less";
    ClearScore => "clear_score", "no score";
}

impl Action {
    pub(super) fn from_name(name: &str) -> Option<Action> {
        Action::ALL.iter().copied().find(|a| a.name() == name)
    }
}
