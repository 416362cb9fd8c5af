/**
 * A person's commits as evidence, read through simple-git. Reading only: `rev-parse`, `rev-list`,
 * `log` and `config --get`, none of which writes to a repository (unlike `status`, which may refresh
 * the index), so nothing is ever written into the repositories read.
 */
import { basename } from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';
import { z } from 'zod';

/** One commit as stored in evidence/commits/<repository>.jsonl, one JSON object a line. */
export const CommitRecord = z.object({
  /** The repository's folder name, e.g. "payments-api". */
  repository: z.string(),
  /** The full commit hash. */
  sha: z.string().regex(/^[0-9a-f]{40,64}$/),
  /** The author date with the author's own offset, e.g. "2025-02-03T17:42:10+01:00"; its first 10 characters are the day. */
  time: z.string().regex(/^\d{4}-\d{2}-\d{2}T/),
  /** The author's email, as git records it. */
  author: z.string(),
  subject: z.string(),
  /** Files touched (a rename counts once), lines added and removed; 0 for a merge, which adds no change of its own. */
  files: z.int().min(0),
  insertions: z.int().min(0),
  deletions: z.int().min(0),
  /** The pull (or merge) request the subject names, e.g. 123 for "Fix retries (#123)". */
  pr: z.int().positive().nullable(),
  /** True for a merge commit (two or more parents). */
  merge: z.boolean(),
});
export type CommitRecord = z.infer<typeof CommitRecord>;

/** Which commits of a repository to read. */
export interface CommitQuery {
  /** Author emails (exact, case-insensitive); empty means the repository's own user.email. */
  authors: readonly string[];
  /** Only commits on or after this date, "YYYY-MM-DD". */
  since?: string | null;
}

/** A folder that is not a git repository, or a git that cannot read it. */
export class RepositoryError extends Error {}

const FIELD = '\x1f';
const RECORD = '\x1e';
/** Fields of one commit in `git log --format`: hash, author date (strict ISO), email, parents, subject. */
const FORMAT = `${RECORD}%H${FIELD}%aI${FIELD}%ae${FIELD}%P${FIELD}%s`;
/** Commits whose details one `git log --no-walk` reads; keeps argument lists far below the OS limit. */
const BATCH = 2000;

/** A repository opened for reading. */
export interface Repository {
  git: SimpleGit;
  /** The top folder's name, e.g. "payments-api". */
  name: string;
  /** The folder opened, relative to the top, e.g. "journal/"; "" at the top. */
  prefix: string;
  /** The full hash of the commit HEAD names; null before the first commit. */
  head: string | null;
  /** A shallow clone, whose history can grow (by a fetch that deepens it) under the same HEAD. */
  shallow: boolean;
}

/** Opens a repository for reading; throws RepositoryError when `dir` is not one. */
export async function openRepository(dir: string): Promise<Repository> {
  let out: string;
  let git: SimpleGit;
  try {
    git = simpleGit({ baseDir: dir, trimmed: true });
    // One process: the top folder, the prefix, whether shallow, and HEAD. Before the first commit, --verify
    // --quiet prints no HEAD and exits 1 without a message, which simple-git does not count as a failure.
    out = await git.raw(['rev-parse', '--show-toplevel', '--show-prefix', '--is-shallow-repository', '--verify', '--quiet', 'HEAD']);
  } catch (error) {
    throw new RepositoryError(`${dir} is not a git repository that can be read`, { cause: error });
  }
  const [top, prefix, shallow, head = ''] = out.split('\n');
  return { git, name: basename(top), prefix, head: /^[0-9a-f]{40,64}$/.test(head) ? head : null, shallow: shallow === 'true' };
}

/** The emails to read commits for: those given, else the repository's user.email (none when unset). */
export async function resolveAuthors(git: SimpleGit, authors: readonly string[]): Promise<string[]> {
  if (authors.length > 0) return [...authors];
  const email = await git.raw(['config', '--get', 'user.email']).catch(() => '');
  return email ? [email] : [];
}

