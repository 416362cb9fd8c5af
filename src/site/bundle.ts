/**
 * The kept bundle: what Astro's build of a private site bundled (its prerender entry and chunks),
 * the part of Astro's build state its app reads when it renders a page (each page's stylesheets,
 * the scripts of every page), and the files Astro wrote besides pages (the stylesheet, the public
 * folder's files). A build that runs Astro keeps them in the cache folder (astro-process.ts); the
 * next build with the same bundle key renders its pages from them in a small process
 * (bundle-process.ts) instead of starting Astro, whose Vite and rolldown spend 3–4 s of CPU bundling
 * the site at any journal size.
 *
 * The bundle key is the build key (manifest.ts: the site's code, settings, tool version and locked
 * dependencies) with what else Astro writes into the bundle: the output folder and its log level.
 * A bundle that is missing, incomplete, of another key, or that fails to render is not used: Astro
 * builds the site, and its bundle replaces the kept one.
 *
 * cacheDir/astro-bundle/: key (the bundle key), astro.json (BundleInfo), prerender/ (the entry and
 * its chunks), files/ (the files besides pages, by their path in the output).
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const BUNDLE = 'astro-bundle';

/** Astro's log level: errors only, unless TW_ASTRO_LOG asks for more (Astro writes it into its bundle). */
export function astroLogLevel(): string {
  return process.env.TW_ASTRO_LOG ?? 'error';
}

/** What Astro's process keeps of its build (astro.json). */
export interface BundleInfo {
  /** The prerender entry's file name in prerender/, e.g. "prerender-entry.BPFUX69w.mjs". */
  entry: string;
  /** The origin of the URLs Astro's build renders pages at, e.g. "http://localhost:4321". */
  origin: string;
  /** How many pages render at a time (astro.config.ts: build.concurrency). */
  concurrency: number;
  /** Each page's stylesheets, by the key of its page data in Astro's build. */
  styles: [string, unknown[]][];
  /** The scripts Astro adds to pages (none for the journal's site). */
  scripts: { stage: string; content: string }[];
  /** The files Astro wrote besides pages, relative to the output folder, e.g. "_astro/Base.Bt0kALzH.css". */
  files: string[];
}

export interface KeptBundle extends BundleInfo {
  /** The bundle's folder in the cache. */
  dir: string;
  key: string;
}

/** The bundle key of a build with this build key into this output folder (absolute). */
export function bundleKey(buildKey: string, outDir: string): string {
  return createHash('sha256').update(JSON.stringify([buildKey, outDir, astroLogLevel()])).digest('hex');
}

/** The bundle kept in the cache folder, or null when there is none, or one not complete. */
export async function readBundle(cacheDir: string): Promise<KeptBundle | null> {
  const dir = join(cacheDir, BUNDLE);
  const [key, info] = await Promise.all([readFile(join(dir, 'key'), 'utf8').catch(() => null), readBundleInfo(dir)]);
  return key === null || info === null ? null : { ...info, key };
}

/** The bundle Astro's process kept in the folder `dir`, or null when it did not complete it (no astro.json). */
export async function readBundleInfo(dir: string): Promise<(BundleInfo & { dir: string }) | null> {
  try {
    return { ...(JSON.parse(await readFile(join(dir, 'astro.json'), 'utf8')) as BundleInfo), dir };
  } catch {
    return null;
  }
}

/**
 * A new folder in the cache folder for Astro's process to keep its bundle in, named with this
 * process's id. The folders a build left when it was killed before it installed or removed its own
 * (named with an id no process has any more) are removed first; another running build's are kept.
 */
export async function bundleFolder(cacheDir: string): Promise<string> {
  await mkdir(cacheDir, { recursive: true });
  const left = (await readdir(cacheDir)).filter((name) => {
    const pid = new RegExp(`^${BUNDLE}\\.(?:partial|old)-(\\d+)`).exec(name)?.[1];
    return pid !== undefined && !isRunning(Number(pid));
  });
  await Promise.all(left.map((name) => rm(join(cacheDir, name), { recursive: true, force: true })));
  return mkdtemp(join(cacheDir, `${BUNDLE}.partial-${process.pid}-`));
}

/** Whether a process of this id runs (one of another user's counts: it may be signalled no more than that). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Puts the bundle Astro's process kept in `folder` in place of the kept one, with its key; a folder
 * Astro's process did not complete (no astro.json: it said why in the build's log) is removed.
 */
export async function installBundle(folder: string, cacheDir: string, key: string): Promise<void> {
  const complete = await readFile(join(folder, 'astro.json')).then(() => true, () => false);
  if (!complete) return rm(folder, { recursive: true, force: true });
  await writeFile(join(folder, 'key'), key);
  const target = join(cacheDir, BUNDLE);
  const old = `${target}.old-${process.pid}`;
  await rename(target, old).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
  await rename(folder, target);
  await rm(old, { recursive: true, force: true });
}
