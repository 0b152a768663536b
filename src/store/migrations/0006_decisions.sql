-- 0006: the dates of a household's decisions (识别, 脱贫退出, 纳入监测, 风险消除): 民主评议,
-- 公示 first and last day, 公告, and the 文号. A notice prints these dates, never the day it
-- is printed. One row per household, decision kind and year.
CREATE TABLE decisions (
    household_id    TEXT NOT NULL REFERENCES households(id),
    kind            TEXT NOT NULL
                    CHECK (kind IN ('identification', 'exit', 'monitoring', 'risk_elimination')),
    year            INTEGER NOT NULL,
    review_on       TEXT,
    publicity_start TEXT,
    publicity_end   TEXT,
    announced_on    TEXT,
    doc             TEXT,
    recorded_at     TEXT NOT NULL,
    operator        TEXT NOT NULL,
    PRIMARY KEY (household_id, kind, year)
);
