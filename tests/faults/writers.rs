//! Two writers on one journal at once, and a third editing: nothing is
//! lost, no "database is locked" reaches the user (the busy timeout waits
//! its turn), and an edit made from a stale read is refused, not saved over.

use serde_json::Value;

use super::*;

const PER_WRITER: usize = 500;

/// Logs `$3` entries titled `writer $2 …`, printing each id.
const WRITER: &str = r#"
i=0
while [ "$i" -lt "$3" ]; do
    i=$((i + 1))
    "$0" log chat "writer $2 entry $i" --db "$1" || exit 1
done
"#;

fn version_of(w: &World, id: i64) -> i64 {
    let shown: Value =
        serde_json::from_str(&w.run(&["show", &id.to_string(), "--json"]).ok()).expect("JSON");
    shown["version"]
        .as_i64()
        .expect("show --json has a version")
}

#[test]
fn two_writers_lose_nothing_and_a_stale_edit_is_detected_not_saved_over() {
    let w = World::with_manager();
    let edited = w.log(&["one_on_one", "Weekly", "-q", "3"]);
    let started = Instant::now();

    let mut writers: Vec<(Child, _, _)> = ["a", "b"]
        .into_iter()
        .map(|name| {
            let mut cmd = w.shell(WRITER);
            cmd.arg(name).arg(PER_WRITER.to_string());
            let mut child = cmd.spawn().expect("start a writer");
            let ids = stdout_lines(&mut child);
            let errors = stderr_text(&mut child);
            (child, ids, errors)
        })
        .collect();

    // The third process, while both write: reads the entry, edits it, then
    // edits again from the same (now stale) read.
    thread::sleep(Duration::from_millis(200));
    let read = version_of(&w, edited);
    let id = edited.to_string();
    let first = w.run(&[
        "edit",
        &id,
        "--title",
        "Weekly, first edit",
        "--expect-version",
        &read.to_string(),
    ]);
    assert_eq!(first.code, 0, "the first edit saves: {first:#?}");
    let second = w.run(&[
        "edit",
        &id,
        "--title",
        "Weekly, second edit from a stale read",
        "--expect-version",
        &read.to_string(),
    ]);
    assert_eq!(second.code, 1, "the stale edit is refused: {second:#?}");
    assert!(
        second.stderr.contains("changed elsewhere"),
        "the refusal says why: {}",
        second.stderr
    );

    let mut all_ids = Vec::new();
    for (mut child, ids, errors) in writers.drain(..) {
        let status = wait_bounded(&mut child, Duration::from_secs(120), "a writer");
        let ids = ids.join().expect("reader");
        let stderr = errors.join().expect("reader");
        assert!(status.success(), "a writer failed: {stderr}");
        for word in ["locked", "busy", "rapport:"] {
            assert!(
                !stderr.contains(word),
                "`{word}` reached the user: {stderr}"
            );
        }
        assert_eq!(ids.len(), PER_WRITER, "every log acknowledged");
        all_ids.extend(ids.iter().map(|l| l.parse::<i64>().expect("an id")));
    }
    all_ids.sort_unstable();
    all_ids.dedup();
    assert_eq!(all_ids.len(), 2 * PER_WRITER, "1,000 distinct ids");

    let present = w.entry_ids();
    assert!(
        all_ids.iter().all(|id| present.binary_search(id).is_ok()),
        "every acknowledged entry is in the journal"
    );
    let conn = w.open_db();
    let (writer_rows, title): (i64, String) = conn
        .query_row(
            "SELECT (SELECT count(*) FROM interaction WHERE title LIKE 'writer %'),
                    (SELECT title FROM interaction WHERE id = ?1)",
            [edited],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("count");
    assert_eq!(writer_rows, 2 * PER_WRITER as i64);
    assert_eq!(
        title, "Weekly, first edit",
        "the stale edit did not overwrite"
    );
    assert_eq!(version_of(&w, edited), read + 1);
    eprintln!(
        "two writers: {} entries in {:?}",
        2 * PER_WRITER,
        started.elapsed()
    );
}
