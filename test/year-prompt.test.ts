/**
 * The year's prompt on the sample journal (journal/) within the default 12,000-token input limit:
 * what it keeps, in the order issue 11 set (headline figures, achievements with their whole STAR
 * text, key results with outcomes, highlights, feedback newest first, then quarters and other wins).
 */
import { describe, expect, it } from 'vitest';
import { assess } from '../src/assess/assess.ts';
import { openJournal } from '../src/journal.ts';

const SAMPLE = new URL('../journal/', import.meta.url).pathname;

describe('the year prompt on the sample journal', () => {
  it('keeps figures, whole achievements, every key result and highlight, and the newest feedback', async () => {
    const journal = await openJournal({ journalDir: SAMPLE, cacheDir: null });
    let prompt;
    try {
      const summary = await assess(journal, SAMPLE, [{ kind: 'year', period: '2026' }], { asOf: '2026-11-20', dryRun: true, noLlm: true }, { now: () => new Date('2026-11-20T12:00:00Z'), env: {}, log: () => {} });
      prompt = summary.drafts[0].prompt!;
    } finally {
      journal.db.close();
    }
    const data = prompt.data;
    const section = (title: string) => (new RegExp(`## ${title}[^\\n]*\\n([\\s\\S]*?)(?=\\n## |$)`).exec(data)?.[1] ?? '').split('\n').filter((l) => l.startsWith('- '));
    expect(prompt.tokens).toBeLessThanOrEqual(12_000);
    for (const kept of ['Figures', 'Achievements', 'Objectives and key results', 'Highlights']) expect(prompt.dropped[kept], kept).toBeUndefined();
    expect(section('Objectives and key results').filter((l) => l.includes('Key result'))).toHaveLength(28);
    expect(section('Highlights')).toHaveLength(11);
    // STAR text is whole, or cut at a sentence end with "[…]", never mid-sentence.
    for (const line of section('Achievements')) {
      for (const field of line.split(/; (?=situation:|task:|action:|result:)/).slice(1)) expect(field.trim(), field.slice(0, 60)).toMatch(/[.!?]["”’)]*(?: \[…\])?$/);
    }
    // Feedback: when cut, the newest stay.
    const dates = section('Feedback received').map((l) => /\] (\d{4}-\d{2}-\d{2})/.exec(l)![1]);
    expect(dates.length).toBeGreaterThan(0);
    if (prompt.dropped['Feedback received']) expect(dates.at(-1)! >= '2026-10-01').toBe(true);
    expect(dates).toEqual([...dates].sort());
    // The draft says what was left out: the counts per section travel with the prompt.
    expect(Object.keys(prompt.dropped)).toContain('Other wins');
  });
});
