/**
 * `turbowork import` on three sources written to look like real ones (an Obsidian vault with
 * Templater leftovers and dataview blocks, a Logseq graph with nested bullets and properties, a
 * monthly Markdown log with dated headings): each goes through import, check and build; every
 * source line's text must be in the journal, and no link or anchor of the site may be broken.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, spawnCli } from './support/cli.ts';
import { filesUnder } from './support/files.ts';

const root = new URL('../', import.meta.url).pathname;
const sources = new URL('./fixtures/imports/', import.meta.url).pathname;
let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'turbowork-import-'));
});
afterAll(() => rm(work, { recursive: true, force: true }));

/** A line's words as the journal may write them: no list, task, heading or bold markers, quotes or case. */
function words(line: string): string {
  return line
    .replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '')
    .replace(/^\[[ xX]\]\s+/, '')
    .replace(/^(?:TODO|DOING|NOW|LATER|WAITING|DONE|CANCELED)\s+/, '')
    .replace(/^#+\s*/, '')
    .replace(/\*\*/g, '')
    .replace(/::/g, ':')
    .replace(/["']/g, '')
    .replace(/:$/, '')
    .trim()
    .toLowerCase();
}

/** The lines of a source that must reach the journal: all but blank lines, front-matter fences, Templater commands and Logseq's ids. */
function sourceLines(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => line.trim() && line.trim() !== '---' && !/^\s*<%.*%>\s*$/.test(line) && !/^\s*(?:[-*+]\s+)?(?:id|collapsed)::/.test(line))
    .map((line) => words(line.replace(/<%.*?%>/g, '')))
    .filter(Boolean);
}

describe.each([
  ['obsidian', 'obsidian-vault', ['Daily Notes/2024/03-March/2024-03-04.md', 'Daily Notes/2024/03-March/2024-03-05.md', 'Daily Notes/2024/03-March/2024-03-06.md'], 3],
  ['logseq', 'logseq-graph', ['journals/2024_05_13.md', 'journals/2024_05_14.md'], 2],
  ['markdown', 'monthly-log', ['2024-06.md'], 3],
] as const)('import %s', (kind, folder, imported, days) => {
  const source = join(sources, folder);
  let journal: string;
  beforeAll(async () => {
    journal = join(work, `${kind}-journal`);
  });

  it('prints the mapping and counts per source file on --dry-run, and writes nothing', async () => {
    const dry = await runCli(['import', kind, source, '--journal', journal, '--dry-run']);
    expect(dry.code).toBe(0);
    for (const path of imported) expect(dry.stdout).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} → daily/2024/`, 'm'));
    expect(dry.stdout).toMatch(/wins \d+/);
    expect(dry.stderr).toContain(`Dry run: ${days} daily logs would be written`);
    await expect(readdir(journal)).rejects.toThrow();
  });

  it('writes daily logs holding the text of every source line, and check finds no error', async () => {
    const result = await runCli(['import', kind, source, '--journal', journal]);
    expect(result.code, result.stderr).toBe(0);
    const written = await filesUnder(journal);
    expect(written).toHaveLength(days);
    const journalWords = new Set((await Promise.all(written.map((f) => readFile(join(journal, f), 'utf8')))).join('\n').split('\n').map(words));
    // A heading that is only a date became the log's file name and date.
    const dates = written.map((f) => /(\d{4}-\d{2}-\d{2})\.md$/.exec(f)![1]);
    const journalText = [...journalWords, ...dates].join('\n');
    for (const path of imported) {
      for (const line of sourceLines(await readFile(join(source, path), 'utf8'))) {
        expect(journalText.includes(line), `${path}: "${line}"`).toBe(true);
      }
    }
    const check = await runCli(['check', '--json', '--journal', journal]);
    expect(check.code, check.stdout).toBe(0);
    const diagnostics = JSON.parse(check.stdout) as { severity: string; code: string }[];
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(diagnostics.filter((d) => d.code === 'heading-unknown' || d.code === 'key-unknown')).toEqual([]);
  });

  it('never writes over an existing entry', async () => {
    const first = join(journal, (await filesUnder(journal))[0]);
    await writeFile(first, '## Wins\n\n- written by hand after the import\n');
    const again = await runCli(['import', kind, source, '--journal', journal]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('the journal already has a log for this day; it is left as it is');
    expect(await readFile(first, 'utf8')).toBe('## Wins\n\n- written by hand after the import\n');
    expect(await filesUnder(journal)).toHaveLength(days);
  });

  it('builds a site with no broken link or anchor', async () => {
    const out = join(work, `${kind}-site`);
    const build = await spawnCli(['build', '--journal', journal, '--out', out, '--as-of', '2024-07-01'], root);
    expect(build.stderr).toContain('✔ built');
    const all = new Set(await filesUnder(out));
    const pages = new Map<string, string>();
    for (const file of [...all].filter((f) => f.endsWith('.html'))) pages.set(file, await readFile(join(out, file), 'utf8'));
    const broken: string[] = [];
    for (const [file, html] of pages) {
      for (const [, url, anchor] of html.matchAll(/(?:href|src)="(\/[^"#?]*)(?:#([^"]*))?"/g)) {
        const target = decodeURI(url.endsWith('/') ? `${url.slice(1)}index.html` : url.slice(1));
        if (!all.has(target)) broken.push(`${file} → ${url}`);
        else if (anchor && target.endsWith('.html') && !pages.get(target)!.includes(`id="${decodeURIComponent(anchor)}"`)) broken.push(`${file} → ${url}#${anchor}`);
      }
    }
    expect(broken).toEqual([]);
  }, 300_000);
});

describe('import, as a user meets it', () => {
  it('explains a missing or unknown source kind', async () => {
    expect((await runCli(['import', 'notion', sources])).stderr).toContain('"notion" is not a source. Choose one of: obsidian, logseq, markdown, git, ics');
    expect((await runCli(['import', 'obsidain', sources])).stderr).toContain('"obsidain" is not a source. Did you mean "obsidian"?');
    expect((await runCli(['import'])).stderr).toContain('import needs a source: obsidian, logseq, markdown, git, ics');
    expect((await runCli(['import', 'obsidian'])).stderr).toContain('import obsidian needs the source folder');
  });

  it('reports Templater leftovers and a note that is no daily note', async () => {
    const dry = await runCli(['import', 'obsidian', join(sources, 'obsidian-vault'), '--journal', join(work, 'none'), '--dry-run']);
    expect(dry.stdout).toContain('note: 1 Templater command skipped');
    expect(dry.stdout).toContain('Projects/Search revamp.md → (not imported)');
    expect(dry.stdout).not.toContain('Templates/Daily.md');
  });
});
