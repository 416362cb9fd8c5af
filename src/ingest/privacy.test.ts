import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from './frontmatter.ts';
import { readPrivacy } from './privacy.ts';

const privacyOf = (text: string) => {
  const { private: isPrivate, diagnostics } = readPrivacy(parseFrontMatter(text, 'daily/2026-03-02.md'), 'daily/2026-03-02.md');
  return { private: isPrivate, codes: diagnostics.map((d) => `${d.line}:${d.code}`) };
};

describe('readPrivacy', () => {
  it.each([
    ['no front matter', '## Wins\n- a\n', false, []],
    ['no private key', '---\nhours: 8\n---\n', false, []],
    ['private: false', '---\nprivate: false\n---\n', false, []],
    ['private: False (YAML 1.2 core)', '---\nprivate: False\n---\n', false, []],
    ['a blank private:', '---\nprivate:\n---\n', false, []],
    ['a broken front matter that never mentions privacy', '---\nhours: 8\nhours: 9\n---\n', false, []],
    ['private: true', '---\nprivate: true\n---\n', true, []],
    ['private: TRUE', '---\nprivate: TRUE\n---\n', true, []],
    ['private: yes', '---\nhours: 8\nprivate: yes\n---\n', true, ['3:private-unclear']],
    ['private: "true"', '---\nprivate: "true"\n---\n', true, ['2:private-unclear']],
    ['private: no', '---\nprivate: no\n---\n', true, ['2:private-unclear']],
    ['private: 1', '---\nprivate: 1\n---\n', true, ['2:private-unclear']],
    ['private: [true]', '---\nprivate: [true]\n---\n', true, ['2:private-unclear']],
    ['Private: true', '---\nPrivate: true\n---\n', true, ['2:private-unclear']],
    ['" private ": false', '---\n" private ": false\n---\n', true, ['2:private-unclear']],
    ['private: false beside Private: true', '---\nprivate: false\nPrivate: true\n---\n', true, ['3:private-unclear']],
    ['a duplicate key', '---\nhours: 8\nprivate: true\nprivate: true\n---\n', true, ['3:private-unreadable']],
    ['a tab', '---\nprivate: true\nokrs:\n\t- a\n---\n', true, ['2:private-unreadable']],
    ['a duplicate private: false', '---\nprivate: false\nprivate: false\n---\n', true, ['2:private-unreadable']],
    ['an unclosed block', '---\nhours: 6\nprivate: true\n\n## Wins\n', true, ['3:private-unreadable']],
    ['a list for front matter', '---\n- private\n---\n', true, ['2:private-unreadable']],
    ['a flow mapping with a slip', '---\n{private: true, hours: 8, hours: 9}\n---\n', true, ['2:private-unreadable']],
  ])('%s', (_, text, isPrivate, codes) => {
    expect(privacyOf(text)).toEqual({ private: isPrivate, codes });
  });
});
