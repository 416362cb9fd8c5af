/** Nudges: `check` asks for figures on big wins (info level, off with a setting); `new daily` carries unticked goals over. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/ingest/diagnostics.ts';
import { runCli } from './support/cli.ts';
import { scratchJournal } from './support/journal.ts';

const scratch = scratchJournal('nudges');
const { write } = scratch;

const tw = (argv: string[], today = '2025-03-12') => runCli([...argv, '--journal', scratch.journal], { today });
const nudges = async () => (JSON.parse((await tw(['check', '--json'])).stdout) as Diagnostic[]).filter((d) => d.code === 'win-unquantified');

describe('quantify this win', () => {
  beforeEach(async () => {
    await write('daily/2025/2025-03-10.md', [
      '---', 'hours: 8', '---', '', '## Accomplishments', '',
      '- Shipped the retry queue #highlight', // no figure
      '- Cut p95 from 850ms to 120ms #highlight', // before → after
      '- Saved $40K a year on logs #highlight', // money
      '- Reviewed 4 PRs', // not a highlight
      '* Migrated billing in 2h #HIGHLIGHT', // a duration; the tag in capitals is not the highlight tag
      '',
    ].join('\n'));
    await write('achievements/2025-03-11-retries.md', '---\ntitle: Retry queue\nmetric: { name: failed webhooks }\n---\n\n## Situation\n\nA.\n\n## Task\n\nB.\n\n## Action\n\nC.\n\n## Result\n\nD.\n');
    await write('achievements/2025-03-12-latency.md', '---\ntitle: Latency\nmetric: { name: p95, unit: ms, before: 850, after: 120 }\n---\n\n## Situation\n\nA.\n\n## Task\n\nB.\n\n## Action\n\nC.\n\n## Result\n\nD.\n');
  });

  it('on a highlight or an achievement without a figure, at info level, and check still passes', async () => {
    expect(await nudges()).toEqual([
      { file: 'achievements/2025-03-11-retries.md', line: 1, column: 1, severity: 'info', code: 'win-unquantified', message: 'Quantify this win: before → after?', hint: 'Add metric: { name, unit, before, after } (or value) to the front matter.' },
      expect.objectContaining({ file: 'daily/2025/2025-03-10.md', line: 7, severity: 'info' }),
    ]);
    expect((await tw(['check'])).code).toBe(0);
  });

  it('goes quiet with nudges: false in journal.yml; a wrong value there is a config error', async () => {
    await write('journal.yml', 'nudges: false\n');
    expect(await nudges()).toEqual([]);
    await write('journal.yml', 'nudges: sometimes\n');
    const check = await tw(['check', '--json']);
    expect(JSON.parse(check.stdout)).toContainEqual(expect.objectContaining({ file: 'journal.yml', code: 'config-invalid' }));
  });
});

describe('new daily', () => {
  it('carries over the goals left unticked in the last log, and only those', async () => {
    await write('daily/2025/2025-03-07.md', '## Goals\n\n- [ ] Old goal from Friday\n');
    await write('daily/2025/2025-03-10.md', [
      '---', 'hours: 8', '---', '', '## Plan', '',
      '- [x] Ship the retry queue',
      '- [ ] Write the RFC @me due:2025-03-14',
      '- Talk to Sam', // a plain item cannot be ticked: not carried
      '- [ ] Review [[2025-Q1/reliability]] check-ins',
      '', '## Wins', '', '- Shipped it', '',
    ].join('\n'));
    await write('daily/2025/2025-03-20.md', '## Goals\n\n- [ ] A later log does not count\n');
    const created = await tw(['new', 'daily'], '2025-03-11');
    expect(created.code).toBe(0);
    const text = await readFile(join(scratch.journal, 'daily/2025/2025-03-11.md'), 'utf8');
    expect(text).toContain('## Goals\n\n- [ ] Write the RFC @me due:2025-03-14\n- [ ] Review [[2025-Q1/reliability]] check-ins\n\n## Wins');
    expect(text).not.toContain('Ship the retry queue');
    expect(text).not.toContain('Old goal');
    expect(text).not.toContain('Talk to Sam');
  });

  it('with no log before, or every goal ticked, writes the template as it is', async () => {
    await tw(['new', 'daily'], '2025-03-03');
    const first = await readFile(join(scratch.journal, 'daily/2025/2025-03-03.md'), 'utf8');
    expect(first).toContain('## Goals\n\n## Wins');
    await write('daily/2025/2025-03-04.md', '## Goals\n\n- [x] Done\n');
    await tw(['new', 'daily'], '2025-03-05');
    expect(await readFile(join(scratch.journal, 'daily/2025/2025-03-05.md'), 'utf8')).toBe(first.replaceAll('2025-03-03', '2025-03-05'));
  });
});
