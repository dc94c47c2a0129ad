//! Honest figures, as a user meets them: the real `rapport` binary, started
//! in a 120×40 pseudo-terminal, from `fork` to the first full frame (the
//! Journal's rows and the coach's next step drawn), on a journal that is
//! sealed and on one that is not (after a crash, a copy, a restore); and
//! `rapport backup` and `rapport doctor` as whole processes beside `cp`
//! (with and without `sync`) and SQLite's own `quick_check` (the `sqlite3`
//! command, when there is one). Medians (and the fastest) of a few runs at
//! 10k, 100k and 1M entries; the load average is printed with them.
//!
//! Run: `cargo bench --bench open` (all sizes) or
//! `cargo bench --bench open -- 100000` (one); `-- frames` times the first
//! frames only, without the processes. Needs the release binary's speed:
//! cargo builds it with the bench profile.

mod journals;

use std::io::{Read, Write as _};
use std::path::Path;
use std::process::Command;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use rapport::store::{Store, seal_path};

const SIZES: [u64; 3] = [10_000, 100_000, 1_000_000];
const BIN: &str = env!("CARGO_BIN_EXE_rapport");
/// The longest a first frame may take before the bench gives up.
const PATIENCE: Duration = Duration::from_secs(60);

fn main() {
    let sizes: Vec<u64> = match std::env::args().skip(1).find_map(|a| a.parse().ok()) {
        Some(size) => vec![size],
        None => SIZES.to_vec(),
    };
    let frames_only = std::env::args().skip(1).any(|a| a == "frames");
    let home = tempfile::tempdir().expect("a home");
    println!("load average: {}", load_average());
    for size in sizes {
        let journal = journals::path(size);
        // Opened (migrated, checked) and closed once by this build: sealed.
        drop(Store::open(&journal).expect("the bench journal opens"));
        let runs = if size >= 1_000_000 { 7 } else { 15 };
        let sealed = sample(runs, || first_frame(home.path(), &journal));
        report(size, "first full frame in a pty, sealed journal", &sealed);
        let unsealed = sample(runs, || {
            let _ = std::fs::remove_file(seal_path(&journal));
            first_frame(home.path(), &journal)
        });
        report(
            size,
            "first full frame in a pty, unsealed journal",
            &unsealed,
        );
        drop(Store::open(&journal).expect("checked and sealed again"));
        if !frames_only {
            processes(size, home.path(), &journal);
        }
        println!("load average: {}", load_average());
    }
}

/// `backup`, `doctor` and an unsealed `list` as processes, beside `cp`
/// and `sqlite3`'s `quick_check`.
fn processes(size: u64, home: &Path, journal: &Path) {
    let runs = if size >= 1_000_000 { 5 } else { 9 };
    let copy = journal.with_file_name(format!("bench-copy-{size}.db"));
    let remove_copy = || {
        let _ = std::fs::remove_file(&copy);
    };
    let cp = sample(runs, || {
        remove_copy();
        timed(Command::new("cp").arg(journal).arg(&copy))
    });
    report(size, "cp JOURNAL COPY", &cp);
    let cp_sync = sample(runs, || {
        remove_copy();
        timed(
            Command::new("sh")
                .arg("-c")
                .arg(r#"cp "$0" "$1" && sync "$1""#)
                .arg(journal)
                .arg(&copy),
        )
    });
    report(size, "cp JOURNAL COPY && sync COPY", &cp_sync);
    let backup = sample(runs, || {
        remove_copy();
        timed(rapport(home, journal).arg("backup").arg("--out").arg(&copy))
    });
    report(size, "rapport backup --out COPY", &backup);
    remove_copy();
    if Command::new("sqlite3").arg("--version").output().is_ok() {
        let quick = sample(runs, || {
            timed(
                Command::new("sqlite3")
                    .arg(journal)
                    .arg("PRAGMA quick_check"),
            )
        });
        report(size, "sqlite3 JOURNAL 'PRAGMA quick_check'", &quick);
    }
    let doctor = sample(runs, || timed(rapport(home, journal).arg("doctor")));
    report(size, "rapport doctor", &doctor);
    let full = sample(runs.min(3), || {
        timed(rapport(home, journal).arg("doctor").arg("--full"))
    });
    report(size, "rapport doctor --full", &full);
    let unsealed_list = sample(runs.min(3), || {
        let _ = std::fs::remove_file(seal_path(journal));
        timed(rapport(home, journal).arg("list").arg("--limit").arg("1"))
    });
    report(
        size,
        "rapport list --limit 1, unsealed (checks first)",
        &unsealed_list,
    );
    drop(Store::open(journal).expect("sealed again"));
}

/// `rapport --db JOURNAL` with a home, data and config of its own.
fn rapport(home: &Path, journal: &Path) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.arg("--db")
        .arg(journal)
        .env_clear()
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("RAPPORT_TODAY", "2026-11-24");
    cmd
}

