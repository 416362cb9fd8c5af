/**
 * The hostile corpus: each folder under test/fixtures/hostile/ is one hostile input, dropped into a
 * copy of the `kinds` fixture journal, with the diagnostics it must earn in expected.json. Huge
 * inputs and ones git cannot hold (permissions, links, a folder for journal.yml) are made here.
 * Every case must finish within the test's time limit (a hang fails it), report its diagnostics,
 * and leave every valid file around it loaded as it loads alone.
 */
import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import { chmod, cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLES } from '../src/db/tables.ts';
import type { Diagnostic } from '../src/ingest/diagnostics.ts';
import { openJournal } from '../src/journal.ts';
import { runCli, spawnCli } from './support/cli.ts';

const HOSTILE = new URL('./fixtures/hostile/', import.meta.url).pathname;
const KINDS = new URL('./fixtures/journals/kinds/', import.meta.url).pathname;
const MAIN = new URL('../src/cli/main.ts', import.meta.url).pathname;
const cases = (await readdir(HOSTILE, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();

/** Inputs too big to commit, or that git cannot hold: written into the journal copy. */
const MAKE: Record<string, (journal: string, dir: string) => Promise<void>> = {
  'yaml-too-long': (journal) => writeFile(join(journal, 'daily/2025/2025-03-04.md'), `---\nenergy: 3\nnotes: "${'x'.repeat(2_000_000)}"\n---\n\n## Wins\n\n- A long note\n`),
  'long-list': (journal) => writeFile(join(journal, 'daily/2025/2025-03-06.md'), `## Wins\n\n${Array.from({ length: 130_000 }, (_, i) => `- Closed ticket ${i + 1}`).join('\n')}\n`),
  'deep-list': (journal) => writeFile(join(journal, 'daily/2025/2025-03-07.md'), `## Wins\n\n${Array.from({ length: 1000 }, (_, i) => `${' '.repeat(2 * i)}- level ${i + 1}`).join('\n')}\n`),
  unreadable: async (journal) => {
    await writeFile(join(journal, 'daily/2025/2025-03-17.md'), '## Wins\n\n- A win nobody may read\n');
    await chmod(join(journal, 'daily/2025/2025-03-17.md'), 0o000);
  },
  'symlink-out': async (journal, dir) => {
    await writeFile(join(dir, 'outside.md'), '## Wins\n\n- Someone else\'s secret\n');
    await symlink(join(dir, 'outside.md'), join(journal, 'daily/2025/2025-03-18.md'));
  },
  'config-folder': async (journal) => {
    await rm(join(journal, 'journal.yml'));
    await mkdir(join(journal, 'journal.yml'));
  },
};

let dir: string;
let baseline: Record<string, number>;
const kindsFiles: string[] = [];

/** Rows per table that came from the kinds journal's own files. */
async function rowsFromKinds(journal: Awaited<ReturnType<typeof openJournal>>): Promise<Record<string, number>> {
  const rows: Record<string, number> = {};
  const paths = kindsFiles.map((p) => `'${p}'`).join(', ');
  for (const table of Object.keys(TABLES)) {
    const [{ n }] = await journal.db.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${table} WHERE path IN (${paths})`);
    rows[table] = n;
  }
  return rows;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tw-hostile-'));
  for (const entry of await readdir(KINDS, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith('.md')) kindsFiles.push(join(entry.parentPath, entry.name).slice(KINDS.length));
  }
  const journal = await openJournal({ journalDir: KINDS, cacheDir: null });
  try {
    baseline = await rowsFromKinds(journal);
  } finally {
    journal.db.close();
  }
  expect(baseline.wins).toBeGreaterThan(0);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A copy of the kinds journal with the case's files (and made inputs) in it. */
async function journalWith(name: string): Promise<string> {
  const root = await mkdtemp(join(dir, `${name}-`));
  const journal = join(root, 'journal');
  await cp(KINDS, journal, { recursive: true });
  await cp(join(HOSTILE, name), journal, { recursive: true, filter: (source) => !source.endsWith('expected.json') });
  await MAKE[name]?.(journal, root);
  return journal;
}

/** Root reads every file whatever its mode: the unreadable case is then read by an unprivileged child. */
const unprivileged = process.getuid?.() === 0;

/**
 * Whether others (the unprivileged child) can reach the tool's source: every folder above it must be
 * searchable by them. A checkout inside a private folder (`mktemp -d` makes one) is not, and the
 * unreadable case cannot then be run as root without changing folders that are not the test's.
 */
function reachableByOthers(path: string): boolean {
  for (let folder = dirname(path); ; folder = dirname(folder)) {
    if ((statSync(folder).mode & 0o001) === 0) return false;
    if (folder === dirname(folder)) return true;
  }
}

async function diagnosticsOf(name: string, journal: string): Promise<Diagnostic[]> {
  if (name === 'unreadable' && unprivileged) {
    const root = join(journal, '..');
    for (const folder of [dir, root]) await chmod(folder, 0o755);
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [MAIN, 'check', '--json', '--journal', journal], { uid: 65534, gid: 65534, cwd: root, env: { ...process.env, TURBOWORK_CACHE: join(tmpdir(), `tw-hostile-nobody-${process.pid}`) } })
      .catch((error: { stdout: string; stderr: string }) => error);
    expect(stderr).not.toContain('internal error');
    return JSON.parse(stdout);
  }
  const opened = await openJournal({ journalDir: journal, cacheDir: null });
  try {
    expect(await rowsFromKinds(opened), 'the valid files around the hostile one load as they do alone').toEqual(baseline);
    if (name === 'long-list') {
      const [{ n }] = await opened.db.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM wins WHERE path = 'daily/2025/2025-03-06.md'`);
      expect(n).toBe(130_000);
    }
    if (name === 'year-0042') {
      expect(await opened.db.all(`SELECT strftime(date, '%Y-%m-%d') AS date FROM days WHERE path LIKE 'daily/0042/%'`)).toEqual([{ date: '0042-03-01' }]);
    }
    return opened.diagnostics;
  } finally {
    opened.db.close();
  }
}

