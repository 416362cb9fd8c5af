/**
 * A `check` with nothing changed prints the findings the last check kept (src/findings.ts), and any
 * change to what the findings are made from takes the full path: an edited, added, removed or
 * renamed entry file, a touched one, journal.yml, the evidence files, a link not followed. Files
 * that are not entries change nothing.
 */
import { execFile } from 'node:child_process';
import { hash } from 'node:crypto';
import { appendFile, chmod, mkdir, readFile, rename, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { findingsKey, journalCacheStem, keptFindings } from '../src/findings.ts';
import type { Diagnostic } from '../src/ingest/diagnostics.ts';
import { listJournal, SETTLE_MS } from '../src/ingest/list.ts';
import { openJournal } from '../src/journal.ts';
import { runCli } from './support/cli.ts';
import { scratchJournal } from './support/journal.ts';

const BROKEN = new URL('./fixtures/journals/broken/', import.meta.url).pathname;
const LATER = () => Date.now() + 10 * SETTLE_MS; // every file settled, as far as the key can tell

const scratch = scratchJournal('findings', { from: BROKEN });
const { write } = scratch;
let journal: string;
let cache: string;
beforeEach(() => ({ journal, cache } = scratch));
/** What a check finds from scratch: the journal read into memory. */
const fresh = async (): Promise<Diagnostic[]> => {
  const opened = await openJournal({ journalDir: journal, cacheDir: null });
  opened.db.close();
  return JSON.parse(JSON.stringify(opened.diagnostics)) as Diagnostic[];
};

describe('the findings key', () => {
  /** A change, and whether it may change the findings (then the key must change). */
  const changes: [string, () => Promise<unknown>, boolean][] = [
    ['an entry edited, same size', () => readFile(join(journal, 'daily/2025/2025-03-04.md'), 'utf8').then((t) => write('daily/2025/2025-03-04.md', t.replace(/\w/, (c) => (c === 'x' ? 'y' : 'x')))), true],
    ['an entry edited', () => appendFile(join(journal, 'daily/2025/2025-03-04.md'), '\n- [[nowhere]]\n'), true],
    ['an entry added', () => write('daily/2025/2025-01-09.md', '---\nhours: lots\n---\n'), true],
    ['an entry removed', () => rm(join(journal, 'daily/2025/2025-03-04.md')), true],
    ['an entry renamed', () => rename(join(journal, 'daily/2025/2025-03-04.md'), join(journal, 'daily/2025/2025-03-14.md')), true],
    ['an entry moved to another folder depth', () => rename(join(journal, 'daily/2025/2025-03-04.md'), join(journal, 'daily/2025-03-04.md')), true],
    ['an entry touched, its bytes unchanged', () => utimes(join(journal, 'daily/2025/2025-03-04.md'), new Date(), new Date()), true],
    ['an entry made unreadable', () => chmod(join(journal, 'daily/2025/2025-03-04.md'), 0o000), true],
    ['journal.yml edited', () => appendFile(join(journal, 'journal.yml'), '\nnudges: false\n'), true],
    ['journal.yml removed', () => rm(join(journal, 'journal.yml')), true],
    ['an evidence file added', () => write('evidence/commits/acme.jsonl', '{"not": "a commit"}\n'), true],
    ['a link to a file added', () => symlink(join(journal, 'journal.yml'), join(journal, 'daily/link.md')), true],
    ['a README added', () => write('daily/README.md', '# Not an entry\n'), false],
    ['a draft added', () => write('assessments/2025-W02.md', '# A draft\n'), false],
    ['a file that is not Markdown added', () => write('daily/2025/notes.txt', 'scratch\n'), false],
    ['a hidden folder filled', () => write('.obsidian/workspace.md', '{}\n'), false],
  ];

  it.each(changes)('%s: changes %#', async (_, change, changes) => {
    const before = await findingsKey(journal, await listJournal(journal, LATER()));
    expect(before).toMatch(/^[0-9a-f]{40}$/);
    await sleep(20); // past the clock's tick: what SETTLE_MS covers in real use
    await change();
    const after = await findingsKey(journal, await listJournal(journal, LATER()));
    if (changes) expect(after).not.toBe(before);
    else expect(after).toBe(before);
  });

  it('keys a file that is settling (changed under SETTLE_MS ago) by its bytes, not its stamp', async () => {
    const path = 'weekly/2025-W54.md';
    await appendFile(join(journal, path), '\nx\n');
    const listing = await listJournal(journal); // the file is settling: the listing holds no stamp for it
    const before = await findingsKey(journal, listing);
    expect(before).toMatch(/^[0-9a-f]{40}$/);
    const bytes = await readFile(join(journal, path));
    // Same size, other bytes; the listing taken before stands in for a file system whose times did not move.
    await writeFile(join(journal, path), Buffer.concat([bytes.subarray(0, -2), Buffer.from('y\n')]));
    expect(await findingsKey(journal, listing)).not.toBe(before);
    // Given the hashes of the bytes a load read, the key is made from those (every file of the copy is settling).
    const settling = listing.paths.filter((_, i) => listing.stamps[i] === null);
    const loaded = new Map(await Promise.all(settling.map(async (p) => [p, hash('sha1', p === path ? bytes : await readFile(join(journal, p)))] as const)));
    expect(await findingsKey(journal, listing, { loaded })).toBe(before);
    expect(await findingsKey(journal, listing, { loaded: new Map() })).toBeNull();
  });

  it('is none when a settling file cannot be read (removed since it was listed)', async () => {
    await appendFile(join(journal, 'weekly/2025-W54.md'), '\n');
    const listing = await listJournal(journal);
    await rm(join(journal, 'weekly/2025-W54.md'));
    expect(await findingsKey(journal, listing)).toBeNull();
  });

  it('is the same only when the findings are: random edits, additions, removals, renames and touches', async () => {
    const names = ['daily/2025/2025-02-03.md', 'daily/2025-02-04.md', 'daily/2025/02/2025_02_05.md', 'weekly/2025-W06.md', 'achievements/2025-02-03-ship.md', 'okrs/2025-Q1/reliability.md'];
    const texts = ['## Wins\n\n- Shipped [[2025-Q1/nowhere]] #highlight\n', '---\nhours: 8\n---\n\n## Wins\n\n- Cut p95 from 850ms to 120ms\n', '---\ndate: 2025-02-30\n---\n', '', '---\nhours: [\n---\n', '## Goals\n\n- [ ] Write it\n'];
    const op = fc.oneof(
      fc.record({ kind: fc.constant('write' as const), name: fc.constantFrom(...names), text: fc.constantFrom(...texts) }),
      fc.record({ kind: fc.constantFrom('remove' as const, 'touch' as const), name: fc.constantFrom(...names) }),
      fc.record({ kind: fc.constant('rename' as const), name: fc.constantFrom(...names), to: fc.constantFrom(...names) }),
      fc.record({ kind: fc.constant('readme' as const), text: fc.constantFrom(...texts) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 4 }), async (ops) => {
        let key = await findingsKey(journal, await listJournal(journal, LATER()));
        let kept = await fresh();
        for (const step of ops) {
          await sleep(20);
          const path = 'name' in step ? join(journal, step.name) : join(journal, 'daily/README.md');
          const exists = await readFile(path).then(() => true, () => false);
          if (step.kind === 'write' || step.kind === 'readme') await write(path.slice(journal.length + 1), step.text);
          else if (step.kind === 'remove' && exists) await rm(path);
          else if (step.kind === 'touch' && exists) await utimes(path, new Date(), new Date());
          else if (step.kind === 'rename' && exists && step.to !== step.name) {
            await mkdir(dirname(join(journal, step.to)), { recursive: true });
            await rename(path, join(journal, step.to));
          }
          const now = await findingsKey(journal, await listJournal(journal, LATER()));
          const found = await fresh();
          // The rule the shortcut rests on: an unchanged key means unchanged findings.
          if (now === key) expect(found).toEqual(kept);
          if (step.kind === 'write' && 'name' in step) expect(now).not.toBe(key); // a write always changes the stamp
          key = now;
          kept = found;
        }
      }),
      { seed: 15, numRuns: 12 },
    );
  }, 120_000);
});