/// A whole process's wall time; it must succeed (doctor may say the bench
/// folder is not private: that is its exit code 1, and still a full run).
fn timed(cmd: &mut Command) -> Duration {
    let started = Instant::now();
    let out = cmd.output().expect("runs");
    let took = started.elapsed();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() || said.contains("doctor found"),
        "{cmd:?}: {said}"
    );
    took
}

/// From `fork` of the real binary in a 120×40 pty to the first screen that
/// shows the Journal's rows and the coach's next step; then `q`.
fn first_frame(home: &Path, journal: &Path) -> Duration {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pty");
    let mut cmd = CommandBuilder::new(BIN);
    cmd.arg("--db");
    cmd.arg(journal);
    cmd.env_clear();
    cmd.env("TERM", "xterm-256color");
    cmd.env("HOME", home);
    cmd.env("XDG_DATA_HOME", home.join("data"));
    cmd.env("XDG_CONFIG_HOME", home.join("config"));
    cmd.env("RAPPORT_TODAY", "2026-11-24");
    let mut reader = pair.master.try_clone_reader().expect("a reader");
    let mut writer = pair.master.take_writer().expect("a writer");
    let (bytes, received) = mpsc::channel::<(Instant, Vec<u8>)>();
    std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || bytes.send((Instant::now(), buf[..n].to_vec())).is_err() {
                break;
            }
        }
    });
    let started = Instant::now();
    let mut child = pair.slave.spawn_command(cmd).expect("spawned");
    drop(pair.slave);
    let size = |n: u16| std::num::NonZeroU16::new(n).expect("a size");
    let mut screen = vt100::Parser::new(size(40), size(120), 0);
    let shown = loop {
        let (at, chunk) = received
            .recv_timeout(PATIENCE)
            .unwrap_or_else(|_| panic!("no full frame:\n{}", screen.screen().contents()));
        screen.process(&chunk);
        if full_frame(&screen.screen().contents()) {
            break at;
        }
    };
    let _ = writer.write_all(b"q");
    let _ = writer.flush();
    let deadline = Instant::now() + Duration::from_secs(10);
    while child.try_wait().ok().flatten().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    shown.duration_since(started)
}

/// The Journal drawn whole: its rows, the detail pane and the next step.
fn full_frame(screen: &str) -> bool {
    screen.contains("Journal") && screen.contains("Next:") && screen.contains("●")
}

fn sample(runs: usize, mut once: impl FnMut() -> Duration) -> Vec<Duration> {
    let mut times: Vec<Duration> = (0..runs).map(|_| once()).collect();
    times.sort();
    times
}

fn report(size: u64, what: &str, times: &[Duration]) {
    let ms = |d: &Duration| d.as_secs_f64() * 1000.0;
    let median = times.get(times.len() / 2).map_or(0.0, ms);
    let fastest = times.first().map_or(0.0, ms);
    println!(
        "{size:>8}  {what:<52} median {median:>9.1} ms  fastest {fastest:>9.1} ms  ({} runs)",
        times.len()
    );
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}
