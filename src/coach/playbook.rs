//! The playbook: rules as data. The built-in one is embedded from
//! `assets/playbook.toml`; a user `playbook.toml` adds rules or overrides
//! built-in ones by `id`, field by field. Mistakes name file, line and field.

use std::collections::BTreeSet;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::render::COUNTED;
use super::{Practice, SignalName, SuggestedAction};
use crate::domain::Relation;
use crate::file_error::FileError;

const BUILTIN: &str = include_str!("../../assets/playbook.toml");

/// Every placeholder a message, reason or action text may use.
pub const PLACEHOLDERS: [&str; 25] = [
    "manager",
    "days",
    "value",
    "threshold",
    "strength",
    "topic",
    "question",
    "count",
    "share",
    "next",
    "weakness",
    "goal",
    "topics",
    "promise",
    "due",
    "when",
    "now",
    "then",
    "reported",
    "bad_news",
    "risk",
    "blind_spot",
    "my_strength",
    "strong_at",
    "days_known",
];

/// When in a relationship a rule applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tenure {
    /// The first 90 days with them.
    New,
    /// After.
    Settled,
}

/// When a rule fires: its signal compared with a threshold.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Condition {
    Above(f64),
    Below(f64),
    AtLeast(f64),
    AtMost(f64),
}

impl Condition {
    pub fn threshold(self) -> f64 {
        match self {
            Condition::Above(t)
            | Condition::Below(t)
            | Condition::AtLeast(t)
            | Condition::AtMost(t) => t,
        }
    }

    pub fn holds(self, value: f64) -> bool {
        match self {
            Condition::Above(t) => value > t,
            Condition::Below(t) => value < t,
            Condition::AtLeast(t) => value >= t,
            Condition::AtMost(t) => value <= t,
        }
    }
}

/// One rule of the playbook.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub id: String,
    pub practice: Practice,
    /// 1 (least) to 100 (most urgent).
    pub priority: u8,
    pub signal: SignalName,
    pub condition: Condition,
    pub message: String,
    pub reason: String,
    pub why: String,
    pub action: SuggestedAction,
    /// Days a dismissed or done suggestion stays quiet at least.
    pub cooldown_days: u32,
    pub enabled: bool,
    /// Who it is for: a manager's rules are not a skip-level's or a peer's.
    pub relations: Vec<Relation>,
    /// Only while the relationship is new, or only once it has settled.
    pub tenure: Option<Tenure>,
    /// The message and reason when what a "days since" signal counts was
    /// never logged.
    pub message_never: Option<String>,
    pub reason_never: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Playbook {
    pub rules: Vec<Rule>,
}

/// A playbook file that cannot be used.
pub type PlaybookError = FileError;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlaybook {
    #[serde(default, rename = "rule")]
    rules: Vec<RawRule>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: Spanned<String>,
    practice: Option<Practice>,
    priority: Option<u8>,
    signal: Option<SignalName>,
    above: Option<f64>,
    below: Option<f64>,
    at_least: Option<f64>,
    at_most: Option<f64>,
    message: Option<String>,
    reason: Option<String>,
    why: Option<String>,
    action: Option<SuggestedAction>,
    cooldown_days: Option<u32>,
    enabled: Option<bool>,
    relations: Option<Vec<Relation>>,
    tenure: Option<Tenure>,
    message_never: Option<String>,
    reason_never: Option<String>,
}

impl Playbook {
    /// The embedded playbook; a test proves it parses, so this cannot fail
    /// in a release build.
    pub fn builtin() -> Playbook {
        let empty = Playbook { rules: Vec::new() };
        Playbook::parse(BUILTIN, Path::new("assets/playbook.toml"), &empty).unwrap_or(empty)
    }

    /// The built-in playbook with the user's file at `path` over it; a
    /// missing file is no error.
    pub fn load(path: &Path) -> Result<Playbook, PlaybookError> {
        let builtin = Playbook::builtin();
        match std::fs::read_to_string(path) {
            Ok(text) => Playbook::parse(&text, path, &builtin),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(builtin),
            Err(e) => Err(FileError::unreadable(path, &e)),
        }
    }

    /// Reads `text` as rules over `base`: a known id changes only the
    /// fields given; a new id must give them all.
    pub fn parse(text: &str, path: &Path, base: &Playbook) -> Result<Playbook, PlaybookError> {
        let raw: RawPlaybook = toml::from_str(text).map_err(|e| FileError::toml(path, text, &e))?;
        let mut rules = base.rules.clone();
        let mut seen = BTreeSet::new();
        for raw in raw.rules {
            let at = raw.id.span().start;
            let id = raw.id.get_ref().trim().to_string();
            let error = |message: String| FileError::at(path, text, at, message);
            if !seen.insert(id.clone()) {
                return Err(error(format!("rule `{id}` is given twice")));
            }
            let rule = match rules.iter().position(|r| r.id == id) {
                Some(at) => {
                    let merged = merge(rules[at].clone(), raw).map_err(&error)?;
                    rules[at] = merged;
                    &rules[at]
                }
                None => {
                    let rule = new_rule(id.clone(), raw).map_err(&error)?;
                    rules.push(rule);
                    rules.last().ok_or_else(|| error("rule lost".into()))?
                }
            };
            validate(rule).map_err(|m| error(format!("rule `{id}`: {m}")))?;
        }
        Ok(Playbook { rules })
    }
}

