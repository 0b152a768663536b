-- 0013: members' spells of work and public-welfare posts, each with its months
-- (docs/design/0013-work-spells.md): JSON lists, NULL when none is recorded.
ALTER TABLE members ADD COLUMN work_spells TEXT;
ALTER TABLE members ADD COLUMN welfare_posts TEXT;
