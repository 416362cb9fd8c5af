/**
 * `new daily` finds the last log before its date by the dates in the daily files' names and parses
 * that file alone, without the database. Against the database's answer (the days table, as before).
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openJournal } from '../src/journal.ts';
import { readOpenGoals } from '../src/cli/new.ts';
import { runCli } from './support/cli.ts';
import { scratchJournal } from './support/journal.ts';

const scratch = scratchJournal('new-daily');
const { write } = scratch;
const newDaily = async (date: string) => {
  const result = await runCli(['new', 'daily', '--date', date, '--journal', scratch.journal]);
  expect(result.code).toBe(0);
  return readFile(join(scratch.journal, 'daily', date.slice(0, 4), `${date}.md`), 'utf8');
};

describe('new daily: the last log before the date', () => {
  it('is found at any folder depth and with either separator, by path among logs of one date', async () => {
    await write('daily/2025-03-06.md', '## Goals\n\n- [ ] From the top folder\n');
    await write('daily/2025/03/2025_03_07 standup.md', '## Goals\n\n- [ ] Underscored, two folders down\n');
    await write('daily/2025/2025-03-07.md', '## Goals\n\n- [ ] Same date, later path\n');
    expect(await newDaily('2025-03-10')).toContain('- [ ] Underscored, two folders down\n\n');
    await rm(join(scratch.journal, 'daily/2025/03'), { recursive: true });
    expect(await newDaily('2025-03-08')).toContain('## Goals\n\n- [ ] Same date, later path\n\n## Wins');
  });

  it('skips a log whose date: is not before the date, a file that is not text, and a name that is no calendar date', async () => {
    await write('daily/2025/2025-03-03.md', '## Goals\n\n- [ ] The one carried over\n');
    await write('daily/2025/2025-03-04.md', '---\ndate: 2025-03-12\n---\n\n## Goals\n\n- [ ] Dated after the new log\n');
    await mkdir(join(scratch.journal, 'daily/2025'), { recursive: true });
    await writeFile(join(scratch.journal, 'daily/2025/2025-03-05.md'), Buffer.from([0x2d, 0x20, 0x5b, 0x20, 0x5d, 0x20, 0xff, 0xfe, 0x0a]));
    await write('daily/2025/2025-02-30.md', '## Goals\n\n- [ ] No such day\n');
    await write('daily/2025/2025-03-11.md', '## Goals\n\n- [ ] A later log does not count\n');
    const text = await newDaily('2025-03-10');
    expect(text).toContain('## Goals\n\n- [ ] The one carried over\n\n## Wins');
  });

  it('reads the Goals section under the headings journal.yml adds, and leaves out ticked and plain items', async () => {
    await write('journal.yml', 'sections:\n  goals: [Intentions]\n');
    await write('daily/2025/2025-03-07.md', '# Friday\n\n## Intentions\n\n- [x] Done\n- [ ] Still open\n- Plain\n* [ ] Starred and open\n');
    expect(await newDaily('2025-03-10')).toContain('## Goals\n\n- [ ] Still open\n- [ ] Starred and open\n\n## Wins');
  });
});

/** A daily log the property writes: where, whether its name holds its date (else `date:` gives it), whether `date:` repeats it, and its goals. */
interface Log {
  named: boolean;
  folder: 'daily' | 'daily/2025' | 'daily/2025/03';
  day: number;
  separator: '-' | '_';
  suffix: '' | ' notes' | '-standup';
  declared: boolean;
  goals: { text: string; mark: '[ ]' | '[x]' | '[X]' | '' }[];
  heading: 'Goals' | 'Plan' | "Today's goals" | 'Wins';
}

const logArb: fc.Arbitrary<Log> = fc.record({
  named: fc.boolean(),
  folder: fc.constantFrom('daily', 'daily/2025', 'daily/2025/03'),
  day: fc.integer({ min: 1, max: 8 }), // few days, so that logs share dates
  separator: fc.constantFrom('-', '_'),
  suffix: fc.constantFrom('', ' notes', '-standup'),
  declared: fc.boolean(),
  goals: fc.array(fc.record({ text: fc.constantFrom('Ship it', 'Write the RFC @me due:2025-03-14', 'Review [[2025-Q1/reliability]]', 'Call Sam #ops'), mark: fc.constantFrom('[ ]', '[x]', '[X]', '') }), { maxLength: 4 }),
  heading: fc.constantFrom('Goals', 'Plan', "Today's goals", 'Wins'),
}) as fc.Arbitrary<Log>;

const dateOf = (log: Log) => `2025-03-${String(log.day).padStart(2, '0')}`;
const pathOf = (log: Log) => `${log.folder}/${log.named ? dateOf(log).replaceAll('-', log.separator) : `standup ${log.day}`}${log.suffix}.md`;
const textOf = (log: Log) =>
  `${log.declared || !log.named ? `---\ndate: ${dateOf(log)}\n---\n\n` : ''}## ${log.heading}\n\n${log.goals.map((g) => `- ${g.mark ? `${g.mark} ` : ''}${g.text}`).join('\n')}\n`;

describe('new daily: the same goals as the database', () => {
  it('for any set of logs, whether their names or their date: give their dates', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(logArb, { maxLength: 8 }), fc.integer({ min: 1, max: 9 }), async (logs, day) => {
        const dir = await mkdtemp(join(tmpdir(), 'turbowork-new-daily-property-'));
        try {
          for (const log of logs) {
            await mkdir(dirname(join(dir, pathOf(log))), { recursive: true });
            await writeFile(join(dir, pathOf(log)), textOf(log));
          }
          const date = `2025-03-${String(day).padStart(2, '0')}`;
          const journal = await openJournal({ journalDir: dir, cacheDir: null, crossFileChecks: false });
          try {
            const [last] = await journal.db.all<{ open_goals: string[] }>('SELECT open_goals FROM days WHERE date < $date::DATE ORDER BY date DESC, path LIMIT 1', { date });
            expect(await readOpenGoals(dir, date)).toEqual(last?.open_goals ?? []);
          } finally {
            journal.db.close();
          }
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      }),
      { seed: 15, numRuns: 40 },
    );
  }, 120_000);
});
