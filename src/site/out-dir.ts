/**
 * Where a build may write. A build replaces its output folder whole, so it only replaces a folder
 * that is empty or that a previous build wrote (it holds the marker file), and never the journal,
 * the repository holding it, turbowork itself, or a folder above any of them.
 */
import { existsSync } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';

/** The file every build writes into its output folder: its presence makes the folder replaceable. */
export const BUILD_MARKER = '.turbowork-build';
export const BUILD_MARKER_TEXT = 'This folder was written by turbowork build; the next build replaces all of it.\n';

/** The output folder may not be replaced: the message says why and what to do. */
export class OutDirRefusedError extends Error {}

/** The turbowork package: never an output folder, whatever the journal. */
const PACKAGE_ROOT = resolve(new URL('../../', import.meta.url).pathname);

/** Throws OutDirRefusedError unless a build may replace `outDir` (journal and cache folders as the build uses them). */
export async function checkOutDir(outDir: string, journalDir: string): Promise<void> {
  const out = await realPathOf(outDir);
  const journal = await realPathOf(journalDir);
  const guarded: [string, string][] = [[journal, 'the journal'], [PACKAGE_ROOT, 'turbowork itself']];
  const repository = repositoryOf(journal);
  if (repository) guarded.push([repository, "the journal's git repository"]);
  const same = guarded.find(([path]) => path === out);
  if (same) throw new OutDirRefusedError(`--out ${outDir} is ${same[1]}; a build replaces its output folder whole. Choose a folder of its own, e.g. --out dist`);
  const holds = guarded.find(([path]) => isInside(path, out));
  if (holds) throw new OutDirRefusedError(`--out ${outDir} holds ${holds[1]} (${holds[0]}); a build replaces its output folder whole. Choose a folder of its own, e.g. --out dist`);
  let entries: string[];
  try {
    if (!(await stat(out)).isDirectory()) throw new OutDirRefusedError(`--out ${outDir} is a file, not a folder; choose a folder for the site`);
    entries = await readdir(out);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (entries.length > 0 && !entries.includes(BUILD_MARKER)) {
    throw new OutDirRefusedError(`--out ${outDir} holds files that turbowork did not build (it has no ${BUILD_MARKER}), and a build would replace them. Empty or remove the folder, or choose another --out`);
  }
}

/** The real path of `path`, resolving links in the part that exists (an output folder may not exist yet). */
async function realPathOf(path: string): Promise<string> {
  const absolute = resolve(path);
  try {
    return await realpath(absolute);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || dirname(absolute) === absolute) throw error;
    return join(await realPathOf(dirname(absolute)), basename(absolute));
  }
}

/** The closest folder at or above `dir` holding a `.git`, or null. */
function repositoryOf(dir: string): string | null {
  for (let current = dir; ; current = dirname(current)) {
    if (existsSync(join(current, '.git'))) return current;
    if (dirname(current) === current) return null;
  }
}

/** Whether `path` lies strictly inside `folder`. */
function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !rel.startsWith(sep);
}
