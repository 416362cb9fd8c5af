import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CalendarError, MAX_OCCURRENCES, parseIcs } from './ics.ts';

const WORK = readFileSync(new URL('../../test/fixtures/calendars/work.ics', import.meta.url), 'utf8');
const window = { since: null, until: '2025-05-01', timeZone: 'Europe/Berlin' };

describe('parseIcs', () => {
  const { events, problems } = parseIcs(WORK, 'work', window);
  const oneOnOnes = events.filter((e) => e.uid.startsWith('7kukuqrfedlm2f9t0vr6mvr1lo'));

  it('expands the weekly 1:1: the moved occurrence on its new day, the cancelled and the EXDATE one gone', () => {
    expect(problems).toEqual([]);
    expect(oneOnOnes.map((e) => e.date)).toEqual(['2025-03-03', '2025-03-10', '2025-03-17', '2025-03-25', '2025-03-31', '2025-04-14', '2025-04-28']);
    expect(oneOnOnes.every((e) => e.recurring && e.hours === 0.5 && !e.all_day)).toBe(true);
    const moved = oneOnOnes.find((e) => e.date === '2025-03-25')!;
    expect(moved).toMatchObject({ title: 'Alex / Priya (moved)', start: '2025-03-25T13:00:00.000Z', end: '2025-03-25T13:30:00.000Z' });
  });

  it('keeps 10:00 Berlin time across the change to summer time (09:00 UTC before, 08:00 UTC after)', () => {
    const starts = Object.fromEntries(oneOnOnes.map((e) => [e.date, e.start.slice(11, 16)]));
    expect(starts).toMatchObject({ '2025-03-17': '09:00', '2025-03-31': '08:00', '2025-04-28': '08:00' });
  });

  it('reads attendees (folded lines, CN and mailto, email lower-cased) and other zones and all-day events', () => {
    expect(oneOnOnes[0]).toMatchObject({ attendee_names: ['Alex Doe', 'Priya Raman'], attendee_emails: ['alex@example.com', 'priya.raman@example.com'] });
    // 17:00 in New York (EDT since March 9) is 21:00 UTC, 22:00 in Berlin: still the 12th.
    expect(events.find((e) => e.uid === 'nyc-sync@example.com')).toMatchObject({ date: '2025-03-12', start: '2025-03-12T21:00:00.000Z', hours: 1 });
    // 23:30 UTC is 00:30 on the 14th in Berlin.
    expect(events.find((e) => e.uid === 'incident@example.com')).toMatchObject({ date: '2025-03-14', hours: 1 });
    expect(events.find((e) => e.uid === 'offsite@example.com')).toMatchObject({ date: '2025-03-20', start: '2025-03-20', end: '2025-03-22', all_day: true, hours: 0 });
  });

  it('dates events in the person’s own zone', () => {
    const la = parseIcs(WORK, 'work', { ...window, timeZone: 'America/Los_Angeles' }).events;
    expect(la.find((e) => e.uid === 'incident@example.com')!.date).toBe('2025-03-13');
  });

  it('keeps to the window: since and until', () => {
    const some = parseIcs(WORK, 'work', { since: '2025-03-20', until: '2025-04-15', timeZone: 'Europe/Berlin' }).events;
    expect(some.map((e) => e.date)).toEqual(['2025-03-20', '2025-03-25', '2025-03-31', '2025-04-14']);
  });

  it('stops expanding an endless event and says so; never hangs', () => {
    const endless = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', 'UID:x', 'DTSTART:19900101T090000Z', 'DTEND:19900101T091500Z', 'RRULE:FREQ=HOURLY', 'SUMMARY:Ping', 'END:VEVENT', 'END:VCALENDAR'].join('\r\n');
    const { events: pings, problems: said } = parseIcs(endless, 'x', window);
    expect(pings.length).toBe(MAX_OCCURRENCES);
    expect(pings.at(-1)!.date < '1991-01-01').toBe(true);
    expect(said[0].message).toContain(`more than ${MAX_OCCURRENCES} times`);
  });

  it('skips an event without DTSTART and tells; rejects text that is not iCalendar', () => {
    const noStart = ['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'UID:y', 'SUMMARY:When?', 'END:VEVENT', 'END:VCALENDAR'].join('\n');
    expect(parseIcs(noStart, 'x', window)).toEqual({ events: [], problems: [{ line: null, message: 'an event without DTSTART was skipped ("When?")' }] });
    expect(() => parseIcs('hello', 'x', window)).toThrow(CalendarError);
    expect(() => parseIcs('BEGIN:VCARD\nFN:A\nEND:VCARD', 'x', window)).toThrow(/VCALENDAR/);
  });
});
