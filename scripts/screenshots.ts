/**
 * Screenshots of the built site for docs/screenshots/: dashboard, a week, a quarter and a year, at
 * desktop and phone widths, in light mode (and the dashboard in dark mode); a day, an objective and
 * a 1:1 series on a phone; and, with --fresh, the dashboard of a journal `init` just made, on a phone.
 * Run after a build: node scripts/screenshots.ts [--dist dist] [--fresh DIR] [--week 2026-W16] [--quarter 2026-Q2] [--year 2026]
 */
import { mkdir } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../src/site/browser.ts';
import { serveStatic } from '../src/site/serve.ts';

const { values } = parseArgs({
  options: {
    dist: { type: 'string', default: 'dist' }, fresh: { type: 'string' }, out: { type: 'string', default: 'docs/screenshots' },
    week: { type: 'string', default: '2026-W16' }, quarter: { type: 'string', default: '2026-Q2' }, year: { type: 'string', default: '2026' },
    day: { type: 'string', default: '2026-04-17' }, okr: { type: 'string', default: '2026-Q2/incident-response' }, series: { type: 'string', default: 'tomas-herrera' },
  },
});
const both = { dashboard: '', week: `weeks/${values.week}/`, quarter: `quarters/${values.quarter}/`, year: `years/${values.year}/` };
const phoneOnly = { day: `days/${values.day}/`, okr: `okrs/${values.okr}/`, 'one-on-one': `one-on-ones/${values.series}/` };
const viewports = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } };

async function shoot(browser: Browser, url: string, device: keyof typeof viewports, path: string, colorScheme: 'light' | 'dark' = 'light') {
  const page = await browser.newPage({ viewport: viewports[device], deviceScaleFactor: device === 'phone' ? 2 : 1, colorScheme });
  await page.goto(url, { waitUntil: 'networkidle' });
  // A phone page is shown down to its first charts and tables: the top 2,400 px.
  const height = device === 'phone' ? Math.min(2400, await page.evaluate(() => document.scrollingElement!.scrollHeight)) : viewports.desktop.height;
  await page.screenshot({ path, fullPage: true, clip: { x: 0, y: 0, width: viewports[device].width, height } });
  await page.close();
}

await mkdir(values.out!, { recursive: true });
const server = await serveStatic(values.dist!);
const fresh = values.fresh ? await serveStatic(values.fresh) : null;
const browser = await launchBrowser();
try {
  for (const [name, path] of Object.entries(both)) {
    for (const device of ['desktop', 'phone'] as const) await shoot(browser, server.url + path, device, `${values.out}/${name}-${device}.png`);
  }
  for (const [name, path] of Object.entries(phoneOnly)) await shoot(browser, server.url + path, 'phone', `${values.out}/${name}-phone.png`);
  await shoot(browser, server.url, 'desktop', `${values.out}/dashboard-desktop-dark.png`, 'dark');
  if (fresh) await shoot(browser, fresh.url, 'phone', `${values.out}/empty-phone.png`);
  console.error(`wrote screenshots to ${values.out}/`);
} finally {
  await browser.close();
  await server.close();
  await fresh?.close();
}
