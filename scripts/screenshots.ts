/**
 * Screenshots of the built site for docs/screenshots/: dashboard, a week, a quarter and a year, at
 * desktop and phone widths, in light mode (and the dashboard in dark mode).
 * Run after a build: node scripts/screenshots.ts [--dist dist] [--week 2026-W16] [--quarter 2026-Q2] [--year 2026]
 */
import { mkdir } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { launchBrowser } from '../src/site/browser.ts';
import { serveStatic } from '../src/site/serve.ts';

const { values } = parseArgs({ options: { dist: { type: 'string', default: 'dist' }, week: { type: 'string', default: '2026-W16' }, quarter: { type: 'string', default: '2026-Q2' }, year: { type: 'string', default: '2026' }, out: { type: 'string', default: 'docs/screenshots' } } });
const pages = { dashboard: '', week: `weeks/${values.week}/`, quarter: `quarters/${values.quarter}/`, year: `years/${values.year}/` };
const viewports = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } };

await mkdir(values.out!, { recursive: true });
const server = await serveStatic(values.dist!);
const browser = await launchBrowser();
try {
  for (const [name, path] of Object.entries(pages)) {
    for (const [device, viewport] of Object.entries(viewports)) {
      const page = await browser.newPage({ viewport, deviceScaleFactor: device === 'phone' ? 2 : 1 });
      await page.goto(server.url + path, { waitUntil: 'networkidle' });
      await page.screenshot({ path: `${values.out}/${name}-${device}.png`, fullPage: device === 'desktop' ? false : false });
      await page.close();
    }
  }
  const dark = await browser.newPage({ viewport: viewports.desktop, colorScheme: 'dark' });
  await dark.goto(server.url, { waitUntil: 'networkidle' });
  await dark.screenshot({ path: `${values.out}/dashboard-desktop-dark.png` });
  console.error(`wrote screenshots to ${values.out}/`);
} finally {
  await browser.close();
  await server.close();
}
