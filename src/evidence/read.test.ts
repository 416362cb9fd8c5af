import { appendFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openJournal } from '../journal.ts';

const line = (sha: string, subject: string) => JSON.stringify({ repository: 'api', sha: sha.repeat(40), time: '2025-03-03T10:00:00+01:00', author: 'a@example.com', subject, files: 1, insertions: 2, deletions: 0, pr: null, merge: false });
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'turbowork-evidence-'));
  await mkdir(join(dir, 'journal/evidence/commits'), { recursive: true });
  await writeFile(join(dir, 'journal/evidence/commits/api.jsonl'), `${line('a', 'First')}\n{"sha": oops\n${line('a', 'Twice')}\n`);
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function observe() {
  const journal = await openJournal({ journalDir: join(dir, 'journal'), cacheDir: join(dir, 'cache') });
  try {
    return { subjects: (await journal.db.all<{ subject: string }>('SELECT subject FROM commits ORDER BY line')).map((r) => r.subject), problems: journal.diagnostics.map((d) => `${d.file}:${d.line} ${d.code}`) };
  } finally {
    journal.db.close();
  }
}

describe('evidence in the cache', () => {
  it('keeps rows and problems of unchanged files across opens, and reloads a changed file whole', async () => {
    const first = await observe();
    expect(first).toEqual({ subjects: ['First'], problems: ['evidence/commits/api.jsonl:2 evidence-invalid'] }); // the same hash twice counts once
    expect(await observe()).toEqual(first); // from the cache: not parsed again, the problem still reported
    await appendFile(join(dir, 'journal/evidence/commits/api.jsonl'), `${line('b', 'Second')}\n`);
    expect(await observe()).toEqual({ subjects: ['First', 'Second'], problems: ['evidence/commits/api.jsonl:2 evidence-invalid'] });
    await writeFile(join(dir, 'journal/evidence/commits/api.jsonl'), `${line('c', 'Only')}\n`);
    expect(await observe()).toEqual({ subjects: ['Only'], problems: [] });
    await rm(join(dir, 'journal/evidence'), { recursive: true });
    expect(await observe()).toEqual({ subjects: [], problems: [] });
  });
});
