import { join } from 'node:path';
import { addDays, isCalendarDate, isoWeek } from '../ingest/dates.ts';
import { dateInFileName, kindOf } from '../ingest/entry-file.ts';
import { listJournalFiles, readFiles } from '../ingest/list.ts';
import type { Database } from '../db/duckdb.ts';
import { choiceError, UsageError, type Command } from './command.ts';
import { writeNewFile } from '../files.ts';
import { insertBullet } from './edit.ts';
import { dailyPath, resolveDateOption } from './log.ts';
import { renderTemplate, type TemplateName } from './templates.ts';

const SLUG = /^[a-z0-9][a-z0-9-]*$/;
const humanize = (slug: string) => slug.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());

/** A file `new` wants to create: where, from which template, with which values. */
interface Plan {
  path: string;
  template: TemplateName;
  values: Record<string, string>;
  /** Create only if missing, silently (a 1:1 series' _series.md). */
  optional?: boolean;
  /** Goals carried over from the last daily log, added as unticked task items under Goals. */
  goals?: string[];
}

export const newEntry: Command = {
  name: 'new',
  help: `Usage: turbowork new KIND [NAME] [--date YYYY-MM-DD]

Kinds:
  daily                 daily/YYYY/YYYY-MM-DD.md for the date (default today), with the goals left
                        unticked ("- [ ] …") in the last log before it: the daily file whose name
                        holds the latest earlier date, or a log dated by date: alone if later
  weekly                weekly/YYYY-Www.md for the date's ISO week
  1on1 SERIES           one-on-ones/SERIES/YYYY-MM-DD.md, with the series' agenda template and its
                        open action items (of a series that is not private, only those of meetings
                        that are not); creates one-on-ones/SERIES/_series.md when missing
  okr QUARTER/SLUG      okrs/QUARTER/SLUG.md, e.g. okr 2025-Q2/reliability
  achievement SLUG      achievements/YYYY-MM-DD-SLUG.md
  sprint ID             sprints/ID.md starting on the date, two weeks long

An existing file is never overwritten: new exits 1 and says so. Templates can be overridden with
journal/templates/<daily|weekly|1on1|okr|achievement|sprint>.md.
`,
  options: { date: { type: 'string' } },
  async run(values, positionals, { io, journalDir, cacheDir }) {
    const [kind, name, ...rest] = positionals;
    if (rest.length > 0) throw new UsageError(`unexpected arguments: ${rest.join(' ')}`);
    const date = resolveDateOption(values.date, io.now());
    const plans = await plan(kind, name, date, { journalDir, cacheDir });
    let status = 0;
    for (const { path, template, values: vars, optional, goals = [] } of plans) {
      const content = goals.reduce((text, goal) => insertBullet(text, 'goals', `[ ] ${goal}`), await renderTemplate(journalDir, template, vars));
      if (await writeNewFile(join(journalDir, path), content)) io.stdout.write(`${join(journalDir, path)}\n`);
      else if (!optional) {
        io.stderr.write(`${join(journalDir, path)} already exists; it was left as it is\n`);
        status = 1;
      }
    }
    return status;
  },
};

async function plan(kind: string | undefined, name: string | undefined, date: string, dirs: { journalDir: string; cacheDir: string }): Promise<Plan[]> {
  const needName = (what: string) => {
    if (!name) throw new UsageError(`new ${kind} needs ${what}`);
    return name;
  };
  switch (kind) {
    case 'daily':
      return [{ path: dailyPath(date), template: 'daily', values: { date }, goals: await readOpenGoals(dirs.journalDir, date) }];
    case 'weekly': {
      const week = isoWeek(date);
      return [{ path: `weekly/${week}.md`, template: 'weekly', values: { week } }];
    }
    case 'okr': {
      const id = needName('QUARTER/SLUG, e.g. 2025-Q2/reliability');
      const match = /^(\d{4}-Q[1-4])\/([a-z0-9][a-z0-9-]*)$/.exec(id);
      if (!match) throw new UsageError(`${id} is not QUARTER/SLUG, e.g. 2025-Q2/reliability (slug: lower-case letters, digits, -)`);
      return [{ path: `okrs/${id}.md`, template: 'okr', values: { quarter: match[1], title: JSON.stringify(humanize(match[2])) } }];
    }
    case 'achievement': {
      const slug = needName('a SLUG, e.g. latency-win');
      if (!SLUG.test(slug)) throw new UsageError(`${slug} is not a slug (lower-case letters, digits, -)`);
      return [{ path: `achievements/${date}-${slug}.md`, template: 'achievement', values: { date, title: JSON.stringify(humanize(slug)) } }];
    }
    case 'sprint': {
      const id = needName('an ID, e.g. 2025-S42');
      if (!/^[\w.-]+$/.test(id)) throw new UsageError(`${id} is not a sprint id (letters, digits, _ . -)`);
      return [{ path: `sprints/${id}.md`, template: 'sprint', values: { id: JSON.stringify(id), date, end: addDays(date, 13) } }];
    }
    case '1on1': {
      const series = needName('a SERIES, e.g. sarah-chen');
      if (!SLUG.test(series)) throw new UsageError(`${series} is not a series folder name (lower-case letters, digits, -)`);
      return planMeeting(series, date, dirs);
    }
    default:
      throw choiceError('new', 'kind', kind, ['daily', 'weekly', '1on1', 'okr', 'achievement', 'sprint'], 'daily, weekly, 1on1 SERIES, okr QUARTER/SLUG, achievement SLUG or sprint ID');
  }
}

