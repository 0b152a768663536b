//! The status story of one demo household on the real calendar: 建档立卡 in 2014–2017,
//! exit by 2020 at the latest (county decisions in December), 返贫 only on the way into
//! monitoring, 防止返贫监测 from 2020 with 风险消除 at least six months later.

use super::timeline::{code, doc_no, stable, Timeline};
use crate::codes::{MonitoringKind, Status};
use crate::model::FactPeriod;
use chrono::{Datelike, Months, NaiveDate};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// The county offices that decided: 扶贫办 and its 领导小组 to 2020, 乡村振兴局 after.
const LEADING_GROUP: &str = "全南县扶贫开发领导小组";
const POVERTY_OFFICE: &str = "全南县扶贫办";
const REVITALISATION: &str = "全南县乡村振兴局";

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid demo date")
}

/// A monitoring episode: kind, identification, risk elimination.
#[derive(Debug, Clone, Copy)]
pub struct Episode {
    pub kind: MonitoringKind,
    pub identified: NaiveDate,
    pub eliminated: Option<NaiveDate>,
}

/// One household's path through the statuses.
#[derive(Debug, Clone)]
pub struct Story {
    /// 建档立卡 (identification) date.
    pub identified: Option<NaiveDate>,
    /// Exit date (the county's decision).
    pub exit: Option<NaiveDate>,
    /// 返贫 date (always followed by monitoring).
    pub relapse: Option<NaiveDate>,
    pub monitoring: Option<Episode>,
    /// The first day the ledger knew the household (its first period).
    pub start: NaiveDate,
    pub status: Status,
}

impl Story {
    pub fn identified_year(&self) -> Option<i32> {
        self.identified.map(|d| d.year())
    }

    pub fn exit_year(&self) -> Option<i32> {
        self.exit.map(|d| d.year())
    }

    /// The first year of the income book.
    pub fn first_year(&self) -> i32 {
        self.start.year()
    }
}

/// The day of a village's batch decision in `year` (every household exiting that year
/// exits on it).
fn batch_day(village: &str, year: i32, batch: &str, months: (u32, u32)) -> NaiveDate {
    let h = stable(&[village, batch], i64::from(year));
    let span = u64::from(months.1 - months.0 + 1);
    let month = months.0 + (h % span) as u32;
    let day = 1 + ((h >> 8) % 28) as u32;
    date(year, month, day)
}

/// Draws a household's story.
pub fn draw(rng: &mut ChaCha8Rng, village: &str) -> Story {
    let registered = rng.random_bool(0.36);
    let mut s = Story {
        identified: None,
        exit: None,
        relapse: None,
        monitoring: None,
        start: date(2021, rng.random_range(3..=6), rng.random_range(1..=28)),
        status: Status::Ordinary,
    };
    let mut relapses = false;
    if registered {
        let year = [2014, 2014, 2014, 2015, 2016, 2017][rng.random_range(0..6)];
        let identified = if year == 2014 {
            batch_day(village, year, "identify", (10, 10))
        } else {
            batch_day(village, year, "identify", (4, 9))
        };
        let exit_year = [2015, 2016, 2016, 2017, 2017, 2018, 2018, 2019, 2019, 2020]
            [rng.random_range(0..10)]
        .max(year + 1)
        .min(2020);
        relapses = rng.random_bool(0.05) && exit_year <= 2018;
        s.identified = Some(identified);
        s.exit = Some(batch_day(village, exit_year, "exit", (12, 12)));
        s.start = identified;
        s.status = Status::Exited;
    }
    let monitored = relapses || rng.random_bool(0.07);
    if monitored {
        let kind = match (s.identified.is_some(), rng.random_bool(0.3)) {
            (true, _) => MonitoringKind::UnstableExited,
            (false, true) => MonitoringKind::SuddenHardship,
            (false, false) => MonitoringKind::Marginal,
        };
        let identified = if relapses {
            let relapse = date(
                rng.random_range(2019..=2020),
                rng.random_range(1..=5),
                rng.random_range(1..=28),
            )
            .max(
                s.exit
                    .map_or(date(2019, 6, 1), |e| e + chrono::Days::new(200)),
            );
            s.relapse = Some(relapse);
            // Monitoring began in 2020 (防止返贫监测和帮扶机制).
            (relapse + chrono::Days::new(rng.random_range(40..160))).max(date(2020, 4, 15))
        } else {
            let earliest = s
                .exit
                .map_or(date(2020, 6, 1), |e| e + chrono::Days::new(90))
                .max(date(2020, 6, 1));
            let d = date(
                rng.random_range(2020..=2024),
                rng.random_range(1..=12),
                rng.random_range(1..=28),
            );
            d.max(earliest)
        };
        let eliminated = (identified.year() <= 2023 && rng.random_bool(0.6)).then(|| {
            identified
                .checked_add_months(Months::new(6))
                .expect("valid date")
                + chrono::Days::new(rng.random_range(0..300))
        });
        s.monitoring = Some(Episode {
            kind,
            identified,
            eliminated,
        });
        if s.identified.is_none() {
            s.start = identified;
        }
        s.status = if eliminated.is_some() {
            Status::RiskEliminated
        } else {
            Status::Monitored
        };
    }
    s
}

