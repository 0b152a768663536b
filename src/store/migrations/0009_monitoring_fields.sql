-- 0009: the fields the county checks on the monitoring system's exports need
-- (docs/design/0009-monitoring-fields.md): per member its phone, document kind (居民身份证 /
-- 残疾人证), employee medical and pension insurance, 医疗救助 and the reason a school-age
-- child is out of school; per household the 整户无劳动能力兜底保障 flag; per monitoring
-- record 风险消除方式, 因自然灾害子项 and a risk note; per measure its sub-kind. Columns only
-- added, all NULL (= not recorded) for the rows already stored.
ALTER TABLE members ADD COLUMN phone TEXT;
ALTER TABLE members ADD COLUMN document TEXT;
ALTER TABLE members ADD COLUMN employee_medical_insurance INTEGER;
ALTER TABLE members ADD COLUMN employee_pension_insurance INTEGER;
ALTER TABLE members ADD COLUMN medical_assistance INTEGER;
ALTER TABLE members ADD COLUMN out_of_school_reason TEXT;
ALTER TABLE households ADD COLUMN no_labor_guarantee INTEGER;
ALTER TABLE monitoring ADD COLUMN elimination_mode TEXT;
ALTER TABLE monitoring ADD COLUMN disaster TEXT;
ALTER TABLE monitoring ADD COLUMN risk_note TEXT;
ALTER TABLE measures ADD COLUMN item TEXT;
