//! Where the journal lives (`--db`, `RAPPORT_DB`, config, data dir) and
//! `config.toml` settings.

use super::*;

// ---------------------------------------------------------------- where the journal lives

#[test]
fn the_journal_comes_from_rapport_db_then_config_then_the_data_dir() {
    let w = World::new();
    // Default: the data directory.
    exec(w.bare_command(["person", "add", "Default"])).ok();
    assert!(w.default_journal().exists());

    // RAPPORT_DB over the default.
    let env_db = w.path("env.db");
    exec(
        w.bare_command(["person", "add", "FromEnv"])
            .env("RAPPORT_DB", &env_db),
    )
    .ok();
    assert!(env_db.exists());

    // config.toml's `journal` when neither is given.
    let conf_db = w.path("conf.db");
    let conf_dir = w.config_home().join("rapport");
    std::fs::create_dir_all(&conf_dir).expect("config dir");
    std::fs::write(
        conf_dir.join("config.toml"),
        format!("journal = {:?}\n", s(&conf_db)),
    )
    .expect("write config");
    exec(w.bare_command(["person", "add", "FromConfig"])).ok();
    assert!(conf_db.exists());

    fn who(cmd: &mut Command) -> Vec<String> {
        let out = exec(cmd).ok();
        let people: Vec<Value> = serde_json::from_str(&out).expect("JSON");
        names(&people).into_iter().map(str::to_string).collect()
    }
    assert_eq!(
        who(&mut w.bare_command(["person", "list", "--json", "--db", s(&w.default_journal())])),
        ["Default"]
    );
    assert_eq!(
        who(w
            .bare_command(["person", "list", "--json"])
            .env("RAPPORT_DB", &env_db)),
        ["FromEnv"]
    );
    assert_eq!(
        who(&mut w.bare_command(["person", "list", "--json"])),
        ["FromConfig"]
    );
    // --db over RAPPORT_DB.
    assert_eq!(
        who(w
            .bare_command(["person", "list", "--json", "--db", s(&w.default_journal())])
            .env("RAPPORT_DB", &env_db)),
        ["Default"]
    );
}

// ---------------------------------------------------------------- settings

#[test]
fn an_unknown_key_in_config_toml_fails_naming_file_line_and_key() {
    let w = World::new();
    let conf_dir = w.config_home().join("rapport");
    std::fs::create_dir_all(&conf_dir).expect("config dir");
    let file = conf_dir.join("config.toml");
    std::fs::write(&file, "[targets]\ninformal_days = 20\nbogus_key = 1\n").expect("write config");
    for args in [&["list"][..], &["log", "coffee", "x"], &["kind", "list"]] {
        let err = w.run(args).runtime_error();
        assert!(err.contains(s(&file)), "names the file: {err}");
        assert!(
            err.contains(&format!("{}:3: ", s(&file))),
            "names the line: {err}"
        );
        assert!(err.contains("bogus_key"), "names the key: {err}");
    }
    assert!(!w.db.exists(), "no journal was created");
}

#[test]
fn rapport_config_dir_overrides_where_config_toml_is_read() {
    let w = World::new();
    let conf_dir = w.path("elsewhere");
    std::fs::create_dir_all(&conf_dir).expect("config dir");
    let file = conf_dir.join("config.toml");
    std::fs::write(&file, "# settings\n\ncolour = \"blue\"\n").expect("write config");
    // The XDG one is fine; only the override is read.
    let err = exec(w.command(["list"]).env("RAPPORT_CONFIG_DIR", &conf_dir)).runtime_error();
    assert!(err.contains(s(&file)), "names the file: {err}");
    assert!(
        err.contains(&format!("{}:3: ", s(&file))),
        "names the line: {err}"
    );
    assert!(err.contains("colour"), "names the key: {err}");
    w.run(&["list"]).ok();
}

#[test]
fn a_valid_config_toml_is_accepted() {
    let w = World::new();
    let conf_dir = w.config_home().join("rapport");
    std::fs::create_dir_all(&conf_dir).expect("config dir");
    std::fs::write(
        conf_dir.join("config.toml"),
        "[targets]\ninformal_days = 20\nadvice_days = 14\nsummary_days = 7\ncheckin_days = 7\n",
    )
    .expect("write config");
    w.run(&["list"]).ok();
}
