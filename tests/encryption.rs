//! `rapport encrypt` and `decrypt` end to end (`--features encryption`):
//! the passphrase from `passphrase_cmd`, never an argument; a wrong one is a
//! clear error with nothing changed; no plain copy is left behind.

#![cfg(feature = "encryption")]

#[path = "common/cli.rs"]
mod cli_harness;
#[path = "common/pty.rs"]
mod pty_harness;

use std::ffi::OsStr;

use cli_harness::*;
use pty_harness::Tui;

const NOTE: &str = "PLAINTEXT-MARKER the reorg is coming";

impl World {
    fn with_passphrase_cmd(&self, cmd: &str) {
        let dir = self.config_home().join("rapport");
        std::fs::create_dir_all(&dir).expect("config dir");
        std::fs::write(
            dir.join("config.toml"),
            format!("passphrase_cmd = {}\n", toml_string(cmd)),
        )
        .expect("write config.toml");
    }

    /// Every file beside the journal, by name.
    fn journal_folder(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.root())
            .expect("read")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("journal.db"))
            // The seal holds the file's length, time and inode: no data.
            .filter(|n| !n.ends_with("-seal"))
            .collect();
        names.sort();
        names
    }
}

/// A TOML basic string; the commands here are plain ASCII, which Rust's
/// debug quoting escapes the same way.
fn toml_string(text: &str) -> String {
    format!("{text:?}")
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[test]
fn encrypt_then_decrypt_keeps_every_entry_and_leaves_no_plain_copy() {
    let w = World::new();
    w.run(&["person", "add", "Dana", "--current"]).ok();
    let id = w.log(&["meal", "Dinner", "--notes", NOTE]);

    // Without a terminal or passphrase_cmd there is no way to ask: refused.
    let asked = w.run(&["encrypt"]);
    assert_eq!(asked.code, 2, "{asked:#?}");
    assert!(asked.stderr.contains("passphrase_cmd"), "{}", asked.stderr);

    // The first line is the passphrase; what follows (a password
    // manager's notes) is not part of it.
    w.with_passphrase_cmd("printf 'correct horse\\nurl: example\\n'");
    let encrypted = w.run(&["encrypt"]);
    assert_eq!(encrypted.code, 0, "{encrypted:#?}");
    assert!(
        encrypted.stderr.contains("encrypted"),
        "{}",
        encrypted.stderr
    );
    let bytes = read(&w.db);
    assert!(!bytes.starts_with(b"SQLite format 3"));
    assert!(!contains(&bytes, NOTE), "no note text in the clear");
    assert_eq!(w.journal_folder(), ["journal.db"], "no backup or copy left");

    let shown = w.run(&["show", &id.to_string()]).ok();
    assert!(shown.contains(NOTE), "{shown}");
    let second = w.log(&["coffee", "After"]);
    assert!(second > id);
    assert_eq!(w.run(&["encrypt"]).code, 2, "already encrypted");
    // Backups of an encrypted journal are encrypted; doctor reads it.
    let backup = w.path("copy.db");
    w.run(&["backup", "--out", s(&backup)]).ok();
    let copy = read(&backup);
    assert!(!copy.starts_with(b"SQLite format 3") && !contains(&copy, NOTE));
    std::fs::remove_file(&backup).expect("rm the backup");
    let doctor = w.run(&["doctor"]);
    assert!(doctor.stdout.contains("integrity    ok"), "{doctor:#?}");

    w.with_passphrase_cmd("printf 'wrong horse'");
    let before = read(&w.db);
    let wrong = w.run(&["list"]);
    assert_eq!(wrong.code, 1, "{wrong:#?}");
    assert!(
        wrong.stderr.contains("passphrase does not open"),
        "{}",
        wrong.stderr
    );
    assert_eq!(read(&w.db), before, "a wrong passphrase changes nothing");
    let wrong_decrypt = w.run(&["decrypt"]);
    assert_eq!(wrong_decrypt.code, 1, "{wrong_decrypt:#?}");
    assert_eq!(read(&w.db), before, "nor does decrypt with it");

    w.with_passphrase_cmd("printf 'correct horse'");
    w.run(&["decrypt"]).ok();
    assert!(read(&w.db).starts_with(b"SQLite format 3"));
    assert_eq!(w.journal_folder(), ["journal.db"]);
    std::fs::remove_file(w.config_home().join("rapport").join("config.toml")).expect("rm");
    let listed = w.run(&["list"]).ok();
    assert!(
        listed.contains("Dinner") && listed.contains("After"),
        "{listed}"
    );
}

#[test]
fn the_passphrase_prompt_does_not_echo_and_asks_twice_for_a_new_one() {
    let w = World::new();
    w.run(&["person", "add", "Dana", "--current"]).ok();
    w.log(&["meal", "Dinner", "--notes", NOTE]);
    let phrase = "tiger-lily-7";
    let bin = OsStr::new(env!("CARGO_BIN_EXE_rapport"));
    let db = w.db.as_os_str();

    let mut encrypt = Tui::spawn(w.pty_command(
        env!("CARGO_BIN_EXE_rapport"),
        &[OsStr::new("encrypt"), OsStr::new("--db"), db],
    ));
    encrypt.wait_for_text("new passphrase:");
    encrypt.send(format!("{phrase}\r").as_bytes());
    encrypt.wait_for_text("the same again:");
    encrypt.send(format!("{phrase}\r").as_bytes());
    assert_eq!(encrypt.wait_exit(), 0, "{}", encrypt.screen());
    assert!(
        encrypt.screen().contains("encrypted"),
        "{}",
        encrypt.screen()
    );
    assert!(
        !encrypt.screen().contains(phrase),
        "the passphrase was echoed"
    );
    assert!(!read(&w.db).starts_with(b"SQLite format 3"));

    let mut list = Tui::spawn(w.pty_command(
        env!("CARGO_BIN_EXE_rapport"),
        &[OsStr::new("list"), OsStr::new("--db"), db],
    ));
    list.wait_for_text("passphrase:");
    list.send(format!("{phrase}\r").as_bytes());
    list.wait_for_text("Dinner");
    assert_eq!(list.wait_exit(), 0);
    assert!(!list.screen().contains(phrase), "the passphrase was echoed");

    let mut wrong = Tui::spawn(w.pty_command(
        "sh",
        &[
            OsStr::new("-c"),
            OsStr::new(r#""$0" list --db "$1"; echo "exited with $?""#),
            bin,
            db,
        ],
    ));
    wrong.wait_for_text("passphrase:");
    wrong.send(b"not-it\r");
    wrong.wait_for_text("exited with 1");
    assert!(
        wrong.screen().contains("passphrase does not open"),
        "{}",
        wrong.screen()
    );
}

#[test]
fn a_plain_copy_left_by_an_interrupted_encrypt_is_flagged_by_doctor_and_removed_by_the_next_encrypt()
 {
    let w = World::new();
    w.run(&["person", "add", "Dana", "--current"]).ok();
    w.log(&["meal", "Dinner", "--notes", NOTE]);
    w.with_passphrase_cmd("printf 'correct horse\\n'");
    // Killed before the swap: the verified plain backup and a half-written
    // encrypted copy are left beside the still plain journal.
    let plain_copy = w.path("journal.db.plain.bak");
    std::fs::copy(&w.db, &plain_copy).expect("the plain backup");
    std::fs::write(w.path("journal.db.converting"), b"half").expect("the half copy");
    let encrypted = w.run(&["encrypt"]);
    assert_eq!(encrypted.code, 0, "{encrypted:#?}");
    assert_eq!(
        w.journal_folder(),
        ["journal.db"],
        "the next encrypt finished the job"
    );

    // Killed after the swap: the journal is encrypted, its plain copy is not.
    std::fs::copy(w.path("journal.db"), w.path("keep.db")).expect("keep");
    let other = World::new();
    other.run(&["person", "add", "Dana", "--current"]).ok();
    other.log(&["meal", "Dinner", "--notes", NOTE]);
    std::fs::copy(&other.db, &plain_copy).expect("a plain copy");
    let doctor = w.run(&["doctor"]);
    assert_eq!(doctor.code, 1, "{doctor:#?}");
    assert!(
        doctor.stdout.contains("journal.db.plain.bak")
            || doctor.stderr.contains("journal.db.plain.bak"),
        "doctor names the plain copy: {doctor:#?}"
    );
    let again = w.run(&["encrypt"]);
    assert_eq!(again.code, 0, "{again:#?}");
    assert!(again.stderr.contains("removed"), "{}", again.stderr);
    assert_eq!(w.journal_folder(), ["journal.db"], "no plain copy left");
    let listed = w.run(&["list"]).ok();
    assert!(
        listed.contains("Dinner"),
        "the encrypted journal still opens: {listed}"
    );
}
