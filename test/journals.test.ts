/**
 * Fixture journals: each folder under test/fixtures/journals/ is a journal; beside it,
 * <case>.expected.json holds the diagnostics it must produce and how many rows each table gets.
 * UPDATE=1 rewrites the expectations (review the diff!); a missing expectation fails.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TABLES } from '../src/db/tables.ts';
import { DIAGNOSTIC_CODES } from '../src/ingest/diagnostics.ts';
import { openJournal } from '../src/journal.ts';

const root = new URL('./fixtures/journals/', import.meta.url).pathname;
const cases = readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

async function observe(name: string) {
  const journal = await openJournal({ journalDir: join(root, name), cacheDir: null });
  try {
    const rows: Record<string, number> = {};
    for (const table of Object.keys(TABLES)) {
      const [{ n }] = await journal.db.all<{ n: number }>(`SELECT count(*) AS n FROM ${table}`);
      rows[table] = n;
    }
    return { diagnostics: journal.diagnostics, rows };
  } finally {
    journal.db.close();
  }
}

describe('fixture journals', () => {
  it.each(cases)('%s produces its expected diagnostics and rows', async (name) => {
    const actual = JSON.parse(JSON.stringify(await observe(name)));
    const file = join(root, `${name}.expected.json`);
    if (process.env.UPDATE === '1') writeFileSync(file, JSON.stringify(actual, null, 2) + '\n');
    expect(existsSync(file), `missing ${file}; run UPDATE=1 npx vitest run test/journals.test.ts`).toBe(true);
    expect(actual).toEqual(JSON.parse(readFileSync(file, 'utf8')));
  });

  it('cover every diagnostic code, with the hostile corpus (test/hostile.test.ts)', () => {
    const hostile = new URL('./fixtures/hostile/', import.meta.url).pathname;
    const seen = new Set([
      ...cases.flatMap((name) => {
        const file = join(root, `${name}.expected.json`);
        return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).diagnostics.map((d: { code: string }) => d.code) : [];
      }),
      ...readdirSync(hostile).flatMap((name) => JSON.parse(readFileSync(join(hostile, name, 'expected.json'), 'utf8')).diagnostics.map(([, code]: [string, string]) => code)),
      // Team mode's codes, from the team fixtures (test/team.test.ts checks these files).
      ...['team', 'team-broken'].flatMap((name) => JSON.parse(readFileSync(new URL(`./fixtures/${name}/expected.json`, import.meta.url), 'utf8')).diagnostics.map(([, code]: [string, string]) => code)),
    ]);
    expect([...seen].sort()).toEqual(Object.keys(DIAGNOSTIC_CODES).sort());
  });
});
