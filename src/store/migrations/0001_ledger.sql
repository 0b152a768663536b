-- 0001: the ledger. Every record has a stable text id (UUID), a revision, updated_at
-- and a tombstone flag (`deleted`); rows are never physically deleted.

CREATE TABLE settings (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    revision   INTEGER NOT NULL DEFAULT 1,
    updated_at TEXT NOT NULL
);

CREATE TABLE villages (
    id               TEXT PRIMARY KEY,
    code             TEXT NOT NULL,
    name             TEXT NOT NULL,
    township         TEXT,
    county           TEXT,
    province         TEXT,
    region           TEXT,
    rural_population INTEGER,
    groups           TEXT NOT NULL DEFAULT '[]',
    revision         INTEGER NOT NULL DEFAULT 1,
    updated_at       TEXT NOT NULL,
    deleted          INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX villages_code ON villages(code) WHERE deleted = 0;

CREATE TABLE cadres (
    id         TEXT PRIMARY KEY,
    village_id TEXT NOT NULL REFERENCES villages(id),
    name       TEXT NOT NULL,
    unit       TEXT,
    unit_level TEXT,
    phone      TEXT,
    position   TEXT,
    revision   INTEGER NOT NULL DEFAULT 1,
    updated_at TEXT NOT NULL,
    deleted    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX cadres_village ON cadres(village_id);

CREATE TABLE households (
    id                   TEXT PRIMARY KEY,
    village_id           TEXT NOT NULL REFERENCES villages(id),
    code                 TEXT NOT NULL,
    group_name           TEXT,
    address              TEXT,
    phone                TEXT,
    identified_year      INTEGER,
    standard             TEXT,
    attribute            TEXT,
    status               TEXT,
    exit_year            INTEGER,
    main_cause           TEXT,
    other_causes         TEXT NOT NULL DEFAULT '',
    food_clothing_secure INTEGER,
    farmland_mu          REAL,
    irrigated_mu         REAL,
    forest_mu            REAL,
    grassland_mu         REAL,
    water_surface_mu     REAL,
    house_area_m2        REAL,
    house_grade          TEXT,
    relocation_mode      TEXT,
    relocation_moved_in  INTEGER,
    relocation_recorded  INTEGER NOT NULL DEFAULT 0,
    drinking_water_safe  INTEGER,
    electricity          INTEGER,
    sanitary_toilet      INTEGER,
    road_distance_km     REAL,
    road_type            TEXT,
    fuel                 TEXT,
    cooperative_member   INTEGER,
    revision             INTEGER NOT NULL DEFAULT 1,
    updated_at           TEXT NOT NULL,
    deleted              INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX households_code ON households(village_id, code) WHERE deleted = 0;
CREATE INDEX households_code_any ON households(code);

CREATE TABLE members (
    id                        TEXT PRIMARY KEY,
    household_id              TEXT NOT NULL REFERENCES households(id),
    seq                       INTEGER NOT NULL,
    name                      TEXT NOT NULL,
    id_number                 TEXT,
    relation                  TEXT,
    sex                       TEXT,
    ethnicity                 TEXT,
    education                 TEXT,
    schooling                 TEXT,
    schooling_exempt          INTEGER,
    health                    TEXT,
    disability_grade          INTEGER,
    labor                     TEXT,
    work_place                TEXT,
    work_months               INTEGER,
    work_recorded             INTEGER NOT NULL DEFAULT 0,
    medical_insurance         INTEGER,
    serious_illness_insurance INTEGER,
    pension_insurance         INTEGER,
    family_doctor             INTEGER,
    dibao                     INTEGER,
    tekun                     TEXT,
    has_legal_supporter       INTEGER,
    initials                  TEXT NOT NULL DEFAULT '',
    id_tail                   TEXT NOT NULL DEFAULT '',
    revision                  INTEGER NOT NULL DEFAULT 1,
    updated_at                TEXT NOT NULL,
    deleted                   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX members_household ON members(household_id);
CREATE INDEX members_name ON members(name);
CREATE INDEX members_initials ON members(initials);
CREATE INDEX members_id_tail ON members(id_tail);
CREATE INDEX members_id_number ON members(id_number);

CREATE TABLE income_lines (
    id           TEXT PRIMARY KEY,
    household_id TEXT NOT NULL REFERENCES households(id),
    seq          INTEGER NOT NULL,
    year         INTEGER NOT NULL,
    month        INTEGER,
    category     TEXT NOT NULL,
    item         TEXT NOT NULL,
    amount       REAL NOT NULL,
    counted      INTEGER NOT NULL,
    revision     INTEGER NOT NULL DEFAULT 1,
    updated_at   TEXT NOT NULL,
    deleted      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX income_household ON income_lines(household_id);

CREATE TABLE expenses (
    id           TEXT PRIMARY KEY,
    household_id TEXT NOT NULL REFERENCES households(id),
    seq          INTEGER NOT NULL,
    year         INTEGER NOT NULL,
    month        INTEGER,
    category     TEXT NOT NULL,
    item         TEXT NOT NULL,
    amount       REAL NOT NULL,
    revision     INTEGER NOT NULL DEFAULT 1,
    updated_at   TEXT NOT NULL,
    deleted      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX expenses_household ON expenses(household_id);

CREATE TABLE rigid_expenses (
    id           TEXT PRIMARY KEY,
    household_id TEXT NOT NULL REFERENCES households(id),
    seq          INTEGER NOT NULL,
    date         TEXT NOT NULL,
    kind         TEXT NOT NULL,
    item         TEXT NOT NULL,
    amount       REAL NOT NULL,
    reimbursed   REAL NOT NULL,
    revision     INTEGER NOT NULL DEFAULT 1,
    updated_at   TEXT NOT NULL,
    deleted      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX rigid_household ON rigid_expenses(household_id);

CREATE TABLE pairings (
    id           TEXT PRIMARY KEY,
    household_id TEXT NOT NULL REFERENCES households(id),
    seq          INTEGER NOT NULL,
    cadre_id     TEXT NOT NULL REFERENCES cadres(id),
    role         TEXT NOT NULL,
    start        TEXT NOT NULL,
    end          TEXT,
    revision     INTEGER NOT NULL DEFAULT 1,
    updated_at   TEXT NOT NULL,
    deleted      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX pairings_household ON pairings(household_id);
CREATE INDEX pairings_cadre ON pairings(cadre_id);

CREATE TABLE visits (
    id           TEXT PRIMARY KEY,
    household_id TEXT NOT NULL REFERENCES households(id),
    seq          INTEGER NOT NULL,
    date         TEXT NOT NULL,
    cadre_id     TEXT NOT NULL REFERENCES cadres(id),
    mode         TEXT NOT NULL,
    found        TEXT NOT NULL,
    done         TEXT NOT NULL,
    follow_up    TEXT NOT NULL,
    revision     INTEGER NOT NULL DEFAULT 1,
    updated_at   TEXT NOT NULL,
    deleted      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX visits_household ON visits(household_id);

CREATE TABLE measures (
    id           TEXT PRIMARY KEY,
    household_id TEXT NOT NULL REFERENCES households(id),
    seq          INTEGER NOT NULL,
    class        TEXT NOT NULL,
    content      TEXT NOT NULL,
    scale        TEXT,
    funds        REAL,
    funder       TEXT,
    start        TEXT NOT NULL,
    end          TEXT,
    result       TEXT,
    income_gain  REAL,
    revision     INTEGER NOT NULL DEFAULT 1,
    updated_at   TEXT NOT NULL,
    deleted      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX measures_household ON measures(household_id);

CREATE TABLE monitoring (
    id           TEXT PRIMARY KEY,
    household_id TEXT NOT NULL REFERENCES households(id),
    seq          INTEGER NOT NULL,
    kind         TEXT NOT NULL,
    identified   TEXT NOT NULL,
    channel      TEXT,
    risks        TEXT NOT NULL DEFAULT '',
    eliminated   TEXT,
    revision     INTEGER NOT NULL DEFAULT 1,
    updated_at   TEXT NOT NULL,
    deleted      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX monitoring_household ON monitoring(household_id);

CREATE TABLE member_events (
    id           TEXT PRIMARY KEY,
    household_id TEXT NOT NULL REFERENCES households(id),
    seq          INTEGER NOT NULL,
    date         TEXT NOT NULL,
    kind         TEXT NOT NULL,
    member_id    TEXT,
    note         TEXT,
    revision     INTEGER NOT NULL DEFAULT 1,
    updated_at   TEXT NOT NULL,
    deleted      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX events_household ON member_events(household_id);

-- Warnings (the national system's consistency checks): replaced on every save.
CREATE TABLE findings (
    household_id TEXT NOT NULL REFERENCES households(id),
    severity     TEXT NOT NULL,
    path         TEXT NOT NULL,
    rule         TEXT NOT NULL,
    message      TEXT NOT NULL
);
CREATE INDEX findings_household ON findings(household_id);

-- Every insert, update and delete leaves a row here.
CREATE TABLE audit (
    seq          INTEGER PRIMARY KEY,
    at           TEXT NOT NULL,
    operator     TEXT NOT NULL,
    table_name   TEXT NOT NULL,
    record_id    TEXT NOT NULL,
    household_id TEXT,
    action       TEXT NOT NULL,
    field        TEXT,
    old_value    TEXT,
    new_value    TEXT,
    reason       TEXT
);
CREATE INDEX audit_household ON audit(household_id);

-- Every printed card: which record at which revision, with the printed checksum.
CREATE TABLE print_log (
    seq          INTEGER PRIMARY KEY,
    at           TEXT NOT NULL,
    operator     TEXT NOT NULL,
    household_id TEXT,
    village_id   TEXT,
    kind         TEXT NOT NULL,
    year         INTEGER,
    revision     INTEGER,
    checksum     TEXT NOT NULL
);
