import { describe, expect, it } from 'vitest';
import { generateJournal } from '../../scripts/generate-journal.ts';
import { estimateTokens, fitToBudget } from './budget.ts';

/** The estimate as first written, with a regular expression: the scan must count the same. */
function byRegExp(text: string): number {
  let tokens = 0;
  for (const [piece] of text.matchAll(/\p{L}+|\p{N}+|\n+|[^\s\p{L}\p{N}]/gu)) {
    const c = piece.charCodeAt(0);
    if (c === 10) tokens += 1;
    else if (/\p{N}/u.test(piece[0])) tokens += Math.ceil(piece.length / 3);
    else if (/\p{L}/u.test(piece[0])) tokens += c > 0x2e80 ? piece.length : Math.ceil(piece.length / 4);
    else tokens += 1;
  }
  return tokens;
}

describe('budget', () => {
  it('estimates on the high side of a BPE tokenizer', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('Cut p95 latency from 850ms to 120ms.')).toBeGreaterThanOrEqual(10);
  });

  it('counts what the regular expression counted, on journal text and on every kind of character', () => {
    const texts = [
      ...[...generateJournal({ years: 1, seed: 3 }).values()],
      'Café déjà vu — naïve coöperation, 1,234.56 €, 12:30\r\n\n\n\tdone',
      '東京で会議 한국어 テスト ١٢٣ ४५६ Ⅻ ½ ³',
      '𝒜𝒷𝒸 math 𝟙𝟚𝟛 emoji 🎉🚀 a𝒜b 1𝟙2 \u00a0nbsp\u2028line\u3000wide',
      '', ' ', '\n', 'a', '1', '.', '-->', 'p95=850ms→120ms (−86%)',
    ];
    for (const text of texts) expect(estimateTokens(text), text.slice(0, 40)).toBe(byRegExp(text));
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
