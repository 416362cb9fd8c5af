/**
 * The conventions people already write (fixture journal "conventions"), read for what they mean:
 * tags as strings, date-times, keys in another case, YYYY_MM_DD names in nested folders, Obsidian
 * Tasks dates, headings under other names and levels, wiki links by what they point at, a stray
 * old file that must not stretch the journal's span.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJournal, type Journal } from '../src/journal.ts';
import { computeAllReports } from '../src/scores/report.ts';

const dir = new URL('./fixtures/journals/conventions/', import.meta.url).pathname;
let journal: Journal;
beforeAll(async () => {
  journal = await openJournal({ journalDir: dir, cacheDir: null });
});
afterAll(() => journal.db.close());

describe('the conventions fixture', () => {
  it('reads tags from strings and lists, dates from date-times and YYYY_MM_DD names, keys in another case', async () => {
    const days = await journal.db.all(`SELECT strftime(date, '%Y-%m-%d') AS date, path, tags, hours FROM days ORDER BY date`);
    expect(days).toEqual([
      { date: '2006-07-14', path: 'daily/2006/2006-07-14.md', tags: [], hours: 2 },
      { date: '2022-03-01', path: 'daily/2022/03/2022_03_01.md', tags: ['work', 'oncall'], hours: 8 },
      { date: '2022-03-02', path: 'daily/2022/03/2022-03-02.md', tags: ['work', 'review'], hours: null },
      { date: '2022-03-03', path: 'daily/2022/03/2022-03-03.md', tags: ['work', 'focus'], hours: null },
    ]);
  });

  it('counts wins under ✅ Wins, ### Shipped (a subheading), ### Done today, Highlights and a journal.yml synonym, and not under Winz', async () => {
    const wins = await journal.db.all<{ text: string }>(`SELECT text FROM wins WHERE date >= '2022-01-01' ORDER BY date, ordinal`);
    expect(wins.map((w) => w.text)).toEqual([
      'Fixed the flaky deploy [[reliability#uptime]]',
      'Paired with [[sam-lee|Sam]] on the cache, see [[2022-03-02]]',
      'Wrote `[[not-a-link]]` in a code span',
      'nested under wins, still a win',
      'Reviewed three PRs [[reliabilty]]',
      'a heading from journal.yml\'s sections',
      'Launched search [[2022-Q1/reliability]]',
    ]);
  });

  it('reads Obsidian Tasks due and done dates, and @name as owner only among the trailing tokens', async () => {
    const items = await journal.db.all(`SELECT text, owner, strftime(due, '%Y-%m-%d') AS due, done FROM action_items ORDER BY line`);
    expect(items).toEqual([
      { text: 'Renew the TLS cert 📅 2022-03-10', owner: 'me', due: '2022-03-10', done: false },
      { text: 'Rotate keys ✅ 2022-03-01', owner: 'me', due: null, done: true },
      { text: 'Ask @sam for a review @me due:2022-03-04', owner: 'me', due: '2022-03-04', done: false },
    ]);
  });

  it('resolves wiki links by what they point at and skips code; only the typo is unresolved', async () => {
    const links = await journal.db.all(`SELECT target, anchor FROM links ORDER BY path, line, "column"`);
    expect(links).toEqual([
      { target: 'reliabilty', anchor: null },
      { target: '2022-Q1/reliability', anchor: null },
      { target: 'reliability', anchor: 'uptime' },
      { target: 'sam-lee', anchor: null },
      { target: '2022-03-02', anchor: null },
    ]);
    expect(journal.diagnostics.filter((d) => d.code === 'link-unresolved').map((d) => [d.file, d.hint])).toEqual([
      ['daily/2022/03/2022-03-02.md', 'Did you mean reliability? It is shown as plain text.'],
    ]);
  });

  it('does not let a stray 2006 file stretch the weeks or the gaps', async () => {
    const all = await computeAllReports(journal.db, '2022-03-04');
    // The span starts with the objective's quarter (2022-01-01, in 2021-W52), not in 2006.
    expect(all.weeks.map((w) => w.period.id)).toEqual(['2021-W52', ...Array.from({ length: 9 }, (_, i) => `2022-W0${i + 1}`)]);
    expect(all.all?.gaps.missing_days[0]).toBe('2021-12-27');
    expect(all.all?.gaps.missing_days).toHaveLength(47); // Dec 27 – Mar 4: 50 work days, 3 logged; none in 2006
    const weekly = await journal.db.all<{ week_start: string }>(`SELECT strftime(week_start, '%Y-%m-%d') AS week_start FROM weekly_scores_as_of('2022-03-04'::DATE) ORDER BY 1 LIMIT 1`);
    expect(weekly[0].week_start).toBe('2022-02-28');
    expect(journal.diagnostics.find((d) => d.code === 'date-outlier')).toMatchObject({ file: 'daily/2006/2006-07-14.md', severity: 'warning' });
  });
});
