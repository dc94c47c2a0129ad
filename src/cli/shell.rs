//! Where rapport meets the shell: completions and the man page made from the
//! clap definitions, the one line for a prompt or a status bar (`status`),
//! and the day's reminder for cron or a timer (`remind`).

use std::io::Write as _;

use clap::{Args, CommandFactory, ValueEnum};
use clap_complete::Shell;

use super::output::{print_json, print_line, reader_gone_is_ok};
use super::{Cli, CmdResult, Context, Failure};
use crate::domain::text::shown_line;
use crate::prep::status::{Status, StatusFacts, reminder, status};
use crate::store::Store;

#[derive(Debug, Clone, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: Shell,
    /// Print the lines that hand completion to `rapport` itself, so it
    /// completes people's names and kinds from the journal too (source it at
    /// each shell start: it follows the installed version)
    #[arg(long)]
    pub dynamic: bool,
}

/// How `status` prints its line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusFormat {
    /// `1:1 tomorrow · summary not sent · 2 promises due`
    Line,
    /// The parts as a JSON object, for scripts (`{}` fields are null when quiet)
    Json,
}

#[derive(Debug, Clone, Args)]
pub struct StatusArgs {
    /// How to print it
    #[arg(long, value_enum, default_value_t = StatusFormat::Line)]
    pub format: StatusFormat,
    /// What goes between the parts of the line
    #[arg(long, default_value = " · ", value_name = "TEXT")]
    pub separator: String,
}

#[derive(Debug, Clone, Args)]
pub struct RemindArgs {
    /// Also send it as a desktop notification with `notify-send`, when present
    #[arg(long)]
    pub notify: bool,
}

/// `rapport completions SHELL`: the completion script on stdout.
pub fn completions(args: CompletionsArgs) -> CmdResult {
    let mut script = Vec::new();
    if args.dynamic {
        use clap_complete::env::{Bash, Elvish, EnvCompleter, Fish, Powershell, Zsh};
        let shell: &dyn EnvCompleter = match args.shell {
            Shell::Bash => &Bash,
            Shell::Zsh => &Zsh,
            Shell::Fish => &Fish,
            Shell::Elvish => &Elvish,
            Shell::PowerShell => &Powershell,
            other => return Err(Failure::usage(format!("no dynamic completion for {other}"))),
        };
        shell.write_registration("COMPLETE", "rapport", "rapport", "rapport", &mut script)?;
    } else {
        let mut command = Cli::command();
        clap_complete::generate(args.shell, &mut command, "rapport", &mut script);
    }
    write_stdout(&script)
}

/// `rapport man`: the man page (roff) on stdout.
pub fn man() -> CmdResult {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut page)?;
    write_stdout(&page)
}

fn write_stdout(bytes: &[u8]) -> CmdResult {
    let mut out = std::io::stdout().lock();
    let written = out.write_all(bytes).and_then(|()| out.flush());
    reader_gone_is_ok(written.map_err(Failure::from))
}

/// What the journal has to say as of the context's day, or `None` when it
/// cannot be read as it is (absent, encrypted, of another version): status
/// and remind then say nothing. Never creates or changes the journal.
fn facts(ctx: &Context) -> Option<StatusFacts> {
    let store = Store::open_if_readable(&ctx.journal)?;
    crate::journal::status_facts(&store, ctx.today)
        .ok()
        .flatten()
}

/// `rapport status`: one short line, or nothing; never an error.
pub fn status_line(args: &StatusArgs, ctx: &Context) -> CmdResult {
    let said = facts(ctx).map(|f| status(&f)).unwrap_or_default();
    let printed = match args.format {
        StatusFormat::Line => {
            let line = said.line(&args.separator);
            if line.is_empty() {
                Ok(())
            } else {
                print_line(line)
            }
        }
        StatusFormat::Json => print_json(&StatusDocument::of(&said, &args.separator)),
    };
    // A prompt must never show an error: a closed or full stdout is quiet.
    let _ = printed;
    Ok(())
}

#[derive(serde::Serialize)]
struct StatusDocument<'a> {
    line: String,
    #[serde(flatten)]
    parts: &'a Status,
}

impl<'a> StatusDocument<'a> {
    fn of(parts: &'a Status, separator: &str) -> StatusDocument<'a> {
        StatusDocument {
            line: parts.line(separator),
            parts,
        }
    }
}

/// `rapport remind`: the day's one reminder on stdout (nothing on a quiet
/// day); with `--notify`, also through `notify-send` when it is installed.
pub fn remind(args: &RemindArgs, ctx: &Context) -> CmdResult {
    let Some(said) = facts(ctx).and_then(|f| reminder(&f, ctx.today)) else {
        return Ok(());
    };
    print_line(shown_line(&said))?;
    if args.notify {
        notify(&said);
    }
    Ok(())
}

/// Sends a desktop notification; without `notify-send` (a server, a cron
/// with no session bus) the printed line is all there is.
fn notify(text: &str) {
    let _ = std::process::Command::new("notify-send")
        .args(["--app-name=rapport", "rapport", text])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status();
}
