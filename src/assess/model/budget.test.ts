import { describe, expect, it } from 'vitest';
import { generateJournal } from '../../../scripts/generate-journal.ts';
import { encode } from 'gpt-tokenizer/encoding/o200k_base';
import { estimateTokens, fitToBudget } from './budget.ts';

describe('budget', () => {
  // OpenAI's o200k tokenizer (what gpt-4o-mini bills) is the yardstick: the estimate must never be
  // below it, and not wildly above it either (a budget that wastes half the window is no budget).
  const samples: Record<string, string> = {
    english: 'Cut p95 latency on /search from 850ms to 120ms by adding a covering index; the incident commander now posts within 10 minutes.',
    cjk: '東京で会議をしました。来週のリリース計画について話し合い、遅延を減らすための対策を決めました。한국어 문장도 포함합니다。中文句子也在这里。',
    emoji: 'Shipped 🎉🚀 the launch 👩‍💻👨‍👩‍👧‍👦 with ✅ checks and 🔥 fixes 🙌🏽 ❤️ 🇩🇪 — 𝒜𝒷𝒸 𝟙𝟚𝟛',
    code: 'const x = await db.all<{ n: number }>(`SELECT count(*) AS n FROM wins WHERE date >= $1`);\n  for (let i = 0; i < 10; i++) { y[i] = f(i) ** 2; } // 0xdeadbeef',
    mixed: 'Café déjà vu — naïve coöperation, 1,234.56 €, 12:30\r\n\n\n\tdone ١٢٣ ४५६ Ⅻ ½ ³ \u00a0nbsp\u2028line\u3000wide',
  };
  it.each(Object.entries(samples))('errs high against o200k on %s', (_, text) => {
    const real = encode(text).length;
    const estimate = estimateTokens(text);
    expect(estimate).toBeGreaterThanOrEqual(real);
    expect(estimate).toBeLessThanOrEqual(real * 2);
  });

  it('errs high against o200k on a year of journal text, file by file', () => {
    const files = [...generateJournal({ years: 1, seed: 3 }).values()].slice(0, 200);
    const short = files.filter((text) => estimateTokens(text) < encode(text).length);
    expect(short).toEqual([]);
    const total = files.reduce((n, t) => n + encode(t).length, 0);
    const estimated = files.reduce((n, t) => n + estimateTokens(t), 0);
    expect(estimated / total).toBeGreaterThan(1);
    expect(estimated / total).toBeLessThan(1.6);
  });

  it('counts nothing for nothing', () => {
    expect(estimateTokens('')).toBe(0);
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
