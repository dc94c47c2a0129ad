//! The `rapport` binary: parse arguments, read the clock and the settings
//! once, then run a plain command (or, with none, the journal's screen).

use std::io::IsTerminal;
use std::process::ExitCode;

use chrono::{Local, NaiveDate, Utc};
use clap::Parser;

use rapport::cli::{self, Cli, Context, Failure};
use rapport::config::{Paths, Settings};

fn main() -> ExitCode {
    rapport::fault::install_quiet_panic_hook(|| {});
    // `COMPLETE=bash rapport …` is the shell asking for completions
    // (people's names and kinds from the journal): answer and exit.
    clap_complete::CompleteEnv::with_factory(cli::complete::command).complete();
    let cli = Cli::parse();
    // A prompt or a status bar runs `status` all day: it says nothing
    // rather than fail, whatever is wrong (settings, RAPPORT_TODAY, the journal).
    let quiet = matches!(cli.command, Some(cli::Command::Status(_)));
    match run(cli) {
        Err(_) if quiet => ExitCode::SUCCESS,
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!(
                "rapport: {}",
                rapport::domain::text::shown_message(&failure.to_string())
            );
            ExitCode::from(failure.exit_code())
        }
    }
}

fn run(cli: Cli) -> Result<(), Failure> {
    let ctx = context(&cli)?;
    match cli.command {
        Some(command) => cli::run(command, cli.db, &ctx),
        None => {
            if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
                return Err(Failure::usage(
                    "the journal's screen needs a terminal; from scripts use the plain commands (see `rapport --help`)",
                ));
            }
            let keymap_file = ctx.paths.config_dir.join("keymap.toml");
            let keymap = rapport::tui::keymap::Keymap::load(&keymap_file)
                .map_err(|e| Failure::Runtime(e.into()))?;
            let opened = ctx.open_store_deferring_check()?;
            let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
            let (playbook, playbook_error) =
                match rapport::coach::Playbook::load(&ctx.paths.config_dir.join("playbook.toml")) {
                    Ok(playbook) => (playbook, None),
                    Err(e) => (rapport::coach::Playbook::builtin(), Some(e.to_string())),
                };
            let setup = rapport::tui::Setup {
                keymap,
                targets: ctx.settings.targets.clone(),
                playbook,
                playbook_error,
                clock: if fixed_today() {
                    rapport::tui::Clock::Fixed(ctx.today)
                } else {
                    rapport::tui::Clock::Local
                },
                color,
                config_dir: Some(ctx.paths.config_dir.clone()),
                data_dir: Some(ctx.paths.data_dir.clone()),
            };
            rapport::tui::run(opened, setup).map_err(Failure::Runtime)
        }
    }
}

fn context(cli: &Cli) -> Result<Context, Failure> {
    let paths = Paths::discover().map_err(|e| Failure::Runtime(e.into()))?;
    let settings =
        Settings::load(&paths.settings_file()).map_err(|e| Failure::Runtime(e.into()))?;
    // `demo --db` names the demo's own new file, not a journal to open.
    if !matches!(cli.command, Some(cli::Command::Demo { .. })) {
        cli::check_journal_folder(cli.db.clone(), &settings)?;
    }
    let journal = cli::resolve_journal(cli.db.clone(), &settings, &paths);
    Ok(Context {
        paths,
        settings,
        journal,
        today: today()?,
        now: Utc::now(),
    })
}

/// Whether `RAPPORT_TODAY` fixes the day (the TUI then keeps it all session).
fn fixed_today() -> bool {
    std::env::var("RAPPORT_TODAY").is_ok_and(|v| !v.is_empty())
}

/// The local calendar day; `RAPPORT_TODAY` (YYYY-MM-DD) fixes it for tests and demos.
fn today() -> Result<NaiveDate, Failure> {
    match std::env::var("RAPPORT_TODAY") {
        Ok(fixed) if !fixed.is_empty() => {
            NaiveDate::parse_from_str(&fixed, "%Y-%m-%d").map_err(|_| {
                Failure::usage(format!("RAPPORT_TODAY=`{fixed}` is not a YYYY-MM-DD date"))
            })
        }
        _ => Ok(Local::now().date_naive()),
    }
}
