import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openJournal } from '../journal.ts';
import { listPeriods } from './inputs.ts';

it('lists only the periods with entries: a gap of years (or a year typed 0025) drafts nothing in between', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tw-periods-'));
  try {
    for (const date of ['0025-03-04', '2025-02-03', '2025-02-04', '2025-05-06']) {
      await mkdir(join(dir, 'daily', date.slice(0, 4)), { recursive: true });
      await writeFile(join(dir, 'daily', date.slice(0, 4), `${date}.md`), '## Wins\n\n- Shipped it\n');
    }
    const journal = await openJournal({ journalDir: dir, cacheDir: null });
    try {
      expect(await listPeriods(journal.db, journal.config, '2025-12-31')).toEqual([
        { kind: 'week', period: '0025-W10' }, { kind: 'week', period: '2025-W06' }, { kind: 'week', period: '2025-W19' },
        { kind: 'quarter', period: '0025-Q1' }, { kind: 'quarter', period: '2025-Q1' }, { kind: 'quarter', period: '2025-Q2' },
        { kind: 'year', period: '0025' }, { kind: 'year', period: '2025' },
      ]);
    } finally {
      journal.db.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
