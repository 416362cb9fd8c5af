/**
 * The review body on drafts nobody designed for it: a person's own file without front matter, a
 * draft far too long for a pull request, code fences and HTML in the text, a folder outside git.
 * Real temporary git repositories, through simple-git.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleGit } from 'simple-git';
import { afterEach, describe, expect, it } from 'vitest';
import { readReview, renderReview, ReviewError } from './review.ts';
import { hashBody, renderDraftFile, type DraftMeta } from './store.ts';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

function meta(period: string, body: string, unverified: string[] = []): DraftMeta {
  return { period, kind: 'week', generator: 'test-model', inputs_hash: 'sha256:x', body_hash: hashBody(body), tokens: { prompt: 1, completion: 1 }, calls: 1, generated: '2025-02-09', unverified_numbers: unverified, citation_problems: [] };
}

/** A repository with `journal/` committed on main, then `files` written on top (uncommitted). */
async function repo(base: Record<string, string>, files: Record<string, string>) {
  const dir = await mkdtemp(join(tmpdir(), 'tw-review-'));
  dirs.push(dir);
  const write = async (all: Record<string, string>) => {
    for (const [path, text] of Object.entries(all)) {
      await mkdir(join(dir, path, '..'), { recursive: true });
      await writeFile(join(dir, path), text);
    }
  };
  const git = simpleGit(dir);
  await git.init(['--initial-branch=main']);
  await git.addConfig('user.name', 'T').addConfig('user.email', 't@example.com');
  await write({ 'journal/journal.yml': 'person: { name: T }\n', ...base });
  await git.add('.').commit('start');
  await write(files);
  return dir;
}

