import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openJournal } from '../journal.ts';
import { openShareable } from './shareable.ts';
import { TABLES } from './tables.ts';

const fixture = new URL('../../test/fixtures/journals/privacy/', import.meta.url).pathname;

describe('the shareable views', () => {
  it('cover every table with its columns, so no table can leave the machine unfiltered', async () => {
    const journal = await openJournal({ journalDir: fixture, cacheDir: null });
    try {
      const rows = await journal.db.all<{ table_name: string; columns: string[] }>(
        `SELECT table_name, list(column_name ORDER BY ordinal_position) AS columns FROM information_schema.columns WHERE table_schema = 'shareable' GROUP BY table_name ORDER BY table_name`,
      );
      expect(Object.fromEntries(rows.map((r) => [r.table_name, r.columns]))).toEqual(Object.fromEntries(Object.entries(TABLES).sort(([a], [b]) => a.localeCompare(b)).map(([name, columns]) => [name, Object.keys(columns)])));
    } finally {
      journal.db.close();
    }
  });

  it('keep no private row, and nothing of a private, missing or broken series', async () => {
    const journal = await openJournal({ journalDir: fixture, cacheDir: null });
    try {
      const shareable = await openShareable(journal.db, journal.config);
      try {
        for (const table of Object.keys(TABLES)) {
          const [{ n }] = await shareable.all<{ n: number }>(`SELECT count(*) AS n FROM ${table} WHERE private IS NOT FALSE`);
          expect(n, table).toBe(0);
        }
        const series = async (table: string) => (await shareable.all<{ series: string }>(`SELECT DISTINCT series FROM ${table} WHERE series IS NOT NULL ORDER BY 1`)).map((r) => r.series);
        expect(await series('meetings')).toEqual(['open-series']);
        expect(await series('feedback')).toEqual(['open-series']);
        expect(await series('action_items')).toEqual(['open-series']);
        // The whole journal still has them: the copy is what differs.
        expect((await journal.db.all(`SELECT DISTINCT series FROM meetings`)).length).toBe(4);
        // Figures computed in the copy count public wins only.
        const [week] = await shareable.all<{ wins: number }>(`SELECT wins FROM weekly_scores WHERE week = '2026-W10'`);
        const [all] = await journal.db.all<{ wins: number }>(`SELECT wins FROM weekly_scores WHERE week = '2026-W10'`);
        expect({ shareable: week.wins, all: all.wins }).toEqual({ shareable: 2, all: 7 });
      } finally {
        shareable.close();
      }
    } finally {
      journal.db.close();
    }
  });

  it('copy from a journal cached on disk, which stays as it was', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'turbowork-shareable-'));
    try {
      await cp(fixture, join(dir, 'journal'), { recursive: true });
      const journal = await openJournal({ journalDir: join(dir, 'journal'), cacheDir: join(dir, 'cache') });
      try {
        const first = await openShareable(journal.db, journal.config);
        const second = await openShareable(journal.db, journal.config);
        expect((await second.all<{ n: number }>(`SELECT count(*) AS n FROM days`))[0].n).toBe(3);
        first.close();
        second.close();
        expect((await journal.db.all<{ n: number }>(`SELECT count(*) AS n FROM days`))[0].n).toBe(14);
      } finally {
        journal.db.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
