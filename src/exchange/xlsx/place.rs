//! 务工所在地 in words (`浙江省宁波市鄞州区`) → the 务工状况 category it means for the
//! village's people: within the township, the county, the province, or beyond. The
//! village's own township, county and province (its name, else the province its code
//! starts with, GB/T 2260) are looked for in the text; any other province named puts the
//! place out of the province.

use crate::codes::WorkPlace;

/// The provincial-level divisions by the first two digits of their code (GB/T 2260), each
/// by the short name every spelling of it contains.
const PROVINCES: &[(&str, &str)] = &[
    ("11", "北京"),
    ("12", "天津"),
    ("13", "河北"),
    ("14", "山西"),
    ("15", "内蒙古"),
    ("21", "辽宁"),
    ("22", "吉林"),
    ("23", "黑龙江"),
    ("31", "上海"),
    ("32", "江苏"),
    ("33", "浙江"),
    ("34", "安徽"),
    ("35", "福建"),
    ("36", "江西"),
    ("37", "山东"),
    ("41", "河南"),
    ("42", "湖北"),
    ("43", "湖南"),
    ("44", "广东"),
    ("45", "广西"),
    ("46", "海南"),
    ("50", "重庆"),
    ("51", "四川"),
    ("52", "贵州"),
    ("53", "云南"),
    ("54", "西藏"),
    ("61", "陕西"),
    ("62", "甘肃"),
    ("63", "青海"),
    ("64", "宁夏"),
    ("65", "新疆"),
    ("71", "台湾"),
    ("81", "香港"),
    ("82", "澳门"),
];

/// Where the village is: the names a place of work is compared with.
pub(super) struct Home<'a> {
    pub township: Option<&'a str>,
    pub county: Option<&'a str>,
    /// The province's short name (`贵州`).
    pub province: Option<&'static str>,
}

impl<'a> Home<'a> {
    pub fn of(village: &'a crate::model::Village) -> Home<'a> {
        let named = village
            .province
            .as_deref()
            .and_then(|p| PROVINCES.iter().find(|(_, n)| p.contains(n)));
        let by_code = PROVINCES
            .iter()
            .find(|(code, _)| village.code.starts_with(code));
        Home {
            township: village.township.as_deref(),
            county: village.county.as_deref(),
            province: named.or(by_code).map(|(_, n)| *n),
        }
    }
}

/// A name without its administrative suffix (`长顺县` → `长顺`), for names of two
/// characters or more once stripped (`广顺镇` → `广顺`).
fn stem(name: &str) -> &str {
    const SUFFIXES: [&str; 8] = ["自治县", "县", "区", "市", "旗", "镇", "乡", "街道"];
    SUFFIXES
        .iter()
        .find_map(|s| name.strip_suffix(s))
        .filter(|s| s.chars().count() >= 2)
        .unwrap_or(name)
}

fn names(text: &str, place: Option<&str>) -> bool {
    place.is_some_and(|p| !p.is_empty() && (text.contains(p) || text.contains(stem(p))))
}

/// The category of a place of work in words; `None` when the text names nothing it can
/// be placed by (a city alone, `宁波市`), which the caller decides about.
pub(super) fn work_place(text: &str, home: &Home<'_>) -> Option<WorkPlace> {
    if let Some(p) = WorkPlace::from_label(text) {
        return Some(p);
    }
    let other_province = PROVINCES
        .iter()
        .any(|(_, n)| Some(*n) != home.province && text.contains(n));
    let own_province = home.province.is_some_and(|p| text.contains(p));
    if other_province && !own_province {
        return Some(WorkPlace::OutOfProvince);
    }
    if names(text, home.county) {
        return Some(if names(text, home.township) {
            WorkPlace::InTownship
        } else {
            WorkPlace::InCounty
        });
    }
    if own_province {
        return Some(WorkPlace::InProvince);
    }
    const WORDS: &[(&str, WorkPlace)] = &[
        ("省外", WorkPlace::OutOfProvince),
        ("县外", WorkPlace::InProvince),
        ("省内", WorkPlace::InProvince),
        ("县内", WorkPlace::InCounty),
        ("本县", WorkPlace::InCounty),
        ("乡内", WorkPlace::InTownship),
        ("镇内", WorkPlace::InTownship),
        ("本乡", WorkPlace::InTownship),
        ("本镇", WorkPlace::InTownship),
    ];
    WORDS
        .iter()
        .find(|(w, _)| text.contains(w))
        .map(|(_, p)| *p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_in_words_is_placed_against_the_villages_own() {
        let home = Home {
            township: Some("广顺镇"),
            county: Some("长顺县"),
            province: Some("贵州"),
        };
        let at = |t| work_place(t, &home);
        assert_eq!(at("浙江省宁波市鄞州区"), Some(WorkPlace::OutOfProvince));
        assert_eq!(at("广东深圳宝安区"), Some(WorkPlace::OutOfProvince));
        assert_eq!(at("贵州省黔南州长顺县"), Some(WorkPlace::InCounty));
        assert_eq!(at("长顺县广顺镇"), Some(WorkPlace::InTownship));
        assert_eq!(at("贵州省贵阳市花溪区"), Some(WorkPlace::InProvince));
        assert_eq!(at("省外务工"), Some(WorkPlace::OutOfProvince));
        assert_eq!(at("乡(镇)外县内务工"), Some(WorkPlace::InCounty));
        assert_eq!(at("宁波市鄞州区"), None, "a city alone cannot be placed");
    }

    #[test]
    fn the_province_comes_from_the_name_else_the_code() {
        let mut v: crate::model::Village =
            serde_json::from_value(serde_json::json!({"code": "522729100201", "name": "石洞村"}))
                .unwrap();
        assert_eq!(Home::of(&v).province, Some("贵州"));
        v.province = Some("江西省".into());
        assert_eq!(Home::of(&v).province, Some("江西"));
    }
}
