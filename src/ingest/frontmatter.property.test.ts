/**
 * Property test (fast-check, fixed seed): parseFrontMatter splits a file where gray-matter 4.0.3 (the
 * splitter it replaces, kept as a dev dependency for this test) splits it: the same YAML text, the
 * same body, on the same line. The files are made of the pieces front matter goes wrong with:
 * delimiter lines with trailing blanks or dashes, "..." closings, CRLF, comment-only blocks, "---"
 * inside the YAML or the body, and no closing at all.
 */
import fc from 'fast-check';
import matter from 'gray-matter';
import { describe, expect, it } from 'vitest';
import { countLines, parseFrontMatter } from './frontmatter.ts';

const SEED = 20261201;

/** gray-matter's split, as the ingest used it: the YAML its engine was given, and the body. */
function grayMatterSplit(text: string): { yaml: string; body: string; bodyLine: number } {
  let yaml = '';
  const split = matter(text, { engines: { yaml: (raw: string) => ((yaml = raw.replace(/\r$/, '')), {}) } });
  return { yaml, body: split.content, bodyLine: countLines(text, text.length - split.content.length) };
}

const piece = fc.constantFrom(
  '---', '----', '--- x', '---\t', '--- ', '...', '.. .', '-- -', '#', '# a comment', '  # indented comment', 'title: Day',
  'tags: [a, b]', 'private: true', 'key: "--- not a delimiter"', '- item', '', ' ', '\t', 'Body text', '## Done', '- [x] task', '\uFEFF',
);
const newline = fc.constantFrom('\n', '\r\n', '\r');
const opening = fc.oneof({ weight: 4, arbitrary: fc.constantFrom('---', '--- ', '---\t') }, { weight: 1, arbitrary: fc.constantFrom('---yaml', '----', '--', '') });
const file = fc.tuple(opening, fc.array(fc.tuple(newline, piece), { maxLength: 14 }))
  .map(([opening, lines]) => opening + lines.map(([nl, text]) => nl + text).join(''));

describe('parseFrontMatter', () => {
  it('splits every file where gray-matter does: the same YAML, body and body line', () => {
    let split = 0;
    fc.assert(fc.property(file, (text) => {
      const ours = parseFrontMatter(text, 'daily/2025-03-04.md');
      // Files without a closing delimiter line are reported unterminated, not handed to gray-matter.
      if (ours.diagnostics.some((d) => d.code === 'frontmatter-unterminated') || ours.yaml === null) return;
      split++;
      expect({ yaml: ours.yaml.text, body: ours.body, bodyLine: ours.bodyLine }).toEqual(grayMatterSplit(text));
    }), { seed: SEED, numRuns: 3000 });
    // The generator reaches the split itself, not only the files turned away before it.
    expect(split).toBeGreaterThan(400);
  });
});
