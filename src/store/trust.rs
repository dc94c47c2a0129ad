//! Files others control are not trusted, as ssh does it: a journal or a
//! settings file that is not owned by this user, or that group or others
//! may write, is refused, naming the file and the `chown`/`chmod` that
//! fixes it. Someone who can write the settings could point `journal =` at
//! a file they read, or have `passphrase_cmd` run their program; someone
//! who owns the journal decides who reads it.

use std::os::unix::fs::MetadataExt;
use std::path::Path;

/// Why `path` is not trusted, as a sentence with the fix; `None` when it is
/// this user's and only theirs to write (or when it is not there).
pub fn distrust(path: &Path) -> Option<String> {
    let meta = std::fs::metadata(path).ok().filter(|m| m.is_file())?;
    let me = rustix::process::geteuid().as_raw();
    let shown = path.display();
    if meta.uid() != me {
        return Some(format!(
            "{shown} belongs to another user (uid {}), so rapport does not trust it; if it is yours, `chown {me} {shown}`",
            meta.uid()
        ));
    }
    let mode = meta.mode() & 0o777;
    if mode & 0o022 != 0 {
        return Some(format!(
            "{shown} can be changed by other users (mode {mode:04o}), so rapport does not trust it; `chmod go-w {shown}` fixes it"
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn a_file_of_ones_own_is_trusted_until_others_may_write_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("config.toml");
        std::fs::write(&file, "").expect("write");
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        assert_eq!(distrust(&file), None);
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o664)).expect("chmod");
        let why = distrust(&file).unwrap_or_default();
        assert!(why.contains("chmod go-w"), "{why}");
        assert_eq!(distrust(&dir.path().join("absent")), None);
    }
}