/** `git log` arguments selecting the person's commits on HEAD. */
function selection(authors: readonly string[], since: string | null | undefined): string[] {
  // --author is a regular expression on "Name <email>": escape the email and anchor it in its brackets.
  const args = authors.map((email) => `--author=<${email.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}>`);
  if (args.length > 0) args.push('--regexp-ignore-case');
  if (since) args.push(`--since=${since}T00:00:00`);
  return args;
}

/**
 * Which commits: the person's reachable from `head` (a hash), and with `seen` (a hash read before)
 * only those not reachable from it.
 */
export interface CommitRange {
  head: string;
  seen?: string | null;
  query: CommitQuery;
}

/** `git log` arguments selecting a range's commits. */
function rangeArgs({ head, seen, query }: CommitRange): string[] {
  return [...selection(query.authors, query.since), head, ...(seen ? [`^${seen}`] : [])];
}

/**
 * The hashes of a range's commits, newest first. git's --since reads the committer date, so it only
 * narrows the walk; the author date decides.
 */
export async function listCommitHashes(git: SimpleGit, range: CommitRange): Promise<string[]> {
  const { since } = range.query;
  const out = await git.raw(['log', `--format=%H${FIELD}%as`, ...rangeArgs(range)]);
  return out
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split(FIELD))
    .filter(([, date]) => !since || date >= since)
    .map(([sha]) => sha);
}

/** Whether every commit reachable from `seen` is reachable from `head` (HEAD moved forward); false when `seen` is gone. */
export async function isAncestor(git: SimpleGit, seen: string, head: string): Promise<boolean> {
  const out = await git.raw(['rev-list', '--count', seen, `^${head}`]).catch(() => '');
  return out === '0';
}

/**
 * Reads the given commits with their change counts. With `range`, the hashes are every commit the
 * range selects, read in one `git log` instead of by hash.
 */
export async function readCommits(git: SimpleGit, repository: string, hashes: readonly string[], range: CommitRange | null): Promise<CommitRecord[]> {
  const common = ['log', `--format=${FORMAT}`, '--numstat', '-M', '--no-color', '--no-ext-diff'];
  if (range) {
    const { since } = range.query;
    return parseLog(await git.raw([...common, ...rangeArgs(range)]), repository).filter((c) => !since || c.time.slice(0, 10) >= since);
  }
  const records: CommitRecord[] = [];
  for (let i = 0; i < hashes.length; i += BATCH) {
    records.push(...parseLog(await git.raw([...common, '--no-walk=unsorted', ...hashes.slice(i, i + BATCH)]), repository));
  }
  return records;
}

/** Parses `git log --format=FORMAT --numstat` output. */
export function parseLog(out: string, repository: string): CommitRecord[] {
  const records: CommitRecord[] = [];
  for (const chunk of out.split(RECORD)) {
    if (!chunk.trim()) continue;
    const [header, ...stats] = chunk.split('\n');
    const [sha, time, author, parents, ...subject] = header.split(FIELD);
    const record = { repository, sha, time, author, subject: subject.join(FIELD), files: 0, insertions: 0, deletions: 0, pr: null as number | null, merge: parents.trim().split(' ').length > 1 };
    for (const line of stats) {
      const match = /^(\d+|-)\t(\d+|-)\t/.exec(line);
      if (!match) continue;
      record.files += 1;
      if (match[1] !== '-') record.insertions += Number(match[1]); // "-" for a binary file
      if (match[2] !== '-') record.deletions += Number(match[2]);
    }
    record.pr = pullRequest(record.subject);
    records.push(record);
  }
  return records;
}

/**
 * The pull request a subject names: "Fix retries (#123)" (GitHub's squash), "Merge pull request
 * #123 from …", "See merge request group/app!45" (GitLab), "Merged PR 789: …" (Azure DevOps).
 */
export function pullRequest(subject: string): number | null {
  const match =
    /\bpull request #(\d+)/i.exec(subject) ??
    /\bmerge request [\w./-]*!(\d+)/i.exec(subject) ??
    /\bMerged PR (\d+)\b/.exec(subject) ??
    /\(#(\d+)\)\s*$/.exec(subject) ??
    /(?:^|[\s([])#(\d+)\b/.exec(subject);
  const n = match ? Number(match[1]) : NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}