describe('review', () => {
  it('reads a draft a person wrote without front matter, and one with fences and HTML in it', async () => {
    const body = '# W06\n\n- Fixed ```the``` build <img src=x onerror=alert(1)> ([2025-02-03](../../daily/2025/2025-02-03.md#L4))\n- Saved <mark class="unverified">$1.3M</mark>\n\n```\ncode\n```\n';
    const dir = await repo({}, {
      'journal/assessments/weeks/2025-W05.md': 'My own notes, no front matter.\n\n- A bullet of mine\n',
      'journal/assessments/weeks/2025-W06.md': renderDraftFile(meta('2025-W06', body, ['$1.3M']), body),
      'journal/assessments/notes.txt': 'not a draft',
    });
    const review = await readReview(join(dir, 'journal'));
    expect(review.base).toBe('main');
    expect(review.drafts.map((d) => d.path)).toEqual(['journal/assessments/weeks/2025-W05.md', 'journal/assessments/weeks/2025-W06.md']);
    const text = renderReview(review);
    expect(text).toContain('Its front matter could not be read: it is treated as edited.');
    expect(text).toContain('- A bullet of mine');
    expect(text).toContain('Numbers not found in the journal: `$1.3M`');
    expect(text).toContain('- Saved $1.3M');
    // Text from the draft cannot open HTML in the body; the citation is a link from the repository's root.
    expect(text).not.toContain('<img');
    expect(text).toContain('— [2025-02-03](journal/daily/2025/2025-02-03.md#L4)');
    // A new draft has no accepted version to diff against.
    expect(text).toContain('No version of this draft was accepted yet');
  });

  it('lists the citation problems found when the draft was made, and links every citation where it lands on GitHub', async () => {
    const body = [
      '# Q1', '',
      '- Uptime held at 99.96% ([2025-Q1/reliability#uptime](../../okrs/2025-Q1/reliability.md#kr-uptime))',
      '- Cut p95 from 850ms to 120ms ([2025-02-03](../../daily/2025/2025-02-03.md#L4))',
      '- Sam asked for shorter updates ([1:1 2025-02-05](../../one-on-ones/sam/2025-02-05.md#m-2025-02-05))',
      '- Shipped the canary rollout.', '',
    ].join('\n');
    const draftMeta: DraftMeta = {
      ...meta('2025-Q1', body), kind: 'quarter',
      citation_problems: [
        { kind: 'unsupported', statement: 'Cut p95 from 850ms to 120ms', ids: ['day-2025-02-03'] },
        { kind: 'unknown-source', statement: 'Mentored two engineers.', ids: ['win-1999-01-01-9'] },
        { kind: 'uncited', statement: 'Shipped the canary rollout.', ids: [] },
      ],
    };
    const objective = '---\ntitle: Reliability\nkey_results:\n  - id: latency\n    title: p95 under 200ms\n    start: 850\n    target: 200\n  - id: uptime\n    title: 99.95% uptime\n    start: 99.8\n    target: 99.95\n---\n';
    const dir = await repo({ 'journal/okrs/2025-Q1/reliability.md': objective }, { 'journal/assessments/quarters/2025-Q1.md': renderDraftFile(draftMeta, body) });
    const text = renderReview(await readReview(join(dir, 'journal'), { base: 'main', linkBase: async () => 'https://github.com/o/r/blob/abc123/' }));
    expect(text).toContain('0 unverified numbers, 1 uncited bullet and 2 citation problems to look at.');
    expect(text).toContain('| `journal/assessments/quarters/2025-Q1.md` | test-model | 0 | 1 | 2 |');
    expect(text).toContain('Citations that do not hold (found when the draft was made):\n\n'
      + '- Cut p95 from 850ms to 120ms — its figures are in none of the cited entries (`day-2025-02-03`)\n'
      + '- Mentored two engineers. — cited `win-1999-01-01-9`, which the journal does not have (dropped)\n');
    // The uncited bullet is listed once, among the bullets without a citation.
    expect(text.match(/Shipped the canary rollout/g)).toHaveLength(1);
    // GitHub's rendered Markdown has no #L, #kr- or #m- anchors; its source view has every line.
    expect(text).toContain('(https://github.com/o/r/blob/abc123/journal/okrs/2025-Q1/reliability.md?plain=1#L8)');
    expect(text).toContain('(https://github.com/o/r/blob/abc123/journal/daily/2025/2025-02-03.md?plain=1#L4)');
    expect(text).toContain('(https://github.com/o/r/blob/abc123/journal/one-on-ones/sam/2025-02-05.md)');
    expect(text).toContain('- [ ] Every citation problem is settled');
  });

  it('diffs against the accepted version in a fence longer than any in the draft', async () => {
    const accepted = '# W06\n\n- First version\n';
    const edited = '# W06\n\n- Second version ````quoted````\n';
    const dir = await repo({ 'journal/assessments/weeks/2025-W06.md': renderDraftFile(meta('2025-W06', accepted), accepted) }, {
      'journal/assessments/weeks/2025-W06.md': renderDraftFile(meta('2025-W06', accepted), edited),
    });
    const text = renderReview(await readReview(join(dir, 'journal'), { base: 'main' }));
    expect(text).toContain('> Edited by a person');
    expect(text).toContain('`````diff\n--- journal/assessments/weeks/2025-W06.md (accepted)');
    expect(text).toMatch(/^-- First version$/m);
    expect(text).toMatch(/^\+- Second version ````quoted````$/m);
  });

  it('keeps the body of long drafts under GitHub\'s limit, and does not parse a huge file', async () => {
    const bullets = (n: number) => `# W\n\n${Array.from({ length: n }, (_, i) => `- Bullet ${i} with some words in it and a few more to make it long ([d](../../daily/2025/2025-02-03.md#L${i}))`).join('\n')}\n`;
    const long = bullets(300);
    const huge = bullets(5_000);
    const files: Record<string, string> = { 'journal/assessments/weeks/2025-W09.md': renderDraftFile(meta('2025-W09', huge), huge) };
    for (const week of ['01', '02', '03', '04', '05', '06', '07', '08']) files[`journal/assessments/weeks/2025-W${week}.md`] = renderDraftFile(meta(`2025-W${week}`, long), long);
    const dir = await repo({ 'journal/assessments/weeks/2025-W06.md': 'accepted\n' }, files);
    const text = renderReview(await readReview(join(dir, 'journal')));
    expect(text.length).toBeLessThan(65_536);
    expect(text).toContain('… and 260 more in the file');
    expect(text).toContain('Too long for a pull-request body: read the file');
    expect(text).toMatch(/At \d+ KB it is too large to read its claims and diff here/);
    expect(text).toContain('## Before you merge');
  });

  it('says so when nothing changed, and refuses an unknown base or a folder outside git', async () => {
    const dir = await repo({}, {});
    expect(renderReview(await readReview(join(dir, 'journal')))).toBe('No assessment draft changed since `main`.\n');
    await expect(readReview(join(dir, 'journal'), { base: 'nope' })).rejects.toThrow(ReviewError);
    const outside = await mkdtemp(join(tmpdir(), 'tw-review-nogit-'));
    dirs.push(outside);
    await expect(readReview(outside)).rejects.toThrow('not in a git repository');
  });
});
