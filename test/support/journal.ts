/** A scratch journal for the tests of one file: a new folder before each test, removed after it. */
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';

export interface ScratchJournal {
  /** The test's own temporary folder; the journal is its `journal/`, and other files may sit beside it. */
  readonly dir: string;
  readonly journal: string;
  /** A cache folder beside the journal (`cache/`, not made): the tests' TURBOWORK_CACHE or cacheDir. */
  readonly cache: string;
  /** Writes a file of the journal (a path relative to it), making its folders. */
  write(path: string, text: string): Promise<void>;
}

/**
 * Registers the hooks that make and remove the folder; `name` shows in its path, e.g.
 * /tmp/turbowork-nudges-x1y2z3. The journal starts empty, or as a copy of the folder `from`.
 */
export function scratchJournal(name: string, { from }: { from?: string } = {}): ScratchJournal {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), `turbowork-${name}-`));
    await (from ? cp(from, join(dir, 'journal'), { recursive: true }) : mkdir(join(dir, 'journal')));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));
  return {
    get dir() {
      return dir;
    },
    get journal() {
      return join(dir, 'journal');
    },
    get cache() {
      return join(dir, 'cache');
    },
    async write(path, text) {
      const file = join(dir, 'journal', path);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, text);
    },
  };
}
