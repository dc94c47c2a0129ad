//! The terminal going away under rapport — its window closed, an ssh
//! session dropped — ends it, keeping the draft, instead of leaving it
//! spinning on a terminal that reads as endless end-of-file.

use std::ffi::OsStr;
use std::io::{Read, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use portable_pty::{PtySize, native_pty_system};

use super::*;

/// CPU ticks (user + system) the process has used so far.
fn cpu_ticks(pid: u32) -> Option<u64> {
    let fields = proc_stat(pid)?;
    // After the state letter: ppid pgrp session tty tpgid flags minflt
    // cminflt majflt cmajflt utime stime.
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some(utime + stime)
}

#[test]
fn closing_the_terminal_ends_rapport_and_keeps_the_draft() {
    let world = World::with_manager();
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("open a pty");
    let db = world.db.as_os_str();
    let cmd = world.pty_command(env!("CARGO_BIN_EXE_rapport"), &[OsStr::new("--db"), db]);
    let mut child = pair.slave.spawn_command(cmd).expect("spawn in the pty");
    drop(pair.slave);
    let pid = child.process_id().expect("the child's pid");
    let mut writer = pair.master.take_writer().expect("a pty writer");
    let mut reader = pair.master.try_clone_reader().expect("a pty reader");

    // Read what it draws until told to stop; the reader's descriptor must
    // close too, or the terminal never hangs up.
    let stop = Arc::new(AtomicBool::new(false));
    let (tx, drawn) = std::sync::mpsc::channel::<Vec<u8>>();
    let reading = {
        let stop = Arc::clone(&stop);
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n @ 1..) = reader.read(&mut buf) {
                let _ = tx.send(buf[..n].to_vec());
                if stop.load(Ordering::Relaxed) {
                    break;
                }
            }
        })
    };
    let mut screen = vt100::Parser::new(nonzero(40), nonzero(120), 0);
    let deadline = Instant::now() + TIMEOUT;
    let wait_for = |text: &str, screen: &mut vt100::Parser| loop {
        while let Ok(bytes) = drawn.try_recv() {
            screen.process(&bytes);
        }
        if screen.screen().contents().contains(text) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "no “{text}”:\n{}",
            screen.screen().contents()
        );
        thread::sleep(POLL);
    };
    wait_for("Journal", &mut screen);
    // Something typed into the add form, then the terminal closes.
    writer.write_all(b"a").expect("type");
    wait_for("Title", &mut screen);
    writer.write_all(b"\tUnfinished thought").expect("type");
    wait_for("Unfinished thought", &mut screen);
    stop.store(true, Ordering::Relaxed);
    writer
        .write_all(b"!")
        .expect("one more key, so the reader wakes and stops");
    reading.join().expect("the reader ends");
    drop(writer);
    drop(pair.master);

    let deadline = Instant::now() + TIMEOUT;
    let status = loop {
        if let Some(status) = child.try_wait().expect("poll the child") {
            break status;
        }
        if Instant::now() > deadline {
            let before = cpu_ticks(pid);
            thread::sleep(Duration::from_millis(500));
            let after = cpu_ticks(pid);
            let _ = child.kill();
            panic!("rapport outlived its terminal (CPU ticks {before:?} → {after:?} in 0.5 s)");
        }
        thread::sleep(POLL);
    };
    assert!(
        status.exit_code() == 0 || status.exit_code() == 1,
        "ended on its own: {status:?}"
    );
    let drafts: i64 = rusqlite::Connection::open(&world.db)
        .expect("journal")
        .query_row(
            "SELECT count(*) FROM draft WHERE body LIKE '%Unfinished thought%'",
            [],
            |r| r.get(0),
        )
        .expect("drafts");
    assert_eq!(drafts, 1, "what was typed is kept as a draft");
}
