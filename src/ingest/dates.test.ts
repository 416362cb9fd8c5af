import { describe, expect, it } from 'vitest';
import { isCalendarDate, isoWeek, isoWeekStart, quarterOf, quarterRange } from './dates.ts';

describe('ISO weeks', () => {
  it.each([
    ['2025-02-07', '2025-W06'],
    ['2024-12-30', '2025-W01'],
    ['2021-01-03', '2020-W53'],
    ['2026-11-22', '2026-W47'],
  ])('%s is in %s', (date, week) => expect(isoWeek(date)).toBe(week));

  it('finds the Monday of a week and rejects weeks a year lacks', () => {
    expect(isoWeekStart('2025-W06')).toBe('2025-02-03');
    expect(isoWeekStart('2020-W53')).toBe('2020-12-28');
    expect(isoWeekStart('2025-W53')).toBeNull();
  });
});

describe('quarters', () => {
  it('follow the calendar by default', () => {
    expect(quarterRange('2025-Q1')).toEqual({ start: '2025-01-01', end: '2025-03-31' });
    expect(quarterOf('2025-11-22')).toBe('2025-Q4');
  });
  it('follow a fiscal year start, named by the year it starts in', () => {
    expect(quarterRange('2025-Q1', '04-01')).toEqual({ start: '2025-04-01', end: '2025-06-30' });
    expect(quarterRange('2025-Q4', '04-01')).toEqual({ start: '2026-01-01', end: '2026-03-31' });
    expect(quarterOf('2026-02-10', '04-01')).toBe('2025-Q4');
  });
  it('leave no day out when the fiscal year starts late in a month', () => {
    expect(quarterRange('2025-Q2', '01-31')).toEqual({ start: '2025-04-30', end: '2025-07-30' });
    expect(quarterRange('2025-Q3', '01-31')).toEqual({ start: '2025-07-31', end: '2025-10-30' });
    for (let day = 0; day < 366; day++) expect(() => quarterOf(new Date(Date.UTC(2025, 0, 31 + day)).toISOString().slice(0, 10), '01-31')).not.toThrow();
  });
});

describe('years 0001–0099', () => {
  it('are years of their own, not 1901–1999', () => {
    expect(isoWeek('0042-03-01')).toBe('0042-W09');
    expect(isoWeekStart('0042-W09')).toBe('0042-02-24'); // as Python's date.fromisocalendar(42, 9, 1)
    expect(quarterRange('0050-Q4')).toEqual({ start: '0050-10-01', end: '0050-12-31' });
    expect(quarterOf('0001-01-01')).toBe('0001-Q1');
    expect(isCalendarDate('0099-02-28')).toBe(true);
    expect(isCalendarDate('0096-02-29')).toBe(true); // 96 is a leap year
    expect(isCalendarDate('0099-02-29')).toBe(false);
  });
});
