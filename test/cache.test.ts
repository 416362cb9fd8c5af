/**
 * The DuckDB cache cannot lie: `query` cannot change it, a damaged cache file is rebuilt with a
 * warning, and a cache another process holds leaves the run in memory, with a warning.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './support/cli.ts';

const fixture = new URL('./fixtures/journals/kinds/', import.meta.url).pathname;
let dir: string;
let journal: string;
let env: NodeJS.ProcessEnv;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'turbowork-cache-'));
  journal = join(dir, 'journal');
  await cp(fixture, journal, { recursive: true });
  env = { TURBOWORK_CACHE: join(dir, 'cache') };
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const cli = (...argv: string[]) => runCli([...argv, '--journal', journal], { env });
const cacheFile = async () => join(dir, 'cache', (await readdir(join(dir, 'cache'))).find((n) => n.endsWith('.duckdb'))!);

describe('query', () => {
  it('refuses DELETE, and the tables stay whole', async () => {
    const refused = await cli('query', 'DELETE FROM days');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/refused: DELETE statements are refused: the tables are a cache of the journal, read-only to queries/);
    for (const sql of ['DROP TABLE wins', 'INSERT INTO days (date) VALUES (DATE \'2020-01-01\')', 'CREATE TABLE x AS SELECT 1', "COPY days TO 'x.csv'", 'SELECT 1; DELETE FROM days']) {
      expect((await cli('query', sql)).code, sql).toBe(2);
    }
    const after = await cli('query', 'SELECT count(*) AS n FROM days', '--json');
    expect(after.code).toBe(0);
    expect(JSON.parse(after.stdout)).toEqual([{ n: 2 }]);
  });
});

describe('a damaged cache', () => {
  it('is rebuilt from the journal, with a warning, when its file holds random bytes', async () => {
    expect((await cli('check')).stderr).not.toMatch(/warning: the cache/);
    await writeFile(await cacheFile(), randomBytes(64 * 1024));
    const damaged = await cli('query', 'SELECT count(*) AS n FROM wins', '--json');
    expect(damaged.code).toBe(0);
    expect(damaged.stderr).toMatch(/turbowork: warning: the cache .*journal-\w+\.duckdb could not be opened .*; it was moved to .*\.broken and rebuilt from the journal/);
    expect(JSON.parse(damaged.stdout)).toEqual([{ n: 4 }]);
    const next = await cli('check');
    expect(next.stderr).not.toMatch(/warning: the cache/);
  });
});

describe('a cache held by another process', () => {
  it('leaves the run in memory, with a warning', async () => {
    await cli('check');
    const path = await cacheFile();
    const holder = spawn(process.execPath, ['--input-type=module', '-e', `
      import { DuckDBInstance } from '@duckdb/node-api';
      const instance = await DuckDBInstance.create(${JSON.stringify(path)});
      await instance.connect();
      process.stdout.write('ready\\n');
      setInterval(() => {}, 1000);
    `], { cwd: new URL('..', import.meta.url).pathname, stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
        holder.on('exit', (code) => reject(new Error(`holder exited ${code}`)));
      });
      const held = await cli('query', 'SELECT count(*) AS n FROM days', '--json');
      expect(held.code).toBe(0);
      expect(held.stderr).toMatch(/turbowork: warning: the cache .* is in use by another process .*; this run reads the journal into memory/);
      expect(JSON.parse(held.stdout)).toEqual([{ n: 2 }]);
      expect((await cli('query', 'DELETE FROM days')).code).toBe(2);
    } finally {
      holder.kill();
    }
  });
});
