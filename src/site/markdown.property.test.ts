/**
 * Property tests (fast-check, fixed seed): the direct renderers agree with the remark pipeline on
 * generated bodies built from the shapes that tripped the old line scanner — a lone "-" or "1."
 * item, a "  -" continuation line, tasks, headings with emoji, wiki links in and out of code.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SECTIONS } from '../ingest/sections.ts';
import { itemsOf, parseSections } from '../ingest/markdown.ts';
import { renderInline, renderMarkdown, renderSimple } from './markdown.ts';

const SEED = 20261130;
const resolve = (target: string, anchor: string | null) => (target.startsWith('x') ? null : `/okrs/${target}/${anchor ? `#kr-${anchor}` : ''}`);

const word = fc.constantFrom('ship', 'fix', 'API', 'p95', '#perf', '@sam', 'due:2025-02-10', '[[2025-Q1/rel]]', '[[xyz|label]]', '[[a#b]]', '`[[code]]`', '*em*', '<b>', '&', '1.', '-', '✅');
const text = fc.array(word, { minLength: 1, maxLength: 5 }).map((w) => w.join(' '));
const line = fc.oneof(
  text,
  text.map((t) => `- ${t}`),
  text.map((t) => `* ${t}`),
  text.map((t) => `1. ${t}`),
  text.map((t) => `- [ ] ${t}`),
  text.map((t) => `- [x] ${t}`),
  text.map((t) => `  - ${t}`),
  text.map((t) => `  ${t}`),
  text.map((t) => `## ${t}`),
  text.map((t) => `### ✅ ${t}`),
  fc.constantFrom('-', '1.', '- ', '  -', '', '', '---', '```', '> quote', '    code', '## Wins', '# Title'),
);
const body = fc.array(line, { minLength: 1, maxLength: 12 }).map((lines) => lines.join('\n'));

describe('the direct renderers agree with the remark pipeline', () => {
  it('renderSimple: null, or the pipeline\'s HTML', () => {
    fc.assert(
      fc.property(body, (markdown) => {
        const simple = renderSimple(markdown, resolve);
        if (simple !== null) expect(simple).toBe(renderMarkdown(markdown, resolve, { pipeline: true }));
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });

  it('renderInline: the pipeline\'s paragraph, for one line', () => {
    fc.assert(
      fc.property(text, (markdown) => {
        expect(renderInline(markdown, resolve)).toBe(renderMarkdown(markdown, resolve, { pipeline: true }).replace(/^<p>([\s\S]*)<\/p>\n?$/, '$1'));
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });
});

describe('section headings', () => {
  const decoration = fc.record({
    level: fc.integer({ min: 1, max: 6 }),
    emoji: fc.constantFrom('', '✅ ', '🚀 ', '🏆', '🎉 '),
    casing: fc.constantFrom('lower', 'upper', 'title'),
    trailing: fc.constantFrom('', ':', '!', ' :', '.'),
    bold: fc.boolean(),
    name: fc.constantFrom(...SECTIONS.daily.wins),
  });
  it('find the wins under every variant of a wins heading', () => {
    fc.assert(
      fc.property(decoration, fc.array(text, { minLength: 1, maxLength: 4 }), ({ level, emoji, casing, trailing, bold, name }, items) => {
        const cased = casing === 'upper' ? name.toUpperCase() : casing === 'title' ? name.replace(/\b\w/g, (c) => c.toUpperCase()) : name;
        const heading = `${'#'.repeat(level)} ${emoji}${bold ? `**${cased}**` : cased}${trailing}`;
        const clean = items.map((t) => t.replace(/^[-*\d.`#> ]+|[`]/g, '').trim() || 'item');
        const found = parseSections(`${heading}\n\n${clean.map((t) => `- ${t}`).join('\n')}\n`, SECTIONS.daily);
        expect(itemsOf(found, 'wins').map((i) => i.text), heading).toEqual(clean);
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });
});
