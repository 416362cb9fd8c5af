/**
 * Property tests (fast-check, fixed seed) of the parser entries are read with.
 *
 * - structureParser, whose task-list tree handlers are written in markdown.ts, builds the trees it
 *   built with mdast-util-gfm-task-list-item 2.0.1's handlers (kept as a dev dependency for this
 *   test): the same nodes, `checked` states, text values and positions, to the column. The bodies
 *   are made of what task lists go wrong with: checks with a tab, no blank or nothing after them,
 *   upper-case X, checks in nested and ordered lists, in quotes, a second paragraph that starts like
 *   a check, lazy lines, CRLF, and checks where no list is.
 * - simpleTree gives no tree, or structureParser's tree, node for node with every position, on
 *   generated bodies built from the shapes that could be read two ways: lazy lines, loose lists,
 *   white space at either end, tabs and other control characters, closing heading sequences,
 *   thematic breaks, setext underlines, definitions, fences, HTML, quotes, ordered items, task items
 *   with odd checks, text outside the Basic Multilingual Plane, and lines that end in "\r\n" or a
 *   lone "\r".
 */
import fc from 'fast-check';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';
import { describe, expect, it } from 'vitest';
import { decodeText } from './entry-file.ts';
import { parseFrontMatter } from './frontmatter.ts';
import { simpleTree, structureParser } from './markdown.ts';
import { readJournalFiles } from './read.ts';

const SEED = 20261201;

/** structureParser's options with the package's tree handlers instead of markdown.ts's. */
function remarkWithPackage(this: Processor): void {
  const data = this.data();
  const inline = ['attention', 'autolink', 'characterEscape', 'characterReference', 'codeText', 'hardBreakEscape', 'htmlText', 'labelStartImage', 'labelStartLink', 'labelEnd'];
  (data.micromarkExtensions ??= []).push(gfmTaskListItem(), { disable: { null: inline } });
  (data.fromMarkdownExtensions ??= []).push(gfmTaskListItemFromMarkdown());
}
const withPackage = unified().use(remarkParse).use(remarkWithPackage).freeze();

const bullet = fc.constantFrom('- ', '* ', '+ ', '1. ', '2) ', '  - ', '    - ', '> - ', '-\t', '- ');
const check = fc.constantFrom('[x]', '[X]', '[ ]', '[\t]', '[x', '[]', '[xx]', '', '', '');
const after = fc.constantFrom(' ', '\t', '  ', '', ' \t');
const taskText = fc.constantFrom('Ship the retry queue', 'x', '[x] again', '#perf', '', '  indented', '**bold**', '`code`', '- [ ] not nested', 'line\\');
const taskLine = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(bullet, check, after, taskText).map((parts) => parts.join('')) },
  { weight: 2, arbitrary: fc.constantFrom('', '## Goals', 'Free text', '  continued', '    code?', '> quote', '---', '[x] no list') },
);
const taskBody = fc.tuple(fc.array(taskLine, { maxLength: 12 }), fc.constantFrom('\n', '\r\n')).map(([lines, nl]) => lines.join(nl));

describe('structureParser', () => {
  it('builds the trees mdast-util-gfm-task-list-item builds: the same checks, texts and positions', () => {
    let checked = 0;
    fc.assert(fc.property(taskBody, (markdown) => {
      const ours = structureParser().parse(markdown);
      const theirs = withPackage.parse(markdown);
      if (JSON.stringify(ours).includes('"checked":true')) checked++;
      expect(ours).toEqual(theirs);
    }), { seed: SEED, numRuns: 3000 });
    // The generator reaches ticked items, not only plain lists.
    expect(checked).toBeGreaterThan(300);
  });
});

