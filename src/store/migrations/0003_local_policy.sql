-- 0003: dated local policy values. Each local parameter that changes with time (低保标准,
-- 监测范围, 省定标准, the flags and school ages) is a list of values, each applying from
-- `valid_from` on (never before), with its document (文号), reason, time and operator.
-- Region, province and county stay in the `local_policy` setting, undated.
-- Self-contained: it reads only `settings` and writes `audit` (both from 0001).

CREATE TABLE local_policy_values (
    id          TEXT PRIMARY KEY,
    parameter   TEXT NOT NULL,      -- dibao_line, monitoring_line, … (rules::LocalParameter)
    value       REAL NOT NULL,      -- yuan, years; flags as 1 (是) / 0 (否)
    valid_from  TEXT NOT NULL,      -- YYYY-MM-DD
    doc         TEXT,               -- 文号, e.g. 全民发〔2023〕12号
    reason      TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    operator    TEXT NOT NULL,
    revision    INTEGER NOT NULL DEFAULT 1,
    updated_at  TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX local_policy_values_parameter ON local_policy_values(parameter, valid_from);

-- Upgrade: the values of the old single `local_policy` setting carried no date and were
-- applied to every year. Their start is unknown; they are kept, applying from 2014-01-01
-- (the start of 建档立卡, the earliest year the ledger records), with a reason that says
-- so, and the cadre can enter the dated values on top (see docs/data-model.md).
INSERT INTO local_policy_values
    (id, parameter, value, valid_from, doc, reason, recorded_at, operator, updated_at)
SELECT 'upgrade-0003-' || p.name,
       p.name,
       json_extract(s.value, '$.' || p.name),
       '2014-01-01',
       NULL,
       '升级前的本地参数（未注明起始日期）',
       s.updated_at,
       COALESCE((SELECT value FROM settings WHERE key = 'operator'), '未设置'),
       s.updated_at
FROM settings s,
     (SELECT 'dibao_line' AS name, 1 AS ord UNION ALL
      SELECT 'monitoring_line', 2 UNION ALL
      SELECT 'provincial_standard', 3 UNION ALL
      SELECT 'serious_illness_insurance_required', 4 UNION ALL
      SELECT 'family_doctor_required', 5 UNION ALL
      SELECT 'pension_counts_as_income', 6 UNION ALL
      SELECT 'use_cost_ratios', 7 UNION ALL
      SELECT 'school_age_min', 8 UNION ALL
      SELECT 'school_age_max', 9) p
WHERE s.key = 'local_policy'
  AND json_valid(s.value)
  AND json_type(s.value, '$.' || p.name) IN ('integer', 'real', 'true', 'false')
ORDER BY p.ord;

INSERT INTO audit (at, operator, table_name, record_id, household_id, action, field, old_value, new_value, reason)
SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), operator, 'local_policy_values', id, NULL, 'insert',
       parameter, NULL, printf('%g', value) || '（' || valid_from || '起）', reason
FROM local_policy_values
ORDER BY rowid;

-- The moved values leave the setting (its old text stays in the audit row).
INSERT INTO audit (at, operator, table_name, record_id, household_id, action, field, old_value, new_value, reason)
SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),
       COALESCE((SELECT value FROM settings WHERE key = 'operator'), '未设置'),
       'settings', key, NULL, 'update', key, value,
       json_remove(value, '$.dibao_line', '$.monitoring_line', '$.provincial_standard',
                   '$.serious_illness_insurance_required', '$.family_doctor_required',
                   '$.pension_counts_as_income', '$.use_cost_ratios',
                   '$.school_age_min', '$.school_age_max'),
       '升级：本地参数改为按日期生效，移至本地政策参数表'
FROM settings
WHERE key = 'local_policy' AND json_valid(value)
  AND value <> json_remove(value, '$.dibao_line', '$.monitoring_line', '$.provincial_standard',
                           '$.serious_illness_insurance_required', '$.family_doctor_required',
                           '$.pension_counts_as_income', '$.use_cost_ratios',
                           '$.school_age_min', '$.school_age_max');

UPDATE settings
SET value = json_remove(value, '$.dibao_line', '$.monitoring_line', '$.provincial_standard',
                        '$.serious_illness_insurance_required', '$.family_doctor_required',
                        '$.pension_counts_as_income', '$.use_cost_ratios',
                        '$.school_age_min', '$.school_age_max'),
    revision = revision + 1,
    updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
WHERE key = 'local_policy' AND json_valid(value)
  AND value <> json_remove(value, '$.dibao_line', '$.monitoring_line', '$.provincial_standard',
                           '$.serious_illness_insurance_required', '$.family_doctor_required',
                           '$.pension_counts_as_income', '$.use_cost_ratios',
                           '$.school_age_min', '$.school_age_max');
