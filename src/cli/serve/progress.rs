//! Progress reports of heavy commands (demo, batch print, import) kept for the page to
//! poll (`GET /events?after=N`): the browser's form of the desktop's `progress` events.
//! Only the latest few are kept; a page that polls late misses steps, never the answer.

use std::collections::VecDeque;
use std::sync::Mutex;
use yibentong::app::Progress;

/// How many reports are kept.
const KEPT: usize = 64;

/// Numbered reports, oldest first.
#[derive(Default)]
pub struct Reports {
    inner: Mutex<(u64, VecDeque<(u64, Progress)>)>,
}

impl Reports {
    /// Keeps a report under the next number.
    pub fn push(&self, p: Progress) {
        if let Ok(mut guard) = self.inner.lock() {
            let (next, list) = &mut *guard;
            *next += 1;
            list.push_back((*next, p));
            while list.len() > KEPT {
                list.pop_front();
            }
        }
    }

    /// The reports numbered after `after`, and the number to ask after next time.
    pub fn since(&self, after: u64) -> (u64, Vec<Progress>) {
        match self.inner.lock() {
            Ok(guard) => {
                let (next, list) = &*guard;
                let new = list
                    .iter()
                    .filter(|(n, _)| *n > after)
                    .map(|(_, p)| p.clone())
                    .collect();
                (*next, new)
            }
            Err(_) => (after, Vec::new()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(done: usize) -> Progress {
        Progress {
            task: "load_demo".into(),
            done,
            total: 100,
        }
    }

    #[test]
    fn a_poll_gets_what_came_after_its_number() {
        let r = Reports::default();
        assert_eq!(r.since(0).1.len(), 0, "nothing reported yet");
        r.push(report(1));
        r.push(report(2));
        let (next, first) = r.since(0);
        assert_eq!(first.len(), 2, "both reports are new");
        r.push(report(3));
        let (_, second) = r.since(next);
        assert_eq!(
            second,
            vec![report(3)],
            "only the report after the first poll"
        );
    }

    #[test]
    fn only_the_latest_reports_are_kept() {
        let r = Reports::default();
        for i in 0..200 {
            r.push(report(i));
        }
        let (next, kept) = r.since(0);
        assert_eq!(next, 200, "every report was numbered");
        assert_eq!(kept.len(), KEPT, "old reports are dropped");
        assert_eq!(kept.last().map(|p| p.done), Some(199), "the newest is kept");
    }
}