const plain = fc.constantFrom('ship', 'API', 'p95', '#perf', '@sam', 'due:2025-02-10', '[[2025-Q1/rel]]', '[[xyz|label]]', '`code`', '*em*', 'a_b', '&amp;', '✅', '😀', 'ü', '1.', '-', '#', '[a]');
const tricky = fc.constantFrom(
  '<b>', '\\', '\\*', '[a]: /url', '2)', '+', '*', '##', '>', '|', '~~~', '```', '===', '---', '\u00a0', '\u2028', 'x\ty', '\r', '\f', '\v', '\0', '  ',
);
const word = fc.oneof({ arbitrary: plain, weight: 6 }, { arbitrary: tricky, weight: 1 });
const text = fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(' '));
const often = <T>(usual: T, ...rare: T[]) => fc.oneof({ arbitrary: fc.constant(usual), weight: 3 * rare.length }, { arbitrary: fc.constantFrom(...rare), weight: rare.length });
const indent = often('', ' ', '  ', '   ', '    ', '\t');
const trail = often('', ' ', '  ', '\t', ' #', ' ##');
const space = often(' ', '  ', '\t', '');
const line = fc.oneof(
  { arbitrary: fc.tuple(indent, text, trail).map((p) => p.join('')), weight: 4 },
  { arbitrary: fc.tuple(indent, often('-', '*', '+', '1.', '1)'), space, text, trail).map((p) => p.join('')), weight: 5 },
  { arbitrary: fc.tuple(indent, often('-', '*'), space, often('[ ]', '[x]', '[X]', '[-]', '[  ]', ''), space, text, trail).map((p) => p.join('')), weight: 3 },
  { arbitrary: fc.tuple(indent, often('##', '#', '###', '######', '#######'), space, text, trail).map((p) => p.join('')), weight: 3 },
  { arbitrary: fc.constant(''), weight: 4 },
  { arbitrary: fc.constantFrom(' ', '\t', '-', '- ', '*', '+', '- [ ]', '- [x]', '#', '## ', '---', '***', '___', '===', '- - -', '```', '~~~', '> quote', '    code', '<div>', '[a]: /url', '| a | b |', '1.', '\\'), weight: 2 },
);
const body = fc.tuple(fc.array(line, { minLength: 0, maxLength: 10 }), often('\n', '\r\n'), often('', '\n', '\r\n', '\r')).map(([lines, eol, last]) => lines.join(eol) + last);

/** structureParser's tree as plain data (what consumers read). */
const parsed = (markdown: string) => JSON.parse(JSON.stringify(structureParser().parse(markdown)));

describe('simpleTree', () => {
  it('gives no tree, or structureParser\'s, on generated bodies', () => {
    let simple = 0;
    fc.assert(
      fc.property(body, (markdown) => {
        const tree = simpleTree(markdown);
        if (tree === null) return;
        simple++;
        expect(tree).toStrictEqual(parsed(markdown));
      }),
      { seed: SEED, numRuns: 20000 },
    );
    // The property says something only if many bodies take the simple path.
    expect(simple).toBeGreaterThan(2500);
  });

  it('reads nearly every entry of the sample and fixture journals, as structureParser does', async () => {
    const dirs = ['../../journal/', ...['assess-basic', 'broken', 'conventions', 'encodings', 'items-across', 'kinds', 'privacy', 'scores-patterns', 'site-xss'].map((name) => `../../test/fixtures/journals/${name}/`)];
    let simple = 0;
    let all = 0;
    for (const dir of dirs) {
      const { files } = await readJournalFiles(new URL(dir, import.meta.url).pathname);
      for (const file of files) {
        const decoded = decodeText(file.bytes, file.path).text;
        if (decoded === null) continue;
        const { body: markdown } = parseFrontMatter(decoded, file.path);
        all++;
        const tree = simpleTree(markdown);
        if (tree === null) continue;
        simple++;
        expect(tree, `${dir}${file.path}`).toStrictEqual(parsed(markdown));
      }
    }
    expect(all).toBeGreaterThan(350);
    expect(simple / all).toBeGreaterThan(0.9);
  });
});
