import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from './duckdb.ts';
import { fromEpochDay } from '../ingest/dates.ts';
import { renderTablesDdl, TABLES, type ColumnType, type Row } from './tables.ts';

/** A value of each column type as the parsers make them, null included. */
const VALUES: Record<ColumnType, fc.Arbitrary<unknown>> = {
  VARCHAR: fc.string({ unit: 'grapheme', maxLength: 40 }),
  JSON: fc.jsonValue().map((value) => JSON.stringify(value)),
  DATE: fc.integer({ min: -700_000, max: 2_900_000 }).map(fromEpochDay), // years 0053 to 9909
  DOUBLE: fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
  INTEGER: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
  BOOLEAN: fc.boolean(),
  'VARCHAR[]': fc.array(fc.string({ unit: 'grapheme', maxLength: 12 }), { maxLength: 4 }),
};

const columns = Object.entries(TABLES.days) as [keyof Row<'days'>, ColumnType][];
const day = fc.record(Object.fromEntries(columns.map(([column, type]) => [column, fc.option(VALUES[type], { freq: 4 })]))) as fc.Arbitrary<Row<'days'>>;

describe('Database.append', () => {
  let db: Database;
  beforeAll(async () => {
    db = await Database.open(':memory:');
    await db.run(renderTablesDdl());
  });
  afterAll(() => db.close());

  // Rows go in a chunk of columns at a time (2,048 rows a chunk); what a row held, a value at a time, must come back.
  it('loads every column type, nulls and empty lists included, as the rows held them, over many chunks', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(day, { maxLength: 5000, size: 'max' }), async (rows) => {
        await db.run('DELETE FROM days');
        await db.append('days', rows.map((row, i) => ({ ...row, line: i })));
        const back = await db.all<Row<'days'>>('SELECT * FROM days ORDER BY line');
        expect(back).toEqual(rows.map((row, i) => ({ ...row, line: i })));
      }),
      { seed: 15, numRuns: 12 },
    );
  });
});

describe('Database.open', () => {
  // A sum of doubles depends on the order it adds them in: split over threads, that order (and the
  // last digits of a report's averages) changed from one run to the next.
  it('gives a query the same figures on every run', async () => {
    const db = await Database.open(':memory:');
    try {
      await db.run('CREATE TABLE t AS SELECT (i * 0.1 + 1e-7 * (i % 97)) / 3 AS x, i % 7 AS g FROM range(0, 2000000) r(i)');
      const runs = new Set<string>();
      for (let i = 0; i < 20; i++) runs.add(JSON.stringify(await db.all('SELECT sum(x) AS total, (SELECT list(a ORDER BY g) FROM (SELECT g, avg(x) AS a FROM t GROUP BY g)) AS means FROM t')));
      expect([...runs]).toHaveLength(1);
    } finally {
      db.close();
    }
  });
});
