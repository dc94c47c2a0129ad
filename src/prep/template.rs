//! The weekly summary's template: `assets/summary.md`, embedded, unless the
//! user keeps a `summary.md` in the config directory. Placeholders are
//! `{{name}}`; an unknown one is an error naming the file and line, never a
//! silent blank in what the manager reads.
//!
//! Reading the user's file is left to the caller (the one edge that does
//! I/O), which hands the result to [`SummaryTemplate::from_user_file`].

use crate::file_error::FileError;
use std::path::{Path, PathBuf};

/// The built-in template.
pub const BUILTIN_TEMPLATE: &str = include_str!("../../assets/summary.md");

/// The name of the user's copy in the config directory.
pub const USER_TEMPLATE_FILE: &str = "summary.md";

/// What a placeholder stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placeholder {
    /// The name they are called by (`Dana`).
    Manager,
    /// Their full name.
    Name,
    /// `our 1:1 on Tue 1 Dec`, or `our next 1:1`.
    OneOnOne,
    /// `since our 1:1 on Tue 24 Nov`.
    Since,
    /// The window's days: `24 Nov – 1 Dec 2026`.
    Dates,
    /// The ISO week of today, e.g. `2026-W48`.
    Week,
    /// Done and Risks, risks first when they want bad news early.
    Work,
    Done,
    Risks,
    Topics,
    /// Advice asks made in the window.
    Asks,
    /// Reporting back on their advice.
    Reported,
    /// How this serves their goals.
    Goals,
    /// When the 1:1 is (for older templates' `{{next_week}}`).
    NextOneOnOne,
    /// Promises of mine kept in the window, and those at risk with their new day.
    Promises,
}

impl Placeholder {
    pub const ALL: [Placeholder; 15] = [
        Placeholder::Manager,
        Placeholder::Name,
        Placeholder::OneOnOne,
        Placeholder::Since,
        Placeholder::Dates,
        Placeholder::Week,
        Placeholder::Work,
        Placeholder::Done,
        Placeholder::Risks,
        Placeholder::Topics,
        Placeholder::Asks,
        Placeholder::Reported,
        Placeholder::Goals,
        Placeholder::NextOneOnOne,
        Placeholder::Promises,
    ];

    /// Names of the weekly summary's template, still read: what they are now.
    const FORMER: [(&'static str, Placeholder); 4] = [
        ("highlights", Placeholder::Done),
        ("advice", Placeholder::Asks),
        ("fyi", Placeholder::Reported),
        ("next_week", Placeholder::NextOneOnOne),
    ];

    pub fn name(self) -> &'static str {
        match self {
            Placeholder::Manager => "manager",
            Placeholder::Name => "name",
            Placeholder::OneOnOne => "one_on_one",
            Placeholder::Since => "since",
            Placeholder::Dates => "dates",
            Placeholder::Week => "week",
            Placeholder::Work => "work",
            Placeholder::Done => "done",
            Placeholder::Risks => "risks",
            Placeholder::Topics => "topics",
            Placeholder::Asks => "asks",
            Placeholder::Reported => "reported",
            Placeholder::Goals => "goals",
            Placeholder::NextOneOnOne => "next_one_on_one",
            Placeholder::Promises => "promises",
        }
    }

    fn named(name: &str) -> Option<Placeholder> {
        Placeholder::ALL
            .into_iter()
            .find(|p| p.name() == name)
            .or_else(|| {
                Placeholder::FORMER
                    .iter()
                    .find(|(former, _)| *former == name)
                    .map(|(_, p)| *p)
            })
    }
}

/// A template that cannot be used, with where and why.
#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    /// An unknown placeholder, with the line it is on.
    #[error(transparent)]
    UnknownPlaceholder(FileError),
    #[error("cannot read the summary template {}: {source}", file.display())]
    Read {
        file: PathBuf,
        source: std::io::Error,
    },
}

fn known_names() -> String {
    Placeholder::ALL
        .iter()
        .map(|p| format!("{{{{{}}}}}", p.name()))
        .collect::<Vec<_>>()
        .join(", ")
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Text(String),
    Slot(Placeholder),
}

