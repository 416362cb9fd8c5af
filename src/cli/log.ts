import { join } from 'node:path';
import { isCalendarDate } from '../ingest/dates.ts';
import { UsageError, type Command } from './command.ts';
import { DAILY_HEADINGS, insertBullet, type LogSection } from './edit.ts';
import { encodeLossless, OutsideJournalError, readTextLossless, replaceFile, resolveInJournal, withFileLock, writeNewFile } from '../files.ts';
import { localDate } from './output.ts';
import { renderTemplate } from './templates.ts';

/** The date given with --date, checked, or today. */
export function resolveDateOption(value: unknown, now: Date): string {
  if (value === undefined) return localDate(now);
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || !isCalendarDate(value)) {
    throw new UsageError(`--date ${String(value)} is not a date YYYY-MM-DD`);
  }
  return value;
}

/** Where a day's log lives: daily/YYYY/YYYY-MM-DD.md. */
export function dailyPath(date: string): string {
  return `daily/${date.slice(0, 4)}/${date}.md`;
}

export const log: Command = {
  name: 'log',
  help: `Usage: turbowork log "TEXT" [--section wins|blockers|learnings|goals] [--date YYYY-MM-DD]

Adds "- TEXT" at the end of the section (default: wins) of the day's log, creating the file from the
daily template, or the section, when missing. Nothing else in the file changes, and the write is atomic.

Example:
  turbowork log "Cut p95 latency from 850ms to 120ms #perf [[2025-Q1/reliability#latency]]"
`,
  options: { section: { type: 'string', default: 'wins' }, date: { type: 'string' } },
  async run(values, positionals, { io, journalDir }) {
    const text = positionals.join(' ').trim();
    if (!text) throw new UsageError('log needs the text to add, e.g. turbowork log "Shipped the billing migration"');
    const section = values.section as string;
    if (!Object.hasOwn(DAILY_HEADINGS, section)) throw new UsageError(`--section must be one of ${Object.keys(DAILY_HEADINGS).join(', ')}`);
    const date = resolveDateOption(values.date, io.now());
    const relative = dailyPath(date);
    const path = await resolveInJournal(journalDir, relative).catch((error: unknown) => {
      throw error instanceof OutsideJournalError ? new UsageError(error.message, { cause: error }) : error;
    });
    await withFileLock(path, async () => {
      // Read and written back byte for byte: only the bullet is added (invalid UTF-8 elsewhere stays).
      const existing = await readTextLossless(path);
      const base = existing ?? (await renderTemplate(journalDir, 'daily', { date }));
      const updated = insertBullet(base, section as LogSection, text);
      if (existing === null) await writeNewFile(path, updated);
      else await replaceFile(path, encodeLossless(updated));
    });
    io.stdout.write(`${join(journalDir, relative)}\n`);
    return 0;
  },
};
