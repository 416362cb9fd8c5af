/**
 * Report periods: ISO weeks "2025-W06", fiscal quarters "2025-Q1", fiscal years "2025" and date
 * ranges "2025-01-01..2025-03-31", as first and last days. Quarters and years follow journal.yml's
 * year_start; a fiscal year is named by the calendar year it starts in (dates.ts).
 */
import { z } from 'zod';
import { addDays, isoWeek, isoWeekStart, quarterOf, quarterRange } from '../ingest/dates.ts';
import { isCalendarDate } from '../ingest/dates.ts';

export const PeriodKind = z.enum(['week', 'quarter', 'year', 'range']);
export type PeriodKind = z.infer<typeof PeriodKind>;

/** A period as first and last day, both included. */
export const PeriodSpec = z.object({
  /** week, quarter, year or range. */
  kind: PeriodKind,
  /** e.g. "2025-W06", "2025-Q1", "2025", "2025-01-01..2025-03-31". */
  id: z.string(),
  /** First day, "YYYY-MM-DD". */
  start: z.string(),
  /** Last day, "YYYY-MM-DD". */
  end: z.string(),
});
export type PeriodSpec = z.infer<typeof PeriodSpec>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Reads a period id of any kind, or returns null when it names none. */
export function parsePeriod(text: string, yearStart = '01-01'): PeriodSpec | null {
  const week = isoWeekStart(text);
  if (week) return { kind: 'week', id: text, start: week, end: addDays(week, 6) };
  const quarter = quarterRange(text, yearStart);
  if (quarter) return { kind: 'quarter', id: text, ...quarter };
  if (/^\d{4}$/.test(text)) return { kind: 'year', id: text, start: quarterRange(`${text}-Q1`, yearStart)!.start, end: quarterRange(`${text}-Q4`, yearStart)!.end };
  const [start, end, ...rest] = text.split('..');
  const isDate = (d: string | undefined): d is string => d !== undefined && DATE.test(d) && isCalendarDate(d);
  if (rest.length === 0 && isDate(start) && isDate(end) && start <= end) return { kind: 'range', id: text, start, end };
  return null;
}

/** The period of a kind that contains a date; a range is the single day. */
export function periodContaining(kind: PeriodKind, date: string, yearStart = '01-01'): PeriodSpec {
  const id = periodId(kind, date, yearStart);
  return parsePeriod(id, yearStart)!;
}

function periodId(kind: PeriodKind, date: string, yearStart: string): string {
  switch (kind) {
    case 'week':
      return isoWeek(date);
    case 'quarter':
      return quarterOf(date, yearStart);
    case 'year':
      return quarterOf(date, yearStart).slice(0, 4);
    case 'range':
      return `${date}..${date}`;
  }
}

/** Every period of a kind from the one containing `first` to the one containing `last`, in order. */
export function periodsBetween(kind: Exclude<PeriodKind, 'range'>, first: string, last: string, yearStart = '01-01'): PeriodSpec[] {
  const periods: PeriodSpec[] = [];
  for (let p = periodContaining(kind, first, yearStart); p.start <= last; p = periodContaining(kind, addDays(p.end, 1), yearStart)) {
    periods.push(p);
  }
  return periods;
}
