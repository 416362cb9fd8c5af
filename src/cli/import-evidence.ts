/** The evidence sources of `import`: git repositories and iCalendar files. */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { addDays } from '../ingest/dates.ts';
import { JournalNotFoundError } from '../files.ts';
import { readConfig } from '../ingest/read.ts';
import { isCalendarDate } from '../ingest/dates.ts';
import { RepositoryError } from '../evidence/git.ts';
import { CalendarError } from '../evidence/ics.ts';
import { importCalendar, importCommits } from '../evidence/import.ts';
import { UsageError, type Context, type ImportSource } from './command.ts';
import { localDate } from './output.ts';

async function requireJournal(journalDir: string) {
  const isDir = await stat(journalDir).then((s) => s.isDirectory(), () => false);
  if (!isDir) throw new JournalNotFoundError(`No journal folder at ${journalDir}`);
  return readConfig(journalDir);
}

function dateOption(values: Record<string, unknown>, name: string): string | null {
  const value = values[name];
  if (value === undefined) return null;
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || !isCalendarDate(value)) throw new UsageError(`--${name} ${String(value)} is not a date YYYY-MM-DD`);
  return value;
}

const git: ImportSource = {
  usage: 'import git [REPO…] [--author EMAIL…] [--since YYYY-MM-DD]',
  async run(values, repos, { io, journalDir, cacheDir }: Context) {
    const { config } = await requireJournal(journalDir);
    const dirs = repos.length > 0 ? repos : config.evidence.repos.map((r) => resolve(journalDir, r));
    if (dirs.length === 0) throw new UsageError('import git needs a repository: name one, or list them under evidence.repos in journal.yml');
    const authors = (values.author as string[] | undefined) ?? config.evidence.authors;
    const since = dateOption(values, 'since') ?? config.evidence.since ?? null;
    let status = 0;
    for (const dir of dirs) {
      try {
        const result = await importCommits(journalDir, dir, { authors, since }, cacheDir);
        if (result.authors.length === 0) io.stderr.write(`note: ${dir} has no user.email; every author's commits were read (pass --author EMAIL)\n`);
        io.stdout.write(`${result.repository}: ${result.added} new ${result.added === 1 ? 'commit' : 'commits'} (${result.known} already imported) → ${journalDir}/${result.path}\n`);
      } catch (error) {
        if (!(error instanceof RepositoryError)) throw error;
        io.stderr.write(`turbowork import git: ${error.message}; skipped\n`);
        status = 1;
      }
    }
    return status;
  },
};

const ics: ImportSource = {
  usage: 'import ics FILE [--since YYYY-MM-DD] [--until YYYY-MM-DD]',
  async run(values, files, { io, journalDir }: Context) {
    if (files.length !== 1) throw new UsageError('import ics needs one .ics file');
    const { config } = await requireJournal(journalDir);
    const timeZone = config.evidence.time_zone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
    const until = dateOption(values, 'until') ?? addDays(localDate(io.now()), 1);
    try {
      const result = await importCalendar(journalDir, files[0], { since: dateOption(values, 'since'), until, timeZone });
      for (const problem of result.problems) io.stderr.write(`${files[0]}: warning: ${problem.message}\n`);
      io.stdout.write(`${result.calendar}: ${result.events} ${result.events === 1 ? 'event' : 'events'} (days in ${timeZone}) → ${journalDir}/${result.path}\n`);
      return 0;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (error instanceof CalendarError) io.stderr.write(`turbowork import ics: ${files[0]} is ${error.message}\n`);
      else if (code === 'ENOENT' || code === 'EISDIR') io.stderr.write(`turbowork import ics: cannot read ${files[0]}\n`);
      else throw error;
      return 1;
    }
  },
};

export const EVIDENCE_SOURCES: Record<string, ImportSource> = { git, ics };
