/**
 * `import git` and `import ics`: read a source, add what is new to the journal's evidence files.
 * Commits are incremental (only hashes not yet stored are read in detail, and only the commits HEAD
 * gained since the last import are listed); a calendar export is a snapshot, so its file is replaced.
 */
import { hash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { z } from 'zod';
import { type CommitQuery, type CommitRange, isAncestor, listCommitHashes, openRepository, readCommits, resolveAuthors } from './git.ts';
import { type CalendarProblem, type CalendarWindow, parseIcs } from './ics.ts';
import { readTextOrNull, replaceFile } from '../files.ts';
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

/**
 * Adds the person's new commits of `repoDir` to evidence/commits/<repository>.jsonl. With a cache
 * folder, what this import saw is kept there (ImportState), so that a run whose repository did not
 * move costs one `git rev-parse` and a read of the evidence file.
 */
export async function importCommits(journalDir: string, repoDir: string, query: CommitQuery, cacheDir: string | null = null): Promise<CommitImport> {
  const { git, name, head, shallow } = await openRepository(repoDir);
  const authors = await resolveAuthors(git, query.authors);
  const path = evidenceFile('commits', name);
  if (head === null) return { repository: name, path, authors, added: 0, known: 0 }; // no commit yet
  const statePath = cacheDir === null ? null : join(cacheDir, `import-git-${hash('sha1', `${resolve(journalDir)}\0${path}`).slice(0, 12)}.json`);
  const [text, state] = await Promise.all([readTextOrNull(join(journalDir, path)), readImportState(statePath)]);
  const range: CommitRange = { head, query: { ...query, authors } };
  const before = stateKey(range.query, text ?? '');
  // The last import's HEAD still stands for what is stored when the query and the file are as it left
  // them and HEAD only moved on. A shallow clone can gain older commits under the same HEAD: it keeps no state.
  const last = !shallow && state?.key === before && (state.head === head || (await isAncestor(git, state.head, head))) ? state : null;
  range.seen = last?.head;
  const hashes = last?.head === head ? [] : await listCommitHashes(git, range);
  const stored = hashes.length === 0 ? new Set<string>() : storedHashes(text ?? '');
  const fresh = hashes.filter((sha) => !stored.has(sha));
  const records = fresh.length === 0 ? [] : await readCommits(git, name, fresh, fresh.length === hashes.length ? range : null);
  records.sort((a, b) => Date.parse(a.time) - Date.parse(b.time) || a.sha.localeCompare(b.sha));
  const after = records.length === 0 ? (text ?? '') : await appendEvidence(journalDir, path, records);
  const selected = (last?.selected ?? 0) + hashes.length;
  if (statePath !== null && !shallow && last?.head !== head) await writeImportState(statePath, { head, key: stateKey(range.query, after), selected });
  return { repository: name, path, authors, added: records.length, known: selected - fresh.length };
}

/**
 * The hashes already in a repository's evidence file. Read with a pattern, not by validating every
 * record (a damaged line's commit is read again, and loading counts each hash once).
 */
function storedHashes(text: string): Set<string> {
  return new Set(Array.from(text.matchAll(/"sha":"([0-9a-f]{40,64})"/g), (m) => m[1]));
}

/**
 * What the last import of a repository into a journal saw, in the cache folder (not in the journal:
 * it can always be rebuilt, by listing every commit again). `head` is the commit listed up to, `key`
 * the query and the evidence file's text it left, `selected` how many commits the query selected.
 */
const ImportState = z.object({ head: z.string().regex(/^[0-9a-f]{40,64}$/), key: z.string(), selected: z.int().min(0) });
type ImportState = z.infer<typeof ImportState>;

/** Changes with the authors, the date and the evidence file (any edit of it, by hand or by another import). */
function stateKey(query: CommitQuery, text: string): string {
  const authors = query.authors.map((a) => a.toLowerCase()).sort();
  return hash('sha1', JSON.stringify([authors, query.since ?? null, hash('sha1', text)]));
}

async function readImportState(path: string | null): Promise<ImportState | null> {
  if (path === null) return null;
  const text = await readTextOrNull(path).catch(() => null);
  if (text === null) return null;
  try {
    return ImportState.parse(JSON.parse(text));
  } catch {
    return null; // damaged: the commits are listed again, and the state rewritten
  }
}

/** Keeps the state for the next run. A cache folder that cannot be written only makes that run list every commit again. */
async function writeImportState(path: string, state: ImportState): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    await replaceFile(path, JSON.stringify(state) + '\n');
  } catch {
    // the import itself is done and stored
  }
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
