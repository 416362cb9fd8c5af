import { describe, expect, it } from 'vitest';
import { parseFile } from './parse.ts';
import { JournalConfig } from './schema.ts';

const config = JournalConfig.parse({});
const bytes = (text: string) => new TextEncoder().encode(text);

describe('parseFile', () => {
  it('reads keys left blank, at any depth, as not given', () => {
    const parsed = parseFile('okrs/2026-Q1/new.md', bytes('---\ntitle: New\nkey_results:\n  - id: a\n    title: A\n    start: 0\n    target: 5\n    unit:\n    check_ins:\n---\n'), config);
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.rows.key_results).toMatchObject([{ kr_id: 'a', unit: null, weight: 1 }]);
    expect(parsed.rows.check_ins).toEqual([]);
  });

  it('takes a daily log date from its file name and its week from the date', () => {
    const parsed = parseFile('daily/2025/2025-02-07.md', bytes('## Wins\n\n- One\n'), config);
    expect(parsed.rows.days).toMatchObject([{ date: '2025-02-07', week: '2025-W06' }]);
    expect(parsed.rows.wins).toMatchObject([{ id: '2025-02-07#1', text: 'One', line: 3 }]);
  });
});
