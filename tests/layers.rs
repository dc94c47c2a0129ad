//! The layers of DESIGN.md §4, checked on the source: `cli` and `tui` →
//! `journal` → the pure parts (`coach`, `insights`, `prep`) and `store` →
//! `domain`, with `present` serving both faces. Nothing below imports from
//! above. Every `crate::…`, `super::…` and `self::…` path in `src/` is
//! resolved to the module it names, so a grouped `use crate::{coach, …}`, an
//! inline `crate::cli::x()` or a `super::view` counts like a plain `use`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// One source file: where it is, the module it is, what it says.
struct Source {
    path: String,
    module: Vec<String>,
    text: String,
}

fn sources() -> Vec<Source> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&root, &mut files);
    files.sort();
    files
        .into_iter()
        .map(|file| {
            let relative = file
                .strip_prefix(&root)
                .expect("under src")
                .to_string_lossy()
                .replace('\\', "/");
            let text = std::fs::read_to_string(&file).expect("a source file reads");
            Source {
                module: module_of(&relative),
                path: format!("src/{relative}"),
                text,
            }
        })
        .collect()
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src reads") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            walk(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `store/summaries/facts.rs` is `crate::store::summaries::facts`;
/// `lib.rs` and `main.rs` are the crate root.
fn module_of(relative: &str) -> Vec<String> {
    let mut module = vec!["crate".to_string()];
    let stem = relative.trim_end_matches(".rs");
    for part in stem.split('/') {
        if !matches!(part, "mod" | "lib" | "main") {
            module.push(part.to_string());
        }
    }
    module
}

/// Every path the file names from `crate`, `super` or `self`, resolved to
/// its absolute segments, groups expanded.
fn imports(source: &Source) -> BTreeSet<Vec<String>> {
    let text = &source.text;
    let mut found = BTreeSet::new();
    let bytes = text.as_bytes();
    for start in ["crate::", "super::", "self::"]
        .iter()
        .flat_map(|lead| text.match_indices(lead).map(|(i, _)| i))
    {
        // Part of a longer name (`rapport::crate::`, `my_super::`)? Skip.
        if start > 0 && (bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'_') {
            continue;
        }
        if start > 1 && &text[start - 2..start] == "::" {
            continue;
        }
        let expression = path_expression(&text[start..]);
        for path in expand(&expression) {
            found.insert(resolve(&source.module, &path));
        }
    }
    found
}

/// The path expression at the start of `text`: names, `::`, and balanced
/// `{…}` groups, up to whatever ends it.
fn path_expression(text: &str) -> String {
    let mut depth = 0_i32;
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            c if c.is_alphanumeric() || matches!(c, '_' | ':' | '*') => {}
            ',' | ' ' | '\n' | '\t' | '\r' if depth > 0 => {}
            _ if depth > 0 => {}
            _ => break,
        }
        out.push(c);
        if depth == 0 && c == '}' {
            break;
        }
    }
    out
}

/// `a::{b, c::{d, e}}` → `a::b`, `a::c::d`, `a::c::e`.
fn expand(expression: &str) -> Vec<String> {
    let Some(open) = expression.find('{') else {
        let clean: String = expression.split_whitespace().collect();
        return vec![clean.trim_end_matches("::").to_string()];
    };
    let prefix = &expression[..open];
    let inner = &expression[open + 1..expression.rfind('}').unwrap_or(expression.len())];
    let mut out = Vec::new();
    let (mut depth, mut from) = (0, 0);
    let mut items = Vec::new();
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&inner[from..i]);
                from = i + 1;
            }
            _ => {}
        }
    }
    items.push(&inner[from..]);
    for item in items {
        let item = item.trim();
        if item.is_empty() {
            continue;
        }
        // `use a::{self, b}`: `self` is `a`.
        let item = item.split(" as ").next().unwrap_or_default().trim();
        let joined = if item == "self" {
            prefix.trim_end_matches("::").to_string()
        } else {
            format!("{prefix}{item}")
        };
        out.extend(expand(&joined));
    }
    out
}

/// `super::view` in `crate::tui::update::coach` is `crate::tui::update::view`.
fn resolve(module: &[String], path: &str) -> Vec<String> {
    let mut segments: Vec<String> = path
        .split("::")
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    let mut base = module.to_vec();
    match segments.first().map(String::as_str) {
        Some("super") => {
            while segments.first().map(String::as_str) == Some("super") {
                segments.remove(0);
                base.pop();
            }
            base.extend(segments);
            base
        }
        Some("self") => {
            segments.remove(0);
            base.extend(segments);
            base
        }
        _ => segments,
    }
}