/**
 * The goals left unticked ("- [ ] …" under Goals) in the last daily log before `date` (the latest
 * date, then the first by path, as in the days table). The daily files are taken by the date in their
 * names, latest first, and the first whose own date is before `date` is parsed; a log whose name holds
 * no date (dated by `date:` alone) is parsed too, as its date is in it. No database opens and no
 * other file is read. A log named after `date` whose `date:` is earlier is not looked at.
 */
export async function readOpenGoals(journalDir: string, date: string): Promise<string[]> {
  const listed = listJournalFiles(journalDir); // the folders are read while the parsers load
  listed.catch(() => undefined); // awaited below; a missing journal meanwhile is not an unhandled rejection
  const [{ readConfig }, { parseFile }] = await Promise.all([import('../ingest/read.ts'), import('../ingest/parse.ts')]);
  const [{ paths }, { config }] = await Promise.all([listed, readConfig(journalDir)]);
  const logs = paths.filter((path) => kindOf(path) === 'daily').map((path) => ({ path, named: dateInFileName(path) }));
  const dayOf = (path: string) => {
    const [file] = readFiles(journalDir, [path]).files;
    const day = file && parseFile(path, file.bytes, config).rows.days?.[0];
    return day?.date && day.date < date ? { path, date: day.date, goals: day.open_goals ?? [] } : undefined;
  };
  const named = logs
    .filter((log): log is { path: string; named: string } => log.named !== undefined && log.named < date && isCalendarDate(log.named))
    .sort((a, b) => (a.named === b.named ? (a.path < b.path ? -1 : 1) : a.named < b.named ? 1 : -1));
  const undated = logs.filter((log) => log.named === undefined || !isCalendarDate(log.named));
  let latestNamed;
  for (const { path } of named) if ((latestNamed = dayOf(path))) break;
  const candidates = [latestNamed, ...undated.map(({ path }) => dayOf(path))].filter((day) => day !== undefined);
  const [last] = candidates.sort((a, b) => (a.date === b.date ? (a.path < b.path ? -1 : 1) : a.date < b.date ? 1 : -1));
  return last?.goals ?? [];
}

/**
 * A 1:1 meeting carries the series' agenda template and the items still open on its date. The new
 * meeting is as private as its series: in a private series it carries every open item; otherwise
 * only those that may be shared (src/db/shareable.sql), so no private meeting's item is copied into
 * a file that will be shared.
 */
async function planMeeting(series: string, date: string, dirs: { journalDir: string; cacheDir: string }): Promise<Plan[]> {
  const [{ openJournal }, { openShareable }] = await Promise.all([import('../journal.ts'), import('../db/shareable.ts')]);
  const journal = await openJournal(dirs);
  let shareable: Database | null = null;
  try {
    const [info] = await journal.db.all<{ agenda_template: string | null; private: boolean | null }>('SELECT agenda_template, private FROM series WHERE id = $series', { series });
    const db = info?.private === true ? journal.db : (shareable = await openShareable(journal.db, journal.config));
    const open = await db.all<{ text: string }>(
      `SELECT text FROM action_item_status($date::DATE) WHERE series = $series AND NOT done ORDER BY opened, line`,
      { series, date },
    );
    const plans: Plan[] = [];
    if (!info) {
      plans.push({ path: `one-on-ones/${series}/_series.md`, template: 'series', values: { with: JSON.stringify(humanize(series)) }, optional: true });
    }
    plans.push({
      path: `one-on-ones/${series}/${date}.md`,
      template: '1on1',
      values: { date, agenda: info?.agenda_template ?? '', action_items: open.map((item) => `\n- [ ] ${item.text}`).join('') },
    });
    return plans;
  } finally {
    shareable?.close();
    journal.db.close();
  }
}