describe('check', () => {
  const check = async (...argv: string[]) => runCli(['check', ...argv, '--journal', journal], { env: { TURBOWORK_CACHE: cache } });
  const stem = () => journalCacheStem(journal, cache);
  /** Replaces the kept findings by a sentinel under the key they were kept with, to see which path a check takes. */
  const plant = async () => {
    const record = JSON.parse(await readFile(`${stem()}.findings.json`, 'utf8')) as { key: string };
    const sentinel: Diagnostic = { file: 'daily/planted.md', line: 1, column: 1, severity: 'error', code: 'file-empty', message: 'planted' };
    await writeFile(`${stem()}.findings.json`, JSON.stringify({ ...record, diagnostics: [sentinel] }));
    return sentinel;
  };
  const settle = () => sleep(SETTLE_MS + 200);

  it('prints, with nothing changed, what the last check found and kept, in both forms', async () => {
    await settle();
    const full = await check('--json');
    const fullText = await check(); // the kept findings, printed as text
    await rm(`${stem()}.duckdb`); // the shortcut reads no database: the kept findings are enough
    const kept = await check('--json');
    expect(kept).toEqual(full);
    expect(JSON.parse(kept.stdout)).toEqual(await fresh());
    expect(full.code).toBe(1); // the broken journal has errors
    await rm(`${stem()}.findings.json`);
    expect(await check()).toEqual(fullText); // the full path's text is the shortcut's
    expect((await keptFindings(journal, stem(), await listJournal(journal)))?.diagnostics).toEqual(JSON.parse(full.stdout));
  }, 60_000);

  it('takes the full path after an entry is edited, touched, added or removed, or journal.yml changes', async () => {
    await settle();
    await check();
    const edits: (() => Promise<unknown>)[] = [
      () => appendFile(join(journal, 'daily/2025/2025-03-04.md'), '\n- [[nowhere]]\n'),
      () => utimes(join(journal, 'weekly/2025-W54.md'), new Date(), new Date()),
      () => write('daily/2025/2025-01-20.md', '---\nhours: lots\n---\n'),
      () => rm(join(journal, 'daily/2025/2025-01-20.md')),
      () => appendFile(join(journal, 'journal.yml'), '\nnudges: false\n'),
    ];
    for (const edit of edits) {
      const sentinel = await plant();
      expect(JSON.parse((await check('--json')).stdout)).toEqual([sentinel]); // unchanged: the kept findings
      await edit();
      expect(JSON.parse((await check('--json')).stdout)).toEqual(await fresh()); // at once (most changes leave a file settling)
      await settle();
      expect(JSON.parse((await check('--json')).stdout)).toEqual(await fresh()); // and once settled
    }
  }, 120_000);

  it('prints the kept findings after the files that were settling then have settled, unchanged, and not after they change', async () => {
    await settle();
    await appendFile(join(journal, 'daily/2025/2025-03-04.md'), '\n- [[nowhere]]\n');
    const full = JSON.parse((await check('--json')).stdout) as Diagnostic[]; // the file is settling: kept by its bytes
    expect(full).toEqual(await fresh());
    await settle();
    const sentinel = await plant();
    expect(JSON.parse((await check('--json')).stdout)).toEqual([sentinel]); // its stamp now, its bytes as they were
    await appendFile(join(journal, 'daily/2025/2025-03-04.md'), '\n- [[elsewhere]]\n');
    await settle();
    expect(JSON.parse((await check('--json')).stdout)).toEqual(await fresh());
  }, 60_000);

  it('prints the findings another command kept when it read the journal (query)', async () => {
    await settle();
    await runCli(['query', 'SELECT 1', '--journal', journal], { env: { TURBOWORK_CACHE: cache } });
    const sentinel = await plant();
    expect(JSON.parse((await check('--json')).stdout)).toEqual([sentinel]);
    await rm(`${stem()}.findings.json`);
    expect(JSON.parse((await check('--json')).stdout)).toEqual(await fresh());
  }, 60_000);

  it('loads neither DuckDB nor zod when it prints the kept findings', async () => {
    await settle();
    const main = new URL('../src/cli/main.ts', import.meta.url).pathname;
    const recorder = new URL('./support/record-modules.ts', import.meta.url).pathname;
    const record = join(scratch.dir, 'modules.txt');
    const run = () => promisify(execFile)(process.execPath, ['--import', recorder, main, 'check', '--journal', journal], { env: { ...process.env, RECORD_MODULES: record, TURBOWORK_CACHE: cache } }).catch(() => undefined);
    await run();
    expect(await readFile(record, 'utf8')).toMatch(/@duckdb/);
    await run();
    const loaded = await readFile(record, 'utf8');
    expect(loaded).toMatch(/leven/); // the recorder saw the CLI's own dependencies
    expect(loaded).not.toMatch(/@duckdb|node_modules\/zod\//);
  }, 60_000);
});
