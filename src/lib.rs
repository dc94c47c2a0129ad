//! rapport: a private terminal journal for managing up.
//!
//! The library holds everything but argument parsing. Layers, each importing
//! only from those below it: `cli` and `tui` (the two faces) → `journal`
//! (the application layer) → the pure parts (`coach`, `insights`, `prep`)
//! and `store` (persistence only) → `domain` (plain types).

pub mod calendar;
pub mod cli;
pub mod coach;
pub mod config;
pub mod demo;
pub mod domain;
pub mod fault;
pub mod file_error;
pub mod insights;
pub mod journal;
pub mod prep;
pub mod present;
pub mod review;
pub mod store;
pub mod tui;
