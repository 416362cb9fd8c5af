/**
 * When each entry was written, from the journal's own git history (simple-git, read only): the
 * author dates of the first and last commits that touched each file, followed through renames. One
 * `git log` over the journal folder reads it all; a journal outside git has no history.
 */
import { addDays, toEpochDay } from '../ingest/dates.ts';
import { openRepository } from './git.ts';

/** An entry file's first and last commit days, "YYYY-MM-DD" (author dates, in the author's zone). */
export interface Written {
  first: string;
  last: string;
}

/** Every committed entry's history, by path relative to the journal. */
export type EntryHistory = Map<string, Written>;

/** A win added this many days or more after its date is marked "added later". */
export const ADDED_LATER_DAYS = 8;

/**
 * The journal's history, not yet read: `key` names the history it would read (the journal's place
 * in its repository and the commit HEAD names), so a cache holding the history read under the same
 * key is current. A shallow clone, which can gain older commits under the same HEAD, has no key.
 */
export interface HistorySource {
  key: string | null;
  /** One `git log` over the journal folder, parsed; null when the folder is not in a git repository. */
  read(): Promise<EntryHistory | null>;
}

/** Finds the journal's repository and its HEAD (one `git rev-parse`), without reading the history. */
export async function openEntryHistory(journalDir: string): Promise<HistorySource> {
  let repository;
  try {
    repository = await openRepository(journalDir);
  } catch {
    return { key: 'outside git', read: async () => null };
  }
  const { git, prefix, head, shallow } = repository;
  const key = shallow ? null : JSON.stringify([prefix, head]);
  if (head === null) return { key, read: async () => new Map() };
  // -z keeps paths as written (no quoting of spaces or accents); --relative keeps to the journal folder, with paths relative to it.
  return { key, read: async () => parseHistory(await git.raw(['log', '--format=%x1e%as', '-z', '--name-status', '-M', '--relative', '--no-color', head, '--', '.'])) };
}

/** Reads the history of every file under `journalDir`; null when the folder is not in a git repository. */
export async function readEntryHistory(journalDir: string): Promise<EntryHistory | null> {
  return (await openEntryHistory(journalDir)).read();
}

/**
 * Parses `git log --format=%x1e%as -z --name-status -M`, newest commit first. A rename is followed
 * back: the older path's commits count for the file's current path.
 */
export function parseHistory(out: string): EntryHistory {
  const history: EntryHistory = new Map();
  const currentName = new Map<string, string>(); // an older path → the path the file has now
  for (const chunk of out.split('\x1e')) {
    if (!chunk) continue;
    const tokens = chunk.split('\0');
    const date = tokens[0];
    for (let i = 1; i < tokens.length; i++) {
      const status = tokens[i].trim();
      if (!status) continue;
      const renamed = status[0] === 'R';
      const copied = status[0] === 'C';
      const from = tokens[++i];
      const to = renamed || copied ? tokens[++i] : from;
      if (to === undefined) break;
      const path = currentName.get(to) ?? to;
      const seen = history.get(path);
      history.set(path, { first: date, last: seen?.last ?? date });
      if (renamed) currentName.set(from, path);
    }
  }
  return history;
}

/** The day the journal's git history starts: its oldest commit touching an entry. */
export function historyStart(history: EntryHistory): string | null {
  let start: string | null = null;
  for (const { first } of history.values()) if (start === null || first < start) start = first;
  return start;
}

/**
 * The day an entry dated `date` was first committed when that was ADDED_LATER_DAYS or more later,
 * else null: entries written on time, uncommitted, or dated before the history starts get no mark.
 */
export function addedLater(date: string, written: Written | undefined, start: string | null): string | null {
  if (!written || start === null || date < start) return null;
  return written.first >= addDays(date, ADDED_LATER_DAYS) ? written.first : null;
}

/** Days between an entry's date and its first commit; null without history. */
export function writingDelay(date: string, written: Written | undefined, start: string | null): number | null {
  if (!written || start === null || date < start) return null;
  return toEpochDay(written.first) - toEpochDay(date);
}
