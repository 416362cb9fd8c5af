/**
 * `import git` and `import ics`: read a source, add what is new to the journal's evidence files.
 * Commits are incremental (only hashes not yet stored are read in detail); a calendar export is a
 * snapshot, so its file is replaced.
 */
import { readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { type CommitQuery, listCommitHashes, openRepository, readCommits, resolveAuthors } from './git.ts';
import { type CalendarProblem, type CalendarWindow, parseIcs } from './ics.ts';
import { readTextOrNull } from '../files.ts';
import { appendEvidence, evidenceFile, writeEvidence } from './store.ts';

/** What importing one repository did. */
export interface CommitImport {
  repository: string;
  /** The evidence file, relative to the journal. */
  path: string;
  authors: string[];
  added: number;
  /** Commits already in the file that the query selected again. */
  known: number;
}

/** Adds the person's new commits of `repoDir` to evidence/commits/<repository>.jsonl. */
export async function importCommits(journalDir: string, repoDir: string, query: CommitQuery): Promise<CommitImport> {
  const { git, name } = await openRepository(repoDir);
  const authors = await resolveAuthors(git, query.authors);
  const path = evidenceFile('commits', name);
  const [hashes, stored] = await Promise.all([listCommitHashes(git, { ...query, authors }), readStoredHashes(journalDir, path)]);
  const fresh = hashes.filter((sha) => !stored.has(sha));
  const records = fresh.length === 0 ? [] : await readCommits(git, name, fresh, { ...query, authors }, fresh.length === hashes.length);
  records.sort((a, b) => Date.parse(a.time) - Date.parse(b.time) || a.sha.localeCompare(b.sha));
  await appendEvidence(journalDir, path, records);
  return { repository: name, path, authors, added: records.length, known: hashes.length - fresh.length };
}

/**
 * The hashes already in a repository's evidence file. Read with a pattern, not by validating every
 * record: this is all a run that finds nothing new does besides listing hashes (a damaged line's
 * commit is read again, and loading counts each hash once).
 */
async function readStoredHashes(journalDir: string, path: string): Promise<Set<string>> {
  const text = (await readTextOrNull(join(journalDir, path))) ?? '';
  return new Set(Array.from(text.matchAll(/"sha":"([0-9a-f]{40,64})"/g), (m) => m[1]));
}

/** What importing one calendar did. */
export interface CalendarImport {
  calendar: string;
  path: string;
  events: number;
  problems: CalendarProblem[];
}

/** Expands the events of an .ics file and writes them to evidence/calendar/<name>.jsonl. */
export async function importCalendar(journalDir: string, icsFile: string, window: CalendarWindow): Promise<CalendarImport> {
  const calendar = basename(icsFile, extname(icsFile));
  const text = await readFile(icsFile, 'utf8');
  const { events, problems } = parseIcs(text, calendar, window);
  const path = evidenceFile('calendar', calendar);
  await writeEvidence(journalDir, path, events);
  return { calendar, path, events: events.length, problems };
}
