//! The coach judged as a reader would: journals written as stories of two
//! to six months, built through the store with fixed dates, each with the
//! step that should come first and what must not be said. Three of them are
//! evaluated every day for 30 days to prove the top step holds still.
//!
//! `RAPPORT_SCENARIOS=DIR cargo test --test scenarios` also writes each
//! journal to `DIR/<name>.db`, to read `rapport next` on it by hand.

#[path = "scenarios/advice.rs"]
mod advice;
#[path = "scenarios/beginnings.rs"]
mod beginnings;
#[path = "scenarios/others.rs"]
mod others;
#[path = "scenarios/rhythm.rs"]
mod rhythm;
#[path = "scenarios/story.rs"]
mod story;
