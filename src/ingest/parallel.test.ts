import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { generateJournal } from '../../scripts/generate-journal.ts';
import { parseFiles } from './parallel.ts';
import { parseFile } from './parse.ts';
import { JournalConfig } from './schema.ts';

describe('parseFiles', () => {
  it('gives the same results, in order, on worker threads as on one', async () => {
    const config = JournalConfig.parse({});
    const files = [...generateJournal({ years: 1, seed: 3 })].filter(([path]) => path.endsWith('.md')).map(([path, text]) => ({ path, bytes: new TextEncoder().encode(text), hash: '' }));
    const parallel = await parseFiles(files, config, { perThread: 50 });
    expect(availableParallelism()).toBeGreaterThan(1); // else this test would not reach a worker
    expect(parallel).toEqual(files.map((f) => parseFile(f.path, f.bytes, config)));
  });
});
