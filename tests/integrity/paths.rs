//! Paths: an `--out` that resolves to the journal or one of its side files
//! is refused (item 5); an explicit journal path in a missing folder is an
//! error, only the default location is created (item 6).

use super::*;

fn side(journal: &Path, suffix: &str) -> std::path::PathBuf {
    let mut name = journal.as_os_str().to_owned();
    name.push(suffix);
    name.into()
}

#[test]
fn export_and_backup_refuse_an_out_naming_the_journal_or_its_side_files_even_through_a_symlink() {
    let w = World::with_manager();
    w.log(&["coffee", "kept"]);
    let link = w.path("innocent.json");
    std::os::unix::fs::symlink(side(&w.db, "-wal"), &link).expect("symlink");
    let mut targets: Vec<std::path::PathBuf> = ["", "-wal", "-shm", "-seal", "-journal"]
        .iter()
        .map(|suffix| side(&w.db, suffix))
        .collect();
    targets.push(link);
    for out in &targets {
        for cmd in [
            &["export", "--force", "--out"][..],
            &["backup", "--force", "--out"],
        ] {
            let mut args = cmd.to_vec();
            args.push(s(out));
            let err = w.run(&args).usage_error();
            assert!(
                err.contains("journal"),
                "{args:?}: says it is the journal's file: {err}"
            );
        }
    }
    let listed = w.run(&["list"]).ok();
    assert!(listed.contains("kept"), "the journal is intact: {listed}");
}

#[test]
fn an_explicit_journal_in_a_missing_folder_is_an_error_and_nothing_is_created() {
    let w = World::new();
    let missing = w.path("no-such-folder");
    let db = missing.join("j.db");
    // --db
    let mut cmd = w.bare_command(["list"]);
    cmd.arg("--db").arg(&db);
    let err = exec(cmd).runtime_error();
    assert!(err.contains(s(&missing)), "names the folder: {err}");
    assert!(err.contains("does not exist"), "{err}");
    // RAPPORT_DB
    let mut cmd = w.bare_command(["list"]);
    cmd.env("RAPPORT_DB", &db);
    let err = exec(cmd).runtime_error();
    assert!(err.contains("does not exist"), "{err}");
    // journal = in config.toml
    let config = w.config_home().join("rapport");
    std::fs::create_dir_all(&config).expect("config dir");
    std::fs::set_permissions(&config, std::os::unix::fs::PermissionsExt::from_mode(0o700))
        .expect("chmod");
    let settings = config.join("config.toml");
    write(&settings, &format!("journal = \"{}\"\n", s(&db)));
    std::fs::set_permissions(
        &settings,
        std::os::unix::fs::PermissionsExt::from_mode(0o600),
    )
    .expect("chmod");
    let err = exec(w.bare_command(["list"])).runtime_error();
    assert!(err.contains("does not exist"), "{err}");
    assert!(!missing.exists(), "no folder was created");
}

#[test]
fn the_default_journal_location_is_still_created() {
    let w = World::new();
    exec(w.bare_command(["list"])).ok();
    assert!(w.data_dir().join("journal.db").is_file());
}
