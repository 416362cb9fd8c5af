-- The weekly scores the weeks rollup (weeks.sql) reads, built once per run after _prepare.sql.

-- Weekly scores as of the run's as-of date: a week's score does not depend on which period shows it.
CREATE OR REPLACE TEMP TABLE report_weeks AS
SELECT * FROM weekly_scores_as_of((SELECT max(report_as_of) FROM report_periods));
