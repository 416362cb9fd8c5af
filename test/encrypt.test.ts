/// <reference lib="dom" />
/**
 * The encrypted site (build --public --encrypt), built with the command the weekly workflow runs,
 * served over HTTP and opened in the system Chromium: locked without the passphrase (and nothing of
 * the journal in any file), refused with a wrong one, and with the right one browsed, searched and
 * followed like the plain site, the passphrase entered once.
 */
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { launchBrowser } from '../src/site/browser.ts';
import { encryptSite } from '../src/site/encrypt.ts';
import { serveStatic, type StaticServer } from '../src/site/serve.ts';
import { spawnCli } from './support/cli.ts';
import { filesUnder } from './support/files.ts';

const root = new URL('../', import.meta.url).pathname;
const AS_OF = '2026-11-20';
const PASSPHRASE = 'tidal-orbit-lantern-42-quietly';
let work: string;
let dist: string;
let plain: string;
let browser: Browser;
let site: StaticServer;

/** The arguments of the workflow's build of the published site, after `npm run tw --`. */
async function workflowBuildArgs(): Promise<string[]> {
  const workflow = parse(await readFile(join(root, '.github/workflows/weekly.yml'), 'utf8')) as { jobs: Record<string, { steps: { run?: string }[] }> };
  const command = workflow.jobs.site.steps.map((s) => s.run ?? '').find((run) => run.includes(' build '));
  expect(command).toMatch(/^npm run tw -- build /);
  return command!.replace(/^npm run tw -- /, '').trim().split(/\s+/);
}

/** A file's bytes as text, gzip (Pagefind's index) decompressed. */
async function text(path: string): Promise<string> {
  const bytes = await readFile(path);
  return (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8');
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'turbowork-encrypt-'));
  const journal = join(work, 'journal');
  await cp(join(root, 'journal'), journal, { recursive: true });
  dist = join(work, 'dist');
  plain = join(work, 'plain');
  const args = await workflowBuildArgs();
  expect(args).toEqual(expect.arrayContaining(['--public', '--encrypt']));
  const [encrypted, unencrypted] = [
    await spawnCli([...args, '--journal', journal, '--as-of', AS_OF, '--out', dist], root, { TURBOWORK_SITE_PASSPHRASE: PASSPHRASE }),
    await spawnCli(['build', '--public', '--journal', journal, '--as-of', AS_OF, '--out', plain], root),
  ];
  expect(encrypted.stderr).toContain('encrypted');
  expect(encrypted.code).toBe(0);
  expect(unencrypted.code).toBe(0);
  site = await serveStatic(dist);
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await rm(work, { recursive: true, force: true });
});

describe('an encrypted build, without the passphrase', () => {
  it('has no journal text in any file, the search index decompressed', async () => {
    // The words of the journal, as the plain public build shows them on its pages: every word of
    // seven letters or more in the text of its HTML and search index.
    const words = new Set<string>();
    for (const file of await filesUnder(plain)) {
      if (!/\.(html|pf_fragment|json)$/.test(file)) continue;
      const content = (await text(join(plain, file))).replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ').replace(/<[^>]+>/g, ' ');
      for (const [word] of content.matchAll(/\p{L}{7,}/gu)) words.add(word);
    }
    expect(words.size).toBeGreaterThan(500);
    expect(words).toContain('Patroni');
    // Words that the site's own code, style and WebAssembly also contain (labels, Pagefind's interface,
    // its library's strings) are not the journal's.
    const code = (await Promise.all((await filesUnder(plain)).filter((f) => /\.(js|css|pagefind)$/.test(f)).map((f) => text(join(plain, f))))).join('\n');
    const shell = await text(join(dist, '404.html'));
    const journalWords = [...words].filter((w) => !code.includes(w) && !shell.includes(w));
    expect(journalWords.length).toBeGreaterThan(500);

    const leaks: string[] = [];
    for (const file of await filesUnder(dist)) {
      // A page's sealed payload is base64, where a word could turn up by chance: it is checked to be
      // sealed below, and the rest of the page here.
      const content = (await text(join(dist, file))).replace(/(<script id="tw-payload"[^>]*>)[^<]*/, '$1');
      const found = journalWords.filter((w) => content.includes(w));
      if (found.length > 0) leaks.push(`${file}: ${found.slice(0, 5).join(', ')}`);
    }
    expect(leaks).toEqual([]);
    // The same check finds the words in the unencrypted build.
    expect(journalWords.filter((w) => shell.includes(w))).toEqual([]);
    expect(await text(join(plain, 'days/2026-04-17/index.html'))).toContain('Patroni');
  });

  it('keeps nothing readable but code and style: every other file is sealed or the locked page', async () => {
    const unsealed: string[] = [];
    for (const file of await filesUnder(dist)) {
      const bytes = await readFile(join(dist, file));
      if (/\.(js|css|pagefind)$/.test(file)) continue;
      const payload = file.endsWith('.html') ? /<script id="tw-payload"[^>]*>([^<]*)/.exec(bytes.toString('utf8'))?.[1] : null;
      const sealed = payload === null ? bytes : Buffer.from(payload ?? '', 'base64');
      if (!sealed.subarray(0, 6).equals(Buffer.from('TWENC1'))) unsealed.push(file);
    }
    expect(unsealed).toEqual([]);
  });

  it('asks for the passphrase', async () => {
    const page = await browser.newPage();
    await page.goto(site.url + 'days/2026-04-17/');
    await expect(page.locator('h1').textContent()).resolves.toBe('This site is encrypted');
    await page.getByLabel('Passphrase').waitFor();
    expect(await page.evaluate(() => document.body.innerText)).not.toContain('Patroni');
    await page.close();
  });
});

