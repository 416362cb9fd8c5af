/**
 * Calendar events from an iCalendar (.ics) export, through ical.js: recurring events are expanded
 * (RRULE, RDATE, EXDATE), moved or cancelled occurrences (RECURRENCE-ID overrides) replace the
 * ones they override, and times are read in the file's own VTIMEZONE definitions, then dated in the
 * person's time zone.
 */
import ICAL from 'ical.js';
import { z } from 'zod';

/** One occurrence of an event as stored in evidence/calendar/<calendar>.jsonl. */
export const CalendarEventRecord = z.object({
  /** The .ics file's name without extension, e.g. "work". */
  calendar: z.string(),
  uid: z.string(),
  /** The local day the occurrence starts on, "YYYY-MM-DD". */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** Start and end as UTC instants, e.g. "2025-03-10T09:00:00.000Z"; the day itself for all-day events. */
  start: z.string(),
  end: z.string(),
  /** Length in hours; 0 for all-day events, which are not meetings. */
  hours: z.number().min(0),
  all_day: z.boolean(),
  title: z.string(),
  attendee_names: z.array(z.string()),
  attendee_emails: z.array(z.string()),
  /** True when the occurrence comes from a recurring series. */
  recurring: z.boolean(),
});
export type CalendarEventRecord = z.infer<typeof CalendarEventRecord>;

/** What part of the calendar to read. */
export interface CalendarWindow {
  /** First day included, "YYYY-MM-DD" (none: from each event's start). */
  since: string | null;
  /** First day excluded, "YYYY-MM-DD": recurring events without an end are expanded up to it. */
  until: string;
  /** IANA zone the person's days are in, e.g. "Europe/Berlin". */
  timeZone: string;
}

/** A problem in the file that costs some events but not the rest. */
export interface CalendarProblem {
  line: number | null;
  message: string;
}

/** The .ics file cannot be read as iCalendar at all. */
export class CalendarError extends Error {}

/** Occurrences of one recurring event beyond this are not expanded (a daily event over decades). */
export const MAX_OCCURRENCES = 5000;

/** Parses an .ics text into event occurrences within the window. */
export function parseIcs(text: string, calendar: string, window: CalendarWindow): { events: CalendarEventRecord[]; problems: CalendarProblem[] } {
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(text) as unknown[]);
  } catch (error) {
    throw new CalendarError(`not an iCalendar file: ${(error as Error).message}`, { cause: error });
  }
  if (root.name !== 'vcalendar') throw new CalendarError(`expected BEGIN:VCALENDAR, found BEGIN:${root.name.toUpperCase()}`);
  for (const zone of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);

  const problems: CalendarProblem[] = [];
  const masters = new Map<string, ICAL.Event>();
  const overrides: ICAL.Event[] = [];
  for (const component of root.getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(component);
    if (!event.uid || !component.hasProperty('dtstart')) {
      problems.push({ line: null, message: `an event without ${event.uid ? 'DTSTART' : 'UID'} was skipped ("${event.summary ?? ''}")` });
      continue;
    }
    if (event.isRecurrenceException()) overrides.push(event);
    else masters.set(event.uid, event);
  }
  for (const override of overrides) {
    const master = masters.get(override.uid);
    if (master) master.relateException(override);
    else masters.set(`${override.uid}/${override.recurrenceId.toString()}`, override); // an override without its series stands alone
  }

  const toDate = localDater(window.timeZone);
  const events: CalendarEventRecord[] = [];
  const take = (item: ICAL.Event, start: ICAL.Time, end: ICAL.Time, recurring: boolean) => {
    if (cancelled(item)) return;
    const record = occurrence(item, start, end, recurring, calendar, toDate);
    if ((window.since === null || record.date >= window.since) && record.date < window.until) events.push(record);
  };
  for (const [key, event] of masters) {
    if (!event.isRecurring()) {
      take(event, event.startDate, event.endDate ?? event.startDate, false);
      continue;
    }
    const iterator = event.iterator();
    let n = 0;
    for (let next = iterator.next(); next; next = iterator.next()) {
      if (++n > MAX_OCCURRENCES) {
        problems.push({ line: null, message: `"${event.summary ?? key}" repeats more than ${MAX_OCCURRENCES} times before ${window.until}; later occurrences were skipped` });
        break;
      }
      const details = event.getOccurrenceDetails(next);
      if (toDate(details.startDate) >= window.until && toDate(next) >= window.until) break;
      take(details.item, details.startDate, details.endDate, true);
    }
  }
  events.sort((a, b) => a.start.localeCompare(b.start) || a.uid.localeCompare(b.uid));
  return { events, problems };
}

function cancelled(event: ICAL.Event): boolean {
  return String(event.component.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED';
}

function occurrence(item: ICAL.Event, start: ICAL.Time, end: ICAL.Time, recurring: boolean, calendar: string, toDate: (t: ICAL.Time) => string): CalendarEventRecord {
  const attendees = item.attendees.map((a) => ({
    name: String(a.getParameter('cn') ?? '').trim(),
    email: String(a.getFirstValue() ?? '').replace(/^mailto:/i, '').trim().toLowerCase(),
  }));
  const allDay = start.isDate;
  return {
    calendar,
    uid: item.uid,
    date: toDate(start),
    start: allDay ? start.toString() : start.toJSDate().toISOString(),
    end: allDay ? end.toString() : end.toJSDate().toISOString(),
    hours: allDay ? 0 : Math.max(0, (end.toJSDate().getTime() - start.toJSDate().getTime()) / 3_600_000),
    all_day: allDay,
    title: (item.summary ?? '').trim(),
    attendee_names: attendees.map((a) => a.name).filter(Boolean),
    attendee_emails: attendees.map((a) => a.email).filter(Boolean),
    recurring,
  };
}

/** The local day of a time in `timeZone`; an all-day date is its own day. */
function localDater(timeZone: string): (t: ICAL.Time) => string {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  return (t) => (t.isDate ? t.toString() : format.format(t.toJSDate()));
}
