//! Writing a load's pages to the disk while the load goes on: a thread asks the OS every
//! quarter second to write what the ledger's file holds in memory (`sync_data` on its own
//! handle; an fsync writes the file's dirty pages whoever wrote them). The load's commit
//! must wait until every page is on the disk; without this it waited for all of them at
//! the end, with the writer idle (docs/benchmarks.md). Only an optimisation: a flush that
//! fails is skipped, and the commit's own sync is what makes the load durable.
//!
//! The handle is opened before the load's transaction begins and closed after it ends,
//! while the ledger is in rollback-journal mode (`bulk_load.rs` starts this only then). On
//! POSIX systems closing any descriptor of a file drops every lock the process holds on
//! it; between transactions in that mode SQLite holds none, so there is none to drop.

use std::fs::File;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

/// How often the file is flushed while a load runs.
const EVERY: Duration = Duration::from_millis(250);

/// The flushing thread of one load; stops when dropped.
pub(super) struct FlushBehind {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl FlushBehind {
    /// Starts flushing the file at `path` (nothing happens should it not open).
    pub fn start(path: &Path) -> FlushBehind {
        let stop = Arc::new(AtomicBool::new(false));
        // Windows flushes a file only through a handle that may write it.
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(cfg!(windows))
            .open(path);
        let thread = file.ok().and_then(|file| {
            let stop = Arc::clone(&stop);
            std::thread::Builder::new()
                .name("flush-behind".into())
                .spawn(move || flush_until(&file, &stop))
                .ok()
        });
        FlushBehind { stop, thread }
    }
}

fn flush_until(file: &File, stop: &AtomicBool) {
    loop {
        std::thread::park_timeout(EVERY);
        if stop.load(Ordering::Acquire) {
            return;
        }
        let _ = file.sync_data();
    }
}

impl Drop for FlushBehind {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Release);
        if let Some(thread) = self.thread.take() {
            thread.thread().unpark();
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flushing_thread_stops_when_the_load_ends() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.db");
        std::fs::write(&path, b"pages").unwrap();
        let flush = FlushBehind::start(&path);
        assert!(flush.thread.is_some(), "a thread for a file that opens");
        std::thread::sleep(EVERY * 2);
        let started = std::time::Instant::now();
        drop(flush);
        assert!(started.elapsed() < EVERY * 2, "woken, not waited for");
        assert_eq!(std::fs::read(&path).unwrap(), b"pages", "never writes");

        let none = FlushBehind::start(&dir.path().join("missing.db"));
        assert!(none.thread.is_none(), "no file, no thread");
    }
}
