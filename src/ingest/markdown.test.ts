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
