import { describe, expect, it } from 'vitest';
import { parsePeriod, periodContaining, periodsBetween } from './periods.ts';

describe('parsePeriod', () => {
  it('reads weeks, quarters, years and ranges as first and last days', () => {
    expect(parsePeriod('2025-W06')).toEqual({ kind: 'week', id: '2025-W06', start: '2025-02-03', end: '2025-02-09' });
    expect(parsePeriod('2025-Q1')).toEqual({ kind: 'quarter', id: '2025-Q1', start: '2025-01-01', end: '2025-03-31' });
    expect(parsePeriod('2025')).toEqual({ kind: 'year', id: '2025', start: '2025-01-01', end: '2025-12-31' });
    expect(parsePeriod('2025-01-01..2025-03-31')).toEqual({ kind: 'range', id: '2025-01-01..2025-03-31', start: '2025-01-01', end: '2025-03-31' });
  });

  it('follows a fiscal year start: the year is named by the calendar year it starts in', () => {
    expect(parsePeriod('2025-Q1', '04-01')).toMatchObject({ start: '2025-04-01', end: '2025-06-30' });
    expect(parsePeriod('2025-Q4', '04-01')).toMatchObject({ start: '2026-01-01', end: '2026-03-31' });
    expect(parsePeriod('2025', '04-01')).toMatchObject({ start: '2025-04-01', end: '2026-03-31' });
  });

  it('returns null for what names no period', () => {
    for (const text of ['2025-W54', '2025-Q5', '25', '2025-02-30..2025-03-01', '2025-03-01..2025-02-01', 'last week', '']) {
      expect(parsePeriod(text), text).toBeNull();
    }
  });
});

describe('periodContaining and periodsBetween', () => {
  it('finds the week, quarter and year of a date', () => {
    expect(periodContaining('week', '2025-01-01').id).toBe('2025-W01');
    expect(periodContaining('week', '2024-12-30').id).toBe('2025-W01'); // ISO: Monday of 2025's first week
    expect(periodContaining('quarter', '2025-02-15').id).toBe('2025-Q1');
    expect(periodContaining('quarter', '2025-02-15', '04-01').id).toBe('2024-Q4');
    expect(periodContaining('year', '2025-02-15', '04-01').id).toBe('2024');
    expect(periodContaining('range', '2025-02-15')).toMatchObject({ start: '2025-02-15', end: '2025-02-15' });
  });

  it('lists every period from the first date to the last', () => {
    expect(periodsBetween('week', '2025-02-05', '2025-02-17').map((p) => p.id)).toEqual(['2025-W06', '2025-W07', '2025-W08']);
    expect(periodsBetween('quarter', '2024-12-31', '2025-04-01').map((p) => p.id)).toEqual(['2024-Q4', '2025-Q1', '2025-Q2']);
    expect(periodsBetween('year', '2025-03-01', '2025-03-01').map((p) => p.id)).toEqual(['2025']);
  });
});