/// The files under `dir` (a module path like `store`) that import a path
/// starting with `crate::<forbidden>`, with the paths they import.
fn offenders(dir: &str, allowed: &[&str], forbidden: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for source in sources() {
        let inside = source.module.get(1).is_some_and(|m| m == dir)
            || (dir == "*" && !allowed.iter().any(|a| source.path.starts_with(a)));
        if !inside || allowed.iter().any(|a| source.path.starts_with(a)) {
            continue;
        }
        for path in imports(&source) {
            if path.first().is_some_and(|c| c == "crate")
                && path.get(1).is_some_and(|m| forbidden.contains(&m.as_str()))
            {
                out.push(format!("{}: {}", source.path, path.join("::")));
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

#[test]
fn only_the_cli_and_main_use_the_cli() {
    let found = offenders("*", &["src/cli/", "src/main.rs"], &["cli"]);
    assert!(
        found.is_empty(),
        "imports of crate::cli:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_store_keeps_persistence_only() {
    let found = offenders(
        "store",
        &[],
        &[
            "coach", "insights", "prep", "journal", "present", "cli", "tui", "demo",
        ],
    );
    assert!(
        found.is_empty(),
        "the store imports from above it (move the work to src/journal/):\n{}",
        found.join("\n")
    );
}

#[test]
fn nothing_below_imports_from_above() {
    let rules: [(&str, &[&str]); 6] = [
        (
            "domain",
            &[
                "store", "journal", "coach", "insights", "prep", "present", "cli", "tui", "config",
                "demo",
            ],
        ),
        (
            "coach",
            &["store", "journal", "present", "cli", "tui", "demo"],
        ),
        (
            "insights",
            &["store", "journal", "present", "cli", "tui", "demo"],
        ),
        (
            "prep",
            &["store", "journal", "present", "cli", "tui", "demo"],
        ),
        ("present", &["store", "journal", "cli", "tui", "demo"]),
        ("journal", &["cli", "tui", "demo"]),
    ];
    let mut found = Vec::new();
    for (dir, forbidden) in rules {
        found.extend(offenders(dir, &[], forbidden));
    }
    assert!(
        found.is_empty(),
        "imports from above:\n{}",
        found.join("\n")
    );
}

#[test]
fn update_never_imports_a_view() {
    let mut found = Vec::new();
    for source in sources() {
        let updates = ["src/tui/update", "src/tui/screens"];
        if !updates.iter().any(|dir| source.path.starts_with(dir)) {
            continue;
        }
        for path in imports(&source) {
            let drawing = ["view", "layout"]
                .iter()
                .any(|m| path.starts_with(&["crate".into(), "tui".into(), (*m).into()]));
            if drawing {
                found.push(format!("{}: {}", source.path, path.join("::")));
            }
        }
    }
    assert!(
        found.is_empty(),
        "update (or a screen's update) imports a view or the layout (the list's height comes in `Msg::Resized`):\n{}",
        found.join("\n")
    );
}

/// `Week` (and every domain type) is named from `crate::domain` only: no
/// other module defines one, and the pure layers do not re-export one as
/// if it were theirs (`pub use crate::domain::Week` in `prep`).
#[test]
fn week_is_defined_in_the_domain_only() {
    let mut found = Vec::new();
    for source in sources() {
        if source.path.starts_with("src/domain/") {
            continue;
        }
        let pure = ["src/prep/", "src/coach/", "src/insights/"];
        if pure.iter().any(|dir| source.path.starts_with(dir)) {
            found.extend(domain_re_exports(&source));
        }
        for (n, line) in source.text.lines().enumerate() {
            let words: Vec<&str> = line
                .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .filter(|w| !w.is_empty())
                .collect();
            let defines = words
                .windows(2)
                .any(|w| matches!(w[0], "struct" | "enum" | "type" | "trait") && w[1] == "Week");
            if defines {
                found.push(format!("{}:{}: {}", source.path, n + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "Week defined outside src/domain, or a domain type re-exported:\n{}",
        found.join("\n")
    );
}

/// The `pub use` statements of `source` that hand on a `crate::domain` item.
fn domain_re_exports(source: &Source) -> Vec<String> {
    let mut found = Vec::new();
    let mut lines = source.text.lines().enumerate();
    while let Some((n, line)) = lines.next() {
        if !line.trim_start().starts_with("pub use ") {
            continue;
        }
        let mut statement = line.trim().to_string();
        while !statement.contains(';') {
            match lines.next() {
                Some((_, more)) => statement.push_str(more.trim()),
                None => break,
            }
        }
        let path = statement.trim_start_matches("pub use ");
        let from_domain = path.starts_with("crate::domain")
            || (path.starts_with("crate::{") && path.contains("domain::"));
        if from_domain {
            found.push(format!(
                "{}:{}: {statement} (import it from crate::domain)",
                source.path,
                n + 1
            ));
        }
    }
    found
}

#[test]
fn a_re_export_of_a_domain_type_is_seen() {
    let source = Source {
        path: "src/prep/mod.rs".into(),
        module: module_of("prep/mod.rs"),
        text: "pub use crate::domain::{\n    AdviceAsk, Week,\n};\npub use window::Window;\n"
            .into(),
    };
    let found = domain_re_exports(&source);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("src/prep/mod.rs:1:"), "{found:?}");
}

#[test]
fn the_checker_sees_every_form_of_an_import() {
    let source = Source {
        path: "src/store/x.rs".into(),
        module: module_of("store/x.rs"),
        text: "use crate::{\n    coach::Playbook,\n    domain::{Person, Week as W},\n};\n\
               fn f() { crate::prep::agenda(); super::super::tui::view::draw(); }\n"
            .into(),
    };
    let found: Vec<String> = imports(&source).into_iter().map(|p| p.join("::")).collect();
    for expected in [
        "crate::coach::Playbook",
        "crate::domain::Person",
        "crate::domain::Week",
        "crate::prep::agenda",
        "crate::tui::view::draw",
    ] {
        assert!(
            found.iter().any(|f| f == expected),
            "{expected} in {found:?}"
        );
    }
    assert_eq!(module_of("tui/update/mod.rs"), ["crate", "tui", "update"]);
}

/// Store's own public methods: what is about the file itself (open, check,
/// backup, path, read-only). Everything else lives on an area reached from
/// it (`store.people()`, `store.promises_mut()`), each in its own module.
const STORE_OWN_METHODS_AT_MOST: usize = 23;

/// The public methods of `impl Store` blocks in `src/store/`, as
/// `(file, name, is_an_area_accessor)`; an accessor is a method whose whole
/// body builds an area (`People { store: self }`).
fn store_methods() -> Vec<(String, String, bool)> {
    let mut found = Vec::new();
    for source in sources() {
        if !source.path.starts_with("src/store/") {
            continue;
        }
        let lines: Vec<&str> = source.text.lines().collect();
        let mut inside = false;
        for (n, line) in lines.iter().enumerate() {
            if *line == "impl Store {" {
                inside = true;
            } else if inside && line.starts_with('}') {
                inside = false;
            } else if inside && let Some(rest) = line.strip_prefix("    pub fn ") {
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                let area = rest
                    .split("-> ")
                    .nth(1)
                    .and_then(|r| r.strip_suffix("<'_> {"))
                    .map(str::to_string);
                let accessor = area.is_some_and(|area| {
                    lines
                        .get(n + 1)
                        .is_some_and(|body| body.trim() == format!("{area} {{ store: self }}"))
                });
                found.push((source.path.clone(), name, accessor));
            }
        }
    }
    found
}

#[test]
fn the_store_itself_keeps_only_what_is_about_the_file() {
    let own: Vec<String> = store_methods()
        .into_iter()
        .filter(|(_, _, accessor)| !accessor)
        .map(|(path, name, _)| format!("{path}: {name}"))
        .collect();
    assert!(
        own.len() <= STORE_OWN_METHODS_AT_MOST,
        "Store has {} public methods of its own (at most {STORE_OWN_METHODS_AT_MOST}); put the new ones on an area (`store.people()`, `store.people_mut()`):\n{}",
        own.len(),
        own.join("\n")
    );
}

#[test]
fn every_store_area_reads_in_one_sitting() {
    let mut found = Vec::new();
    let sources = sources();
    let areas: BTreeSet<String> = store_methods()
        .into_iter()
        .filter(|(_, _, accessor)| *accessor)
        .map(|(_, name, _)| name)
        .collect();
    assert!(
        areas.contains("people") || areas.contains("promises"),
        "no area accessor found: {areas:?}"
    );
    for source in sources.iter().filter(|s| s.path.starts_with("src/store/")) {
        let is_area = source
            .text
            .lines()
            .any(|line| line.starts_with("impl ") && line.ends_with("<'_> {"));
        let lines = source.text.lines().count();
        if is_area && lines > 600 {
            found.push(format!("{}: {lines} lines", source.path));
        }
    }
    assert!(
        found.is_empty(),
        "store areas longer than 600 lines (split them):\n{}",
        found.join("\n")
    );
}
