/**
 * Privacy, end to end, on test/fixtures/journals/privacy: every way an entry can be private, or fail
 * to be read (private: true, yes, "true", 1, [true], Private:, PRIVATE: false, a duplicate key, a
 * tab, an unclosed block, a list for front matter; a private 1:1 series, a private meeting, a series
 * with no _series.md or one that does not load; a private objective with its key results and
 * check-ins, weekly check-in, achievement and sprint). Words starting with "hush" are private; words
 * starting with "open" are public. The journal goes through `assess all` (drafts written), `build
 * --public` (every file of dist/, the Pagefind index decompressed, then searched in Chromium) and
 * `assess --dry-run` (the exact prompts), and no private word, and no name of a person the journal
 * knows, may come out.
 */
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assess } from '../src/assess/assess.ts';
import { completion, startLlmServer } from './support/llm-server.ts';
import { openJournal } from '../src/journal.ts';
import { launchBrowser } from '../src/site/browser.ts';
import { serveStatic } from '../src/site/serve.ts';
import { runCli, spawnCli } from './support/cli.ts';
import { filesUnder } from './support/files.ts';

const root = new URL('../', import.meta.url).pathname;
const FIXTURE = join(root, 'test/fixtures/journals/privacy');
const AS_OF = '2026-03-20';
/** The people the journal knows: never in a prompt. */
const PEOPLE = ['Wilhelmina', 'Quarrie', 'Bartholomew', 'Ostrander', 'Cordelia', 'Vantongeren', '@bart', '@cordelia'];

let work: string;
let journal: string;
let dist: string;
let hush: string[];
let open: string[];
let buildLog: string;

/** The words of the fixture's Markdown starting with `prefix`, lower-cased. */
async function wordsOf(prefix: string): Promise<string[]> {
  const words = new Set<string>();
  for (const file of (await filesUnder(FIXTURE)).filter((f) => f.endsWith('.md'))) {
    for (const [word] of (await readFile(join(FIXTURE, file), 'utf8')).matchAll(new RegExp(`\\b${prefix}[a-z]+`, 'gi'))) words.add(word.toLowerCase());
  }
  return [...words].sort();
}

