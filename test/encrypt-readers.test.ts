/// <reference lib="dom" />
/**
 * An encrypted site with several readers (team mode's access, issue 18): the sample journal's public
 * build encrypted for engineers A and B and their manager. A's pages are the days of Q1, B's the
 * days of Q2 (each also the manager's); search is everyone's; every other page is the manager's only.
 * Opened in Node as each reader (what each passphrase can decrypt) and in the system Chromium.
 */
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../src/site/browser.ts';
import { encryptSite, type EncryptResult } from '../src/site/encrypt.ts';
import { serveStatic, type StaticServer } from '../src/site/serve.ts';
import { spawnCli } from './support/cli.ts';
import { openAs, unlockPageDriver } from './support/sealed.ts';
import { filesUnder } from './support/files.ts';

const root = new URL('../', import.meta.url).pathname;
const A = 'amber-kestrel-harbour-17-slowly';
const B = 'basalt-meadow-cipher-83-gently';
const MANAGER = 'mosaic-tundra-lantern-05-firmly';
const readers = [{ id: 'a', passphrase: A }, { id: 'b', passphrase: B }, { id: 'manager', passphrase: MANAGER }];
const isA = (rel: string) => /^days\/2026-0[1-3]-/.test(rel);
const isB = (rel: string) => /^days\/2026-0[4-6]-/.test(rel);
const everyone = (rel: string) => rel === 'search/index.html' || rel === '404.html';
const readersOf = (rel: string) => (isA(rel) ? ['a', 'manager'] : isB(rel) ? ['b', 'manager'] : everyone(rel) ? ['a', 'b', 'manager'] : ['manager']);

let work: string;
let dist: string;
let plain: string;
let result: EncryptResult;
let browser: Browser;
let site: StaticServer;

/** The words (seven letters or more) of a page's or an index file's text. */
function words(content: string): Set<string> {
  const text = content.replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ').replace(/<[^>]+>/g, ' ');
  return new Set(Array.from(text.matchAll(/\p{L}{7,}/gu), ([word]) => word));
}

/** The words of the plain build's pages `which` selects. */
async function wordsOf(which: (rel: string) => boolean): Promise<Set<string>> {
  const all = new Set<string>();
  for (const file of (await filesUnder(plain)).filter((f) => f.endsWith('.html') && which(f))) {
    for (const word of words(await readFile(join(plain, file), 'utf8'))) all.add(word);
  }
  return all;
}

/** Bytes as text, gzip (Pagefind's index and WebAssembly) decompressed. */
function text(bytes: Buffer): string {
  return (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8');
}

/** Words of the pages `theirs` selects that no page `mine` selects has, nor the site's code. */
async function onlyIn(theirs: (rel: string) => boolean, mine: (rel: string) => boolean): Promise<string[]> {
  const [their, my] = [await wordsOf(theirs), await wordsOf(mine)];
  const code = (await Promise.all((await filesUnder(plain)).filter((f) => /\.(js|css|pagefind)$/.test(f)).map(async (f) => text(await readFile(join(plain, f)))))).join('\n');
  return [...their].filter((w) => !my.has(w) && !code.includes(w));
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'turbowork-readers-'));
  plain = join(work, 'plain');
  dist = join(work, 'dist');
  const built = await spawnCli(['build', '--public', '--journal', join(root, 'journal'), '--as-of', '2026-11-20', '--out', plain], root);
  expect(built.code).toBe(0);
  await cp(plain, dist, { recursive: true });
  result = await encryptSite(dist, readers, { readersOf });
  site = await serveStatic(dist);
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await rm(work, { recursive: true, force: true });
});

describe('what each passphrase decrypts', () => {
  it('gives every reader a search index of their own, and four groups', () => {
    expect(result.groups).toBe(4); // A+manager, B+manager, everyone, manager
    expect(result.indexes).toBe(3);
  });

  it("A's: A's pages and the shared ones, and no text only B's or the manager's pages have, the search index decompressed", async () => {
    const opened = await openAs(dist, A);
    const pages = [...opened.keys()].filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(50);
    expect(pages.filter((f) => !isA(f) && !everyone(f))).toEqual([]);
    // A's own search index opened, and it holds A's words.
    const index = words([...opened].filter(([f]) => f.startsWith('pagefind/')).map(([, t]) => t).join('\n'));
    const mine = await onlyIn(isA, isB);
    expect(mine.length).toBeGreaterThan(100);
    expect(mine.filter((w) => index.has(w)).length).toBeGreaterThan(mine.length / 2);

    const notMine = await onlyIn((rel) => !isA(rel) && !everyone(rel), (rel) => isA(rel) || everyone(rel));
    expect(notMine).toContain('Patroni'); // a win of B's, 2026-04-17
    expect(notMine.length).toBeGreaterThan(300);
    const leaks: string[] = [];
    // Each opened file's words, as the words were taken from the plain pages (a substring such as
    // "Meeting" of "Meetings" is not a leak).
    for (const [file, text] of opened) {
      const own = words(text);
      const found = notMine.filter((w) => own.has(w));
      if (found.length > 0) leaks.push(`${file}: ${found.slice(0, 5).join(', ')}`);
    }
    expect(leaks).toEqual([]);
  });

  it("the manager's: every page and file", async () => {
    const opened = await openAs(dist, MANAGER);
    const sealed = (await filesUnder(dist)).filter((f) => !/\.(js|css|pagefind)$/.test(f) && !f.startsWith('pagefind/'));
    expect(sealed.filter((f) => !opened.has(f))).toEqual([]);
    expect(opened.get('days/2026-04-17/index.html')).toContain('Patroni');
  });

  it('a wrong one: nothing', async () => {
    expect((await openAs(dist, 'amber-kestrel-harbour-18-slowly')).size).toBe(0);
  });

  it('none: no journal text in any file, the search indexes decompressed', async () => {
    const words = await onlyIn(() => true, () => false);
    const shell = (await readFile(join(dist, '404.html'), 'utf8')).replace(/(<script id="tw-payload"[^>]*>)[^<]*/, '$1');
    const journal = words.filter((w) => !shell.includes(w));
    expect(journal.length).toBeGreaterThan(1_000);
    const leaks: string[] = [];
    for (const file of await filesUnder(dist)) {
      const content = text(await readFile(join(dist, file))).replace(/(<script id="tw-payload"[^>]*>)[^<]*/, '$1');
      const found = journal.filter((w) => content.includes(w));
      if (found.length > 0) leaks.push(`${file}: ${found.slice(0, 5).join(', ')}`);
    }
    expect(leaks).toEqual([]);
  });
});

