//! How entries look on the terminal: one line in a list, a block in `show`.
//! User text is shown sanitised, so it can never drive the terminal.

use std::fmt::Write as _;
use std::io::Write as _;

use super::{CmdResult, Failure};
use crate::domain::Interaction;
use crate::domain::text::{shown_block, shown_line};
use crate::present::{advice_state, tags_text, title_text};

/// A reader that stopped early (`rapport list | head -1`) is not a failure:
/// the command ends quietly, as other shell tools do, instead of reporting
/// (or, with `println!`, panicking on) a broken pipe.
pub fn reader_gone_is_ok(result: CmdResult) -> CmdResult {
    match result {
        Err(Failure::Runtime(e))
            if e.chain().any(|cause| {
                cause
                    .downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) =>
        {
            Ok(())
        }
        other => other,
    }
}

/// Prints `value` as pretty JSON on stdout.
pub fn print_json<T: serde::Serialize>(value: &T) -> CmdResult {
    let mut out = std::io::stdout().lock();
    let written = serde_json::to_writer_pretty(&mut out, value)
        .map_err(std::io::Error::from)
        .and_then(|()| writeln!(out))
        .and_then(|()| out.flush());
    reader_gone_is_ok(written.map_err(Failure::from))
}

/// Prints one line of data on stdout.
pub fn print_line(line: impl std::fmt::Display) -> CmdResult {
    print_text(&format!("{line}\n"))
}

/// Prints data on stdout as it is.
pub fn print_text(text: &str) -> CmdResult {
    let mut out = std::io::stdout().lock();
    let written = out.write_all(text.as_bytes()).and_then(|()| out.flush());
    reader_gone_is_ok(written.map_err(Failure::from))
}

/// Who may read it: `shared (in the summary and the review)` or `private`.
pub fn visibility_text(entry: &Interaction) -> &'static str {
    if entry.is_shared() {
        "shared: goes into the summary and the review"
    } else if entry.category == crate::domain::Category::Work {
        "private: marked private, kept out of the summary and the review"
    } else {
        "private: only work entries are ever shared"
    }
}

/// Every field of one entry, for `rapport show`.
pub fn entry_detail(entry: &Interaction) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "#{}  {}", entry.id, title_text(entry));
    let mut when = entry.happened_on.format("%a %-d %b %Y").to_string();
    if let Some(t) = entry.at_time {
        let _ = write!(when, " at {}", t.format("%H:%M"));
    }
    if let Some(m) = entry.minutes {
        let _ = write!(when, " for {m} min");
    }
    let _ = writeln!(out, "when     {when}");
    let _ = writeln!(out, "kind     {} ({})", entry.kind, entry.category);
    let _ = writeln!(out, "with     {}", shown_line(&entry.person));
    if let Some(q) = entry.quality {
        let _ = writeln!(out, "quality  {} {}/5", q.dots(), q.get());
    }
    let _ = writeln!(out, "started  by {}", entry.initiated_by.as_str());
    let _ = writeln!(out, "visible  {}", visibility_text(entry));
    if !entry.tags.is_empty() {
        let _ = writeln!(out, "tags     {}", tags_text(&entry.tags));
    }
    if let Some(advice) = &entry.advice_loop {
        let state = advice_state(advice);
        let strength = if advice.strength.is_empty() {
            String::new()
        } else {
            format!(" (draws on: {})", shown_line(&advice.strength))
        };
        let _ = writeln!(out, "advice   {state}{strength}");
    }
    if !entry.notes.is_empty() {
        let _ = writeln!(out, "\n{}", shown_block(&entry.notes).trim_end());
    }
    out
}
