-- 0012: the monitoring procedure's steps, each dated (docs/design/0012-monitoring-procedure.md):
-- a JSON list of {stage, step, date, until, people, note} per monitoring record, NULL when
-- none is recorded (the rows already stored).
ALTER TABLE monitoring ADD COLUMN procedure TEXT;
