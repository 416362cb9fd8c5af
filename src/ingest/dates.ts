/**
 * Calendar arithmetic on local dates written "YYYY-MM-DD". Dates are handled as UTC midnights so no
 * host time zone can shift a day.
 */

const DAY_MS = 86_400_000;

/** Date.UTC without its mapping of years 0–99 to 1900–1999 (a journal may hold year 0042). */
export function utcMs(year: number, monthIndex: number, day: number): number {
  return new Date(0).setUTCFullYear(year, monthIndex, day);
}

/** Days since 1970-01-01 for "YYYY-MM-DD" (DuckDB's DATE representation). */
export function toEpochDay(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return utcMs(y, m - 1, d) / DAY_MS;
}

/** "YYYY-MM-DD" for a day count since 1970-01-01. */
export function fromEpochDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromEpochDay(toEpochDay(date) + days);
}

/** The ISO week of a date, e.g. "2025-W06" for 2025-02-07. */
export function isoWeek(date: string): string {
  const day = toEpochDay(date);
  const weekday = (new Date(day * DAY_MS).getUTCDay() + 6) % 7; // Monday = 0
  const thursday = day - weekday + 3;
  const year = new Date(thursday * DAY_MS).getUTCFullYear();
  const week = Math.floor((thursday - toEpochDay(`${year}-01-01`)) / 7) + 1;
  return `${String(year).padStart(4, '0')}-W${String(week).padStart(2, '0')}`;
}

/** The Monday of an ISO week "YYYY-Www", or null when the year has no such week. */
export function isoWeekStart(week: string): string | null {
  const match = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!match) return null;
  const [year, n] = [Number(match[1]), Number(match[2])];
  const jan4 = toEpochDay(`${year}-01-04`);
  const monday = jan4 - ((new Date(jan4 * DAY_MS).getUTCDay() + 6) % 7) + (n - 1) * 7;
  return n >= 1 && isoWeek(fromEpochDay(monday)) === week ? fromEpochDay(monday) : null;
}

/**
 * First and last day of quarter "YYYY-Qn" for a fiscal year starting on `yearStart` ("MM-DD").
 * A fiscal year is named by the calendar year it starts in: with year_start "04-01", 2025-Q1 is
 * 2025-04-01 … 2025-06-30.
 */
export function quarterRange(quarter: string, yearStart = '01-01'): Readonly<{ start: string; end: string }> | null {
  const key = `${quarter} ${yearStart}`;
  let range = quarterRanges.get(key);
  if (range === undefined) {
    const match = /^(\d{4})-Q([1-4])$/.exec(quarter);
    if (!match) return null;
    // Both ends count from the fiscal year's first day, so a late start day ("01-31") leaves no gaps.
    const fiscalStart = `${match[1]}-${yearStart}`;
    const n = Number(match[2]);
    range = Object.freeze({ start: addMonths(fiscalStart, (n - 1) * 3), end: addDays(addMonths(fiscalStart, n * 3), -1) });
    quarterRanges.set(key, range);
  }
  return range;
}

/** quarterRange's answers, by quarter and year start: quarterOf asks for up to eight ranges a date, thousands of dates a build. */
const quarterRanges = new Map<string, Readonly<{ start: string; end: string }>>();

/** The fiscal quarter "YYYY-Qn" containing a date. */
export function quarterOf(date: string, yearStart = '01-01'): string {
  const [y] = date.split('-').map(Number);
  for (const year of [y, y - 1].map((n) => String(n).padStart(4, '0'))) {
    for (let q = 4; q >= 1; q--) {
      const range = quarterRange(`${year}-Q${q}`, yearStart)!;
      if (range.start <= date && date <= range.end) return `${year}-Q${q}`;
    }
  }
  throw new TypeError(`no quarter contains ${date}`);
}

function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(utcMs(y, m - 1 + months, 1));
  const lastDay = new Date(utcMs(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

/** The local calendar date of a moment, "YYYY-MM-DD" (the host's zone: "today" is the user's). */
export function localDate(moment: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${moment.getFullYear()}-${pad(moment.getMonth() + 1)}-${pad(moment.getDate())}`;
}

/** True when "YYYY-MM-DD" names a day that exists, e.g. not 2025-02-30. */
export function isCalendarDate(text: string): boolean {
  const [y, m, d] = text.split('-').map(Number);
  const date = new Date(utcMs(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