fn condition(raw: &RawRule) -> Result<Option<Condition>, String> {
    let given: Vec<Condition> = [
        raw.above.map(Condition::Above),
        raw.below.map(Condition::Below),
        raw.at_least.map(Condition::AtLeast),
        raw.at_most.map(Condition::AtMost),
    ]
    .into_iter()
    .flatten()
    .collect();
    match given.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some(*one)),
        _ => Err("give one of `above`, `below`, `at_least`, `at_most`, not several".into()),
    }
}

fn merge(mut rule: Rule, raw: RawRule) -> Result<Rule, String> {
    if let Some(c) = condition(&raw)? {
        rule.condition = c;
    }
    rule.practice = raw.practice.unwrap_or(rule.practice);
    rule.priority = raw.priority.unwrap_or(rule.priority);
    rule.signal = raw.signal.unwrap_or(rule.signal);
    rule.message = raw.message.unwrap_or(rule.message);
    rule.reason = raw.reason.unwrap_or(rule.reason);
    rule.why = raw.why.unwrap_or(rule.why);
    rule.action = raw.action.unwrap_or(rule.action);
    rule.cooldown_days = raw.cooldown_days.unwrap_or(rule.cooldown_days);
    rule.enabled = raw.enabled.unwrap_or(rule.enabled);
    rule.relations = raw.relations.unwrap_or(rule.relations);
    rule.tenure = raw.tenure.or(rule.tenure);
    rule.message_never = raw.message_never.or(rule.message_never);
    rule.reason_never = raw.reason_never.or(rule.reason_never);
    Ok(rule)
}

fn new_rule(id: String, raw: RawRule) -> Result<Rule, String> {
    let missing = |field: &str| format!("new rule `{id}` needs a `{field}`");
    let condition = condition(&raw)?.ok_or_else(|| missing("above/below/at_least/at_most"))?;
    Ok(Rule {
        practice: raw.practice.ok_or_else(|| missing("practice"))?,
        priority: raw.priority.ok_or_else(|| missing("priority"))?,
        signal: raw.signal.ok_or_else(|| missing("signal"))?,
        condition,
        message: raw.message.ok_or_else(|| missing("message"))?,
        reason: raw.reason.ok_or_else(|| missing("reason"))?,
        why: raw.why.ok_or_else(|| missing("why"))?,
        action: raw.action.unwrap_or(SuggestedAction::None),
        cooldown_days: raw.cooldown_days.unwrap_or(14),
        enabled: raw.enabled.unwrap_or(true),
        // Managing up is the point: a rule is for the manager unless it says.
        relations: raw.relations.unwrap_or_else(|| vec![Relation::Manager]),
        tenure: raw.tenure,
        message_never: raw.message_never,
        reason_never: raw.reason_never,
        id,
    })
}

/// Every `{name}` in `text`; an unclosed brace is reported as such.
pub fn placeholders(text: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let close = after
            .find('}')
            .ok_or_else(|| format!("an unclosed `{{` in “{text}”"))?;
        out.push(after[..close].to_string());
        rest = &after[close + 1..];
    }
    Ok(out)
}