describe('in Chromium', () => {
  const errors: string[] = [];
  const { tab, unlocked, enter, status } = unlockPageDriver(() => browser, errors);
  const body = (page: Page) => page.evaluate(() => document.body.innerText);

  it("A's passphrase opens A's pages, not B's nor the manager's, and search finds only A's", async () => {
    const page = await tab();
    await page.goto(site.url + 'days/2026-01-12/');
    await enter(page, A);
    await unlocked(page);
    expect(await page.locator('h1').first().textContent()).toContain('2026');
    await page.goto(site.url + 'days/2026-02-03/');
    await unlocked(page);
    expect(await page.locator('#tw-passphrase').count()).toBe(0);

    for (const path of ['days/2026-04-17/', 'weeks/2026-W16/', '']) {
      await page.goto(site.url + path);
      await status(page, 'The passphrase entered earlier cannot open this page');
      expect(await page.locator('h1').textContent()).toBe('This site is encrypted');
      expect(await body(page)).not.toContain('Patroni');
    }
    await enter(page, A);
    await status(page, 'This passphrase cannot open this page');

    await page.goto(site.url + 'search/', { waitUntil: 'networkidle' });
    await unlocked(page);
    await page.locator('.pagefind-ui__search-input').fill('Patroni');
    await page.locator('.pagefind-ui__message').filter({ hasText: 'No results' }).waitFor({ timeout: 20_000 });
    await page.locator('.pagefind-ui__search-input').fill('flags');
    await page.locator('.pagefind-ui__result-link').first().waitFor({ timeout: 20_000 });
    const links = await page.locator('.pagefind-ui__result-link').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href')!));
    expect(links).toContain('/days/2026-01-12/');
    expect(links.filter((l) => !/^\/days\/2026-0[1-3]-/.test(l))).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("the manager's opens A's, B's and the manager's pages, and search finds B's win", async () => {
    const page = await tab();
    await page.goto(site.url + 'days/2026-04-17/');
    await enter(page, MANAGER);
    await unlocked(page);
    expect(await body(page)).toContain('Patroni');
    for (const path of ['days/2026-01-12/', 'weeks/2026-W16/', '', 'one-on-ones/']) {
      await page.goto(site.url + path);
      await unlocked(page);
      expect(await page.locator('#tw-passphrase').count()).toBe(0);
    }
    await page.goto(site.url + 'search/', { waitUntil: 'networkidle' });
    await unlocked(page);
    await page.locator('.pagefind-ui__search-input').fill('Patroni');
    await page.locator('.pagefind-ui__result-link').first().waitFor({ timeout: 20_000 });
    const links = await page.locator('.pagefind-ui__result-link').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href')));
    expect(links).toContain('/days/2026-04-17/');
    // A word of a 1:1 note only: the 1:1 series' pages are a shard of their own (src/site/search.ts).
    await page.locator('.pagefind-ui__search-input').fill('scrambling');
    const series = page.locator('.pagefind-ui__result-link[href="/one-on-ones/tomas-herrera/"]');
    await series.first().waitFor({ timeout: 20_000 });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("refuses a wrong passphrase, and B's on A's page, each with a message", async () => {
    const page = await tab();
    await page.goto(site.url + 'days/2026-01-12/');
    await enter(page, 'amber-kestrel-harbour-18-slowly');
    await status(page, 'This passphrase cannot open this page');
    await enter(page, B);
    await status(page, 'This passphrase cannot open this page');
    expect(await page.locator('h1').textContent()).toBe('This site is encrypted');
    // A page every reader may read: a passphrase that opens none of its slots opens nothing.
    await page.goto(site.url + 'search/');
    await enter(page, 'amber-kestrel-harbour-18-slowly');
    await status(page, 'Wrong passphrase');
    expect(errors).toEqual([]);
    await page.close();
  });
});
