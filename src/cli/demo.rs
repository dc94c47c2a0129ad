//! `rapport demo`: writes the sample journal (`demo`) to a file of its own,
//! never to the user's journal; with a size, a large one with a progress bar.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::progress::{Progress, Unit};
use super::{CmdResult, Context, Failure, resolve_journal};
use crate::demo::{DemoCounts, write_demo, write_large};
use crate::store::Store;

fn same_file(a: &Path, b: &Path) -> bool {
    let canon = |p: &Path| {
        p.canonicalize()
            .unwrap_or_else(|_| match std::env::current_dir() {
                Ok(cwd) => cwd.join(p),
                Err(_) => p.to_path_buf(),
            })
    };
    canon(a) == canon(b)
}

/// `rapport demo`: writes the sample journal to `out`, never to the user's journal.
pub fn run_command(out: Option<PathBuf>, size: Option<u64>, ctx: &Context) -> CmdResult {
    let default_out = ctx.paths.default_demo_journal();
    let out = out.unwrap_or_else(|| default_out.clone());
    let users = resolve_journal(None, &ctx.settings, &ctx.paths);
    if same_file(&out, &users) {
        return Err(Failure::usage(format!(
            "{} is your journal; the demo goes in a file of its own (omit --db to use {})",
            out.display(),
            default_out.display()
        )));
    }
    if out.exists() {
        if same_file(&out, &default_out) {
            // Our own demo file from an earlier run: start it afresh.
            for suffix in ["", "-wal", "-shm"] {
                let mut p = out.clone().into_os_string();
                p.push(suffix);
                match std::fs::remove_file(&p) {
                    Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
                    _ => {}
                }
            }
        } else {
            return Err(Failure::usage(format!(
                "{} already exists; the demo only writes a new file: remove it or pick another path",
                out.display()
            )));
        }
    }
    let counts = match size {
        None => {
            let mut store = Store::open(&out).map_err(|e| Failure::Runtime(e.into()))?;
            write_demo(&mut store, ctx.today, ctx.now)?
        }
        Some(size) => write_large_file(&out, size, ctx)?,
    };
    // The demo is written by now: a reader that left early (`| head`) changes nothing.
    match writeln!(std::io::stdout().lock(), "{}", out.display()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => return Err(e.into()),
        _ => {}
    }
    say!(
        "wrote a sample journal: {} interactions, {} check-ins, {} topics and {} promises with Dana Okafor.\nexplore it with: rapport --db {}",
        counts.interactions,
        counts.check_ins,
        counts.topics,
        counts.promises,
        out.display()
    );
    Ok(())
}

/// Generates a large journal into a scratch file beside `out`, fast, then
/// renames it into place: a crash leaves no half-written demo at `out`.
fn write_large_file(out: &Path, size: u64, ctx: &Context) -> Result<DemoCounts, Failure> {
    let mut scratch = out.as_os_str().to_owned();
    scratch.push(".partial");
    let scratch = PathBuf::from(scratch);
    for suffix in ["", "-wal", "-shm"] {
        let mut p = scratch.clone().into_os_string();
        p.push(suffix);
        match std::fs::remove_file(&p) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
            _ => {}
        }
    }
    let mut store = Store::open(&scratch).map_err(|e| Failure::Runtime(e.into()))?;
    store.bulk_mut().start_generation()?;
    let mut bar = Progress::new(size, Unit::Entries);
    let counts = write_large(&mut store, size, ctx.today, ctx.now, |done| {
        bar.update(done)
    })?;
    bar.finish();
    store.bulk_mut().generation_done()?;
    drop(store);
    std::fs::rename(&scratch, out)?;
    // The file is as rapport closed it, under its new name: so is its seal.
    let _ = std::fs::rename(
        crate::store::seal_path(&scratch),
        crate::store::seal_path(out),
    );
    Ok(counts)
}
