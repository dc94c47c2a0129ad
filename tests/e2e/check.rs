//! A journal that was not sealed (a copy, a crash): the screen shows it at
//! once and checks it meanwhile; a damaged one is refused once its check
//! fails, with the same message as before, and left untouched.

use std::path::{Path, PathBuf};

use super::*;

fn unseal(db: &Path) {
    std::fs::remove_file(rapport::store::seal_path(db)).expect("sealed on close");
}

fn side_file(db: &Path, suffix: &str) -> PathBuf {
    let mut side = db.as_os_str().to_owned();
    side.push(suffix);
    PathBuf::from(side)
}

#[test]
fn an_unsealed_journal_opens_at_once_and_says_when_its_check_passed() {
    let world = World::with_manager();
    world.run(&["log", "coffee", "Coffee before the copy"]).ok();
    unseal(&world.db);
    let mut tui = world.tui();
    tui.wait_for_text("Coffee before the copy");
    tui.wait_for_text("the journal passed its check");
}

#[test]
fn a_damaged_unsealed_journal_is_refused_untouched_with_the_same_message() {
    let world = World::with_manager();
    for i in 0..40 {
        world
            .run(&[
                "log",
                "chat",
                &format!("entry {i}"),
                "--notes",
                &"words ".repeat(200),
            ])
            .ok();
    }
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(side_file(&world.db, suffix));
    }
    let mut bytes = std::fs::read(&world.db).expect("read");
    let page_size = usize::from(u16::from_be_bytes([bytes[16], bytes[17]]));
    // Keep page 1 (the header and schema); scribble over the rest.
    for (i, b) in bytes[page_size..].iter_mut().enumerate() {
        *b = (i as u8).wrapping_mul(31) ^ 0xa5;
    }
    std::fs::write(&world.db, &bytes).expect("damage");
    unseal(&world.db);
    let refused = world.run(&["list"]).runtime_error();

    let script = r#""$0" --db "$1"; echo "rapport exited with $?""#;
    let bin = std::ffi::OsStr::new(env!("CARGO_BIN_EXE_rapport"));
    let args = [
        std::ffi::OsStr::new("-c"),
        std::ffi::OsStr::new(script),
        bin,
        world.db.as_os_str(),
    ];
    let mut tui = Tui::spawn(world.pty_command("sh", &args));
    tui.wait_for("the shell to report the exit", |t| {
        t.raw_text_from(0).contains("rapport exited with")
    });
    tui.wait_exit();
    let said = tui.raw_text_from(0);
    assert!(said.contains("rapport exited with 1"), "{said}");
    let first_line = refused.lines().next().unwrap_or_default();
    assert!(first_line.contains("is damaged"), "{refused}");
    assert!(
        tui.screen().contains("it was left untouched"),
        "the refusal is printed as the CLI prints it ({first_line}):\n{}",
        tui.screen()
    );
    assert_eq!(
        std::fs::read(&world.db).expect("read"),
        bytes,
        "file changed"
    );
    for suffix in ["-wal", "-shm"] {
        assert!(
            !side_file(&world.db, suffix).exists(),
            "{suffix} was created"
        );
    }
}
