//! The demo's 务工月监测: a spell of work for every year from 2021 in which a member's
//! 务工状况 shows work (its months that year, the county by the place, a wage by the place,
//! a channel, employer and industry), the running year's still open when it reaches today;
//! a 护林员 post for an able adult of a household with that measure, over its months.

use crate::codes::{MeasureItem, WorkChannel, WorkPlace};
use crate::model::{Household, Month, WelfarePost, WorkSpell};
use chrono::{Datelike, NaiveDate};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// The demo village's county: work in the township or county is there.
const HOME_COUNTY: &str = "全南县";

fn county(rng: &mut ChaCha8Rng, place: WorkPlace) -> Option<&'static str> {
    let pick = |rng: &mut ChaCha8Rng, list: &[&'static str]| list[rng.random_range(0..list.len())];
    Some(match place {
        WorkPlace::InTownship | WorkPlace::InCounty => HOME_COUNTY,
        WorkPlace::InProvince => pick(rng, &["章贡区", "南康区", "龙南市", "赣县区"]),
        WorkPlace::OutOfProvince => pick(
            rng,
            &["东莞市", "深圳市宝安区", "佛山市南海区", "惠州市惠阳区"],
        ),
        WorkPlace::Other => return None,
    })
}

fn wage(rng: &mut ChaCha8Rng, place: WorkPlace) -> f64 {
    let (lo, hi) = match place {
        WorkPlace::InTownship | WorkPlace::InCounty => (2000, 3600),
        WorkPlace::InProvince => (2800, 4800),
        _ => (3800, 6500),
    };
    f64::from(rng.random_range(lo..hi) / 100 * 100)
}

/// Records spells and posts on the household's members.
pub(super) fn record(rng: &mut ChaCha8Rng, h: &mut Household, today: NaiveDate) {
    let subsidy_years: Vec<i32> = h
        .measures
        .iter()
        .filter(|m| m.item == Some(MeasureItem::TravelSubsidy))
        .flat_map(|m| m.start.year()..=m.end.unwrap_or(today).year())
        .collect();
    let now = Month::of(today);
    for k in 0..h.members.len() {
        let mut spells = Vec::new();
        for year in 2021..=today.year() {
            let end = NaiveDate::from_ymd_opt(year, 12, 31)
                .unwrap_or(today)
                .min(today);
            if !h.is_registered_on(&h.members[k], end) {
                continue;
            }
            let m = h.members[k].as_of(end);
            let Some((place, months)) = m.work.as_ref().and_then(|w| Some((w.place?, w.months?)))
            else {
                continue;
            };
            if months == 0 || place == WorkPlace::Other {
                continue;
            }
            let months = u32::from(months).min(12);
            let first = rng.random_range(1..=13 - months);
            let from = Month { year, month: first };
            let last = Month {
                year,
                month: first + months - 1,
            };
            if from > now {
                continue;
            }
            let away = !matches!(place, WorkPlace::InTownship | WorkPlace::InCounty);
            let channel = if away && rng.random_range(0..4) == 0 {
                WorkChannel::Organized
            } else {
                WorkChannel::OnOwn
            };
            let (employer, industry) = [
                ("宏达电子厂", "制造业"),
                ("安居建筑工程公司", "建筑业"),
                ("顺丰物流分拣中心", "交通运输、仓储和邮政业"),
                ("家乐餐饮店", "住宿和餐饮业"),
            ][rng.random_range(0..4)];
            spells.push(WorkSpell {
                from,
                to: (last < now).then_some(last),
                county: county(rng, place).map(String::from),
                wage: Some(wage(rng, place)),
                channel: Some(channel),
                employer: Some(employer.into()),
                industry: Some(industry.into()),
                travel_subsidy: (away && subsidy_years.contains(&year)).then_some(600.0),
            });
        }
        h.members[k].work_spells = spells;
    }
    posts(h, today);
}

/// The 护林员 post of a household with that measure: an able member aged 18–59 then.
fn posts(h: &mut Household, today: NaiveDate) {
    let held: Vec<(NaiveDate, Option<NaiveDate>)> = h
        .measures
        .iter()
        .filter(|m| m.item == Some(MeasureItem::PublicWelfarePost))
        .map(|m| (m.start, m.end))
        .collect();
    for (start, end) in held {
        let who = (0..h.members.len()).find(|k| {
            let m = &h.members[*k];
            h.is_registered_on(m, start)
                && m.as_of(start).labor.is_some_and(|l| l.can_work())
                && m.age_on(start).is_some_and(|a| (18..60).contains(&a))
                && m.age_on(end.unwrap_or(today)).is_some_and(|a| a < 70)
        });
        if let Some(k) = who {
            h.members[k].welfare_posts.push(WelfarePost {
                post: "护林员".into(),
                from: Month::of(start),
                to: end.map(Month::of),
                monthly_pay: Some(800.0),
            });
        }
    }
}
