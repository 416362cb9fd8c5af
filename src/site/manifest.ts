/**
 * What makes a build incremental: the build manifest. Every build of a private site writes, into its
 * output folder, a hash of what the site's code and settings are (the build key) and, for each page
 * of a day, week, quarter, year, objective or 1:1 series, a hash of what that page is made from (its
 * page data, with the keys of its fragments, and the site-wide facts every page shows).
 *
 * The next build compares: when the key is the same, only the pages whose hash changed (or that are
 * new, or whose file is gone) are rendered, and the others are kept from the previous output. Which
 * pages an edit reaches is thus read off the data rather than kept as a hand-written map: a day's log
 * feeds its day page, its week, quarter and year pages (their figures and wins), the objectives and
 * 1:1s it moves, and its neighbours' links; those pages' data changes, and no other page's does. The
 * pages with no entry of their own (the dashboard, lists, patterns, search, 404) are few and render
 * every time.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SiteData } from './pages.ts';
import { PAGE_COLLECTIONS, pageRoute } from './routes.ts';

/** The manifest's file in the output folder (written by private builds only). */
export const MANIFEST = '.turbowork-pages.json';

export interface Manifest {
  /** The build key: site code, tool version, locked dependencies and settings. */
  key: string;
  /** Each page with an entry of its own, by route relative to the site's base (e.g. "days/2026-03-02/"): the hash of its inputs. */
  pages: Record<string, string>;
}

/** The package root: the site's code lives under src/, its settings in astro.config.ts. */
const PACKAGE_ROOT = new URL('../../', import.meta.url).pathname;

/**
 * The hash of everything in the package a page may be rendered with: every source file under src/
 * (tests aside), Astro's settings, the tool's version (package.json) and the locked dependencies.
 * Hashing all of src/ rather than a chosen list means no change to the code can be missed; a change
 * to code the site does not use only costs one full build.
 */
function codeHash(root: string): string {
  const hash = createHash('sha256');
  const files = readdirSync(join(root, 'src'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.endsWith('.test.ts'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  for (const file of [...files, join(root, 'astro.config.ts'), join(root, 'package.json'), join(root, 'package-lock.json')]) {
    hash.update(file.slice(root.length)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

/** The code hash of each package root, computed once per process. */
const codeHashes = new Map<string, string>();

/**
 * The build key of a build with these settings (the journal's configuration, the base, the command
 * the site names); `root` is the package whose code renders the site (turbowork's own, but in tests).
 */
export function buildKey(settings: unknown, root = PACKAGE_ROOT): string {
  let code = codeHashes.get(root);
  if (code === undefined) codeHashes.set(root, (code = codeHash(root)));
  return createHash('sha256').update(code).update(JSON.stringify(settings)).digest('hex');
}

/** The manifest of a site: each entry page's route and the hash of its data and of the site-wide facts. */
export function manifestOf(data: SiteData, key: string): Manifest {
  // The site-wide facts (every period's id among them) are hashed once; each page's hash goes on from a copy.
  const meta = createHash('sha256').update(JSON.stringify(data.site)).update('\0');
  const pages: Record<string, string> = {};
  for (const collection of PAGE_COLLECTIONS) {
    for (const page of data[collection]) {
      pages[pageRoute(collection, page.id)] = meta.copy().update(JSON.stringify(page)).digest('base64url');
    }
  }
  return { key, pages };
}

/** The manifest of the output folder, or null when it has none or one that cannot be read. */
export async function readManifest(outDir: string): Promise<Manifest | null> {
  try {
    const manifest = JSON.parse(await readFile(join(outDir, MANIFEST), 'utf8')) as Manifest;
    return typeof manifest.key === 'string' && manifest.pages && typeof manifest.pages === 'object' ? manifest : null;
  } catch {
    return null;
  }
}

/** What an incremental build renders, and what it keeps from the previous output. */
export interface Plan {
  /** Routes to render. */
  render: Set<string>;
  /** Routes whose page is kept as the previous build wrote it. */
  keep: string[];
  /** Routes the previous build had a page for and this one has not. */
  removed: string[];
}

/**
 * Compares the previous output's manifest with this build's: null when the build must be full (no
 * previous manifest, or another key), else the pages to render and those to keep. A page is kept only
 * when its hash is unchanged and its file is still in the previous output.
 */
export function planBuild(previous: Manifest | null, current: Manifest, outDir: string): Plan | null {
  if (!previous || previous.key !== current.key) return null;
  const render = new Set<string>();
  const keep: string[] = [];
  // Synchronous calls, as thousands of promises cost more than the calls (build.ts: keepPages).
  for (const [route, hash] of Object.entries(current.pages)) {
    const present = previous.pages[route] === hash && statSync(`${outDir}/${route}index.html`, { throwIfNoEntry: false })?.isFile() === true;
    if (present) keep.push(route);
    else render.add(route);
  }
  const removed = Object.keys(previous.pages).filter((route) => !(route in current.pages));
  return { render, keep: keep.sort(), removed };
}
