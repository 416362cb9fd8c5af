/**
 * `query` opens the cache read-only at once when the database says it holds the journal as it is
 * now (src/findings.ts: the findings key, stored in its `meta` table by openJournal), and brings it
 * up to date first otherwise. Whichever path it takes, it answers as a journal read from scratch.
 */
import { execFile } from 'node:child_process';
import { appendFile, mkdir, readFile, rename, rm, utimes, writeFile } from 'node:fs/promises';
import { hash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadChangedFiles } from '../src/db/load.ts';
import { journalCacheStem } from '../src/findings.ts';
import type { Diagnostic } from '../src/ingest/diagnostics.ts';
import { SETTLE_MS } from '../src/ingest/list.ts';
import { openJournal } from '../src/journal.ts';
import { runCli } from './support/cli.ts';
import { scratchJournal } from './support/journal.ts';

const BROKEN = new URL('./fixtures/journals/broken/', import.meta.url).pathname;
const scratch = scratchJournal('query-cache', { from: BROKEN });
let journal: string;
let cache: string;
beforeEach(() => ({ journal, cache } = scratch));

/** Statements that read what each kind of change moves: the rows of the files, the settings, the cross-file findings. */
const QUERIES = [
  'SELECT path, date, hours FROM days ORDER BY path',
  'SELECT path, line, text FROM wins ORDER BY ALL',
  'SELECT * FROM settings',
  'SELECT code, count(*) AS n FROM check_findings GROUP BY code ORDER BY code',
];

const query = (sql: string) => runCli(['query', sql, '--json', '--journal', journal], { env: { TURBOWORK_CACHE: cache } });

/** What a query answers on the journal read from scratch (into memory), with the note on errors it prints. */
async function fresh(sql: string): Promise<{ rows: unknown; errors: number }> {
  const opened = await openJournal({ journalDir: journal, cacheDir: null });
  try {
    return { rows: (await opened.db.readOnlyTable(sql)).rows, errors: opened.diagnostics.filter((d) => d.severity === 'error').length };
  } finally {
    opened.db.close();
  }
}

/** The CLI's answer in the same shape. */
async function answer(sql: string): Promise<{ rows: unknown; errors: number }> {
  const result = await query(sql);
  expect(result.code).toBe(0);
  return { rows: JSON.parse(result.stdout), errors: Number(/the journal has (\d+) error/.exec(result.stderr)?.[1] ?? 0) };
}

/** Replaces the kept findings by one planted error under the key they were kept with: a query that prints "1 error" took the read-only path. */
async function plant(): Promise<void> {
  const path = `${journalCacheStem(journal, cache)}.findings.json`;
  const record = JSON.parse(await readFile(path, 'utf8')) as { key: string };
  const sentinel: Diagnostic = { file: 'daily/planted.md', line: 1, column: 1, severity: 'error', code: 'file-empty', message: 'planted' };
  await writeFile(path, JSON.stringify({ ...record, diagnostics: [sentinel] }));
}