/** The words of `words` that `text` contains, case-insensitively. */
const found = (text: string, words: readonly string[]) => words.filter((w) => text.toLowerCase().includes(w.toLowerCase()));

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'turbowork-privacy-'));
  journal = join(work, 'journal');
  dist = join(work, 'dist');
  await cp(FIXTURE, journal, { recursive: true });
  [hush, open] = await Promise.all([wordsOf('hush'), wordsOf('open')]);
  hush.push('hushstale', 'hushbackup'); // in the drafts written below
  // The drafts a public build embeds are the ones a normal run writes.
  const drafted = await runCli(['assess', 'all', '--journal', journal, '--as-of', AS_OF], { today: AS_OF });
  expect(drafted.code).toBe(0);
  // A draft made from other data (as every draft written before a private entry was added): its
  // figures and quotes may hold what is now private. Both its hashes are another journal's.
  // A copy kept beside a current draft (as people keep one before redrafting): it names the same
  // period, but it is not that period's draft, and may quote what has since become private.
  const week = join(journal, 'assessments/weeks/2026-W10.md');
  await writeFile(join(journal, 'assessments/weeks/2026-W10.orig.md'), `${await readFile(week, 'utf8')}\nKept from before: the hushbackup notes.\n`);
  const stale = join(journal, 'assessments/quarters/2026-Q1.md');
  await writeFile(stale, (await readFile(stale, 'utf8')).replace(/^inputs_hash: .*$/m, 'inputs_hash: sha256:0000').replace(/^sources_hash: .*$/m, 'sources_hash: sha256:0000').replace(/^## Summary$/m, '## Summary\n\nCounted 7 wins, hushstale ones included.'));
  // Where Astro would keep its telemetry id, had it telemetry on (its settings folder on Linux).
  const built = await spawnCli(['build', '--public', '--journal', journal, '--out', dist, '--as-of', AS_OF], root, { XDG_CONFIG_HOME: join(work, 'config') });
  expect(built.stderr).toContain('✔ built');
  buildLog = built.stderr;
}, 240_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('the privacy fixture', () => {
  it('has a private word for every way of being private, and public words to see', () => {
    expect(hush.length).toBeGreaterThan(30);
    expect(open.length).toBeGreaterThan(8);
  });
});

describe('build --public', () => {
  it("tells no one: Astro's processes run with its telemetry off, so they neither make nor store an id to post", async () => {
    // With telemetry on, Astro's build stores an anonymous id in its settings folder, runs git for a
    // project id and posts both to Astro's server; off, it does none of that.
    expect(await readdir(join(work, 'config')).catch(() => [])).toEqual([]);
    expect(buildLog).toContain('✔ built');
  });

  it('has no private word and no page of a private entry anywhere in dist/, the search index decompressed', async () => {
    const leaks: string[] = [];
    let index = '';
    let site = '';
    for (const file of await filesUnder(dist)) {
      const bytes = await readFile(join(dist, file));
      const text = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
      if (file.startsWith('pagefind/')) index += text;
      site += text;
      for (const word of found(text, hush)) leaks.push(`${word} in ${file}`);
    }
    expect(leaks).toEqual([]);
    // What is public is there, in the pages and in the index, so the checks above can fail.
    expect(found(site, open)).toEqual(open);
    expect(found(index, ['openheron', 'openplover', 'openmeetingnote'])).toEqual(['openheron', 'openplover', 'openmeetingnote']);
    const pages = await filesUnder(dist);
    for (const day of ['03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13', '18', '19']) expect(pages).not.toContain(`days/2026-03-${day}/index.html`);
    for (const day of ['02', '16', '17']) expect(pages).toContain(`days/2026-03-${day}/index.html`);
    expect(pages.filter((p) => /hush-series|orphan-series|broken-series|hush-objective/.test(p))).toEqual([]);
  });

  it('finds no private entry through the search page', async () => {
    const server = await serveStatic(dist);
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.goto(`${server.url}search/`, { waitUntil: 'networkidle' });
      // Pagefind's own search API, as the search page uses it (a string, so no test transform touches
      // the import), with the index's year shards merged in as the page merges them (src/site/search.ts).
      // Pagefind falls back to the longest prefix it knows ("h" for "hushplain"), so a search always
      // finds something: what matters is whether a result holds the word.
      await page.evaluate(`import('/pagefind/pagefind.js').then(async (pagefind) => {
        const shards = await (await fetch('/pagefind/shards.json')).json();
        for (const shard of shards) await pagefind.mergeIndex('/pagefind/' + shard + '/');
      })`);
      const search = (word: string) => page.evaluate<string[]>(`import('/pagefind/pagefind.js')
        .then((pagefind) => pagefind.search(${JSON.stringify(word)}))
        .then((found) => Promise.all(found.results.map((r) => r.data())))
        .then((pages) => pages.filter((p) => p.content.toLowerCase().includes(${JSON.stringify(word)})).map((p) => p.url))`);
      expect(await search('openheron')).toContain('/days/2026-03-02/');
      for (const word of hush) expect(await search(word), word).toEqual([]);
    } finally {
      await browser.close();
      await server.close();
    }
  }, 60_000);

  it('embeds drafts counted from public entries only, as the pages beside them are', async () => {
    const week = await readFile(join(dist, 'weeks/2026-W10/index.html'), 'utf8');
    const draft = await readFile(join(journal, 'assessments/weeks/2026-W10.md'), 'utf8');
    // W10 has 2 public wins and 5 private ones: both the draft and the page say 2.
    expect(draft).toContain('Logged 1 of 5 work days and 2 wins');
    expect(week).toContain('Logged 1 of 5 work days and 2 wins');
    // A week with no public day has no draft at all.
    expect((await filesUnder(join(journal, 'assessments/weeks'))).sort()).toEqual(['2026-W10.md', '2026-W10.orig.md', '2026-W12.md']);
    // A draft not made from the journal as it is now is left out, and the build says so.
    expect(buildLog).toContain('left out 1 drafts not made from the journal as it is now');
    expect(buildLog).toContain('quarter:2026-Q1');
    expect(await readFile(join(dist, 'years/2026/index.html'), 'utf8')).toContain('recorded 4 wins');
  });
});

describe('assess --dry-run', () => {
  it('sends no private word and no name of a person the journal knows, in any prompt', async () => {
    const { code, stdout } = await runCli(['assess', 'all', '--dry-run', '--journal', journal, '--as-of', AS_OF], { today: AS_OF });
    expect(code).toBe(0);
    expect(found(stdout, hush)).toEqual([]);
    // Names in any case, in slugs, behind invisible characters or in full-width letters; the
    // configured words in tags.
    const visible = stdout.normalize('NFKC').replace(/\p{Cf}/gu, '');
    expect(found(visible, [...PEOPLE, 'Fernhollow'])).toEqual([]);
    expect(stdout).not.toContain('+33 1 23 45 67 89');
    // Public entries are sent, with the people as placeholders.
    expect(found(stdout, ['openheron', 'openplover', 'openfalse', 'openblank', 'openfeedback', 'openaction'])).toHaveLength(6);
    expect(stdout).toContain('[MANAGER]');
    expect(stdout).toContain('[ME]');
  });

  it('prepares a 1:1 from its public meetings only, and refuses a private series', async () => {
    const prep = await runCli(['assess', '1on1', 'open-series', '--dry-run', '--journal', journal, '--as-of', AS_OF], { today: AS_OF });
    expect(prep.code).toBe(0);
    expect(found(prep.stdout, hush)).toEqual([]);
    expect(prep.stdout).toContain('openaction');
    for (const series of ['hush-series', 'orphan-series', 'broken-series']) {
      const refused = await runCli(['assess', '1on1', series, '--dry-run', '--journal', journal, '--as-of', AS_OF], { today: AS_OF });
      expect(refused.code, series).toBe(2);
      expect(refused.stderr).toContain('(or it is private)');
    }
  });
});

