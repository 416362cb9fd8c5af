/// <reference lib="dom" />
/**
 * The built site, as a person meets it: the sample journal built by the real CLI, served over HTTP
 * and driven in the system Chromium, with model drafts for four periods in it (the honest answers of
 * test/fixtures/answers/, served through the real client). Also the --public build and a journal
 * full of XSS attempts.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HtmlValidate } from 'html-validate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../src/site/browser.ts';
import { serveStatic, type StaticServer } from '../src/site/serve.ts';
import { assess } from '../src/assess/assess.ts';
import type { DraftKind } from '../src/assess/store.ts';
import { openJournal } from '../src/journal.ts';
import { spawnCli } from './support/cli.ts';
import { completion, startLlmServer } from './support/llm-server.ts';
import { filesUnder } from './support/files.ts';
import { differingFiles, pagefindFiles } from './support/pagefind.ts';
import { searchable } from '../src/site/searchable.ts';

const root = new URL('../', import.meta.url).pathname;
const AS_OF = '2026-11-20';
let work: string;
let browser: Browser;
let site: StaticServer;
/** A journal just made by `init`, built: the first run. */
let fresh: StaticServer;
let freshDist: string;
/** The sample journal's build. */
let sampleDist: string;

/** Builds a copy of a journal (the build writes drafts into it) into work/<name>. */
async function buildInto(name: string, journal: string, extra: string[] = []): Promise<string> {
  const out = join(work, name);
  const copy = join(work, `${name}-journal`);
  await cp(journal, copy, { recursive: true });
  const result = await spawnCli(['build', '--journal', copy, '--out', out, '--as-of', AS_OF, ...extra], root);
  expect(result.stderr).toContain('✔ built');
  expect(result.code).toBe(0);
  return out;
}

/** A page with console errors and failed requests collected, at a window `width` px wide. */
async function open(path: string, { server = site, width = 1280 } = {}): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  const response = await page.goto(server.url + path, { waitUntil: 'networkidle' });
  expect(response?.status(), path).toBe(200);
  return { page, errors };
}

/** A copy of the sample journal with model drafts for a year, a quarter and two weeks, written through the real client. */
async function withModelDrafts(): Promise<string> {
  const copy = join(work, 'sample-with-drafts');
  await cp(join(root, 'journal'), copy, { recursive: true });
  const targets: [DraftKind, string, string][] = [['week', '2026-W05', 'week-2026-W05'], ['week', '2026-W23', 'week-2026-W23'], ['quarter', '2026-Q2', 'quarter-2026-Q2'], ['year', '2026', 'year-2026']];
  const answers = await Promise.all(targets.map(async ([, , file]) => JSON.parse(await readFile(join(root, 'test/fixtures/answers', `${file}.json`), 'utf8')).honest));
  const server = await startLlmServer(answers.map((answer) => completion(JSON.stringify(answer))));
  const yml = await readFile(join(copy, 'journal.yml'), 'utf8');
  await writeFile(join(copy, 'journal.yml'), `${yml}\nllm:\n  base_url: ${server.url}\n  model: test-model\n  max_input_tokens: 16000\n`);
  const journal = await openJournal({ journalDir: copy, cacheDir: null });
  try {
    const summary = await assess(journal, copy, targets.map(([kind, period]) => ({ kind, period })), { asOf: AS_OF, force: true }, { now: () => new Date(`${AS_OF}T12:00:00Z`), env: {}, log: () => {} });
    expect(summary.drafts.map((d) => d.generator)).toEqual(['test-model', 'test-model', 'test-model', 'test-model']);
  } finally {
    journal.db.close();
    await server.close();
  }
  await writeFile(join(copy, 'journal.yml'), yml); // the build drafts the rest offline and keeps the model drafts
  return copy;
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'turbowork-site-'));
  sampleDist = await buildInto('sample', await withModelDrafts());
  site = await serveStatic(sampleDist);
  const init = await spawnCli(['init', join(work, 'new-journal')], root);
  expect(init.code).toBe(0);
  freshDist = await buildInto('fresh', join(work, 'new-journal'));
  fresh = await serveStatic(freshDist);
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await fresh?.close();
  await rm(work, { recursive: true, force: true });
});

