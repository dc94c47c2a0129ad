//! A full disk: the journal on a tmpfs of a few hundred KiB fills up; the
//! save that does not fit says so, and the journal still opens, passes
//! `quick_check` and holds every earlier entry. Skipped, with the reason
//! printed, where this machine does not allow mounting.

use super::*;

/// A small filesystem mounted for one test, unmounted when dropped.
struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    fn mount(kib: u32) -> Result<SmallDisk, String> {
        let dir = tempfile::TempDir::new().map_err(|e| e.to_string())?;
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={kib}k,mode=0700")])
            .arg("tmpfs")
            .arg(dir.path())
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("cannot run mount: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "mount -t tmpfs failed: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
        Ok(SmallDisk { dir })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount")
            .arg(self.dir.path())
            .stderr(Stdio::null())
            .status();
    }
}

#[test]
fn a_full_disk_fails_the_save_clearly_and_keeps_the_journal_sound() {
    let disk = match SmallDisk::mount(400) {
        Ok(disk) => disk,
        Err(reason) => {
            eprintln!("SKIPPED a_full_disk…: this machine cannot mount a small disk ({reason})");
            return;
        }
    };
    let mut w = World::with_manager();
    let journal = disk.path().join("journal.db");
    std::fs::copy(&w.db, &journal).expect("copy the journal onto the small disk");
    w.db = journal;

    // Entries with 16 KiB of notes each until the disk refuses one.
    let notes = "the disk fills up with these notes. ".repeat(450);
    let mut saved = Vec::new();
    let refusal = loop {
        assert!(saved.len() < 200, "a 400 KiB disk never filled up");
        let title = format!("entry {}", saved.len() + 1);
        let run = w.run(&["log", "note", &title, "--notes", &notes]);
        if run.code != 0 {
            break run;
        }
        saved.push((id_from(&run.stdout), title));
    };
    assert!(!saved.is_empty(), "some entries fit before the disk filled");
    assert_eq!(
        refusal.code, 1,
        "a full disk is a runtime error: {refusal:#?}"
    );
    assert!(
        refusal.stderr.contains("disk is full") && refusal.stderr.contains("nothing was saved"),
        "the failing save says so: {}",
        refusal.stderr
    );
    assert!(!refusal.stderr.contains("panicked"), "{}", refusal.stderr);

    // Still full: the journal opens, is sound, and has every earlier entry.
    let (verdict, conn) = w.integrity();
    assert_eq!(verdict, ["ok"]);
    drop(conn);
    let doctor = w.run(&["doctor"]);
    assert_eq!(doctor.code, 0, "doctor on the full disk: {doctor:#?}");
    let listed: serde_json::Value =
        serde_json::from_str(&w.run(&["list", "--json", "-n", "1000"]).ok()).expect("JSON");
    let titles: Vec<&str> = listed
        .as_array()
        .expect("a list")
        .iter()
        .map(|e| e["title"].as_str().expect("a title"))
        .collect();
    for (_, title) in &saved {
        assert!(titles.contains(&title.as_str()), "{title} kept");
    }
    assert_eq!(titles.len(), saved.len(), "nothing half-saved appears");
    eprintln!(
        "disk full: {} entries fit on 400 KiB before the refusal",
        saved.len()
    );
}
