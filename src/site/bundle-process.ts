/**
 * The kept bundle's process (src/site/bundle.ts), started by src/site/astro.ts in a fresh working
 * directory inside the package that holds a copy of the bundle (its chunks import Astro's runtime
 * packages, which resolve from there). It renders a build's pages as Astro's build does, with the
 * bundle's app, and no bundler: it loads the prerender entry, gives its app the part of Astro's build
 * state rendering reads, and writes the page of every path the pages' getStaticPaths list (in an
 * incremental build, the entry pages to render and the pages of no entry: collections.ts). Pages get
 * the site data from the CLI's process through src/site/handoff.ts, bundled with them. When done it
 * says so, with the files it wrote, and waits to be stopped, as Astro's process does.
 *
 * argv[2]: {"entry":"/repo/.astro/bundle-x/prerender-entry.BPFUX69w.mjs","outDir":"/tmp/dist.partial",
 * "origin","concurrency","styles","scripts"} (BundleInfo)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { StaticPaths } from 'astro/runtime/prerender/static-paths.js';
import type { BundleInfo } from './bundle.ts';
import type { PrerenderApp } from './prerender.ts';

const { entry, outDir, origin, concurrency, styles, scripts } = JSON.parse(process.argv[2]) as Omit<BundleInfo, 'files'> & { outDir: string };

/** The bundle's app, as this process uses it. */
interface App extends PrerenderApp {
  manifest: { base: string; buildFormat: string; trailingSlash: string };
  logger: unknown;
  setInternals(internals: unknown): void;
  setOptions(options: unknown): void;
}

/** A route of the site, as StaticPaths lists it with each path. */
interface Route {
  route: string;
  type: string;
}

/**
 * Writes the page of each path, `concurrency` at a time, as Astro's build does (its generate.js,
 * for the site's settings: directory format, trailing slashes): a path listed twice renders with the
 * first route that lists it, at the URL of the path within the site's base, into the path's
 * index.html, or 404.html for the 404 page; a page with no body is not written. Each page is written
 * with synchronous calls (its folder, then the file): for thousands of pages, a promise and a trip to
 * libuv's threads for each of the four calls cost more CPU than the calls (docs/benchmarks.md).
 * Returns the files written, relative to the output folder (e.g. "days/2026-03-02/index.html").
 */
async function writePages(app: App): Promise<string[]> {
  const { base, buildFormat, trailingSlash } = app.manifest;
  if (buildFormat !== 'directory' || trailingSlash !== 'always') throw new Error(`pages of build.format "${buildFormat}" and trailingSlash "${trailingSlash}" are written by Astro's build`);
  const seen = new Set<string>();
  const paths = (await new StaticPaths(app as never).getAll()).filter(({ pathname }) => !seen.has(pathname.replace(/\/$/, '')) && seen.add(pathname.replace(/\/$/, '')));
  for (const { route } of paths as { route: Route }[]) {
    if (route.type !== 'page') throw new Error(`${route.route}: a route of type ${route.type} is rendered by Astro's build`);
  }
  const root = base.endsWith('/') ? base : `${base}/`;
  const written: string[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, async () => {
    while (next < paths.length) {
      const { pathname, route } = paths[next++];
      const path = pathname.replace(/^\/+|\/+$/g, '');
      const response = await app.render(new Request(new URL(path ? `${root}${path}/` : root, origin)), { routeData: route });
      if (response.status >= 300 && response.status < 400) throw new Error(`${pathname}: a redirect is written by Astro's build`);
      if (!response.body) continue;
      const file = path === '404' || path === '500' ? `${path}.html` : path ? `${path}/index.html` : 'index.html';
      const html = new Uint8Array(await response.arrayBuffer());
      mkdirSync(dirname(join(outDir, file)), { recursive: true });
      writeFileSync(join(outDir, file), html);
      written.push(file);
    }
  }));
  return written;
}

try {
  const { app } = (await import(pathToFileURL(entry).href)) as { app: App };
  // What Astro's build gives its app (setInternals, setOptions in its default prerenderer), as far as
  // rendering a page reads it: each page's stylesheets and the scripts of every page for its head,
  // the logger (the bundle's own), and the origin of the URLs pages render at.
  app.setInternals({ pagesByKeys: new Map(styles.map(([key, sheets]) => [key, { styles: sheets }])), entrySpecifierToBundleMap: new Map() });
  app.setOptions({ settings: { scripts }, logger: app.logger, origin });
  process.send!({ type: 'done', written: await writePages(app) });
} catch (error) {
  process.send!({ type: 'failed', message: (error as Error)?.message ?? String(error), stack: (error as Error)?.stack });
}
