//! The plain commands end to end: the real binary against temporary journals,
//! checking exit codes (0 ok, 1 runtime, 2 usage), the data on stdout and the
//! messages on stderr.
//!
//! Every run has a fixed today (`RAPPORT_TODAY=2026-11-24`, a Tuesday) and a
//! private home, data and config directory, so nothing touches the real ones.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

#[path = "cli/binary.rs"]
mod binary;
#[path = "cli/calendar.rs"]
mod calendar;
#[path = "cli/config.rs"]
mod config;
#[path = "cli/demo.rs"]
mod demo;
#[path = "cli/entries.rs"]
mod entries;
#[path = "cli/log.rs"]
mod log;
#[path = "cli/people.rs"]
mod people;
#[path = "cli/profiles.rs"]
mod profiles;
#[path = "cli/promises.rs"]
mod promises;
#[path = "cli/records.rs"]
mod records;
#[path = "cli/refusals.rs"]
mod refusals;
#[path = "cli/shell.rs"]
mod shell;
#[path = "cli/summary_flow.rs"]
mod summary_flow;
#[path = "cli/work.rs"]
mod work;

#[path = "common/cli.rs"]
mod cli_harness;

use cli_harness::*;

impl World {
    /// A journal with a current manager, Dana.
    fn with_manager() -> World {
        let w = World::new();
        w.run(&[
            "person", "add", "Dana", "--role", "Director", "--every", "7",
        ])
        .ok();
        w
    }

    /// Where `rapport demo` writes without `--db`.
    fn default_demo(&self) -> PathBuf {
        self.data_home().join("rapport").join("demo.db")
    }

    /// The journal used without `--db` or `RAPPORT_DB`.
    fn default_journal(&self) -> PathBuf {
        self.data_home().join("rapport").join("journal.db")
    }

    /// `show ID --json`, parsed.
    fn show(&self, id: i64) -> Value {
        let out = self.run(&["show", &id.to_string(), "--json"]).ok();
        serde_json::from_str(&out).expect("show --json prints JSON")
    }

    /// `list --json` with extra filters, parsed.
    fn list_json(&self, filters: &[&str]) -> Vec<Value> {
        let mut full = vec!["list", "--json"];
        full.extend_from_slice(filters);
        let out = self.run(&full).ok();
        match serde_json::from_str(&out).expect("list --json prints JSON") {
            Value::Array(items) => items,
            other => panic!("list --json is not an array: {other}"),
        }
    }

    /// The ids `list --json` gives with these filters, in order.
    fn list_ids(&self, filters: &[&str]) -> Vec<i64> {
        self.list_json(filters)
            .iter()
            .map(|e| e["id"].as_i64().expect("an entry has a numeric id"))
            .collect()
    }

    fn people_json(&self, extra: &[&str]) -> Vec<Value> {
        let mut full = vec!["person", "list", "--json"];
        full.extend_from_slice(extra);
        let out = self.run(&full).ok();
        match serde_json::from_str(&out).expect("person list --json prints JSON") {
            Value::Array(items) => items,
            other => panic!("person list --json is not an array: {other}"),
        }
    }

    fn topics_json(&self, extra: &[&str]) -> Vec<Value> {
        let mut full = vec!["topic", "list", "--json"];
        full.extend_from_slice(extra);
        let out = self.run(&full).ok();
        match serde_json::from_str(&out).expect("topic list --json prints JSON") {
            Value::Array(items) => items,
            other => panic!("topic list --json is not an array: {other}"),
        }
    }
}

fn names(people: &[Value]) -> Vec<&str> {
    people
        .iter()
        .map(|p| p["name"].as_str().expect("a person has a name"))
        .collect()
}

fn current_name(people: &[Value]) -> Vec<&str> {
    people
        .iter()
        .filter(|p| p["is_current"] == Value::Bool(true))
        .map(|p| p["name"].as_str().expect("a person has a name"))
        .collect()
}