/// A parsed template, ready to fill.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryTemplate {
    parts: Vec<Part>,
}

impl SummaryTemplate {
    /// The embedded `assets/summary.md`.
    pub fn builtin() -> SummaryTemplate {
        // A test parses the asset, so the fallback (every section, bare) is
        // only there to keep this infallible.
        SummaryTemplate::parse(BUILTIN_TEMPLATE, Path::new("assets/summary.md")).unwrap_or_else(
            |_| SummaryTemplate {
                parts: Placeholder::ALL.into_iter().map(Part::Slot).collect(),
            },
        )
    }

    /// Where the user's copy lives.
    pub fn user_file(config_dir: &Path) -> PathBuf {
        config_dir.join(USER_TEMPLATE_FILE)
    }

    /// The user's template from what reading `file` gave: a missing file means
    /// the built-in one; any other failure, or an unknown placeholder, is an
    /// error naming the file.
    pub fn from_user_file(
        file: &Path,
        read: std::io::Result<String>,
    ) -> Result<SummaryTemplate, TemplateError> {
        match read {
            Ok(text) => SummaryTemplate::parse(&text, file),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(SummaryTemplate::builtin()),
            Err(source) => Err(TemplateError::Read {
                file: file.to_path_buf(),
                source,
            }),
        }
    }

    /// Parses `text`; `file` names it in errors. A leading `<!-- … -->`
    /// comment documents the template and is left out of the summary.
    pub fn parse(text: &str, file: &Path) -> Result<SummaryTemplate, TemplateError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let body_start = leading_comment_end(text);
        let mut parts = Vec::new();
        let mut rest = &text[body_start..];
        let mut consumed = body_start;
        while let Some(open) = rest.find("{{") {
            let after = &rest[open + 2..];
            let Some((name, close)) = placeholder_name(after) else {
                // Not a placeholder's shape: the braces are text.
                push_text(&mut parts, &rest[..open + 2]);
                consumed += open + 2;
                rest = after;
                continue;
            };
            push_text(&mut parts, &rest[..open]);
            let slot = Placeholder::named(name).ok_or_else(|| {
                TemplateError::UnknownPlaceholder(FileError::at(
                    file,
                    text,
                    consumed + open,
                    format!(
                        "unknown placeholder `{{{{{name}}}}}` in the summary template; the known ones are {}",
                        known_names()
                    ),
                ))
            })?;
            parts.push(Part::Slot(slot));
            consumed += open + 2 + close;
            rest = &after[close..];
        }
        push_text(&mut parts, rest);
        Ok(SummaryTemplate { parts })
    }

    /// Fills every placeholder with `fill`'s text for it, in one pass, so
    /// braces inside the user's own text are never expanded. Runs of blank
    /// lines left by empty sections close up to one.
    pub fn render(&self, fill: impl Fn(Placeholder) -> String) -> String {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Text(text) => out.push_str(text),
                Part::Slot(slot) => out.push_str(&fill(*slot)),
            }
        }
        tidy_blank_lines(&out)
    }
}

fn push_text(parts: &mut Vec<Part>, text: &str) {
    if text.is_empty() {
        return;
    }
    match parts.last_mut() {
        Some(Part::Text(last)) => last.push_str(text),
        _ => parts.push(Part::Text(text.to_string())),
    }
}

/// After `{{`: a name of lowercase letters, digits and `_`, spaces around it
/// allowed, then `}}`. Returns the name and the bytes up to past the `}}`.
fn placeholder_name(after: &str) -> Option<(&str, usize)> {
    let close = after.find("}}")?;
    let name = after[..close].trim();
    let shaped = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    shaped.then_some((name, close + 2))
}

/// Where the body starts: after a leading `<!-- … -->` and its line end.
fn leading_comment_end(text: &str) -> usize {
    let trimmed = text.trim_start();
    if !trimmed.starts_with("<!--") {
        return 0;
    }
    let start = text.len() - trimmed.len();
    match trimmed.find("-->") {
        Some(end) => {
            let mut at = start + end + 3;
            if text[at..].starts_with("\r\n") {
                at += 2;
            } else if text[at..].starts_with('\n') {
                at += 1;
            }
            at
        }
        None => 0,
    }
}

