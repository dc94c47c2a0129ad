//! The progress bar of long commands (`demo --size`, `backup`, `doctor`):
//! drawn on stderr, in place, only when stderr is a terminal and the work
//! has run longer than a second.

use std::io::IsTerminal as _;
use std::time::{Duration, Instant};

/// How long work runs before its bar appears.
const QUIET_FOR: Duration = Duration::from_secs(1);

/// A bar for `total` units of work, of which `done` are reported as it goes.
pub struct Progress {
    total: u64,
    unit: Unit,
    started: Instant,
    on_terminal: bool,
    shown: bool,
}

/// What the bar counts, and how it says it.
#[derive(Debug, Clone, Copy)]
pub enum Unit {
    /// `500000 of 1000000 entries`
    Entries,
    /// `310 of 690 MiB`
    Bytes,
    /// A percentage only (`checked`).
    Percent,
}

impl Progress {
    pub fn new(total: u64, unit: Unit) -> Progress {
        Progress {
            total,
            unit,
            started: Instant::now(),
            on_terminal: std::io::stderr().is_terminal(),
            shown: false,
        }
    }

    /// Redraws the bar at `done`, once it is due.
    pub fn update(&mut self, done: u64) {
        if self.on_terminal && (self.shown || self.started.elapsed() >= QUIET_FOR) {
            self.shown = true;
            eprint!("\r{}", bar(done, self.total, self.unit));
        }
    }

    /// Ends the bar's line, if one was drawn.
    pub fn finish(&mut self) {
        if self.shown {
            eprintln!();
            self.shown = false;
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

/// `[###############---------------]  50%  500000 of 1000000 entries`
pub fn bar(done: u64, total: u64, unit: Unit) -> String {
    const WIDTH: u64 = 30;
    let total = total.max(1);
    let done = done.min(total);
    let filled = (done * WIDTH / total) as usize;
    let counted = match unit {
        Unit::Entries => format!("  {done} of {total} entries"),
        Unit::Bytes => format!("  {} of {} MiB", done >> 20, total >> 20),
        Unit::Percent => String::new(),
    };
    format!(
        "[{}{}] {:>3}%{counted}",
        "#".repeat(filled),
        "-".repeat(WIDTH as usize - filled),
        done * 100 / total
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_progress_bar_fills_with_the_work_done() {
        assert_eq!(
            bar(0, 1_000, Unit::Entries),
            "[------------------------------]   0%  0 of 1000 entries"
        );
        assert_eq!(
            bar(500, 1_000, Unit::Entries),
            "[###############---------------]  50%  500 of 1000 entries"
        );
        assert_eq!(
            bar(1_000, 1_000, Unit::Entries),
            "[##############################] 100%  1000 of 1000 entries"
        );
    }

    #[test]
    fn bytes_count_in_mebibytes_and_a_percentage_stands_alone() {
        assert_eq!(
            bar(310 << 20, 690 << 20, Unit::Bytes),
            "[#############-----------------]  44%  310 of 690 MiB"
        );
        assert_eq!(
            bar(40, 100, Unit::Percent),
            "[############------------------]  40%"
        );
    }
}
