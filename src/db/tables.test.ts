import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderTablesDdl, TABLES } from './tables.ts';
import { Database } from './duckdb.ts';

describe('tables', () => {
  it('are documented with every column in docs/cli.md', () => {
    const doc = readFileSync(new URL('../../docs/cli.md', import.meta.url), 'utf8');
    for (const [table, columns] of Object.entries(TABLES)) {
      expect(doc).toContain(`| \`${table}\` | ${Object.keys(columns).join(', ')} |`);
    }
  });

  it('create in DuckDB with real DATE columns, and round-trip rows through the appender', async () => {
    const db = await Database.open();
    await db.run(renderTablesDdl());
    await db.append('check_ins', [
      { objective_id: 'o', kr_id: 'k', path: 'okrs/o.md', line: 7, date: '2025-02-15', value: 99.91, confidence: null, note: 'n', private: false },
    ]);
    await db.append('days', [
      {
        date: '2024-02-29', path: 'd.md', line: 1, week: '2024-W09', hours: 8, deep_work: null, meeting_hours: null, context_switches: 3,
        energy: 4, stress: null, balance: null, mood: 'good', okrs: ['a/b'], projects: [], tags: ['x', 'y'], billable: null, goals: [], open_goals: [],
        blockers: [], learnings: [], notes: null, body: '', extra: '{"k":1}', private: true,
      },
    ]);
    expect(await db.all(`SELECT typeof(date) AS t, date + 1 AS next, value FROM check_ins`)).toEqual([{ t: 'DATE', next: '2025-02-16', value: 99.91 }]);
    expect(await db.all(`SELECT date, tags, extra->>'k' AS k, private FROM days`)).toEqual([{ date: '2024-02-29', tags: ['x', 'y'], k: '1', private: true }]);
    db.close();
  });
});