/// Trims the ends, closes up runs of blank lines to one, ends with a newline.
fn tidy_blank_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    for line in text.trim().lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank_run += 1;
            if blank_run > 1 {
                continue;
            }
        } else {
            blank_run = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<SummaryTemplate, TemplateError> {
        SummaryTemplate::parse(text, Path::new("/cfg/summary.md"))
    }

    fn fill(p: Placeholder) -> String {
        format!("<{}>", p.name())
    }

    #[test]
    fn the_builtin_template_parses_and_uses_every_section() {
        let parsed = SummaryTemplate::parse(BUILTIN_TEMPLATE, Path::new("assets/summary.md"));
        let template = parsed.expect("the built-in template is valid");
        let out = template.render(fill);
        for p in [
            Placeholder::Manager,
            Placeholder::OneOnOne,
            Placeholder::Since,
            Placeholder::Work,
            Placeholder::Topics,
            Placeholder::Asks,
            Placeholder::Reported,
            Placeholder::Goals,
        ] {
            assert!(out.contains(&fill(p)), "{} is used", p.name());
        }
        assert!(!out.contains("<!--"), "the doc comment is left out: {out}");
    }

    #[test]
    fn the_weekly_templates_names_still_read() {
        let t = parse("{{highlights}} {{advice}} {{fyi}} {{next_week}}").expect("valid");
        assert_eq!(
            t.render(fill),
            "<done> <asks> <reported> <next_one_on_one>\n"
        );
    }

    #[test]
    fn placeholders_are_filled_and_blank_runs_close_up() {
        let t =
            parse("# {{week}}\n\n{{ highlights }}\n\n\n{{fyi}}\n\nbye {{manager}}").expect("valid");
        let out = t.render(|p| match p {
            Placeholder::Week => "2026-W48".into(),
            Placeholder::Manager => "Dana".into(),
            _ => String::new(),
        });
        assert_eq!(out, "# 2026-W48\n\nbye Dana\n");
    }

    #[test]
    fn an_unknown_placeholder_names_the_file_and_line() {
        let e = parse("<!--\n{{not_checked_here}}\n-->\n# {{week}}\n\n{{highlight}}\n")
            .map(|_| ())
            .map_err(|e| e.to_string());
        let e = e.expect_err("refused");
        assert!(
            e.starts_with("/cfg/summary.md:6: unknown placeholder `{{highlight}}`"),
            "{e}"
        );
        assert!(
            e.contains("{{done}}") && e.contains("{{next_one_on_one}}"),
            "{e}"
        );
    }

    #[test]
    fn braces_not_shaped_like_a_placeholder_are_text() {
        let t = parse("a {{ } b {{two words}} c {{}}").expect("valid");
        assert_eq!(t.render(fill), "a {{ } b {{two words}} c {{}}\n");
    }

    #[test]
    fn filled_text_is_not_expanded_again() {
        let t = parse("{{highlights}}").expect("valid");
        assert_eq!(t.render(|_| "{{fyi}}".into()), "{{fyi}}\n");
    }

    #[test]
    fn a_missing_user_file_means_the_builtin_and_another_read_error_names_it() {
        let file = Path::new("/cfg/summary.md");
        let missing = std::io::Error::from(std::io::ErrorKind::NotFound);
        let t = SummaryTemplate::from_user_file(file, Err(missing)).expect("the built-in");
        assert_eq!(t, SummaryTemplate::builtin());
        let denied = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        let e = SummaryTemplate::from_user_file(file, Err(denied)).map(|_| ());
        assert!(e.is_err_and(|e| e.to_string().contains("/cfg/summary.md")));
        let own = SummaryTemplate::from_user_file(file, Ok("just {{week}}".into()));
        assert_eq!(
            own.map(|t| t.render(fill)).ok().as_deref(),
            Some("just <week>\n")
        );
    }
}
