//! The terminal guard: raw mode, the alternate screen and bracketed paste on
//! the way in; all of it undone on every way out: normal exit, error, panic,
//! SIGTERM/SIGHUP/SIGINT, around a suspend (Ctrl-Z, then `fg`) and around
//! a child that needs the terminal (the user's editor).

use std::io::{self, Stdout};
use std::sync::Arc;
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM, SIGTSTP};

pub type Term = Terminal<CrosstermBackend<Stdout>>;

/// Set by a signal handler; the event loop checks them between events.
#[derive(Debug, Clone, Default)]
pub struct Signals {
    pub stop: Arc<AtomicBool>,
    pub suspend: Arc<AtomicBool>,
}

impl Signals {
    pub fn register() -> io::Result<Signals> {
        let signals = Signals::default();
        for sig in [SIGTERM, SIGHUP, SIGINT] {
            signal_hook::flag::register(sig, Arc::clone(&signals.stop))?;
        }
        signal_hook::flag::register(SIGTSTP, Arc::clone(&signals.suspend))?;
        Ok(signals)
    }

    pub fn stop_requested(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }

    pub fn take_suspend(&self) -> bool {
        self.suspend.swap(false, Ordering::Relaxed)
    }
}

/// Whether the terminal is gone: its window closed, its ssh session
/// dropped. A hung-up terminal reads as endless end-of-file; the event loop
/// stops on it (keeping any draft) rather than spin, whether or not a SIGHUP
/// reached us.
pub fn hung_up() -> bool {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    let stdin = io::stdin();
    let mut fds = [PollFd::new(&stdin, PollFlags::IN)];
    let now = Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    match poll(&mut fds, Some(&now)) {
        Ok(_) => fds[0]
            .revents()
            .intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL),
        Err(_) => false,
    }
}

/// While alive, the terminal is in raw mode on the alternate screen.
pub struct TerminalGuard {
    pub terminal: Term,
}

impl TerminalGuard {
    pub fn enter() -> io::Result<TerminalGuard> {
        install_panic_hook();
        enter_modes()?;
        let terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
        Ok(TerminalGuard { terminal })
    }

    /// Gives the terminal back, stops the process until `fg`, then takes it
    /// again and redraws everything.
    pub fn suspend(&mut self) -> io::Result<()> {
        // SIGTSTP is caught for this very purpose, so stop with SIGSTOP.
        self.run_outside(|| signal_hook::low_level::raise(signal_hook::consts::SIGSTOP))?
    }

    /// Gives the terminal back (cooked mode, main screen) while `work` runs
    /// — a child process such as the user's editor — then takes it again
    /// and redraws everything.
    pub fn run_outside<T>(&mut self, work: impl FnOnce() -> T) -> io::Result<T> {
        restore();
        let outcome = work();
        enter_modes()?;
        // Not `Terminal::clear`: it asks the terminal where the cursor is and
        // fails after 2 s when no answer comes, ending the session at `fg`.
        // Resizing to the current size clears and forces a full redraw.
        let size = self.terminal.size()?;
        self.terminal
            .resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))?;
        Ok(outcome)
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

fn enter_modes() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, EnableBracketedPaste)?;
    Ok(())
}

/// Leaves every mode the guard entered; safe to call more than once.
pub fn restore() {
    let _ = execute!(
        io::stdout(),
        DisableBracketedPaste,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
    let _ = disable_raw_mode();
}

fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| crate::fault::install_quiet_panic_hook(restore));
}
