import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from '../ingest/frontmatter.ts';
import { readJournalFiles } from '../ingest/read.ts';
import { generateJournal } from '../../scripts/generate-journal.ts';
import { renderInline, renderMarkdown, renderSimple } from './markdown.ts';

const resolve = (target: string, anchor: string | null) => (target === 'nowhere' ? null : `/okrs/${target}/${anchor ? `#kr-${anchor}` : ''}`);

describe('renderMarkdown', () => {
  it('renders GFM: task lists, tables, strikethrough', () => {
    const html = renderMarkdown('- [x] done\n- [ ] open\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n~~old~~');
    expect(html).toContain('<input type="checkbox" checked disabled>');
    expect(html).toContain('<table>');
    expect(html).toContain('<del>old</del>');
  });

  it.each([
    ['<script>alert(1)</script>', /<script/i],
    ['<img src=x onerror="alert(1)">', /onerror/i],
    ['[click](javascript:alert(1))', /javascript:/i],
    ['<a href="javascript:alert(1)">x</a>', /javascript:/i],
    ['<iframe src="https://evil.example"></iframe>', /<iframe/i],
    ['![x](javascript:alert(1))', /javascript:/i],
    ['<div onclick="steal()">hi</div>', /onclick/i],
    ['[x](  JaVaScRiPt:alert(1))', /javascript:/i],
    ['<svg onload=alert(1)>', /onload|<svg/i],
    ['<style>body{display:none}</style>', /<style/i],
  ])('never lets %s through', (input, forbidden) => {
    expect(renderMarkdown(input)).not.toMatch(forbidden);
  });

  it('renders text without "<" the same whether or not raw HTML is parsed, on every sample and generated entry', async () => {
    const sample = (await readJournalFiles(new URL('../../journal/', import.meta.url).pathname)).map((f) => [f.path, new TextDecoder().decode(f.bytes)] as const);
    const generated = [...generateJournal({ years: 1, seed: 7 })].filter(([path]) => path.endsWith('.md'));
    let compared = 0;
    for (const [path, text] of [...sample, ...generated]) {
      if (!path.endsWith('.md')) continue;
      const { body } = parseFrontMatter(text, path);
      if (body.includes('<')) continue;
      compared++;
      expect(renderMarkdown(body, resolve, { pipeline: true }), path).toBe(renderMarkdown(body, resolve, { pipeline: true, raw: true }));
    }
    expect(compared).toBeGreaterThan(400);
  });

  it('writes simple bodies directly, the same as the pipeline, on every sample and generated entry', async () => {
    const sample = (await readJournalFiles(new URL('../../journal/', import.meta.url).pathname)).map((f) => [f.path, new TextDecoder().decode(f.bytes)] as const);
    const generated = [...generateJournal({ years: 2, seed: 11 })];
    const edges = [
      '## Wins\n\n- a one\n- b [[2019-Q1/x]]\n\n## Notes\n\nSome para\nsecond line\n\nThird para.',
      '# H1\nPara right after\n- list right after para\n* star', '- a\n\n- b', '- a\n\n* b', '1. one\n2. two', '- a\n  continued', '- a\nlazy',
      '### Heading ###', '## Closed #', 'Para  \nhard break', 'Para\n===', 'Para\n---', '- [ ] task\n- [x] done', '\n\n## Late start\n\n\n', '',
      '- --', '- ---', '- a\n- --', 'foo\n- --', '# h\n- --', '1.', '1)', '0.', '123456789.', '# h\n\n1.', '- -', '+ -', '- +', '- #', '- 1.', '- 0.',
      'WWW.example.com', 'Www.example.com', 'HTTP://example.com', 'see Https://x.org now', 'foo\0bar', '- #tag first', '# - heading', 'a\u00a0', '\u00a0a',
      '- [ ] open @me due:2025-01-02\n- [x] done\n- plain', '- [X] big\n- [ ]  two spaces', '- [ ]', 'Mail alex@example.com', 'cc @me', 'Said "no" & meant it', '##No space', '#######  seven', '+5% growth', '-5 degrees', '> quote', '    code', 'a\tb', 'x [[2025-Q1/growth|g]] y [[2025-Q1/a#b]]',
    ].map((text, i) => [`edge-${i}.md`, text] as const);
    let simple = 0;
    for (const [path, text] of [...sample, ...generated, ...edges]) {
      if (!path.endsWith('.md')) continue;
      const body = path.startsWith('edge-') ? text : parseFrontMatter(text, path).body;
      const html = renderSimple(body, resolve);
      if (html === null) continue;
      simple++;
      expect(html, path).toBe(renderMarkdown(body, resolve, { pipeline: true }));
    }
    // Most entries take the direct path; edge cases that would not (a loose list, a lazy line, ...) fall back.
    expect(simple).toBeGreaterThan(1000);
    expect(renderSimple('- a\n\n- b')).toBeNull();
    expect(renderSimple('- a\nlazy')).toBeNull();
    expect(renderSimple('Para\n---')).toBeNull();
  });

  it('keeps ordinary links and headings', () => {
    expect(renderMarkdown('[docs](https://duckdb.org)')).toBe('<p><a href="https://duckdb.org">docs</a></p>');
    expect(renderMarkdown('## Notes')).toBe('<h2>Notes</h2>');
  });

  it('keeps the mark of an unverified number, and no other class on it', () => {
    expect(renderInline('Saved <mark class="unverified">$1.3M</mark>', resolve)).toBe('Saved <mark class="unverified">$1.3M</mark>');
    expect(renderInline('<mark class="evil" style="x">a</mark>', resolve)).toMatch(/^<mark( class="")?>a<\/mark>$/);
  });

  it('renders plain lines without the pipeline, and the same as the pipeline would', () => {
    for (const line of ['Shipped the billing export', 'Cut p95 from 850ms to 120ms (86%) #perf', 'Said "no" to the rewrite']) {
      expect(renderInline(line, resolve)).toBe(renderMarkdown(line, resolve).replace(/^<p>([\s\S]*)<\/p>$/, '$1'));
    }
  });

  it('renders every list line of the sample and a generated journal the same as the pipeline would', async () => {
    const sample = (await readJournalFiles(new URL('../../journal/', import.meta.url).pathname)).map((f) => [f.path, new TextDecoder().decode(f.bytes)] as const);
    const generated = [...generateJournal({ years: 1, seed: 7 })];
    const lines = new Set([...sample, ...generated].flatMap(([path, text]) => (path.endsWith('.md') ? text.split('\n') : [])).flatMap((line) => /^\s*[-*] (?:\[[ x]\] )?(.+)$/.exec(line)?.[1] ?? []));
    for (const line of ['para\n- b', 'a\n===', '-', '#', '---', '    indented', '\tTabbed', 'nbsp\u00a0', '\u3000ideographic', 'form\f', 'WWW.example.com', 'x\0y']) lines.add(line);
    lines.add('Wrote to alex@example.com about [[2025-Q1/growth]]').add('Talked [[2025-Q1/growth|growth *fast*]]').add('[[a b/c]] then [[2025-Q1/growth#kr one]]').add('![[2025-Q1/growth]]');
    let linked = 0;
    for (const line of lines) {
      if (line.includes('[[')) linked++;
      expect(renderInline(line, resolve), line).toBe(renderMarkdown(line, resolve).replace(/^<p>([\s\S]*)<\/p>\n?$/, '$1'));
    }
    expect(linked).toBeGreaterThan(100);
  });

  it('leaves wiki links inside code as written, embeds alone, and an unresolved link as its label', () => {
    const html = renderMarkdown('See `[[2025-Q1/a]]` and [[nowhere|the plan]] and ![[img.png]]\n\n```\n[[2025-Q1/b]]\n```\n\n[[2025-Q1/c d]]', resolve);
    expect(html).toBe('<p>See <code>[[2025-Q1/a]]</code> and the plan and ![[img.png]]</p>\n<pre><code>[[2025-Q1/b]]\n</code></pre>\n<p><a href="/okrs/2025-Q1/c%20d/">2025-Q1/c d</a></p>');
    expect(renderInline('Paired on [[nowhere]] today', resolve)).toBe('Paired on nowhere today');
  });

  it('turns wiki links into links to objectives and key results', () => {
    expect(renderInline('Cut latency [[2025-Q1/reliability#latency]] and [[2025-Q1/growth|growth]]', resolve)).toBe(
      'Cut latency <a href="/okrs/2025-Q1/reliability/#kr-latency">2025-Q1/reliability › latency</a> and <a href="/okrs/2025-Q1/growth/">growth</a>',
    );
  });
});
