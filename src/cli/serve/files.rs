//! The browser's form of the desktop's file dialogs: a folder of this session's files
//! (removed when the server stops). A file to read (import, merge, restore) is uploaded
//! into it and its path handed to the command; a file to write (print, export) gets a path
//! in it, and the page then opens or downloads it. Each file sits in its own numbered
//! folder so two files of the same name never meet; only files inside the folder are
//! served.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use yibentong::Result;

/// This session's folder of uploaded and written files.
pub struct Files {
    root: tempfile::TempDir,
    next: AtomicU64,
}

impl Files {
    /// A new, empty folder in the system's temporary directory.
    pub fn new() -> Result<Files> {
        let root = tempfile::Builder::new()
            .prefix("yibentong-serve-")
            .tempdir()?;
        Ok(Files {
            root,
            next: AtomicU64::new(0),
        })
    }

    /// A path for a new file called `name` (only its last component is used); the file is
    /// not created: the command writes it.
    pub fn reserve(&self, name: &str) -> Result<PathBuf> {
        let n = self.next.fetch_add(1, Ordering::SeqCst) + 1;
        let dir = self.root.path().join(n.to_string());
        std::fs::create_dir(&dir)?;
        Ok(dir.join(plain_name(name)))
    }

    /// Keeps `bytes` as a file called `name`; returns its path.
    pub fn keep(&self, name: &str, bytes: &[u8]) -> Result<PathBuf> {
        let path = self.reserve(name)?;
        std::fs::write(&path, bytes)?;
        Ok(path)
    }

    /// Removes the session's folder with every file in it (the server is stopping while a
    /// request's thread may still hold this value, so it is not left to `Drop`).
    pub fn clear(&self) {
        let _ = std::fs::remove_dir_all(self.root.path());
    }

    /// The file at `path` if it is one of this session's files.
    pub fn inside(&self, path: &Path) -> Option<PathBuf> {
        let real = path.canonicalize().ok()?;
        let root = self.root.path().canonicalize().ok()?;
        (real.starts_with(&root) && real.is_file()).then_some(real)
    }
}

/// The last component of a name as a browser sends it, without anything that could leave
/// the folder; `文件` when nothing is left.
fn plain_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let clean: String = last.chars().filter(|c| !c.is_control()).collect();
    match clean.trim() {
        "" | "." | ".." => "文件".to_string(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_cannot_leave_the_folder() {
        assert_eq!(
            plain_name("../../etc/passwd"),
            "passwd",
            "only the last part"
        );
        assert_eq!(
            plain_name("C:\\x\\村.json"),
            "村.json",
            "Windows separators too"
        );
        assert_eq!(plain_name(".."), "文件", "no parent folder");
        assert_eq!(plain_name(""), "文件", "an empty name gets one");
    }

    #[test]
    fn only_this_sessions_files_are_served() {
        let files = Files::new().expect("a temporary folder");
        let kept = files.keep("村.json", b"{}").expect("kept");
        assert!(files.inside(&kept).is_some(), "an uploaded file is served");
        let again = files.keep("村.json", b"[]").expect("kept");
        assert_ne!(kept, again, "the same name twice gives two files");
        let reserved = files.reserve("卡.pdf").expect("reserved");
        assert!(
            files.inside(&reserved).is_none(),
            "a reserved path is not a file until written"
        );
        let outside = tempfile::NamedTempFile::new().expect("a file elsewhere");
        assert!(
            files.inside(outside.path()).is_none(),
            "a file outside the folder is not served"
        );
    }
}
