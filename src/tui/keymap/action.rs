//! Every intent a key can mean, one enum per keymap section: a screen's
//! `on_action` takes only its own, so the compiler checks that every action
//! of a section is handled there and nowhere else. Each variant is listed
//! once with the name keymap files use and the line the help screen shows.

use super::Context;

/// The actions of one keymap section.
pub trait Actions: Copy + Eq + std::fmt::Debug + 'static {
    /// The section they are bound in.
    const CONTEXT: Context;
    /// Every action, in the help screen's order.
    const ALL: &'static [Self];
    /// Each action's keymap name and help line, in `ALL`'s order.
    const INFO: &'static [(&'static str, &'static str)];

    /// Its place in `ALL` (and `INFO`).
    fn index(self) -> usize {
        Self::ALL.iter().position(|a| *a == self).unwrap_or(0)
    }

    /// The name used in keymap files.
    fn name(self) -> &'static str {
        Self::INFO.get(self.index()).map_or("", |info| info.0)
    }

    /// One line for the help screen.
    fn description(self) -> &'static str {
        Self::INFO.get(self.index()).map_or("", |info| info.1)
    }
}

/// Declares one section's action enum with, for each variant, its keymap
/// name and help line. The order is the help screen's order.
macro_rules! actions {
    ($(#[$meta:meta])* $enum:ident in $context:ident {
        $($variant:ident => $name:literal, $description:literal;)+
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $enum {
            $($variant,)+
        }

        impl Actions for $enum {
            const CONTEXT: Context = Context::$context;
            const ALL: &'static [$enum] = &[$($enum::$variant,)+];
            const INFO: &'static [(&'static str, &'static str)] =
                &[$(($name, $description),)+];
        }
    };
}

actions! {
    /// `[global]`: wherever no form or line takes the key.
    GlobalAction in Global {
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
    }
}

actions! {
    /// `[journal]`: the timeline.
    JournalAction in Journal {
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
    }
}

actions! {
    /// `[insights]`: the figures.
    InsightsAction in Insights {
        NextRange => "next_range", "longer range: 3m, 6m, 12m, all";
        PrevRange => "prev_range", "shorter range";
        NextPerson => "next_person", "next person";
        CheckIn => "check_in", "check in: trust, clarity, ease";
    }
}

actions! {
    /// `[next_steps]`: the coach's suggestions.
    NextStepsAction in NextSteps {
        Down => "down", "move down";
        Up => "up", "move up";
        TakeStep => "take_step", "take the suggested step (opens its form)";
        SnoozeDay => "snooze_day", "snooze for a day";
        SnoozeWeek => "snooze_week", "snooze for a week";
        SnoozeNextOneOnOne => "snooze_next_one_on_one", "snooze until after the next 1:1";
        Dismiss => "dismiss", "dismiss this one (it comes back if it happens again)";
        SwitchOff => "switch_off", "switch the rule off, or on again";
        CheckIn => "check_in", "check in: trust, clarity, ease";
    }
}

actions! {
    /// `[people]`: the list of people and the profile side.
    PeopleAction in People {
        Down => "down", "move down";
        Up => "up", "move up";
        FocusProfile => "focus_profile", "move into their profile, the expectations and yours";
        FocusPeople => "focus_people", "back to the list of people";
        Add => "add", "add";
        Edit => "edit", "edit the selected one";
        Remove => "remove", "remove the selected item (kept in the history; undo with u)";
        Undo => "undo", "undo the last removal";
        ConfirmItem => "confirm_item", "still holds: confirm the item, or agree the expectation, today";
        MarkUnclear => "mark_unclear", "mark the selected expectation unclear";
        SetCurrent => "set_current", "make them the current manager";
    }
}

actions! {
    /// `[prep]`: every pane of the Prep screen.
    PrepAction in Prep {
        Down => "down", "move down";
        Up => "up", "move up";
        NextPane => "next_pane", "next pane: agenda, promises, advice, since…";
        PrevPane => "prev_pane", "previous pane";
        AddTopic => "add_topic", "add a topic to the next 1:1's agenda";
        TopicUp => "topic_up", "move the selected topic up the agenda";
        TopicDown => "topic_down", "move the selected topic down the agenda";
        DropTopic => "drop_topic", "drop the selected topic from the agenda";
        SetNextOneOnOne => "set_next_one_on_one", "set the next 1:1's date";
        GenerateSummary => "generate_summary", "generate this week's summary draft from the journal";
        EditSummary => "edit_summary", "edit the summary here";
        EditSummaryExternally => "edit_summary_externally", "edit the summary in $VISUAL or $EDITOR";
        CopySummary => "copy_summary", "copy the summary to the clipboard (OSC 52)";
        WriteSummary => "write_summary", "write the summary to a file";
        MarkSummarySent => "mark_summary_sent", "mark the summary sent (logs a summary entry today)";
        LogOneOnOne => "log_one_on_one", "after the 1:1: log it, close topics, add new ones";
        CheckIn => "check_in", "check in: trust, clarity, ease";
    }
}

actions! {
    /// `[prep_agenda]`: the agenda pane in focus.
    PrepAgendaAction in PrepAgenda {
        TopicDiscussed => "topic_discussed", "the selected topic was discussed: off the agenda";
    }
}

actions! {
    /// `[prep_advice]`: the advice asks in focus.
    PrepAdviceAction in PrepAdvice {
        ReportBack => "report_back", "report back on the selected advice: did you apply it?";
    }
}

actions! {
    /// `[prep_promises]`: the promises in focus.
    PrepPromisesAction in PrepPromises {
        AddPromise => "add_promise", "add a promise, yours or theirs, with a due day";
        KeepPromise => "keep_promise", "the selected promise was kept today";
        MovePromise => "move_promise", "renegotiate the selected promise: a new due day";
        DropPromise => "drop_promise", "drop the selected promise (kept in its history)";
    }
}

actions! {
    /// `[form]`: a form on screen.
    FormAction in Form {
        NextField => "next_field", "next field";
        PrevField => "prev_field", "previous field";
        Save => "save", "save";
        Cancel => "cancel", "cancel";
        EditNotesExternally => "edit_notes_externally", "edit the notes in $VISUAL or $EDITOR";
    }
}

actions! {
    /// `[search]`: the search line.
    SearchAction in Search {
        KeepSearch => "keep_search", "keep the search and go back to the list";
        Cancel => "cancel", "cancel";
    }
}

actions! {
    /// `[confirm]`: a yes-or-no question.
    ConfirmAction in Confirm {
        Yes => "yes", "yes";
        No => "no", "no";
    }
}

actions! {
    /// `[help]`: the help screen.
    HelpAction in Help {
        Close => "close", "close";
        Down => "down", "move down";
        Up => "up", "move up";
    }
}

actions! {
    /// `[line]`: a line of text (a form's field or the search line).
    LineAction in Line {
        ClearLine => "clear_line", "clear the line up to the cursor";
        DeleteWord => "delete_word", "delete the word before the cursor";
        LineStart => "line_start", "to the start of the line";
        LineEnd => "line_end", "to the end of the line";
    }
}

actions! {
    /// `[choice]`: a field that picks one of a few options.
    ChoiceAction in Choice {
        PrevOption => "prev_option", "previous option (or type its first letter)";
        NextOption => "next_option", "next option";
    }
}

actions! {
    /// `[checklist]`: a field that ticks items of a list.
    ChecklistAction in Checklist {
        Down => "down", "move down";
        Up => "up", "move up";
        Toggle => "toggle", "tick or untick (or type its number)";
    }
}

actions! {
    /// `[score]`: a field that holds a score of 1-5.
    ScoreAction in Score {
        ScoreUp => "score_up", "one more (or type 1-5)";
        ScoreDown => "score_down", "one less";
        ClearScore => "clear_score", "no score";
    }
}

/// What a key means on a screen: one of the screen's own actions, or a
/// global one it falls through to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolved<A> {
    Here(A),
    Global(GlobalAction),
}
