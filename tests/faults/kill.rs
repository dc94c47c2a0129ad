//! `kill -9` in the middle of writes: every save the writer acknowledged
//! (printed its id) is in the journal afterwards, and the file is sound.

use std::os::unix::process::CommandExt;

use super::*;

/// Rounds of write-then-kill; each kills at a random moment.
const ROUNDS: usize = 50;

/// A writer logging entries one after another, printing each saved id,
/// until it is killed.
const WRITER: &str = r#"
n=0
while :; do
    n=$((n + 1))
    "$0" log coffee "round $2 entry $n" --notes "written before the kill" --db "$1" || exit 1
done
"#;

#[test]
fn every_acknowledged_save_survives_kill_9_at_random_moments() {
    let w = World::with_manager();
    let mut dice = Dice::new("kill -9");
    let mut acknowledged: Vec<i64> = Vec::new();
    let started = Instant::now();
    for round in 0..ROUNDS {
        let mut cmd = w.shell(WRITER);
        cmd.arg(round.to_string()).process_group(0);
        let mut child = cmd.spawn().expect("start the writer");
        let ids = stdout_lines(&mut child);
        let errors = stderr_text(&mut child);
        thread::sleep(Duration::from_millis(dice.between(20, 400)));
        // The whole group: the shell and the `rapport log` it is running,
        // wherever that one is in its write.
        let group = format!("-{}", child.id());
        let killed = Command::new("kill")
            .args(["-KILL", "--", &group])
            .status()
            .expect("run kill");
        assert!(killed.success(), "kill -9 {group}");
        wait_bounded(&mut child, Duration::from_secs(60), "the killed writer");
        let printed = ids.join().expect("the reader thread");
        let stderr = errors.join().expect("the reader thread");
        assert!(
            !stderr.contains("rapport:"),
            "round {round}: a write failed before the kill: {stderr}"
        );
        for line in printed {
            acknowledged.push(
                line.parse()
                    .unwrap_or_else(|_| panic!("round {round}: not an id: {line:?}")),
            );
        }

        let present = w.entry_ids();
        let lost: Vec<i64> = acknowledged
            .iter()
            .copied()
            .filter(|id| present.binary_search(id).is_err())
            .collect();
        assert!(
            lost.is_empty(),
            "round {round}: acknowledged but missing after kill -9: {lost:?}"
        );
    }
    assert!(
        acknowledged.len() >= ROUNDS,
        "the writers saved too little to prove anything: {} saves",
        acknowledged.len()
    );
    // The binary itself opens the journal after all of that, and finds it sound.
    chmod(w.root(), 0o700);
    let doctor = w.run(&["doctor"]);
    assert_eq!(doctor.code, 0, "{doctor:#?}");
    eprintln!(
        "kill -9: {ROUNDS} rounds, {} acknowledged saves, all present, in {:?}",
        acknowledged.len(),
        started.elapsed()
    );
}