describe('new 1on1', () => {
  it('carries into a meeting of a shared series only the open items that may be shared; a private series keeps all of its own', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'turbowork-privacy-new-'));
    try {
      await cp(FIXTURE, dir, { recursive: true });
      const shared = await runCli(['new', '1on1', 'open-series', '--date', '2026-03-19', '--journal', dir], { today: AS_OF });
      expect(shared.code).toBe(0);
      const meeting = await readFile(join(dir, 'one-on-ones/open-series/2026-03-19.md'), 'utf8');
      expect(meeting).toContain('- [ ] openaction review @bart due:2026-03-11');
      expect(found(meeting, hush)).toEqual([]);
      const kept = await runCli(['new', '1on1', 'hush-series', '--date', '2026-03-19', '--journal', dir], { today: AS_OF });
      expect(kept.code).toBe(0);
      expect(await readFile(join(dir, 'one-on-ones/hush-series/2026-03-19.md'), 'utf8')).toContain('- [ ] hushseriesaction @cordelia due:2026-03-19');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('settings that cannot be read', () => {
  /** Drafts W10 against a local model server with `settings` appended to journal.yml; returns what was sent. */
  async function draftWith(settings: string) {
    const server = await startLlmServer([completion(JSON.stringify({ summary: { text: 'A week.', sources: ['fig-days'] }, wins: [], blockers: [], focus_next_week: [] }))]);
    const dir = await mkdtemp(join(tmpdir(), 'turbowork-privacy-settings-'));
    try {
      await cp(FIXTURE, dir, { recursive: true });
      const yml = (await readFile(join(dir, 'journal.yml'), 'utf8')).replace(/^redact:.*$/m, '');
      await writeFile(join(dir, 'journal.yml'), `${yml}\n${settings.replaceAll('URL', server.url)}\n`);
      const opened = await openJournal({ journalDir: dir, cacheDir: null });
      try {
        const logs: string[] = [];
        const summary = await assess(opened, dir, [{ kind: 'week', period: '2026-W10' }], { asOf: AS_OF }, { now: () => new Date(`${AS_OF}T12:00:00Z`), env: {}, log: (l) => void logs.push(l), clientEffects: { sleep: async () => {} } });
        return { requests: server.requests.length, reason: summary.offlineReason, logs };
      } finally {
        opened.db.close();
      }
    } finally {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    }
  }

  it('calls the model when llm: and redact: read cleanly', async () => {
    const { requests, reason } = await draftWith('llm: { base_url: URL, model: test-model }\nredact: ["Fernhollow"]');
    expect({ requests, reason }).toEqual({ requests: 1, reason: null });
  });

  it.each([
    ['redact: as a string', 'llm: { base_url: URL, model: test-model }\nredact: "Fernhollow"', 'the redact: setting of journal.yml (line'],
    ['redact: with a number', 'llm: { base_url: URL, model: test-model }\nredact: [Fernhollow, 42]', 'the redact: setting of journal.yml (line'],
    ['Redact: in another case', 'llm: { base_url: URL, model: test-model }\nRedact: ["Fernhollow"]', 'writes "Redact:", which is not the setting redact:'],
    ['llm: with a bad value', 'llm: { base_url: URL, model: test-model, timeout_s: soon }\nredact: ["Fernhollow"]', 'the llm: setting of journal.yml (line'],
    ['a YAML slip', 'llm: { base_url: URL, model: test-model }\nredact: ["Fernhollow"]\nredact: ["Other"]', 'journal.yml is not valid YAML'],
  ])('stops every model call and says why: %s', async (_, settings, why) => {
    const { requests, reason, logs } = await draftWith(settings);
    expect(requests).toBe(0);
    expect(reason).toContain(why);
    expect(logs.join('\n')).toContain(why);
  });
});
