import { describe, expect, it } from 'vitest';
import { estimateTokens, fitToBudget } from './budget.ts';

describe('budget', () => {
  it('estimates on the high side of a BPE tokenizer', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('Cut p95 latency from 850ms to 120ms.')).toBeGreaterThanOrEqual(10);
  });

  it('drops the lowest priority lines first, latest first among equals, and counts them', () => {
    const sections = [
      { title: 'Figures', items: [{ text: 'Score 72 of 100, green', priority: 100 }] },
      { title: 'Wins', items: ['first win here', 'second win here', 'third win here'].map((text, i) => ({ text, priority: i === 0 ? 60 : 40 })) },
      { title: 'Learnings', items: [{ text: 'a learning that matters little', priority: 10 }] },
    ];
    const all = fitToBudget(sections, 1000);
    expect(all.dropped).toEqual({});
    const fitted = fitToBudget(sections, all.tokens - 12);
    expect(fitted.dropped).toEqual({ Learnings: 1, Wins: 1 });
    expect(fitted.sections[1].items.map((i) => i.text)).toEqual(['first win here', 'second win here']);
    expect(fitted.tokens).toBeLessThanOrEqual(all.tokens - 12);
  });
});
