/**
 * Screenshots of a built team site for docs/screenshots/: the dashboard, an engineer's page and the
 * monthly report at desktop (1280 px) and phone (390 px) widths.
 * Run after `team build`: node scripts/team-screenshots.ts [--dist dist-team] [--person ID] [--month YYYY-MM]
 */
import { mkdir } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { launchBrowser } from '../src/site/browser.ts';
import { serveStatic } from '../src/site/serve.ts';

const { values } = parseArgs({
  options: { dist: { type: 'string', default: 'dist-team' }, out: { type: 'string', default: 'docs/screenshots' }, person: { type: 'string', default: 'ben-okafor' }, month: { type: 'string', default: '2026-03' } },
});
const pages = { 'team-dashboard': '', 'team-person': `people/${values.person}/`, 'team-month': `months/${values.month}/` };
const viewports = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } };

await mkdir(values.out!, { recursive: true });
const server = await serveStatic(values.dist!);
const browser = await launchBrowser();
try {
  for (const [name, path] of Object.entries(pages)) {
    for (const device of ['desktop', 'phone'] as const) {
      const page = await browser.newPage({ viewport: viewports[device], deviceScaleFactor: 1 });
      await page.goto(server.url + path, { waitUntil: 'networkidle' });
      const height = Math.min(2400, await page.evaluate(() => document.scrollingElement!.scrollHeight));
      await page.screenshot({ path: `${values.out}/${name}-${device}.png`, clip: { x: 0, y: 0, width: viewports[device].width, height }, fullPage: true });
      await page.close();
    }
  }
  console.error(`wrote team screenshots to ${values.out}/`);
} finally {
  await browser.close();
  await server.close();
}
