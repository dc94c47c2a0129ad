//! `rapport doctor`: a healthy journal, loose permissions, damage, a missing
//! journal and synced folders.

use super::*;

// ---------------------------------------------------------------- doctor

#[test]
fn doctor_reports_a_healthy_journal_and_exits_zero() {
    let w = World::with_manager().private();
    w.log(&["coffee", "Coffee"]);
    let text = w.run(&["doctor"]).ok();
    let schema = format!("schema       {}", rapport::store::SCHEMA_VERSION);
    for expected in [
        "integrity    ok",
        &schema,
        "rows",
        "interaction 1",
        "result       healthy",
    ] {
        assert!(text.contains(expected), "`{expected}` in:\n{text}");
    }
    let report: Value = serde_json::from_str(&w.run(&["doctor", "--json"]).ok()).expect("JSON");
    assert_eq!(report["healthy"], true);
    assert_eq!(report["integrity"], serde_json::json!(["ok"]));
    assert_eq!(report["schema_version"], rapport::store::SCHEMA_VERSION);
    assert_eq!(report["files"][0]["role"], "journal");
    assert_eq!(report["files"][0]["mode"], "0600");
    assert_eq!(report["synced_folder"], Value::Null);
    let person_rows = report["rows"]
        .as_array()
        .and_then(|rows| rows.iter().find(|r| r["table"] == "person"))
        .map(|r| r["rows"].clone());
    assert_eq!(person_rows, Some(Value::from(1)));
}

#[test]
fn doctor_finds_loose_permissions_a_damaged_journal_and_a_missing_one() {
    let w = World::with_manager().private();
    std::fs::set_permissions(&w.db, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let run = w.run(&["doctor"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(run.stdout.contains("NOT private"), "{run:#?}");
    assert!(run.stderr.contains("chmod 600"), "{run:#?}");
    std::fs::set_permissions(&w.db, std::fs::Permissions::from_mode(0o600)).expect("chmod");

    let mut bytes = read(&w.db);
    let len = bytes.len();
    for b in bytes.iter_mut().skip(len / 2) {
        *b = 0x33;
    }
    std::fs::write(&w.db, bytes).expect("damage");
    let run = w.run(&["doctor", "--json"]);
    assert_eq!(run.code, 1, "{run:#?}");
    let report: Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(report["healthy"], false);
    assert!(
        report["problems"][0]
            .as_str()
            .is_some_and(|p| p.contains("damaged")),
        "{report}"
    );

    let nowhere = w.sibling("absent.db");
    let run = nowhere.run(&["doctor"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(run.stdout.contains("there is no journal at"), "{run:#?}");
    assert!(!nowhere.db.exists(), "doctor does not create a journal");
}

#[test]
fn doctor_warns_about_a_synced_folder_with_advice_but_stays_healthy() {
    let outer = World::new();
    for (folder, service) in [("Dropbox", "Dropbox"), ("shared", "Syncthing")] {
        let dir = outer.path(folder);
        // An explicit --db is never given a folder: make it, as a user would.
        std::fs::create_dir_all(dir.join("notes")).expect("mkdir");
        std::fs::set_permissions(
            dir.join("notes"),
            std::os::unix::fs::PermissionsExt::from_mode(0o700),
        )
        .expect("chmod");
        if service == "Syncthing" {
            std::fs::create_dir_all(dir.join(".stfolder")).expect("marker");
        }
        let w = World {
            dir: TempDir::new_in(outer.dir.path()).expect("a temp dir"),
            db: dir.join("notes").join("journal.db"),
        };
        w.run(&["person", "add", "Dana"]).ok();
        let run = w.run(&["doctor", "--json"]);
        assert_eq!(run.code, 0, "{run:#?}");
        let report: Value = serde_json::from_str(&run.stdout).expect("JSON");
        assert_eq!(report["synced_folder"]["service"], service);
        let warning = report["warnings"][0].as_str().unwrap_or_default();
        assert!(
            warning.contains("-wal") && warning.contains("rapport backup --out"),
            "{warning}"
        );
    }
}
