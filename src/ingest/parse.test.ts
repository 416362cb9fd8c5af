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

  it("reads each file with its own settings' headings, and a key in another case, file after file", () => {
    const shipped = bytes('---\nDeep-Work: 2\n---\n## Shipped it\n\n- One\n');
    const read = (settings: JournalConfig) => parseFile('daily/2025-02-07.md', shipped, settings);
    const added = JournalConfig.parse({ sections: { wins: ['Shipped it'] } });
    const other = JournalConfig.parse({ sections: { blockers: ['Shipped it'] } });
    // The same file under three settings, twice over: what one file's settings add is not another's.
    for (let round = 0; round < 2; round++) {
      expect(read(config).rows.wins).toEqual([]);
      expect(read(config).diagnostics.map((d) => d.code).sort()).toEqual(['heading-unknown', 'key-case']);
      expect(read(added).rows.wins).toMatchObject([{ text: 'One' }]);
      expect(read(added).diagnostics.map((d) => d.code)).toEqual(['key-case']);
      expect(read(other).rows.days).toMatchObject([{ blockers: ['One'], deep_work: 2 }]);
      expect(read(other).rows.wins).toEqual([]);
    }
  });
});
