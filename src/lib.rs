//! rapport: a private terminal journal for managing up.
//!
//! The library holds everything but argument parsing: plain domain types, the
//! SQLite store, settings and paths, the demo journal and the plain commands.

pub mod cli;
pub mod coach;
pub mod config;
pub mod demo;
pub mod domain;
pub mod fault;
pub mod insights;
pub mod prep;
pub mod store;
pub mod tui;
