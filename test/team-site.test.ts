/// <reference lib="dom" />
/**
 * `turbowork team build` on the fixture team, run as a user runs it (a child process): the pages a
 * manager reads, with the figures test/team.test.ts checks by hand; no private entry of any member
 * in any file of the site (Pagefind's index decompressed); every page valid HTML, readable at 1280
 * and 390 px with no serious axe violation. And `team note` as a user types it.
 */
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { HtmlValidate } from 'html-validate';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../src/site/browser.ts';
import { serveStatic, type StaticServer } from '../src/site/serve.ts';
import { runCli, spawnCli } from './support/cli.ts';

const root = new URL('../', import.meta.url).pathname;
const FIXTURE = join(root, 'test/fixtures/team');
/** Words only Ben's and Chen's private entries hold. */
const PRIVATE_WORDS = ['Globex', 'Haverkamp', 'burnout', 'parental leave', 'told nobody'];
const PAGES = ['', 'people/ana-lima/', 'people/ben-okafor/', 'people/chen-wei/', 'people/dana-kowalski/', 'months/2026-02/', 'months/2026-03/', 'trends/', 'search/'];

let work: string;
let dist: string;
let publicDist: string;
let build: { code: number; stderr: string };
let browser: Browser;
let server: StaticServer;

async function files(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}
/** A file's bytes as text, gzip (Pagefind's index) decompressed. */
async function text(path: string): Promise<string> {
  const bytes = await readFile(path);
  return (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8');
}
const page = (dir: string, path: string) => readFile(join(dir, path, 'index.html'), 'utf8');
const words = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&nbsp;/g, ' ').replace(/\s+/g, ' ');

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'turbowork-team-site-'));
  dist = join(work, 'dist-team');
  publicDist = join(work, 'public');
  // A copy: the build writes coaching drafts into the team repository.
  const copy = join(work, 'build-team');
  await cp(FIXTURE, copy, { recursive: true });
  build = await spawnCli(['team', 'build', '--team', copy, '--as-of', '2026-03-31', '--out', dist], root);
  await spawnCli(['team', 'build', '--team', copy, '--as-of', '2026-03-31', '--out', publicDist, '--public'], root);
  server = await serveStatic(dist);
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await rm(work, { recursive: true, force: true });
});

