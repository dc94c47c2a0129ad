//! Files others control (item 8): a journal or `config.toml` not owned by
//! the user, or writable by group or others, is refused naming the file and
//! the `chown`/`chmod` that fixes it; `doctor` says the same. Handing a file
//! to another user needs root (as CI runs); elsewhere those cases are
//! skipped, saying why.

use std::os::unix::fs::PermissionsExt;

use super::*;

const NOBODY: u32 = 65534;

fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

/// Gives `path` to `nobody`; `false` (after saying why) when not root.
fn give_away(path: &Path) -> bool {
    if rustix::process::geteuid().as_raw() != 0 {
        eprintln!("skipped: handing a file to another user needs root");
        return false;
    }
    std::os::unix::fs::chown(path, Some(NOBODY), Some(NOBODY)).expect("chown");
    true
}

fn settings_with(w: &World, text: &str) -> std::path::PathBuf {
    let dir = w.config_home().join("rapport");
    std::fs::create_dir_all(&dir).expect("config dir");
    chmod(&dir, 0o700);
    let file = dir.join("config.toml");
    write(&file, text);
    chmod(&file, 0o600);
    file
}

#[test]
fn a_journal_others_can_write_is_refused_naming_the_chmod_and_doctor_says_so() {
    let w = World::with_manager();
    chmod(&w.db, 0o666);
    let err = w.run(&["list"]).runtime_error();
    assert!(
        err.contains("chmod go-w") && err.contains(s(&w.db)),
        "{err}"
    );
    let run = w.run(&["doctor"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stderr.contains("chmod go-w"), "{run:?}");
    chmod(&w.db, 0o600);
    w.run(&["list"]).ok();
}

#[test]
fn a_journal_owned_by_another_user_is_refused_naming_the_chown() {
    let w = World::with_manager();
    if !give_away(&w.db) {
        return;
    }
    let err = w
        .run(&["log", "coffee", "my private notes"])
        .runtime_error();
    assert!(err.contains("chown") && err.contains(s(&w.db)), "{err}");
}

#[test]
fn a_config_others_can_write_is_not_obeyed() {
    let w = World::with_manager();
    let elsewhere = w.path("elsewhere.db");
    let file = settings_with(&w, &format!("journal = \"{}\"\n", s(&elsewhere)));
    chmod(&file, 0o666);
    let err = exec(w.bare_command(["list"])).runtime_error();
    assert!(
        err.contains("chmod go-w") && err.contains(s(&file)),
        "{err}"
    );
    assert!(!elsewhere.exists(), "the redirect was not followed");
    if give_away(&file) {
        chmod(&file, 0o600);
        let err = exec(w.bare_command(["list"])).runtime_error();
        assert!(err.contains("chown") && err.contains(s(&file)), "{err}");
    }
    assert!(!elsewhere.exists(), "the redirect was not followed");
}
