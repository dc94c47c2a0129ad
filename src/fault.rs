//! Faults on purpose, for the tests that prove a crash keeps its promises
//! (DESIGN.md §8.5: note text never reaches panic output). Only debug builds
//! listen to `RAPPORT_TEST_PANIC`; in a release build these calls do nothing.

/// Panics at `point` when `RAPPORT_TEST_PANIC` names it, with `private`
/// (note text, say) in the payload, so a test can check that the panic
/// output never shows it.
pub fn panic_if_asked(point: &str, private: &str) {
    #[cfg(debug_assertions)]
    if std::env::var("RAPPORT_TEST_PANIC").is_ok_and(|asked| asked == point) {
        panic!("forced panic at {point} holding {private}");
    }
    #[cfg(not(debug_assertions))]
    let _ = (point, private);
}

/// The panic hook for every run: it names the place in the code, never the
/// payload (which may quote what the user typed), and says the journal is
/// safe. `extra` runs first (the TUI restores the terminal there).
pub fn install_quiet_panic_hook(extra: fn()) {
    std::panic::set_hook(Box::new(move |info| {
        extra();
        let location = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!(
            "rapport stopped on a bug{location}. Everything saved before is safe in the journal; a form being typed is offered back at the next start."
        );
    }));
}
