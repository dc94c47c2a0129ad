//! Work the event loop does outside the TUI's own drawing: the clipboard
//! sequence (OSC 52), and handing the terminal to the user's editor on a
//! private copy of the summary.
//!
//! The editor's file lives in `<data dir>/editing/<pid>/`, the directories
//! 0700 and the file 0600 whatever the umask, and the whole `<pid>`
//! directory (with any swap or backup file the editor left) is removed once
//! the editor exits. One left by a crash is removed at the next start, once
//! its process is gone.

use std::borrow::Cow;
use std::fs::{self, DirBuilder, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime};

use crossterm::clipboard::CopyToClipboard;
use crossterm::execute;

use super::app::{Msg, TerminalCmd};
use super::forms;
use super::screens::prep;
use super::terminal::TerminalGuard;
use crate::domain::Week;
use crate::prep::word_count;

/// How old a leftover may get before it is removed where processes cannot
/// be looked up (no `/proc`).
const LEFTOVER_AGE: Duration = Duration::from_secs(24 * 60 * 60);

/// Runs `work` on the real terminal and says how it went; `None` when the
/// session is to end.
pub fn run(
    guard: &mut TerminalGuard,
    editing: Option<&EditingDir>,
    work: TerminalCmd,
) -> Option<Msg> {
    Some(match work {
        TerminalCmd::Quit => return None,
        TerminalCmd::Suspend => match guard.suspend() {
            Ok(()) => Msg::Resumed,
            Err(e) => Msg::Failed {
                request: None,
                error: format!("could not suspend: {e}"),
            },
        },
        TerminalCmd::Copy { text } => {
            match execute!(
                io::stdout(),
                CopyToClipboard::to_clipboard_from(text.as_bytes())
            ) {
                Ok(()) => Msg::Prep(prep::Msg::Copied {
                    words: word_count(&text),
                }),
                Err(e) => Msg::Failed {
                    request: None,
                    error: format!("could not write to the terminal to copy: {e}"),
                },
            }
        }
        TerminalCmd::EditSummary {
            person_id,
            week,
            body,
        } => {
            let Some(editing) = editing else {
                return Some(Msg::Failed {
                    request: None,
                    error: "there is no private directory for the editor's file; e edits here"
                        .into(),
                });
            };
            let edit = EditText::summary(week);
            let (body, said) = match edit_in_editor(guard, editing, &edit, &body) {
                Ok(edited) => (edited.text, edited.said),
                Err(e) => (None, e),
            };
            Msg::Prep(prep::Msg::EditedExternally {
                person_id,
                week,
                body,
                said,
            })
        }
        TerminalCmd::EditNotes { notes } => {
            let Some(editing) = editing else {
                return Some(Msg::Form(forms::Msg::NotesEdited {
                    notes: None,
                    said: "there is no private directory for the editor's file; type the notes in the form".into(),
                    failed: true,
                }));
            };
            match edit_in_editor(guard, editing, &EditText::NOTES, &notes) {
                Ok(edited) => Msg::Form(forms::Msg::NotesEdited {
                    notes: edited.text,
                    said: edited.said,
                    failed: edited.failed,
                }),
                Err(said) => Msg::Form(forms::Msg::NotesEdited {
                    notes: None,
                    said,
                    failed: true,
                }),
            }
        }
    })
}

/// What is handed to the editor, and the words for what came back.
struct EditText {
    file_name: Cow<'static, str>,
    /// "summary", "notes": what the messages call it.
    what: &'static str,
    /// What is left as it was when the edit does not count.
    kept: &'static str,
    /// The other way to edit it, when no editor starts.
    instead: &'static str,
    /// Whether an emptied text is kept (notes may be cleared; a summary not).
    empty_is_kept: bool,
}

impl EditText {
    const NOTES: EditText = EditText {
        file_name: Cow::Borrowed("notes.md"),
        what: "notes",
        kept: "the notes are as they were",
        instead: "type here",
        empty_is_kept: true,
    };

    fn summary(week: Week) -> EditText {
        EditText {
            file_name: Cow::Owned(format!("summary-{week}.md")),
            what: "summary",
            kept: "the draft is unchanged",
            instead: "e edits here",
            empty_is_kept: false,
        }
    }
}

/// What the editor left: the new text when it changed, else what happened.
struct Edited {
    text: Option<String>,
    said: String,
    failed: bool,
}

impl Edited {
    fn changed(text: String) -> Edited {
        Edited {
            text: Some(text),
            said: String::new(),
            failed: false,
        }
    }

    fn unchanged(said: String) -> Edited {
        Edited {
            text: None,
            said,
            failed: false,
        }
    }

