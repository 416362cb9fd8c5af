/** Real temporary git repositories for tests, made through simple-git. */
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';

/** A person who commits: name and email. */
export interface Author {
  name: string;
  email: string;
}

/** A scratch repository; `user` is its configured user (the default --author). */
export async function makeRepo(name: string, user: Author): Promise<{ dir: string; git: SimpleGit; remove: () => Promise<void> }> {
  const parent = await mkdtemp(join(tmpdir(), 'turbowork-git-'));
  const dir = join(parent, name);
  await mkdir(dir);
  const git = simpleGit({ baseDir: dir });
  await git.init(['--initial-branch=main']);
  await git.addConfig('user.name', user.name).addConfig('user.email', user.email).addConfig('commit.gpgsign', 'false');
  return { dir, git, remove: () => rm(parent, { recursive: true, force: true }) };
}

/** Writes files (path → content; null deletes) and commits them as `author` at `date` (ISO, with offset). */
export async function commit(git: SimpleGit, dir: string, author: Author, date: string, message: string, files: Record<string, string | null>): Promise<string> {
  for (const [path, content] of Object.entries(files)) {
    if (content === null) await git.rm(path);
    else {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), content);
      await git.add(path);
    }
  }
  await git.commit(message, undefined, { '--author': `${author.name} <${author.email}>`, '--date': date, '--allow-empty': null });
  return (await git.revparse(['HEAD'])).trim();
}

/**
 * Runs `work` with git's own trace on and returns its result and the git commands it ran, e.g.
 * "rev-parse --show-toplevel …". The trace is set in a global config of its own (XDG_CONFIG_HOME),
 * as simple-git keeps GIT_* variables such as GIT_TRACE from the processes it starts.
 */
export async function traceGit<T>(work: () => Promise<T>): Promise<{ result: T; commands: string[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'turbowork-trace-'));
  await mkdir(join(dir, 'git'));
  await writeFile(join(dir, 'git/config'), `[trace2]\n\tnormalTarget = ${join(dir, 'trace')}\n`);
  const before = process.env.XDG_CONFIG_HOME;
  process.env.XDG_CONFIG_HOME = dir;
  try {
    const result = await work();
    const trace = await readFile(join(dir, 'trace'), 'utf8').catch(() => '');
    return { result, commands: trace.split('\n').flatMap((line) => /^\S+ \S+\s+start git (.*)$/.exec(line)?.[1] ?? []) };
  } finally {
    if (before === undefined) delete process.env.XDG_CONFIG_HOME;
    else process.env.XDG_CONFIG_HOME = before;
    await rm(dir, { recursive: true, force: true });
  }
}
