import { describe, expect, it } from 'vitest';
import { itemsOf, parseSections } from './markdown.ts';
import { SECTIONS } from './kinds.ts';

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
  const sections = parseSections(body, SECTIONS.daily, 10);

  it('matches headings case-insensitively through synonyms, keeping unknown ones as notes', () => {
    expect(sections.map((s) => [s.heading, s.name])).toEqual([
      ['', null],
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
    const { kindOf } = await import('./parse.ts');
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
      expect(skeleton(structureParser.parse(body) as Node), file.path).toEqual(skeleton(full.parse(body) as Node));
    }
  });
});

describe('scanBlocks, the fast path', () => {
  it('gives remark\'s block structure wherever it answers, on the sample and a generated journal', async () => {
    const { readJournalFiles } = await import('./read.ts');
    const { parseFrontMatter } = await import('./frontmatter.ts');
    const { structureParser } = await import('./markdown.ts');
    const { scanBlocks } = await import('./scan.ts');
    const { kindOf } = await import('./parse.ts');
    const { generateJournal } = await import('../../scripts/generate-journal.ts');
    type Node = { type: string; depth?: number; checked?: boolean | null; position?: { start: { line: number; column: number; offset?: number }; end: { line: number; column: number; offset?: number } }; children?: Node[] };
    const shape = (node: Node): unknown => [
      node.type, node.depth ?? null, node.checked ?? null, node.type === 'root' ? null : node.position?.start, node.type === 'root' ? null : node.position?.end,
      node.type === 'paragraph' ? [] : node.type === 'heading' ? (node.children ?? []).map((c) => (c as { value?: string }).value)
        : node.type === 'listItem' ? (node.children ?? []).slice(0, 1).map(shape) // what sections read of an item
        : (node.children ?? []).map(shape),
    ];
    const sample = (await readJournalFiles(new URL('../../journal/', import.meta.url).pathname)).files.map((f) => [f.path, new TextDecoder().decode(f.bytes)] as const);
    const generated = [...generateJournal({ years: 2, seed: 7 })].filter(([path]) => path.endsWith('.md'));
    const extra: [string, string][] = [
      ['daily/x.md', '## Wins\n\n- one\n  continued\n- [x] two\n  - nested\n\n- three\n\n## Notes\n\nText\nmore\n'],
      ['daily/y.md', '# Title\n\n* a\n* b\n- c\n\n1. x\n2) y\n'],
    ];
    let answered = 0;
    for (const [path, text] of [...sample, ...generated, ...extra]) {
      if (kindOf(path) === null) continue;
      const { body } = parseFrontMatter(text, path);
      const fast = scanBlocks(body);
      if (!fast) continue;
      answered++;
      expect(shape(fast as Node), path).toEqual(shape(structureParser.parse(body) as Node));
    }
    expect(answered).toBeGreaterThan(500);
  });
});