    fn failed(said: String) -> Edited {
        Edited {
            text: None,
            said,
            failed: true,
        }
    }
}

/// The editor's private directory: `<data dir>/editing`.
#[derive(Debug, Clone)]
pub struct EditingDir {
    root: PathBuf,
}

impl EditingDir {
    pub fn new(data_dir: &Path) -> EditingDir {
        EditingDir {
            root: data_dir.join("editing"),
        }
    }

    /// This process's own directory in it.
    fn session(&self) -> PathBuf {
        self.root.join(std::process::id().to_string())
    }

    /// Removes what an earlier run left behind: every directory whose
    /// process is gone. Returns how many were removed.
    pub fn clean_leftovers(&self) -> io::Result<usize> {
        let entries = match fs::read_dir(&self.root) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(0),
            Err(e) => return Err(e),
        };
        let mut removed = 0;
        for entry in entries {
            let entry = entry?;
            let name = entry.file_name();
            let pid = name.to_str().and_then(|n| n.parse::<u32>().ok());
            if pid.is_some_and(|pid| pid != std::process::id() && still_running(pid, &entry.path()))
            {
                continue;
            }
            let path = entry.path();
            if entry.file_type()?.is_dir() {
                fs::remove_dir_all(&path)?;
            } else {
                fs::remove_file(&path)?;
            }
            removed += 1;
        }
        Ok(removed)
    }

    /// Writes `body` to a new 0600 file in a fresh 0700 directory of this
    /// process's own; returns the file.
    pub fn write(&self, file_name: &str, body: &str) -> io::Result<PathBuf> {
        private_dir(&self.root)?;
        let session = self.session();
        match fs::remove_dir_all(&session) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
        private_dir(&session)?;
        let path = session.join(file_name);
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&path)?;
        // The mode above is filtered by the umask; say it again plainly.
        file.set_permissions(fs::Permissions::from_mode(0o600))?;
        file.write_all(body.as_bytes())?;
        file.sync_all()?;
        Ok(path)
    }

    /// Removes this process's directory and everything in it.
    pub fn clear(&self) -> io::Result<()> {
        match fs::remove_dir_all(self.session()) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}

/// Creates `dir` 0700, or makes an existing one 0700 (it must be a real
/// directory, not a link to somewhere else).
fn private_dir(dir: &Path) -> io::Result<()> {
    match fs::symlink_metadata(dir) {
        Ok(meta) if meta.is_dir() => {}
        Ok(_) => {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!("{} is not a directory", dir.display()),
            ));
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            DirBuilder::new().recursive(true).mode(0o700).create(dir)?;
        }
        Err(e) => return Err(e),
    }
    fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
}

/// Whether process `pid` (whose directory is `dir`) may still be editing.
fn still_running(pid: u32, dir: &Path) -> bool {
    let proc = Path::new("/proc");
    if proc.is_dir() {
        return proc.join(pid.to_string()).exists();
    }
    let modified = fs::metadata(dir).and_then(|m| m.modified());
    modified
        .ok()
        .and_then(|m| SystemTime::now().duration_since(m).ok())
        .is_some_and(|age| age < LEFTOVER_AGE)
}

/// `$VISUAL`, else `$EDITOR`, else `vi`, split into the program and its
/// arguments as a shell would (`code --wait`, `"/opt/My Editor/edit" -w`,
/// `emacsclient -a ''`). A value a shell could not split (an unclosed
/// quote) is taken whole, as the program's path.
pub fn editor_command(visual: Option<String>, editor: Option<String>) -> (String, Vec<String>) {
    let chosen = [visual, editor]
        .into_iter()
        .flatten()
        .find(|e| !e.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string());
    let words = shell_words::split(&chosen).unwrap_or_else(|_| vec![chosen.trim().to_string()]);
    let mut words = words.into_iter();
    let program = words.next().unwrap_or_else(|| "vi".to_string());
    (program, words.collect())
}

