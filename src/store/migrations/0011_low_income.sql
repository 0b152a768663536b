-- 0011: the 农村低收入人口 category 民政 recorded for a household that its members do not
-- show (`dibao_edge` 低保边缘家庭, `rigid_expense` 刚性支出困难家庭); NULL = none recorded.
ALTER TABLE households ADD COLUMN low_income TEXT;
