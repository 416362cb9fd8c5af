/// <reference lib="dom" />
/**
 * The encrypted team build (`team build --encrypt`) of the fixture team, built as a user builds it
 * with the passphrases in the environment variables team.yml names, then opened in Node as each
 * reader and in the system Chromium: Ana's passphrase opens Ana's page and not Ben's nor the team
 * pages; the manager's opens all; no member's private text is in any file of the site (search
 * indexes decompressed, and every file the manager can open decrypted).
 */
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../src/site/browser.ts';
import { serveStatic, type StaticServer } from '../src/site/serve.ts';
import { spawnCli } from './support/cli.ts';
import { openAs, unlockPageDriver } from './support/sealed.ts';
import { filesUnder } from './support/files.ts';

const root = new URL('../', import.meta.url).pathname;
const ANA = 'amber-kestrel-harbour-17-slowly';
const BEN = 'basalt-meadow-cipher-83-gently';
const MANAGER = 'mosaic-tundra-lantern-05-firmly';
/** Words only Ben's and Chen's private entries hold. */
const PRIVATE_WORDS = ['Globex', 'Haverkamp', 'burnout', 'parental leave', 'told nobody'];

let work: string;
let dist: string;
let build: { code: number; stderr: string };
let browser: Browser;
let site: StaticServer;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'turbowork-team-encrypt-'));
  const team = join(work, 'team');
  await cp(join(root, 'test/fixtures/team'), team, { recursive: true });
  dist = join(work, 'dist-team');
  // Chen's and Dana's variables are left unset: they can open nothing, and the build says so.
  build = await spawnCli(['team', 'build', '--encrypt', '--team', team, '--as-of', '2026-03-31', '--out', dist], root, {
    TEAM_MANAGER_PASSPHRASE: MANAGER, TEAM_PASSPHRASE_ANA: ANA, TEAM_PASSPHRASE_BEN: BEN,
  });
  site = await serveStatic(dist);
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await rm(work, { recursive: true, force: true });
});

describe('team build --encrypt, opened in Node', () => {
  it('encrypts for the manager and the members whose passphrase is set, and names the others', () => {
    expect(build.stderr).toMatch(/encrypted \d+ pages and \d+ data files for 3 readers/);
    expect(build.stderr).toContain('chen-wei ($TEAM_PASSPHRASE_CHEN is not set): can open no page');
    expect(build.code).toBe(1); // the fixture's CSVs have bad rows
  });

  it("Ana's passphrase opens Ana's page only", async () => {
    const opened = await openAs(dist, ANA);
    expect([...opened.keys()].filter((f) => f.endsWith('.html')).sort()).toEqual(['people/ana-lima/index.html']);
    expect(opened.get('people/ana-lima/index.html')).toContain('Ana Lima');
    for (const text of opened.values()) expect(text).not.toContain('Ben Okafor');
  });

  it("the manager's opens every page and data file", async () => {
    const opened = await openAs(dist, MANAGER);
    const sealed = (await filesUnder(dist)).filter((f) => !/\.(js|css|pagefind|wasm)$/.test(f) && !f.startsWith('pagefind/'));
    expect(sealed.filter((f) => !opened.has(f))).toEqual([]);
    expect(opened.get('people/ben-okafor/index.html')).toContain('Three P1s overnight');
    expect(opened.get('months/2026-03/index.html')).toContain('Return to the 5×8 schedule');
  });

  it('holds no private text of any member in any file, sealed or opened by the manager', async () => {
    const manager = await openAs(dist, MANAGER);
    expect([...manager.keys()].some((f) => f.startsWith('pagefind/'))).toBe(true); // the manager's search index, decompressed
    for (const file of await filesUnder(dist)) {
      const bytes = await readFile(join(dist, file));
      const raw = (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8');
      for (const word of PRIVATE_WORDS) {
        expect(raw.includes(word), `${word} in ${file}`).toBe(false);
        expect(manager.get(file)?.includes(word) ?? false, `${word} in ${file}, opened`).toBe(false);
      }
    }
  });
});

describe('team build --encrypt, in Chromium', () => {
  const errors: string[] = [];
  const { tab, unlocked, enter, status } = unlockPageDriver(() => browser, errors);

  it("Ana's passphrase opens Ana's page, and not Ben's nor the team's", async () => {
    const page = await tab();
    await page.goto(site.url + 'people/ana-lima/');
    await enter(page, ANA);
    await unlocked(page);
    expect(await page.locator('h1').first().textContent()).toBe('Ana Lima');
    for (const path of ['people/ben-okafor/', '', 'months/2026-03/']) {
      await page.goto(site.url + path);
      await status(page, 'cannot open this page');
      expect(await page.locator('h1').textContent()).toBe('This site is encrypted');
      expect(await page.evaluate(() => document.body.innerText)).not.toContain('Ben Okafor');
    }
    await enter(page, ANA);
    await status(page, 'This passphrase cannot open this page');
    expect(errors).toEqual([]);
    await page.close();
  });

  it("the manager's opens every engineer's page and the team pages", async () => {
    const page = await tab();
    await page.goto(site.url);
    await enter(page, MANAGER);
    await unlocked(page);
    expect(await page.evaluate(() => document.body.innerText)).toContain('manager override');
    for (const [path, heading] of [['people/ana-lima/', 'Ana Lima'], ['people/ben-okafor/', 'Ben Okafor'], ['people/chen-wei/', 'Chen Wei'], ['months/2026-03/', '2026-03'], ['trends/', 'Team trends']]) {
      await page.goto(site.url + path);
      await unlocked(page);
      expect(await page.locator('h1').first().textContent()).toBe(heading);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it("refuses Ben's passphrase on Ana's page", async () => {
    const page = await tab();
    await page.goto(site.url + 'people/ana-lima/');
    await enter(page, BEN);
    await status(page, 'This passphrase cannot open this page');
    expect(await page.locator('h1').textContent()).toBe('This site is encrypted');
    await page.close();
  });
});