describe('query on the cache', () => {
  it('opens it read-only at once when nothing changed, without the parsers or the settings schema', async () => {
    await sleep(SETTLE_MS + 200); // the copied files settled: keyed by their stamps from now on
    const sql = QUERIES[0];
    expect(await answer(sql)).toEqual(await fresh(sql)); // the full path: brings the cache up to date
    await plant();
    expect((await answer(sql)).errors).toBe(1); // the read-only path: the kept findings
    expect((await answer(sql)).rows).toEqual((await fresh(sql)).rows);

    const main = new URL('../src/cli/main.ts', import.meta.url).pathname;
    const recorder = new URL('./support/record-modules.ts', import.meta.url).pathname;
    const record = join(scratch.dir, 'modules.txt');
    await promisify(execFile)(process.execPath, ['--import', recorder, main, 'query', sql, '--journal', journal], { env: { ...process.env, RECORD_MODULES: record, TURBOWORK_CACHE: cache } });
    const loaded = await readFile(record, 'utf8');
    expect(loaded).toMatch(/@duckdb/);
    expect(loaded).not.toMatch(/node_modules\/(zod|micromark|js-yaml)\//);
  }, 60_000);

  it('opens it read-only at once after an edited file has settled, and brings it up to date after the next edit', async () => {
    await sleep(SETTLE_MS + 200);
    const path = join(journal, 'daily/2025/2025-03-04.md');
    const sql = 'SELECT path, text FROM wins ORDER BY ALL';
    await appendFile(path, '\n## Wins\n\n- Settled in the end\n');
    expect(await answer(sql)).toEqual(await fresh(sql)); // the file is settling: kept by its bytes
    await sleep(SETTLE_MS + 200);
    await plant();
    expect((await answer(sql)).errors).toBe(1); // its stamp now, its bytes as they were: the read-only path
    await appendFile(path, '- And again\n');
    expect(await answer(sql)).toEqual(await fresh(sql));
  }, 60_000);

  it('answers as a journal read from scratch after random edits, additions, removals, renames and settings changes', async () => {
    const names = ['daily/2025/2025-03-04.md', 'daily/2025/2025-03-20.md', 'daily/2025-03-21.md', 'weekly/2025-W12.md', 'achievements/2025-03-05-half.md'];
    const texts = [
      '## Wins\n\n- Shipped [[2025-Q1/nowhere]] #highlight\n',
      '---\nhours: 8\n---\n\n## Wins\n\n- Cut p95 from 850ms to 120ms\n',
      '---\ndate: 2025-02-30\n---\n',
      '',
      '---\nhours: [\n---\n',
      '# Tuesday\n\n### wins\n* fixed the flaky deploy (took 3h)\n',
    ];
    const op = fc.oneof(
      fc.record({ kind: fc.constant('write' as const), name: fc.constantFrom(...names), text: fc.constantFrom(...texts) }),
      fc.record({ kind: fc.constantFrom('remove' as const, 'touch' as const, 'append' as const), name: fc.constantFrom(...names) }),
      fc.record({ kind: fc.constant('rename' as const), name: fc.constantFrom(...names), to: fc.constantFrom(...names) }),
      fc.record({ kind: fc.constant('settings' as const), line: fc.constantFrom('work_days: [monday]', 'work_days: [monday, tue]', 'nudges: false', '') }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 4 }), fc.constantFrom(...QUERIES), async (ops, sql) => {
        for (const step of ops) {
          await sleep(20);
          if (step.kind === 'settings') {
            const settings = await readFile(join(journal, 'journal.yml'), 'utf8');
            await writeFile(join(journal, 'journal.yml'), step.line.startsWith('work_days') ? settings.replace(/^work_days:.*$/m, step.line) : `${settings}\n${step.line}\n`);
          } else {
            const path = join(journal, step.name);
            const exists = await readFile(path).then(() => true, () => false);
            if (step.kind === 'write') await scratch.write(step.name, step.text);
            else if (step.kind === 'append' && exists) await appendFile(path, '\n- and [[2025-03-04]]\n');
            else if (step.kind === 'remove' && exists) await rm(path);
            else if (step.kind === 'touch' && exists) await utimes(path, new Date(), new Date());
            else if (step.kind === 'rename' && exists && step.to !== step.name) {
              await mkdir(dirname(join(journal, step.to)), { recursive: true });
              await rename(path, join(journal, step.to));
            }
          }
          const expected = await fresh(sql);
          expect(await answer(sql)).toEqual(expected); // after the change
          expect(await answer(sql)).toEqual(expected); // and again, nothing changed since
        }
      }),
      { seed: 15, numRuns: 10 },
    );
  }, 300_000);

  it('brings the cache up to date after `dev` loaded a saved file into it, though the file is as it was', async () => {
    const path = 'daily/2025/2025-03-04.md';
    const sql = 'SELECT path, text FROM wins ORDER BY ALL';
    await appendFile(join(journal, path), '\n## Wins\n\n- Kept the old text\n');
    expect(await answer(sql)).toEqual(await fresh(sql)); // the file is settling: keyed by its bytes
    // What dev does when a file is saved: its rows replaced at once, in the database it holds. Then
    // the save is undone within the settling time, so the file is keyed by the same bytes as before.
    const opened = await openJournal({ journalDir: journal, cacheDir: cache });
    const bytes = new TextEncoder().encode('## Wins\n\n- A win that was saved, then undone\n');
    await loadChangedFiles(opened.db, [{ path, bytes, hash: hash('sha1', bytes) }], opened.config);
    opened.db.close();
    expect(await answer(sql)).toEqual(await fresh(sql));
  }, 60_000);

  it('brings the cache up to date after a read without the cross-file checks, with journal.yml changed and changed back', async () => {
    const sql = 'SELECT * FROM settings';
    expect(await answer(sql)).toEqual(await fresh(sql));
    const settings = await readFile(join(journal, 'journal.yml'), 'utf8');
    await writeFile(join(journal, 'journal.yml'), settings.replace(/^work_days:.*$/m, 'work_days: [monday, tuesday, wednesday]'));
    const opened = await openJournal({ journalDir: journal, cacheDir: cache, crossFileChecks: false });
    opened.db.close();
    await writeFile(join(journal, 'journal.yml'), settings); // the same bytes as when the key was stored
    expect(await answer(sql)).toEqual(await fresh(sql));
  }, 60_000);
});