describe('the sample site', () => {
  const routes = [
    '', 'days/2026-04-17/', 'weeks/2026-W16/', 'quarters/2026-Q2/', 'years/2026/', 'okrs/', 'okrs/2026-Q2/incident-response/',
    'one-on-ones/', 'one-on-ones/tomas-herrera/', 'achievements/', 'sprints/', 'patterns/', 'search/',
  ];

  it.each(routes)('renders /%s with a heading and no console errors', async (path) => {
    const { page, errors } = await open(path);
    expect(await page.locator('h1').first().textContent()).toBeTruthy();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('draws charts as SVG with data marks and an accessible name', async () => {
    const { page } = await open('weeks/2026-W16/');
    const chart = page.locator('figure.chart svg[role="img"]').first();
    expect(await chart.getAttribute('aria-label')).toContain('2026-W16');
    const bars = await chart.locator('.mark-rect path').count();
    expect(bars).toBeGreaterThanOrEqual(7);
    const energy = await chart.locator('.mark-symbol path').count();
    expect(energy).toBeGreaterThanOrEqual(5);
    await page.close();
  });

  it('finds a known win with search', async () => {
    const { page } = await open('search/');
    await page.locator('.pagefind-ui__search-input').fill('Patroni');
    const result = page.locator('.pagefind-ui__result-link').first();
    await result.waitFor({ timeout: 10_000 });
    const links = await page.locator('.pagefind-ui__result-link').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href')));
    expect(links).toContain('/days/2026-04-17/');
    await page.close();
  });

  it.each(['sample', 'fresh'])('has no broken internal link and no #anchor that does not exist anywhere in the %s site (the sample with model drafts)', async (name) => {
    const dist = join(work, name);
    const all = new Set(await filesUnder(dist));
    const pages = [...all].filter((f) => f.endsWith('.html'));
    const ids = new Map<string, Set<string>>();
    for (const file of pages) {
      const html = await readFile(join(dist, file), 'utf8');
      ids.set(file, new Set([...html.matchAll(/\s(?:id|name)="([^"]+)"/g)].map((m) => m[1])));
    }
    const broken: string[] = [];
    let fragments = 0;
    for (const file of pages) {
      const html = await readFile(join(dist, file), 'utf8');
      for (const [, url] of html.matchAll(/(?:href|src)="((?:\/|#)[^"?]*)"/g)) {
        const [path, fragment] = url.split('#');
        const target = path === '' ? file : path.endsWith('/') ? `${path.slice(1)}index.html` : path.slice(1);
        if (!all.has(decodeURI(target))) broken.push(`${file} → ${url}`);
        else if (fragment && target.endsWith('.html')) {
          fragments += 1;
          if (!ids.get(decodeURI(target))?.has(decodeURIComponent(fragment))) broken.push(`${file} → ${url} (no such anchor)`);
        }
      }
    }
    if (name === 'sample') {
      // The model drafts are on their pages, with their citations.
      const year = await readFile(join(dist, 'years/2026/index.html'), 'utf8');
      expect(year).toContain('Quote API p95 from 910 ms to 140 ms');
      expect(year).toMatch(/href="\/okrs\/[^"]+#kr-[^"]+"|href="\/one-on-ones\/[^"]+#m-\d{4}-\d{2}-\d{2}"/);
      expect(fragments).toBeGreaterThan(500);
    }
    expect([...new Set(broken)].slice(0, 40)).toEqual([]);
  });
});

/**
 * Every kind of page, of the sample journal and of one `init` just made, as people meet them: on a
 * desktop and on a phone (390 px), with a screen reader's checks (axe), and as HTML (html-validate).
 */
describe('every page kind, for every reader', () => {
  const sampleRoutes = [
    '', 'days/2026-04-17/', 'weeks/2026-W16/', 'quarters/2026-Q2/', 'years/2026/', 'okrs/', 'okrs/2026-Q2/incident-response/',
    'one-on-ones/', 'one-on-ones/tomas-herrera/', 'achievements/', 'sprints/', 'patterns/', 'search/', '404.html',
  ];
  const freshRoutes = ['', 'okrs/', 'one-on-ones/', 'achievements/', 'sprints/', 'patterns/', 'search/', '404.html'];
  const cases = [...sampleRoutes.map((path) => ['sample', path] as const), ...freshRoutes.map((path) => ['fresh', path] as const)];
  const serverOf = (name: string) => (name === 'sample' ? site : fresh);

  it('covers every page the fresh journal has', async () => {
    const pages = (await filesUnder(freshDist)).filter((f) => f.endsWith('.html')).map((f) => f.replace(/index\.html$/, '')).sort();
    expect(pages).toEqual([...freshRoutes].sort());
  });

  it.each(cases.flatMap(([name, path]) => [1280, 390].map((width) => [name, path, width] as const)))('%s /%s at %i px: no serious or critical axe violation, no sideways scroll', async (name, path, width) => {
    const { page } = await open(path, { server: serverOf(name), width });
    await page.addScriptTag({ path: join(root, 'node_modules/axe-core/axe.min.js') });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(o?: object): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
      const result = await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
      return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
    });
    expect(violations).toEqual([]);
    // Nothing wider than the window: wide tables and charts stay inside their own boxes.
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.scrollingElement!.scrollWidth, innerWidth: window.innerWidth }));
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
    await page.close();
  });

  it.each(cases)('%s /%s is valid HTML (html-validate, .htmlvalidate.mjs)', async (name, path) => {
    const config = (await import(join(root, '.htmlvalidate.mjs'))).default;
    const validator = new HtmlValidate(config);
    const file = join(work, name, path.endsWith('/') || path === '' ? `${path}index.html` : path);
    const report = await validator.validateString(await readFile(file, 'utf8'), file);
    const problems = report.results.flatMap((r) => r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`));
    expect(problems).toEqual([]);
  });

  it('tells a new user where to start, with the command as they run it, and links only to pages that exist', async () => {
    const html = await readFile(join(freshDist, 'index.html'), 'utf8');
    expect(html).toContain('Your journal is empty');
    expect(html).toContain('<code>npm run tw -- new daily</code>');
    expect(html).not.toMatch(/&amp;quot;|href="[^"]*\/\/"/);
    // The sample's navigation does have the period links the fresh one leaves out.
    expect(html).not.toContain('href="/weeks/');
    expect(await readFile(join(work, 'sample', 'index.html'), 'utf8')).toContain('href="/weeks/2026-W47/"');
  });

  it('counts work days logged against work days on the dashboard', async () => {
    const html = await readFile(join(work, 'sample', 'index.html'), 'utf8');
    const [, logged, of] = /(\d+) of (\d+) work days logged/.exec(html)!;
    expect(Number(logged)).toBeLessThanOrEqual(Number(of));
  });
});

describe('the dashboard’s action items', () => {
  it('counts the open and overdue items the fixture counted by hand, each item once', async () => {
    const hand = JSON.parse(await readFile(join(root, 'test/fixtures/hand-counts/sample-open-items-2026-11-20.json'), 'utf8')) as { as_of: string; overdue: string[]; open_not_overdue: string[] };
    expect(hand.as_of).toBe(AS_OF);
    const { page } = await open('');
    const stat = (await page.locator('.stat', { hasText: 'Open action items' }).innerText()).replace(/\s+/g, ' ');
    expect(stat).toContain(`${hand.overdue.length + hand.open_not_overdue.length}`);
    expect(stat).toContain(`${hand.overdue.length} overdue`);
    const rows = await page.locator('section:has(h2:text("Open and overdue action items")) tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim())));
    await page.close();
    expect(rows.filter((r) => r[4] === 'Overdue').map((r) => r[0]).sort()).toEqual([...hand.overdue].sort());
    expect(rows.filter((r) => r[4] === 'Open').map((r) => r[0]).sort()).toEqual([...hand.open_not_overdue].sort());
  });
});

describe('one set of figures', () => {
  it('shows the same work days logged on the year page, in the draft beside it and in report, as of the build date', async () => {
    const { page } = await open('years/2026/');
    const stat = (await page.locator('.stat', { hasText: 'Work days logged' }).innerText()).replace(/\s+/g, ' ');
    await page.close();
    const draft = await readFile(join(work, 'sample-journal/assessments/years/2026.md'), 'utf8');
    // The draft's own figures table (a model draft's text may word them otherwise).
    const [, logged, workDays] = /Days logged \| \d+ \((\d+) of (\d+) work days/.exec(draft)!;
    const report = await spawnCli(['report', 'year', '2026', '--as-of', AS_OF, '--json', '--journal', join(work, 'sample-journal')], root);
    const { coverage } = JSON.parse(report.stdout) as { coverage: { logged_work_days: number; work_days: number } };
    // page and report: the same figures as of the same date
    expect(stat).toContain(`${coverage.logged_work_days} of ${coverage.work_days}`);
    // the draft: the same work days; its logged days leave out the sample's private days (drafts
    // count only what may be shared: 2026-06-24, 2026-07-15 and 2026-10-22 are private)
    expect(Number(workDays)).toBe(coverage.work_days);
    expect(Number(logged)).toBe(coverage.logged_work_days - 3);
    // and assess, asked again as of the same date, has nothing to refresh
    const again = await spawnCli(['assess', 'year', '2026', '--as-of', AS_OF, '--journal', join(work, 'sample-journal')], root);
    // (the copy holds the corpus's model draft for 2026, which an offline run keeps as it is)
    expect(again.stderr + again.stdout).toMatch(/up to date|kept/);
    expect(await readFile(join(work, 'sample-journal/assessments/years/2026.md'), 'utf8')).toBe(draft);
  }, 240_000);
});

describe('export --pdf', () => {
  it('prints a quarter\'s assessment to a multi-page PDF through Chromium, not the site page', async () => {
    const out = join(work, 'q2.pdf');
    const result = await spawnCli(['export', '2026-Q2', '--pdf', '--out', out, '--journal', join(root, 'journal')], root);
    expect(result).toMatchObject({ code: 0, stdout: `${out}\n` });
    const pdf = await readFile(out, 'latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect(pdf.match(/\/Type\s*\/Page\b/g)?.length).toBeGreaterThanOrEqual(2);
  });

  it('says how to make a draft when there is none', async () => {
    const result = await spawnCli(['export', '2025', '--docx', '--journal', join(root, 'journal')], root);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/create one with .*assess year 2025/);
  });

  it('refuses a period that is not a week, quarter or year', async () => {
    const result = await spawnCli(['export', 'soon', '--pdf', '--journal', join(root, 'journal')], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is not a week, quarter or year');
  });
});

describe('a --public build', () => {
  it('contains no text of a private entry anywhere in dist/, the search index included', async () => {
    const dist = await buildInto('public', join(root, 'journal'), ['--public']);
    const secrets = ['Dr. Alvarez', 'sleep clinic', 'Maren', 'Tidewater', 'rightsizing PR; two comments'];
    const leaks: string[] = [];
    for (const file of await filesUnder(dist)) {
      const bytes = await readFile(join(dist, file));
      const text = file.startsWith('pagefind/') && bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes).toString('latin1') : bytes.toString('utf8');
      for (const secret of secrets) if (text.includes(secret)) leaks.push(`${secret} in ${file}`);
    }
    expect(leaks).toEqual([]);
    expect(await filesUnder(dist)).not.toContain('days/2026-06-24/index.html');
    // The private build does show them, so the check above can fail.
    expect(await readFile(join(work, 'sample', 'days/2026-06-24/index.html'), 'utf8')).toContain('Dr. Alvarez');
  }, 180_000);
});

describe('a journal full of script', () => {
  it('renders none of it executable, on any page', async () => {
    const dist = await buildInto('xss', join(root, 'test/fixtures/journals/site-xss'));
    const pages = (await filesUnder(dist)).filter((f) => f.endsWith('index.html')).map((f) => f.replace(/index\.html$/, ''));
    expect(pages.length).toBeGreaterThan(8);
    const server = await serveStatic(dist);
    try {
      for (const path of pages) {
        const page = await browser.newPage();
        await page.goto(server.url + path, { waitUntil: 'networkidle' });
        for (const link of await page.locator('main a').all()) await link.hover({ timeout: 1000 }).catch(() => {});
        const found = await page.evaluate(() => ({
          ran: (window as unknown as { __xss?: string }).__xss ?? null,
          scripts: [...document.scripts].filter((s) => s.textContent?.includes('__xss')).length,
          handlers: [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => `${el.tagName} ${a.name}`)),
          urls: [...document.querySelectorAll('[href], [src]')].map((el) => el.getAttribute('href') ?? el.getAttribute('src') ?? '').filter((u) => /^\s*(javascript|data):/i.test(u)),
          frames: document.querySelectorAll('iframe, object, embed').length,
        }));
        expect(found, path).toEqual({ ran: null, scripts: 0, handlers: [], urls: [], frames: 0 });
        await page.close();
      }
    } finally {
      await server.close();
    }
    // The payloads did reach the pages, as text: the check above had something to catch.
    expect(await readFile(join(dist, 'days/2025-02-03/index.html'), 'utf8')).toContain('__xss');
    // Pagefind is sent only what it reads of these pages too, and indexes them as it does whole.
    await sameSearchIndex(dist);
  }, 180_000);
});

/**
 * Pagefind indexes the pages of a built site the same, file for file, whether it is sent each page
 * whole or only the part of it it reads, as the build sends it (src/site/searchable.ts).
 */
async function sameSearchIndex(dist: string): Promise<void> {
  const files = (await filesUnder(dist)).filter((f) => f.endsWith('index.html')).sort();
  const pages = await Promise.all(files.map(async (f) => [`/${f.replace(/index\.html$/, '')}`, await readFile(join(dist, f), 'utf8')] as [string, string]));
  const [whole, cut] = [await pagefindFiles(pages), await pagefindFiles(pages, searchable)];
  expect(whole.size).toBeGreaterThan(pages.length / 2);
  expect(differingFiles(whole, cut)).toEqual([]);
  // What was cut: the charts and the frame of every page.
  const sent = pages.map(([, html]) => searchable(html));
  expect(sent.filter((html) => html.includes('<svg'))).toEqual([]);
  expect(sent.join('').length).toBeLessThan(pages.map(([, html]) => html).join('').length * 0.8);
}

describe('the search index', () => {
  it('is the same for the sample site whether Pagefind is sent whole pages or what it reads of them', async () => {
    await sameSearchIndex(sampleDist);
  }, 120_000);
});