describe('team build', () => {
  it('builds every page, reports the CSVs\' bad rows and exits 1 for them', async () => {
    expect(build.stderr).toContain('data/worklogs.csv');
    expect(build.stderr).toMatch(/19:4\s+error\s+Unexpected "two" for hours/);
    expect(build.code).toBe(1);
    const pages = (await files(dist)).filter((f) => f.endsWith('.html')).map((f) => f.slice(dist.length + 1).replace(/index\.html$/, '')).sort();
    expect(pages).toEqual([...PAGES].sort());
  });

  it('shows each engineer\'s traffic light on the dashboard, the override and its note with it', async () => {
    const cards = words(await page(dist, '')).split(/(?=Ana Lima|Ben Okafor|Chen Wei|Dana Kowalski)/).slice(1);
    const card = (name: string) => cards.find((c) => c.startsWith(name))!;
    expect(card('Ana Lima')).toMatch(/Green week 2026-W11/);
    expect(card('Ben Okafor')).toMatch(/Green week 2026-W11 · manager override \(computed: red\)/);
    expect(card('Ben Okafor')).toContain('Three P1s overnight');
    expect(card('Ben Okafor')).toMatch(/Red Billable: 55%/);
    expect(card('Chen Wei')).toContain('flagged for coaching');
    expect(card('Dana Kowalski')).toMatch(/Yellow week 2026-W11 · flagged for coaching/);
    expect(card('Dana Kowalski')).toMatch(/Yellow Incident response \(min\): 20/);
  });

  it('puts the before/during figures and the recommendation in the monthly report', async () => {
    const march = words(await page(dist, 'months/2026-03'));
    expect(march).toContain('Recommendation: Return to the 5×8 schedule (2 of 3 rules broken)');
    expect(march).toMatch(/Billable 75\.8% 70\.6% −5\.2 at least 76 Broken/);
    expect(march).toMatch(/Incident response \(min\) 11\.6 23\.5 \+11\.9 worsens by at most 50% Broken/);
    expect(march).toMatch(/Velocity \(points per sprint\) 20\.8 16\.8 −4 worsens by at most 25% Holds/);
    // February is before the policy: no comparison there.
    expect(words(await page(dist, 'months/2026-02'))).not.toContain('Recommendation');
  });

  it('leaves every member\'s private entries out of every file, search index included', async () => {
    const all = await files(dist);
    expect(all.some((f) => f.includes('pagefind') && f.endsWith('.pf_fragment'))).toBe(true);
    for (const file of all) {
      const content = await text(file);
      for (const word of PRIVATE_WORDS) expect(content.includes(word), `${word} in ${file}`).toBe(false);
    }
  });

  it('--public leaves the manager\'s words out and keeps the override', async () => {
    const ben = words(await page(publicDist, 'people/ben-okafor'));
    expect(ben).toMatch(/2026-W11 Green override; computed red/);
    for (const file of await files(publicDist)) {
      const content = await text(file);
      expect(content).not.toContain('Three P1s overnight');
      expect(content).not.toContain('Coaching draft');
    }
    expect(await page(dist, 'people/chen-wei')).toContain('Coaching draft for week 2026-W11');
  });

  it.each(PAGES)('/%s is valid HTML', async (path) => {
    const config = (await import(join(root, '.htmlvalidate.mjs'))).default;
    const report = await new HtmlValidate(config).validateString(await page(dist, path), `${path}index.html`);
    expect(report.results.flatMap((r) => r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`))).toEqual([]);
  });

  it.each(PAGES.filter((p) => p !== 'search/').flatMap((path) => [1280, 390].map((width) => [path, width] as const)))('/%s at %i px: no serious axe violation, no sideways scroll', async (path, width) => {
    const tab = await browser.newPage({ viewport: { width, height: 900 } });
    await tab.goto(server.url + path);
    await tab.addScriptTag({ path: join(root, 'node_modules/axe-core/axe.min.js') });
    const violations = await tab.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(o?: object): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
      const result = await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
      return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
    });
    expect(violations).toEqual([]);
    const { scrollWidth, innerWidth } = await tab.evaluate(() => ({ scrollWidth: document.scrollingElement!.scrollWidth, innerWidth: window.innerWidth }));
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
    await tab.close();
  });
});

describe('team note', () => {
  it('writes the note and override a user types, and refuses a member or week that is not there', async () => {
    const team = join(work, 'team');
    await cp(FIXTURE, team, { recursive: true });
    const ok = await runCli(['team', 'note', 'chen-wei', '2026-W11', 'Daycare hours clash with the 7am standup; moving it.', '--status', 'yellow', '--team', team]);
    expect(ok).toMatchObject({ code: 0, stdout: 'notes/2026-W11/chen-wei.md\n' });
    expect(await readFile(join(team, 'notes/2026-W11/chen-wei.md'), 'utf8')).toBe('---\nstatus: yellow\n---\n\nDaycare hours clash with the 7am standup; moving it.\n');
    const typo = await runCli(['team', 'note', 'chen-we', '2026-W11', 'x', '--team', team]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('Did you mean "chen-wei"?');
    const week = await runCli(['team', 'note', 'chen-wei', '2026-W54', 'x', '--team', team]);
    expect(week.code).toBe(2);
    expect(week.stderr).toContain('2026-W54 is not an ISO week');
    const status = await runCli(['team', 'note', 'chen-wei', '2026-W11', 'x', '--status', 'amber', '--team', team]);
    expect(status.stderr).toContain('"amber" is not a status');
    expect(await readdir(join(team, 'notes/2026-W11'))).toEqual(['ben-okafor.md', 'chen-wei.md']);
  });
});