/// Opens `body` in the user's editor; returns the new text when it
/// changed, else what happened. Notes are written as a text file (ending
/// in a line break) and read back without the line breaks at their end.
fn edit_in_editor(
    guard: &mut TerminalGuard,
    editing: &EditingDir,
    edit: &EditText,
    body: &str,
) -> Result<Edited, String> {
    let written = if edit.empty_is_kept && !body.is_empty() {
        format!("{body}\n")
    } else {
        body.to_string()
    };
    let file = editing.write(&edit.file_name, &written).map_err(|e| {
        let _ = editing.clear();
        format!("could not write the editor's file: {e}")
    })?;
    let (program, args) =
        editor_command(std::env::var("VISUAL").ok(), std::env::var("EDITOR").ok());
    let status = guard
        .run_outside(|| Command::new(&program).args(&args).arg(&file).status())
        .map_err(|e| {
            let _ = editing.clear();
            format!("could not take the terminal back from the editor: {e}")
        })?;
    let read = fs::read(&file);
    let cleared = editing.clear();
    let (what, kept) = (edit.what, edit.kept);
    let outcome = match status {
        Err(e) => Edited::failed(format!(
            "could not start the editor `{program}`: {e}; set $EDITOR, or {}",
            edit.instead
        )),
        Ok(status) if !status.success() => {
            Edited::failed(format!("the editor exited with {status}; {kept}"))
        }
        Ok(_) => match read.map(String::from_utf8) {
            Err(e) => Edited::failed(format!("could not read the edited {what}: {e}")),
            Ok(Err(_)) => Edited::failed(format!("the edited {what} is not UTF-8 text; {kept}")),
            Ok(Ok(text)) => {
                let text = if edit.empty_is_kept {
                    text.trim_end_matches(['\n', '\r']).to_string()
                } else {
                    text
                };
                if text == body {
                    Edited::unchanged(format!("no changes to the {what}"))
                } else if text.trim().is_empty() && !edit.empty_is_kept {
                    Edited::unchanged(format!("the edited {what} is empty; {kept}"))
                } else {
                    Edited::changed(text)
                }
            }
        },
    };
    if let Err(e) = cleared {
        return Err(format!(
            "could not remove the editor's file in {}: {e}; remove it by hand",
            editing.root.display()
        ));
    }
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::MetadataExt;

    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("rapport-outside-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn the_editors_file_is_private_and_cleared_with_its_directory() {
        let data = scratch("private");
        let editing = EditingDir::new(&data);
        let file = editing
            .write("summary-2026-W48.md", "# hi\n")
            .expect("written");
        let mode = |p: &Path| fs::metadata(p).map(|m| m.mode() & 0o777).unwrap_or(0);
        assert_eq!(mode(&file), 0o600);
        assert_eq!(mode(file.parent().expect("a directory")), 0o700);
        assert_eq!(mode(&data.join("editing")), 0o700);
        assert_eq!(fs::read_to_string(&file).ok().as_deref(), Some("# hi\n"));
        // A swap file the editor left goes with the directory.
        let _ = fs::write(file.with_extension("md.swp"), "swap");
        editing.clear().expect("cleared");
        assert!(!file.parent().is_some_and(Path::exists));
        let _ = fs::remove_dir_all(&data);
    }

    #[test]
    fn leftovers_of_gone_processes_are_removed_and_live_ones_kept() {
        let data = scratch("leftovers");
        let root = data.join("editing");
        // pid 1 is always running; a pid beyond the kernel's limit never is.
        for name in ["1", "4294967294", "stray"] {
            let _ = fs::create_dir_all(root.join(name));
            let _ = fs::write(root.join(name).join("summary.md"), "private");
        }
        let editing = EditingDir::new(&data);
        let removed = editing.clean_leftovers().expect("cleaned");
        let live = Path::new("/proc").is_dir();
        assert_eq!(removed, if live { 2 } else { 1 });
        if live {
            assert!(root.join("1").exists());
            assert!(!root.join("4294967294").exists());
            assert!(!root.join("stray").exists());
        }
        assert_eq!(
            EditingDir::new(&scratch("none")).clean_leftovers().ok(),
            Some(0)
        );
        let _ = fs::remove_dir_all(&data);
    }

    #[test]
    fn an_editor_path_with_spaces_or_quoted_arguments_is_split_as_a_shell_would() {
        let command = |e: &str| editor_command(None, Some(e.to_string()));
        assert_eq!(
            command("\"/opt/My Editor/bin/edit\" --wait"),
            (
                "/opt/My Editor/bin/edit".to_string(),
                vec!["--wait".to_string()]
            )
        );
        assert_eq!(
            command("emacsclient -a ''"),
            (
                "emacsclient".to_string(),
                vec!["-a".to_string(), String::new()]
            )
        );
        assert_eq!(
            command("/opt/My\\ Editor/edit"),
            ("/opt/My Editor/edit".to_string(), Vec::<String>::new())
        );
    }

    #[test]
    fn visual_wins_over_editor_and_vi_is_the_last_resort() {
        let command = |v: Option<&str>, e: Option<&str>| {
            editor_command(v.map(str::to_string), e.map(str::to_string))
        };
        assert_eq!(
            command(Some("code --wait"), Some("nano")),
            ("code".to_string(), vec!["--wait".to_string()])
        );
        assert_eq!(
            command(Some(" "), Some("nano")),
            ("nano".to_string(), vec![])
        );
        assert_eq!(command(None, None), ("vi".to_string(), vec![]));
    }
}