describe('an encrypted build, with the passphrase', () => {
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    page = await browser.newPage();
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
  });
  afterAll(() => page?.close());
  /** Waits for the page to be decrypted and written. */
  const unlocked = () => page.locator('h1').filter({ hasNotText: 'This site is encrypted' }).first().waitFor({ timeout: 30_000 });

  it('refuses a wrong passphrase with a message', async () => {
    await page.goto(site.url);
    await page.getByLabel('Passphrase').fill('tidal-orbit-lantern-41-quietly');
    await page.getByRole('button', { name: 'Open' }).click();
    await expect(page.locator('#tw-status').filter({ hasText: 'Wrong passphrase' }).waitFor({ timeout: 30_000 })).resolves.toBeUndefined();
    expect(await page.locator('h1').textContent()).toBe('This site is encrypted');
  });

  it('opens with the right one', async () => {
    await page.getByLabel('Passphrase').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Open' }).click();
    await unlocked();
    expect(await page.locator('nav').first().textContent()).toBeTruthy();
  });

  const routes = [
    '', 'days/2026-04-17/', 'weeks/2026-W16/', 'quarters/2026-Q2/', 'years/2026/', 'okrs/', 'okrs/2026-Q2/incident-response/',
    'one-on-ones/', 'one-on-ones/tomas-herrera/', 'achievements/', 'sprints/', 'patterns/', 'search/',
  ];
  it.each(routes)('renders /%s without asking again', async (path) => {
    const response = await page.goto(site.url + path, { waitUntil: 'networkidle' });
    expect(response?.status()).toBe(200);
    await unlocked();
    expect(await page.locator('#tw-passphrase').count()).toBe(0);
    const heading = await page.locator('h1').first().textContent();
    expect(heading).toBeTruthy();
    expect(heading).not.toBe('This site is encrypted');
    expect(errors).toEqual([]);
  });

  it('shows charts', async () => {
    await page.goto(site.url + 'weeks/2026-W16/', { waitUntil: 'networkidle' });
    await unlocked();
    const chart = page.locator('figure.chart svg[role="img"]').first();
    await chart.waitFor();
    expect(await chart.locator('.mark-rect path').count()).toBeGreaterThanOrEqual(7);
  });

  it('follows a citation to the line it cites', async () => {
    await page.goto(site.url + 'years/2026/', { waitUntil: 'networkidle' });
    await unlocked();
    // The first citation of the year's draft whose line the plain build's day page marks.
    const citations = page.locator('main a[href^="/days/"][href*="#L"]');
    let href = '';
    for (const candidate of await citations.evaluateAll((as) => as.map((a) => a.getAttribute('href')!))) {
      const [path, line] = candidate.split('#');
      if ((await readFile(join(plain, path, 'index.html'), 'utf8')).includes(`id="${line}"`)) {
        href = candidate;
        break;
      }
    }
    expect(href).not.toBe('');
    await page.locator(`main a[href="${href}"]`).first().click();
    await page.waitForURL((url) => url.href.endsWith(href));
    await unlocked();
    await page.locator(':target').waitFor();
    expect(await page.locator(':target').getAttribute('id')).toBe(href.split('#')[1]);
    expect(await page.locator(':target').isVisible()).toBe(true);
  });

  it('finds a known win with search', async () => {
    await page.goto(site.url + 'search/', { waitUntil: 'networkidle' });
    await unlocked();
    await page.locator('.pagefind-ui__search-input').fill('Patroni');
    await page.locator('.pagefind-ui__result-link').first().waitFor({ timeout: 20_000 });
    const links = await page.locator('.pagefind-ui__result-link').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href')));
    expect(links).toContain('/days/2026-04-17/');
    expect(errors).toEqual([]);
  });
});

describe('the passphrase', () => {
  it('refuses an empty passphrase, and build --encrypt without one says where it comes from', async () => {
    await expect(encryptSite(work, [{ id: 'reader', passphrase: '' }])).rejects.toThrow('empty');
    const result = await spawnCli(['build', '--public', '--encrypt', '--journal', join(work, 'journal'), '--out', join(work, 'never')], root, { TURBOWORK_SITE_PASSPHRASE: '' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('TURBOWORK_SITE_PASSPHRASE');
  });
});