describe('the hostile corpus', () => {
  it.for(cases)('%s: reported, bounded, and the rest still loads', { timeout: 120_000 }, async (name, { skip }) => {
    if (name === 'unreadable' && unprivileged && !reachableByOthers(MAIN)) skip(`run as root from a checkout others cannot reach (${MAIN}): no unprivileged process can run the check`);
    const expected = JSON.parse(await readFile(join(HOSTILE, name, 'expected.json'), 'utf8')) as { diagnostics: [string, string][] };
    const journal = await journalWith(name);
    const diagnostics = await diagnosticsOf(name, journal);
    expect(diagnostics.map((d) => [d.file, d.code])).toEqual(expected.diagnostics);
  });

  it('has a folder for every input this test makes', () => {
    for (const name of Object.keys(MAKE)) expect(cases).toContain(name);
  });
});

describe('log on hostile files', () => {
  it('keeps invalid UTF-8 elsewhere in the file byte for byte', async () => {
    const journal = await journalWith('invalid-utf8');
    const path = join(journal, 'daily/2025/2025-03-14.md');
    const before = await readFile(path);
    const result = await runCli(['log', 'Fixed the encoding', '--date', '2025-03-14', '--journal', journal]);
    expect(result.code).toBe(0);
    const at = before.indexOf('team') + 'team'.length;
    expect(await readFile(path)).toEqual(Buffer.concat([before.subarray(0, at), Buffer.from('\n- Fixed the encoding'), before.subarray(at)]));
  });

  it('refuses a link that leads outside the journal, and changes nothing', async () => {
    const journal = await journalWith('symlink-out');
    const result = await runCli(['log', 'Written through a link', '--date', '2025-03-18', '--journal', journal]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('leads outside the journal');
    expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(await readFile(join(journal, '..', 'outside.md'), 'utf8')).toBe('## Wins\n\n- Someone else\'s secret\n');
  });
});

describe('build on the hostile corpus', () => {
  it('builds the site from every file check reads, reporting the same problems', async () => {
    const root = await mkdtemp(join(dir, 'all-'));
    const journal = join(root, 'journal');
    await cp(KINDS, journal, { recursive: true });
    const committed = cases.filter((name) => !MAKE[name]);
    for (const name of committed) await cp(join(HOSTILE, name), journal, { recursive: true, filter: (source) => !source.endsWith('expected.json') });

    const check = await spawnCli(['check', '--json', '--journal', journal], root);
    const diagnostics = JSON.parse(check.stdout) as Diagnostic[];
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    expect(check.code).toBe(1);
    expect(errors).toBeGreaterThanOrEqual(4);

    const out = join(root, 'site');
    const build = await spawnCli(['build', '--no-llm', '--journal', journal, '--out', out, '--as-of', '2025-03-31'], root);
    expect(build.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(build.code).toBe(0);
    expect(build.stderr).toContain(`the journal has ${errors} errors and ${diagnostics.length - errors} warnings`);
    const quoted = await readFile(join(out, 'days/2025-03-11/index.html'), 'utf8');
    expect(quoted).toContain('<blockquote>');
    expect(quoted).toContain('lorem lorem');
    expect(await readFile(join(out, 'days/2025-03-12/index.html'), 'utf8')).toContain('*a_*a_*a_');
    expect(await readFile(join(out, 'days/0042-03-01/index.html'), 'utf8')).toContain('Wrote on wax tablets');
  }, 300_000);
});