fn issuer(year: i32) -> &'static str {
    if year <= 2020 {
        POVERTY_OFFICE
    } else {
        REVITALISATION
    }
}

/// The dated `status` periods of the story (none for a household that was always 一般农户).
pub fn status_periods(s: &Story, village: &str, out: &mut Vec<FactPeriod>) {
    let doc =
        |issuer: &str, d: NaiveDate, batch: &str| Some(doc_no(issuer, village, d.year(), batch));
    let mut t = match (s.identified, s.monitoring) {
        (Some(d), _) => Timeline::new("status", d, code(Status::Poor.code()))
            .first_because("建档立卡识别", doc(LEADING_GROUP, d, "identify")),
        (None, Some(m)) => Timeline::new("status", m.identified, code(Status::Monitored.code()))
            .first_because(
                &format!("纳入防止返贫监测对象（{}）", m.kind.label()),
                doc(issuer(m.identified.year()), m.identified, "monitor"),
            ),
        (None, None) => return,
    };
    if let Some(d) = s.exit {
        t.change(
            d,
            code(Status::Exited.code()),
            "脱贫退出验收合格",
            doc(POVERTY_OFFICE, d, "exit"),
        );
    }
    if let Some(d) = s.relapse {
        t.change(
            d,
            code(Status::Relapsed.code()),
            "因病因灾收入骤减，返贫",
            doc(POVERTY_OFFICE, d, "relapse"),
        );
    }
    if let Some(m) = s.monitoring {
        t.change(
            m.identified,
            code(Status::Monitored.code()),
            &format!("纳入防止返贫监测对象（{}）", m.kind.label()),
            doc(issuer(m.identified.year()), m.identified, "monitor"),
        );
        if let Some(e) = m.eliminated {
            t.change(
                e,
                code(Status::RiskEliminated.code()),
                "收入持续稳定、“两不愁三保障”巩固，风险消除",
                doc(issuer(e.year()), e, "eliminate"),
            );
        }
    }
    t.write(true, out);
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn every_story_keeps_the_calendar() {
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        for _ in 0..2000 {
            let s = draw(&mut rng, "360729101001");
            if let (Some(i), Some(e)) = (s.identified, s.exit) {
                assert!(i < e && e.year() <= 2020);
            }
            if let Some(r) = s.relapse {
                let m = s.monitoring.expect("a relapse leads into monitoring");
                assert!(s.exit.is_some_and(|e| e < r) && r < m.identified);
            }
            if let Some(m) = s.monitoring {
                assert!(m.identified >= date(2020, 1, 1));
                if let Some(e) = m.eliminated {
                    assert!(e >= m.identified.checked_add_months(Months::new(6)).unwrap());
                }
                let exited = s.identified.is_some();
                assert_eq!(exited, m.kind == MonitoringKind::UnstableExited);
            }
            let mut periods = Vec::new();
            status_periods(&s, "360729101001", &mut periods);
            if let Some(last) = periods.last() {
                assert_eq!(last.value, code(s.status.code()));
                assert_eq!(periods[0].from, Some(s.start));
            }
        }
    }
}
