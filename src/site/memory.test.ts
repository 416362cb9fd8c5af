/**
 * Giving the heap back (the build does it once the journal is read and once the site is assembled):
 * the young generation a burst of short-lived objects grew, and the old generation's pages that
 * garbage left, go back to the system, and what is live stays.
 */
import { getHeapSpaceStatistics, getHeapStatistics } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { releaseMemory } from './memory.ts';

const committed = (space: string) => getHeapSpaceStatistics().find((s) => s.space_name === space)!.space_size;

describe('releaseMemory', () => {
  it('shrinks the young generation and the heap, and keeps what is live', () => {
    // Live: 20,000 records, kept throughout. Garbage: 3 million records made in batches of 200,000,
    // some of which survive long enough to be promoted (as a build's parsed files and reports are).
    const live = Array.from({ length: 20_000 }, (_, i) => ({ i, text: `entry ${i}` }));
    let batch: { i: number; text: string }[] = [];
    for (let i = 0; i < 3_000_000; i++) {
      batch.push({ i, text: `garbage ${i}` });
      if (batch.length === 200_000) batch = [];
    }
    const before = { young: committed('new_space'), heap: getHeapStatistics().total_heap_size };
    releaseMemory();
    const after = { young: committed('new_space'), heap: getHeapStatistics().total_heap_size };
    expect(after.young).toBeLessThan(before.young / 4);
    expect(after.heap).toBeLessThan(before.heap / 2);
    expect(live.at(-1)).toEqual({ i: 19_999, text: 'entry 19999' });
    expect(batch.length).toBeLessThan(200_000);
  });

  it('leaves no gc() to the process or to contexts made later', () => {
    releaseMemory();
    releaseMemory();
    expect(typeof (globalThis as { gc?: unknown }).gc).toBe('undefined');
    expect(runInNewContext('typeof gc')).toBe('undefined');
  });
});
