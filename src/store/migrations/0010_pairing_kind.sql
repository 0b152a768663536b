-- 0010: what a pairing makes the cadre (docs/design/0009-monitoring-fields.md): NULL or
-- `responsible` = 帮扶责任人, `contact` = 帮扶联系人 (常态化帮扶 from 2026). Column only added.
ALTER TABLE pairings ADD COLUMN kind TEXT;
