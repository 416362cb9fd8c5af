/**
 * Property test (fast-check, fixed seed): the parser entries are read with (structureParser, whose
 * task-list tree handlers are written in markdown.ts) builds the trees it built with
 * mdast-util-gfm-task-list-item 2.0.1's handlers (kept as a dev dependency for this test): the same
 * nodes, `checked` states, text values and positions, to the column. The bodies are made of what task
 * lists go wrong with: checks with a tab, no blank or nothing after them, upper-case X, checks in
 * nested and ordered lists, in quotes, a second paragraph that starts like a check, lazy lines,
 * CRLF, and checks where no list is.
 */
import fc from 'fast-check';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';
import { describe, expect, it } from 'vitest';
import { structureParser } from './markdown.ts';

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
const text = fc.constantFrom('Ship the retry queue', 'x', '[x] again', '#perf', '', '  indented', '**bold**', '`code`', '- [ ] not nested', 'line\\');
const line = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(bullet, check, after, text).map((parts) => parts.join('')) },
  { weight: 2, arbitrary: fc.constantFrom('', '## Goals', 'Free text', '  continued', '    code?', '> quote', '---', '[x] no list') },
);
const body = fc.tuple(fc.array(line, { maxLength: 12 }), fc.constantFrom('\n', '\r\n')).map(([lines, nl]) => lines.join(nl));

describe('structureParser', () => {
  it('builds the trees mdast-util-gfm-task-list-item builds: the same checks, texts and positions', () => {
    let checked = 0;
    fc.assert(fc.property(body, (markdown) => {
      const ours = structureParser.parse(markdown);
      const theirs = withPackage.parse(markdown);
      if (JSON.stringify(ours).includes('"checked":true')) checked++;
      expect(ours).toEqual(theirs);
    }), { seed: SEED, numRuns: 3000 });
    // The generator reaches ticked items, not only plain lists.
    expect(checked).toBeGreaterThan(300);
  });
});
