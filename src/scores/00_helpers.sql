-- Scalar helpers every score uses. They guard arithmetic so no score is ever NaN or Infinity:
-- DuckDB returns Infinity for 1.0/0 and NaN for 0.0/0, so every division goes through safe_div.

-- a / b as a DOUBLE; null when b is 0 or null (e.g. a rate over no days).
CREATE OR REPLACE MACRO safe_div(a, b) AS
  CASE WHEN b IS NULL OR b = 0 THEN NULL ELSE a::DOUBLE / b END;

-- x limited to lo…hi; null stays null (DuckDB's least/greatest skip nulls, so they need this guard).
CREATE OR REPLACE MACRO clamp(x, lo, hi) AS
  CASE WHEN x IS NULL THEN NULL ELSE least(greatest(x, lo), hi) END;

-- x when it is a finite number, else null (corr() is NaN for a constant series).
CREATE OR REPLACE MACRO finite_or_null(x) AS
  CASE WHEN isfinite(x) THEN x END;

-- The ISO week of a date, e.g. "2025-W06" for 2025-02-07.
CREATE OR REPLACE MACRO iso_week(d) AS strftime(d, '%G-W%V');

-- The Monday of a date's ISO week.
CREATE OR REPLACE MACRO iso_week_start(d) AS (d - (isodow(d) - 1)::INTEGER)::DATE;

-- "Monday" … "Sunday" for an ISO weekday 1 … 7.
CREATE OR REPLACE MACRO weekday_name(dow) AS ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'][dow];

-- Whether a date is one of the journal's configured work days (settings.work_isodows).
CREATE OR REPLACE MACRO is_work_day(d, work_isodows) AS list_contains(work_isodows, isodow(d));

-- Days a 1:1 cadence stands for: weekly 7, biweekly 14, monthly 30.
CREATE OR REPLACE MACRO cadence_days(cadence) AS
  CASE cadence WHEN 'weekly' THEN 7 WHEN 'biweekly' THEN 14 WHEN 'monthly' THEN 30 END;

-- Severity of a key-result or objective status, for "worst of": higher is worse.
CREATE OR REPLACE MACRO status_rank(status) AS
  CASE status WHEN 'achieved' THEN 0 WHEN 'on_track' THEN 1 WHEN 'at_risk' THEN 2 WHEN 'off_track' THEN 3 ELSE 4 END;

-- (x − lo) / (hi − lo), the share of the way from lo to hi, computed on the decimals users write
-- (DECIMAL(38,10)) so that (99.91 − 99.87) / (99.95 − 99.87) is exactly 0.5, as by hand, rather
-- than binary doubles' 0.49999999999989; numbers of 10^20 or more fall back to doubles.
CREATE OR REPLACE MACRO share_of_way(x, lo, hi) AS
  CASE WHEN greatest(abs(x), abs(lo), abs(hi)) < 1e20
    THEN safe_div(x::DECIMAL(38, 10) - lo::DECIMAL(38, 10), hi::DECIMAL(38, 10) - lo::DECIMAL(38, 10))
    ELSE safe_div(x - lo, hi - lo)
  END;
