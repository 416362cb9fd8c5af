import { describe, expect, it } from 'vitest';
import { itemsOf, parseSections } from './markdown.ts';
import { SECTIONS } from './sections.ts';

const body = `# Title

Intro line.

## Accomplishments

- Shipped *search*
  with a second line
  - nested detail
- [x] Ticked item

## Something else

Free text.

## TIL:

- One thing
`;

describe('parseSections', () => {
  it('matches a section at any level, ignoring emoji, markup, trailing punctuation and case', () => {
    for (const heading of ['## ✅ Wins', '### Wins', '# WINS:', '## **Wins**', '#### 🚀 Shipped!', '## Done today', '## Completed', '## Achievements', '## Highlights', '## Accomplishments']) {
      const found = parseSections(`${heading}\n\n- one\n`, SECTIONS.daily);
      expect(itemsOf(found, 'wins').map((i) => i.text), heading).toEqual(['one']);
    }
  });

  it('keeps a subheading that names no section inside the named section above it', () => {
    const found = parseSections('## Wins\n\n### Project A\n\n- one\n\n## Misc stuff\n\n- two\n\n### Notes\n\ntext\n', SECTIONS.daily);
    expect(found.map((s) => [s.heading, s.name])).toEqual([['Wins', 'wins'], ['Misc stuff', null], ['Notes', 'notes']]);
    expect(itemsOf(found, 'wins').map((i) => i.text)).toEqual(['one']);
  });

  const sections = parseSections(body, SECTIONS.daily, 10);

  it('matches headings case-insensitively through synonyms, keeping unknown ones as notes', () => {
    expect(sections.map((s) => [s.heading, s.name])).toEqual([
      ['Title', null],
      ['Accomplishments', 'wins'],
      ['Something else', null],
      ['TIL:', 'learnings'],
    ]);
  });

  it('returns top-level list items with file positions and task state', () => {
    expect(itemsOf(sections, 'wins')).toEqual([
      { text: 'Shipped *search* with a second line', markdown: 'Shipped *search*\n  with a second line\n  - nested detail', checked: null, line: 16, column: 3 },
      { text: 'Ticked item', markdown: 'Ticked item', checked: true, line: 19, column: 7 },
    ]);
  });

  it('keeps section text, and the offsets where content ends', () => {
    const wins = sections[1];
    expect(wins.lastBlock).toBe('list');
    expect(body.slice(wins.contentEnd - 11, wins.contentEnd)).toBe('Ticked item');
    expect(sections[2].markdown).toBe('Free text.');
  });
});

describe('structureParser', () => {
  it('finds the same blocks, list items and task states as a full GFM parse, on every sample entry (GFM tables aside)', async () => {
    const { readJournalFiles } = await import('./read.ts');
    const { parseFrontMatter } = await import('./frontmatter.ts');
    const { unified } = await import('unified');
    const { default: remarkParse } = await import('remark-parse');
    const { default: remarkGfm } = await import('remark-gfm');
    const { structureParser } = await import('./markdown.ts');
    const { kindOf } = await import('./entry-file.ts');
    const full = unified().use(remarkParse).use(remarkGfm);
    type Node = { type: string; checked?: boolean | null; position?: { start: { offset?: number }; end: { offset?: number } }; children?: Node[] };
    const skeleton = (node: Node): unknown => [
      node.type, node.checked ?? null, node.position?.start.offset, node.position?.end.offset,
      node.type === 'paragraph' || node.type === 'heading' ? [] : (node.children ?? []).map(skeleton),
    ];
    const { files } = await readJournalFiles(new URL('../../journal/', import.meta.url).pathname);
    expect(files.length).toBeGreaterThan(200);
    for (const file of files.filter((f) => kindOf(f.path) !== null)) {
      const { body } = parseFrontMatter(new TextDecoder().decode(file.bytes), file.path);
      expect(skeleton(structureParser().parse(body) as Node), file.path).toEqual(skeleton(full.parse(body) as Node));
    }
  });
});