fn validate(rule: &Rule) -> Result<(), String> {
    if rule.relations.is_empty() {
        return Err(
            "`relations` names no one; give at least one of manager, skip_level, mentor, peer"
                .into(),
        );
    }
    if !(1..=100).contains(&rule.priority) {
        return Err(format!("priority must be 1 to 100, not {}", rule.priority));
    }
    let mut texts = vec![
        ("message", rule.message.as_str()),
        ("reason", rule.reason.as_str()),
    ];
    if let Some(text) = &rule.message_never {
        texts.push(("message_never", text));
    }
    if let Some(text) = &rule.reason_never {
        texts.push(("reason_never", text));
    }
    if let SuggestedAction::Topic { text } = &rule.action {
        texts.push(("action.text", text));
    }
    if let SuggestedAction::Log {
        title: Some(title), ..
    } = &rule.action
    {
        texts.push(("action.title", title));
    }
    for (field, text) in texts {
        for name in placeholders(text).map_err(|e| format!("{field}: {e}"))? {
            // A number may carry its noun: `{count:interaction}`.
            let (name, noun) = name
                .split_once(':')
                .map_or((name.as_str(), None), |(n, w)| (n, Some(w)));
            if noun.is_some() && !COUNTED.contains(&name) {
                return Err(format!(
                    "{field}: only a number takes a noun (`{{{name}:…}}`); numbers: {}",
                    COUNTED.join(", ")
                ));
            }
            if !PLACEHOLDERS.contains(&name) {
                return Err(format!(
                    "{field} uses an unknown placeholder `{{{name}}}`; known: {}",
                    PLACEHOLDERS.join(", ")
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builtin() -> Playbook {
        Playbook::parse(
            BUILTIN,
            Path::new("assets/playbook.toml"),
            &Playbook { rules: Vec::new() },
        )
        .unwrap_or_else(|e| panic!("the shipped playbook must parse: {e}"))
    }

    fn user(text: &str) -> Result<Playbook, PlaybookError> {
        Playbook::parse(text, Path::new("/c/playbook.toml"), &builtin())
    }

    #[test]
    fn the_shipped_playbook_parses_with_every_practice_and_known_placeholders() {
        let playbook = builtin();
        assert!(playbook.rules.len() >= 14, "{} rules", playbook.rules.len());
        for practice in Practice::ALL {
            assert!(
                playbook.rules.iter().any(|r| r.practice == practice),
                "no rule serves {practice:?}"
            );
        }
        for rule in &playbook.rules {
            assert_eq!(validate(rule), Ok(()), "{}", rule.id);
        }
        assert_eq!(Playbook::builtin(), playbook);
    }

    #[test]
    fn a_user_file_changes_only_the_fields_it_gives() {
        let playbook =
            user("[[rule]]\nid = \"informal-gap\"\nabove = 45\n").unwrap_or_else(|e| panic!("{e}"));
        let rule = playbook
            .rules
            .iter()
            .find(|r| r.id == "informal-gap")
            .cloned();
        let rule = rule.unwrap_or_else(|| panic!("kept"));
        assert_eq!(rule.condition, Condition::Above(45.0));
        assert_eq!(rule.priority, 80, "the rest is the built-in's");
    }

    #[test]
    fn a_user_file_can_switch_a_rule_off_and_add_one() {
        let text = r#"
[[rule]]
id = "going-well"
enabled = false

[[rule]]
id = "walk-monthly"
practice = "interactions"
priority = 30
signal = "days_since_informal"
above = 20
message = "Walk with {manager}"
reason = "{days} days"
why = "fresh air"
action = { form = "log", kind = "chat" }
"#;
        let playbook = user(text).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            playbook
                .rules
                .iter()
                .any(|r| r.id == "going-well" && !r.enabled)
        );
        assert!(playbook.rules.iter().any(|r| r.id == "walk-monthly"));
    }

    fn error_of(text: &str) -> (usize, String) {
        match user(text) {
            Ok(_) => panic!("should be refused: {text}"),
            Err(e) => {
                assert_eq!(e.path, Path::new("/c/playbook.toml"));
                (e.line, e.message)
            }
        }
    }

    #[test]
    fn an_unknown_field_names_its_line_and_field() {
        let (line, message) = error_of("[[rule]]\nid = \"informal-gap\"\n\nabove = 40\nsoon = 3\n");
        assert_eq!(line, 5, "{message}");
        assert!(message.contains("soon"), "{message}");
    }

    #[test]
    fn an_unknown_placeholder_is_refused() {
        let (line, message) =
            error_of("\n[[rule]]\nid = \"informal-gap\"\nmessage = \"Hi {boss}\"\n");
        assert_eq!(line, 3);
        assert!(
            message.contains("{boss}") && message.contains("message"),
            "{message}"
        );
    }

    #[test]
    fn two_conditions_are_refused() {
        let (_, message) = error_of("[[rule]]\nid = \"informal-gap\"\nabove = 4\nbelow = 2\n");
        assert!(message.contains("not several"), "{message}");
    }

    #[test]
    fn a_new_rule_must_be_complete() {
        let (line, message) =
            error_of("[[rule]]\nid = \"mine\"\npractice = \"trust\"\npriority = 5\n");
        assert_eq!(line, 2);
        assert!(message.contains("new rule `mine` needs a"), "{message}");
    }

    #[test]
    fn bad_values_and_syntax_name_the_line() {
        let (line, message) =
            error_of("[[rule]]\nid = \"informal-gap\"\npractice = \"kindness\"\n");
        assert_eq!(line, 3, "{message}");
        assert!(
            message.contains("kindness") || message.contains("variant"),
            "{message}"
        );
        let (line, _) = error_of("[[rule]]\nid = \"informal-gap\"\nabove = \n");
        assert_eq!(line, 3);
        let (_, message) = error_of("[[rule]]\nid = \"informal-gap\"\npriority = 0\n");
        assert!(message.contains("priority"), "{message}");
        let (_, message) = error_of("[[rule]]\nid = \"x\"\n[[rule]]\nid = \"x\"\n");
        assert!(
            message.contains("twice") || message.contains("needs"),
            "{message}"
        );
    }
}
