//! Writing a document to a file without ever destroying one: the file is written beside
//! its target and renamed only when complete (a crash or a full disk leaves the old file
//! or nothing, never half a PDF under the final name); the open ledger, its journals and
//! backups are never a target; an existing file is replaced only if it is a PDF this
//! program wrote.

use crate::{Error, Result};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// The marks our PDFs carry: the document info's producer, as plain text or as the
/// UTF-16 hex string printpdf writes.
const OUR_PDF: &[&[u8]] = &[b"Yibentong", b"0059006900620065006E0074006F006E0067"];

fn absolute(path: &Path) -> PathBuf {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    dir.join(path.file_name().unwrap_or_default())
}

/// Whether something (a file, a folder) is already at `path`.
pub fn is_taken(path: &Path) -> bool {
    path.symlink_metadata().is_ok()
}

/// Whether `out` is the ledger, one of its journal files, or inside its backups.
fn is_ledger_file(out: &Path, ledger: &Path) -> bool {
    let out = absolute(out);
    let ledger = absolute(ledger);
    let name = ledger
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .to_string();
    let backups = crate::store::backup_dir(&ledger);
    out.starts_with(&backups)
        || ["", "-wal", "-shm", "-journal"]
            .iter()
            .any(|s| out == ledger.with_file_name(format!("{name}{s}")))
}

/// Whether an existing file is a PDF this program wrote.
fn is_our_pdf(path: &Path) -> bool {
    let mut bytes = Vec::new();
    let read = std::fs::File::open(path).and_then(|f| f.take(4 << 20).read_to_end(&mut bytes));
    read.is_ok()
        && bytes.starts_with(b"%PDF-")
        && OUR_PDF
            .iter()
            .any(|mark| bytes.windows(mark.len()).any(|w| w == *mark))
}

/// Whether an existing file is an exchange file (ours or another tool's v1 document).
fn is_exchange_file(path: &Path) -> bool {
    let mut head = Vec::new();
    let read = std::fs::File::open(path).and_then(|f| f.take(4096).read_to_end(&mut head));
    read.is_ok() && String::from_utf8_lossy(&head).contains("yibentong.village/1")
}

/// Writes an exchange file to `out` safely: as `write_document`, but an existing file
/// may be replaced only if it is an exchange file itself.
pub fn write_export(out: &Path, bytes: &[u8], ledger: Option<&Path>) -> Result<()> {
    write_checked(out, bytes, ledger, is_exchange_file, "一本通导出的交换文件")
}

/// Writes an Excel workbook to `out` safely: as `write_document`, but an existing file
/// may be replaced only if it is a workbook this program exported.
pub fn write_workbook(out: &Path, bytes: &[u8], ledger: Option<&Path>) -> Result<()> {
    write_checked(
        out,
        bytes,
        ledger,
        crate::exchange::xlsx::is_ours,
        "一本通导出的Excel工作簿",
    )
}

/// Writes an exchange bundle to `out` safely: as `write_document`, but an existing file
/// may be replaced only if it is a bundle itself.
pub fn write_bundle(out: &Path, bytes: &[u8], ledger: Option<&Path>) -> Result<()> {
    fn is_bundle(path: &Path) -> bool {
        let mut head = [0u8; 64];
        std::fs::File::open(path)
            .and_then(|mut f| std::io::Read::read(&mut f, &mut head))
            .is_ok_and(|n| crate::exchange::bundle::looks_like_bundle(&head[..n]))
    }
    write_checked(out, bytes, ledger, is_bundle, "一本通数据包")
}

/// Writes `bytes` to `out` safely (see the module note); `ledger` is the open ledger's
/// file, which is never overwritten.
pub fn write_document(out: &Path, bytes: &[u8], ledger: Option<&Path>) -> Result<()> {
    write_checked(out, bytes, ledger, is_our_pdf, "一本通打印的PDF")
}

fn write_checked(
    out: &Path,
    bytes: &[u8],
    ledger: Option<&Path>,
    replaceable: fn(&Path) -> bool,
    what: &str,
) -> Result<()> {
    if ledger.is_some_and(|l| is_ledger_file(out, l)) {
        return Err(Error::Invalid(format!(
            "不能把文件写到“{}”：那是台账本身（或它的备份），写上去会毁掉台账。请换一个文件名，例如“户档案卡.pdf”",
            out.display()
        )));
    }
    if out.is_dir() {
        return Err(Error::Invalid(format!(
            "“{}”是一个文件夹，请给出文件名",
            out.display()
        )));
    }
    if out.exists() && !replaceable(out) {
        return Err(Error::Invalid(format!(
            "文件“{}”已存在，而且不是{what}；为免覆盖，请换一个文件名",
            out.display()
        )));
    }
    let dir = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".yibentong-")
        .suffix(".part")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    tmp.persist(out).map_err(|e| Error::Io(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ledger_and_strangers_files_are_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let ledger = dir.path().join("yibentong.db");
        std::fs::write(&ledger, b"SQLite format 3\0...").unwrap();
        let err = write_document(&ledger, b"%PDF-1.7 Yibentong", Some(&ledger)).unwrap_err();
        assert!(err.to_string().contains("台账本身"), "{err}");
        let wal = dir.path().join("yibentong.db-wal");
        assert!(write_document(&wal, b"x", Some(&ledger)).is_err());
        let letter = dir.path().join("letter.pdf");
        std::fs::write(&letter, b"%PDF-1.4 someone else's").unwrap();
        assert!(write_document(&letter, b"%PDF-1.7 Yibentong", Some(&ledger)).is_err());
        assert_eq!(std::fs::read(&letter).unwrap(), b"%PDF-1.4 someone else's");
        let card = dir.path().join("card.pdf");
        write_document(&card, b"%PDF-1.7 Yibentong one", Some(&ledger)).unwrap();
        write_document(&card, b"%PDF-1.7 Yibentong two", Some(&ledger)).unwrap();
        assert_eq!(std::fs::read(&card).unwrap(), b"%PDF-1.7 Yibentong two");
        let leftovers = std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .ends_with(".part")
            })
            .count();
        assert_eq!(leftovers, 0, "no temporary files left");
    }
}
