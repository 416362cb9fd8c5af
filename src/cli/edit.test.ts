import { describe, expect, it } from 'vitest';
import { insertBullet } from './edit.ts';

/** Asserts that `after` is `before` with `addition` inserted at one place, every other byte kept. */
function expectOnlyAddition(before: string, after: string, addition: string) {
  const at = after.indexOf(addition);
  expect(at).toBeGreaterThanOrEqual(0);
  expect(after.slice(0, at) + after.slice(at + addition.length)).toBe(before);
}

describe('insertBullet', () => {
  it('appends to the end of an existing list', () => {
    const before = '---\nhours: 8\n---\n\n## Wins\n\n- First\n- Second\n\n## Blockers\n\n- None\n';
    const after = insertBullet(before, 'wins', 'Third');
    expect(after).toBe('---\nhours: 8\n---\n\n## Wins\n\n- First\n- Second\n- Third\n\n## Blockers\n\n- None\n');
  });

  it('keeps CRLF line endings and the BOM', () => {
    const before = '\uFEFF---\r\nhours: 8\r\n---\r\n\r\n## Wins\r\n\r\n- First\r\n\r\n## Notes\r\n\r\nText\r\n';
    const after = insertBullet(before, 'wins', 'Second');
    expect(after).toBe('\uFEFF---\r\nhours: 8\r\n---\r\n\r\n## Wins\r\n\r\n- First\r\n- Second\r\n\r\n## Notes\r\n\r\nText\r\n');
    expectOnlyAddition(before, after, '\r\n- Second');
  });

  it('fills an empty section right under its heading', () => {
    const before = '## Goals\n\n## Wins\n\n## Blockers\n';
    expect(insertBullet(before, 'wins', 'Shipped it')).toBe('## Goals\n\n## Wins\n\n- Shipped it\n\n## Blockers\n');
  });

  it('finds the section through its synonyms and keeps the list marker', () => {
    const before = '## Accomplishments\n\n* One\n';
    expect(insertBullet(before, 'wins', 'Two')).toBe('## Accomplishments\n\n* One\n* Two\n');
    expect(insertBullet('## til\n\n- a\n', 'learnings', 'b')).toBe('## til\n\n- a\n- b\n');
  });

  it('puts a blank line between prose and the new bullet', () => {
    expect(insertBullet('## Blockers\n\nWaiting on infra.\n', 'blockers', 'Staging is down')).toBe('## Blockers\n\nWaiting on infra.\n\n- Staging is down\n');
  });

  it('adds a missing section at the end, even without a final newline', () => {
    const before = '---\nhours: 8\n---\n\n## Wins\n\n- First';
    const after = insertBullet(before, 'learnings', 'DuckDB has table macros');
    expect(after).toBe('---\nhours: 8\n---\n\n## Wins\n\n- First\n\n## Learnings\n\n- DuckDB has table macros\n');
    expectOnlyAddition(before, after, '\n\n## Learnings\n\n- DuckDB has table macros\n');
  });

  it('writes a multi-line text as one bullet', () => {
    expect(insertBullet('## Wins\n', 'wins', 'one\ntwo')).toBe('## Wins\n\n- one two\n');
  });
});
