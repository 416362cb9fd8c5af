/** `import git` and `import ics` as a user runs them, then `check` comparing the evidence with the log. */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/ingest/diagnostics.ts';
import { runCli } from './support/cli.ts';
import { commit, makeRepo } from './support/git.ts';

const WORK_ICS = new URL('./fixtures/calendars/work.ics', import.meta.url).pathname;
let dir: string;
let journal: string;

async function write(path: string, text: string) {
  await mkdir(join(journal, path, '..'), { recursive: true });
  await writeFile(join(journal, path), text);
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'turbowork-import-'));
  journal = join(dir, 'journal');
  await write('journal.yml', 'person: { name: Alex Doe }\nevidence:\n  time_zone: Europe/Berlin\n');
  await write('one-on-ones/priya-raman/_series.md', '---\nwith: Priya Raman\ncadence: weekly\n---\n');
  await write('one-on-ones/priya-raman/2025-03-10.md', '---\nmood: 4\n---\n\n## Notes\n\nOn-call rotation.\n');
  await write('daily/2025/2025-03-10.md', '---\nmeetings: 0.5\n---\n\n## Wins\n\n- Shipped the retry queue #highlight\n');
  await write('daily/2025/2025-03-31.md', '---\nmeetings: 3\n---\n\n## Wins\n\n- Cut p95 from 850ms to 120ms #highlight\n');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const tw = (argv: string[], today = '2025-05-01') => runCli([...argv, '--journal', journal], { today });
const checkJson = async () => JSON.parse((await tw(['check', '--json'])).stdout) as Diagnostic[];

describe('import ics, then check', () => {
  it('writes the expanded events, then lists 1:1s without notes and a day whose meetings differ from the calendar', async () => {
    const imported = await tw(['import', 'ics', WORK_ICS]);
    expect(imported).toMatchObject({ code: 0, stderr: '' });
    expect(imported.stdout).toBe(`work: 10 events (days in Europe/Berlin) → ${journal}/evidence/calendar/work.jsonl\n`);

    const check = await tw(['check']);
    expect(check.code).toBe(0); // info never fails a check
    expect(check.stderr).toContain('0 errors, 0 warnings, 7 info');
    const diagnostics = await checkJson();
    const unrecorded = diagnostics.filter((d) => d.code === 'one-on-one-unrecorded').map((d) => d.message.match(/on (\S+)/)![1]);
    // Not 03-03 (before the journal starts), not 03-10 (its notes exist), not 04-07 (cancelled) or 04-21 (excluded).
    expect(unrecorded.sort()).toEqual(['2025-03-17', '2025-03-25', '2025-03-31', '2025-04-14', '2025-04-28']);
    expect(diagnostics.filter((d) => d.code === 'meetings-gap')).toEqual([
      expect.objectContaining({ file: 'daily/2025/2025-03-31.md', severity: 'info', message: 'The calendar has 0.5 h of meetings on 2025-03-31; the log says meetings: 3.0' }),
    ]);
  });

  it('a second import replaces the first; a file that is not a calendar fails alone, clearly', async () => {
    await tw(['import', 'ics', WORK_ICS, '--since', '2025-04-01']);
    const path = join(journal, 'evidence/calendar/work.jsonl');
    expect((await readFile(path, 'utf8')).trimEnd().split('\n')).toHaveLength(2);
    await writeFile(join(dir, 'notes.ics'), 'just some notes\n');
    const bad = await tw(['import', 'ics', join(dir, 'notes.ics')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^turbowork import ics: .*notes\.ics is not an iCalendar file/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    expect((await tw(['import', 'ics', join(dir, 'missing.ics')])).stderr).toContain('cannot read');
    expect((await tw(['import', 'ics', WORK_ICS, '--until', '2025-02-30'])).code).toBe(2);
    expect((await tw(['import', 'calendar', WORK_ICS])).stderr).toContain('"calendar" is not a source. Choose one of: obsidian, logseq, markdown, git, ics');
  });
});

describe('import git', () => {
  it('reads the repositories listed in journal.yml, relative to the journal, and shows the commits in query', async () => {
    const repo = await makeRepo('payments-api', { name: 'Alex Doe', email: 'alex@example.com' });
    try {
      await commit(repo.git, repo.dir, { name: 'Alex Doe', email: 'alex@example.com' }, '2025-03-10T15:00:00+01:00', 'Retry queue (#412)', { 'a.ts': '1\n2\n' });
      await write('journal.yml', `evidence:\n  repos: [${JSON.stringify(relative(journal, repo.dir))}]\n`); // e.g. "../../../turbowork-git-x/payments-api"
      const first = await tw(['import', 'git']);
      expect(first).toMatchObject({ code: 0, stdout: `payments-api: 1 new commit (0 already imported) → ${journal}/evidence/commits/payments-api.jsonl\n` });
      expect((await tw(['import', 'git'])).stdout).toContain('0 new commits (1 already imported)');
      const rows = JSON.parse((await tw(['query', 'SELECT date, subject, pr, insertions FROM commits', '--json'])).stdout);
      expect(rows).toEqual([{ date: '2025-03-10', subject: 'Retry queue (#412)', pr: 412, insertions: 2 }]);

      const missing = await tw(['import', 'git', join(dir, 'nowhere')]);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('is not a git repository that can be read; skipped');
      await write('journal.yml', '');
      expect((await tw(['import', 'git'])).stderr).toContain('import git needs a repository');
    } finally {
      await repo.remove();
    }
  });
});
