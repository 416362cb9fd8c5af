/**
 * `turbowork build`: the whole pipeline, journal → DuckDB → report models → (assessments) → site.
 * The site is assembled in this process (data.ts), rendered by Astro in a process of its own (astro.ts),
 * and indexed for search with Pagefind.
 */
import { copyFileSync, linkSync, mkdirSync } from 'node:fs';
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AssessSummary } from '../assess/assess.ts';
import type { Diagnostic } from '../ingest/diagnostics.ts';
import { readConfig } from '../ingest/read.ts';
import type { JournalConfig } from '../ingest/schema.ts';
import { openJournal, type Journal } from '../journal.ts';
import { openShareable } from '../db/shareable.ts';
import type { Report } from '../scores/model.ts';
import { computeAllReportsKeeping, type WholeReport } from '../scores/report.ts';
import { readAssessments } from './assessments.ts';
import { addLogBodies, buildSiteData } from './data.ts';
import { readLinkTargets, siteLinks } from './links.ts';
import { readEntries } from './entries.ts';
import { bundleSite, renderFromBundle, renderPages } from './astro.ts';
import { bundleFolder, bundleKey, installBundle, readBundle, readBundleInfo, type KeptBundle } from './bundle.ts';
import { buildKey, manifestOf, MANIFEST, planBuild, readManifest, type Manifest, type Plan } from './manifest.ts';
import { clearPrevious, previousOf, removeDetached, removeInBackground, takePrevious, type Kept } from './previous.ts';
import { BUILD_MARKER, BUILD_MARKER_TEXT, checkOutDir } from './out-dir.ts';
import { pageRoute } from './routes.ts';
import { Fragments } from './fragments.ts';
import { KeyedLines, readKeyedLines, writeKeyedLines } from './json-lines.ts';
import { boundHeapGrowth, releaseMemory } from './memory.ts';
import { RenderPool } from './render-pool.ts';
import { SearchIndex, shardOf } from './search.ts';
import type { SiteData } from './pages.ts';

export interface BuildOptions {
  journalDir: string;
  outDir: string;
  cacheDir: string;
  /** Entries after this date are ignored, e.g. "2026-11-22". */
  asOf: string;
  /** Leave out `private: true` entries and every figure derived only from them. */
  public: boolean;
  /** How the user runs turbowork, for the commands the site's empty pages suggest, e.g. "npm run tw --". */
  command: string;
  /** Progress lines go here (stderr in the CLI). */
  log: (line: string) => void;
  /** Refresh the assessment drafts first (a model is called only when one is configured and noLlm is false); omit to use the drafts as they are. */
  assess?: { noLlm: boolean; env: NodeJS.ProcessEnv; now: () => Date };
  /** Render every page, even where the previous output's pages could be kept (src/site/manifest.ts). */
  full?: boolean;
  /**
   * Encrypts the new site in its own folder before it replaces the output (see `swapIn`). An encrypted
   * build renders every page and writes no manifest: its pages are sealed, so none can be kept.
   */
  seal?: Seal;
  /** A journal kept open and brought up to date by the caller (`dev`), used as it is and left open; else the journal is opened and closed here. */
  journal?: Journal;
}

export interface BuildResult {
  diagnostics: Diagnostic[];
  /** What refreshing the drafts did (calls, tokens), when it ran. */
  assessed: AssessSummary | null;
  /** Pages in the search index. */
  pages: number;
  /** Entry pages rendered (the rest were kept from the previous build), besides the few pages every build renders. */
  rendered: number;
  /** Whether Astro bundled the site's code for this build; false when the pages rendered from the bundle a previous build kept (bundle.ts). */
  bundled: boolean;
  ms: number;
  /** The assembled site data and its fragments, as the pages were rendered from (`dev` renders pages on demand from them). */
  site: { data: SiteData; fragments: Fragments };
}

export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const step = (label: string, since: number) => options.log(`${label} in ${Math.round(performance.now() - since)} ms`);
  // Astro runs in a process and folder of its own (src/site/astro.ts): the user's folders are made absolute first.
  const paths = { ...options, journalDir: resolve(options.journalDir), cacheDir: resolve(options.cacheDir), outDir: resolve(options.outDir) };
  await checkOutDir(paths.outDir, paths.journalDir);
  const { config } = await readConfig(paths.journalDir);
  const base = normalizeBase(config.site.base);
  // A private build may keep pages from the previous output (src/site/manifest.ts) and render them
  // with the bundle a previous build kept (bundle.ts); a public one, like its fragments, keeps
  // nothing between builds, and an encrypted one keeps no page.
  const reuse = !(options.public || options.full || options.seal);
  const previous = reuse ? readManifest(paths.outDir) : Promise.resolve(null);
  // The bundle key of the settings Astro starts with: the journal's settings as read now.
  const bundleKeyOf = (key: string) => bundleKey(key, paths.outDir);
  const expectedKey = buildKey(siteSettings(config, base, options));
  const expectedBundle = bundleKeyOf(expectedKey);
  const kept = reuse ? readBundle(paths.cacheDir).then((bundle) => (bundle?.key === expectedBundle ? bundle : null)) : Promise.resolve(null);
  // The pages render into the output the build before moved aside (previous.ts), when they render
  // with a kept bundle (Astro's bundler writes into a new folder); else into a new folder.
  const taken = kept.then((bundle) => takePrevious(paths.outDir, bundle ? expectedKey : null));
  const keep = options.public || options.seal ? undefined : paths.cacheDir;
  // A build with no previous output to keep pages from, or one made with other code or settings
  // (planBuild), renders every page, for long, beside the processes rendering them: its heap is given
  // back once the journal is read and once the site is assembled (memory.ts). That took a thirty-year
  // build's peak from 950–1,010 MB to 760–885 MB, for 0.3 s of CPU at ten years and 0.5–0.75 s at
  // thirty (docs/benchmarks.md); a build after an edit parses, computes and renders little, and does not.
  const renderAll = previous.then((manifest) => manifest?.key !== expectedKey);
  // Charts and long Markdown render in child processes, Pagefind starts in its own process, and
  // Astro starts up (about a second, needing no data) while the journal is read and assembled.
  const pool = new RenderPool();
  const search = await SearchIndex.open();
  // The folder Astro's process keeps its bundle in, until it is put in place.
  let keeping: string | undefined;
  // Gives V8 its default heap growth back, once the build has bounded it.
  let unbound: (() => void) | undefined;
  try {
    // The reports and entries the site was assembled from are let go before its data is handed on.
    const assembled = assemble(paths, base, pool, step, renderAll).then(async (site) => {
      if (await renderAll) releaseMemory();
      return site;
    });
    // Every fragment is added by the time the site is assembled: the workers go once they are done.
    void assembled.then(({ fragments }) => fragments.settled()).then(() => pool.close(), () => {});
    const planned = assembled.then(async ({ data, settings }) => {
      const manifest = manifestOf(data, buildKey(settings));
      const plan = planBuild(await previous, manifest, paths.outDir);
      // The search index's shards of the pages rendered or removed are made again; the others are kept.
      const changed = new Set(plan ? [...plan.render, ...plan.removed].map((route) => shardOf(`${route}index.html`)) : []);
      return { manifest, plan, changed };
    });
    planned.catch(() => {}); // the journal's error is the build's, thrown below
    // Astro's process gets only the entries of the pages it renders (pagesToRender, src/site/collections.ts).
    // With no previous output to keep pages of, it renders every page: it gets the site as soon as it
    // is assembled, and the manifest (a hash of each page's data) is made while the pages render.
    const handed = Promise.all([assembled, previous]).then(async ([{ data, fragments }, before]) => {
      const plan = before && (await planned).plan;
      return { data: plan ? onlyRendered(data, plan.render) : data, fragments };
    });
    const only = previous.then((before) => before && planned.then(({ plan }) => (plan ? [...plan.render] : null)));
    // A kept bundle renders only the pages of the settings it was kept for: else the process fails, and Astro renders the site.
    const fromBundle = (bundle: KeptBundle) => Promise.all([planned, handed]).then(([{ manifest }, site]) => {
      if (bundleKeyOf(manifest.key) !== bundle.key) throw new Error('it was kept for other settings');
      return site;
    });
    const rendering = renderSite({ site: handed, only, kept, fromBundle, taken, planned, assembled, keep, outDir: paths.outDir, base, log: options.log });
    // When the journal could not be read, Astro fails waiting for it: report the journal's error.
    const [site, rendered] = await Promise.allSettled([assembled, rendering]);
    if (site.status === 'rejected') throw site.reason;
    if (rendered.status === 'rejected') throw rendered.reason;
    const { data, fragments, cachePath, diagnostics, assessed, ready } = site.value;
    const { manifest, plan, changed } = await planned;
    const { dir: built, bundled, inPlace, written } = rendered.value;
    keeping = rendered.value.keeping;
    const entryPages = Object.keys(manifest.pages).length;
    const how = bundled ? '' : ' with the bundle kept from a previous build';
    step(plan ? `rendered ${plan.render.size} of ${entryPages} entry pages and the pages of no entry${how}` : `rendered the site${how}`, ready);

    // Sending the pages to the search index leaves garbage, page after page: the CLI's heap collects
    // it before it grows far, as the processes rendering the pages do (memory.ts).
    unbound = boundHeapGrowth();
    let t = performance.now();
    if (plan) {
      keepPages(paths.outDir, built, inPlace ? plan.keep.filter((route) => !inPlace.pages.has(route)) : plan.keep);
      step(`kept ${plan.keep.length} pages from the previous build${inPlace ? ` (${inPlace.pages.size} already in place)` : ''}`, t);
    }
    t = performance.now();
    const [pages] = await Promise.all([
      // The files the render wrote and the pages kept: the folder's files, which it need not read again.
      search.write(built, base, plan ? { previous: paths.outDir, changed: (shard) => changed.has(shard), inPlace: inPlace?.shards } : undefined, {
        files: written && [...written, ...(plan?.keep ?? []).map((route) => `${route}index.html`)],
      }),
      fragments.write(cachePath),
      options.public || options.seal ? null : writeFile(join(built, MANIFEST), JSON.stringify(manifest)),
      writeFile(join(built, BUILD_MARKER), BUILD_MARKER_TEXT),
    ]);
    // The output a private build replaces is kept for the next build to write into (previous.ts).
    await swapIn(built, paths.outDir, options.seal, { keep: !(options.public || options.seal) });
    step(`wrote the search index of ${pages} pages`, t);
    // The bundle Astro kept replaces the kept one once the site it built is in place.
    if (keeping) await installBundle(keeping, paths.cacheDir, expectedBundle).finally(() => (keeping = undefined));
    return { diagnostics, assessed, pages, rendered: plan ? plan.render.size : entryPages, bundled, ms: performance.now() - started, site: { data, fragments } };
  } finally {
    unbound?.();
    await Promise.all([pool.close(), search.close(), keeping && rm(keeping, { recursive: true, force: true })]);
  }
}

/**
 * The site data an incremental build hands to Astro: the days, weeks, quarters and years whose pages it
 * renders, and every other collection whole (the lists of objectives and 1:1 series, and the pages
 * with no entry of their own, read theirs whole). No page reads a day, week, quarter or year but its own.
 */
function onlyRendered(data: SiteData, render: ReadonlySet<string>): SiteData {
  const rendered = <K extends 'days' | 'weeks' | 'quarters' | 'years'>(collection: K) => data[collection].filter((page) => render.has(pageRoute(collection, page.id))) as SiteData[K];
  return { ...data, days: rendered('days'), weeks: rendered('weeks'), quarters: rendered('quarters'), years: rendered('years') };
}

/**
 * Puts the previous build's page of each route in `routes` into the new output, as a hard link
 * (a copy where the file system has none): the previous output is removed once the new one is in place.
 * One synchronous call after another: for thousands of pages, a promise and a trip to libuv's threads
 * for each cost more than the calls.
 */
function keepPages(previous: string, built: string, routes: string[]): void {
  // Routes are relative paths ending in "/" (manifest.ts), joined as they are: path.join's normalizing of thousands costs more than the links.
  for (const route of routes) {
    mkdirSync(`${built}/${route}`, { recursive: true });
    const [from, to] = [`${previous}/${route}index.html`, `${built}/${route}index.html`];
    try {
      linkSync(from, to);
    } catch {
      copyFileSync(from, to);
    }
  }
}

/**
 * Reads the journal, refreshes the drafts when asked, computes the reports and assembles the pages.
 * The database is closed, and the reports and entries let go, before Astro renders pages.
 */
async function assemble(options: BuildOptions, base: string, pool: RenderPool, step: (label: string, since: number) => void, renderAll: Promise<boolean>) {
  // A public site is built from the shareable copy of the journal (src/db/shareable.ts): no
  // private row is there, so no page, figure or search entry can include one.
  let t = performance.now();
  // The caches of fragments and reports are read while the journal is: their JSON is parsed on this
  // thread, which meanwhile mostly waits for DuckDB and the disk. A public build keeps neither: its
  // fragments and reports must not outlive it, nor mix with the private ones. The kept reports are
  // used once their key, made with the journal's settings, is known (a full build computes every one).
  const cachePath = options.public ? null : join(options.cacheDir, 'rendered.jsonl');
  const reading = Fragments.read(cachePath, (source) => pool.render(source));
  const reportsPath = options.public ? null : join(options.cacheDir, 'reports.jsonl');
  const reportsKey = Promise.withResolvers<string>();
  reportsKey.promise.catch(() => {}); // the journal's error is the build's, thrown below
  const keptReading = reportsPath && !options.full ? readKeptReports(reportsPath, reportsKey.promise) : null;
  const journal = await (options.journal ? Promise.resolve(options.journal) : openJournal({ journalDir: options.journalDir, cacheDir: options.public ? null : options.cacheDir, history: true })).catch((error: unknown) => {
    reportsKey.reject(error);
    throw error;
  });
  reportsKey.resolve(buildKey({ reports: REPORTS_VERSION, config: journal.config }));
  for (const warning of journal.warnings) options.log(`warning: ${warning}`);
  const close = () => void (options.journal || journal.db.close());
  const db = options.public ? await openShareable(journal.db, journal.config).catch((error: unknown) => {
    close();
    throw error;
  }) : journal.db;
  let open = true;
  const release = () => {
    if (!open) return;
    open = false;
    if (db !== journal.db) db.close();
    close();
  };
  try {
    step(`read ${journal.load.parsed + journal.load.unchanged} files (${journal.load.parsed} parsed)`, t);
    // What parsing the journal made is garbage now, before the reports are computed.
    if (await renderAll) releaseMemory();

    // The logs' bodies, the first fragments pages need, start rendering now, while drafts and
    // reports are computed.
    const entries = await readEntries(db, options.asOf);
    const fragments = await reading;
    // In a public build, from the shareable copy: a link to a private entry resolves to nothing there.
    const resolve = siteLinks(await readLinkTargets(db), base);
    addLogBodies(entries.days, fragments, resolve);

    let assessed: AssessSummary | null = null;
    if (options.assess) {
      t = performance.now();
      const { noLlm, env, now } = options.assess;
      // The model client and prompts load only for builds that refresh drafts.
      const { refreshAssessments } = await import('../assess/assess.ts');
      assessed = await refreshAssessments(journal, options.journalDir, { noLlm, asOf: options.asOf }, { now, env, log: options.log });
      const written = assessed.drafts.filter((d) => d.status === 'written' || d.status === 'written-new').length;
      step(`wrote ${written} of ${assessed.drafts.length} assessment drafts (the rest were up to date)`, t);
    }

    t = performance.now();
    // A private build keeps the reports whose sources are unchanged from the build before.
    const key = await reportsKey.promise;
    const stored = keptReading ? await keptReading : new KeyedLines<Report | WholeReport>();
    const { reports, byHash, computed } = await computeAllReportsKeeping(db, options.asOf, reportsPath ? { key, reports: stored } : null);
    const total = reports.weeks.length + reports.quarters.length + reports.years.length + (reports.all ? 1 : 0);
    step(`computed ${computed} of ${total} reports (${reports.weeks.length} weeks, ${reports.quarters.length} quarters, ${reports.years.length} years; the rest kept)`, t);
    if (reportsPath) await writeKeyedLines(reportsPath, { key }, [...byHash], stored);

    t = performance.now();
    const assessments = await readAssessments(options.journalDir, base);
    if (options.public) {
      // A public site shows only drafts made from the journal as it is now: an older one may count
      // or quote what has since become private.
      const { currentDrafts } = await import('../assess/assess.ts');
      const current = await currentDrafts(journal, options.journalDir, options.asOf, { now: () => new Date(), log: options.log });
      const stale = [...assessments.keys()].filter((key) => !current.has(key));
      for (const key of stale) assessments.delete(key);
      if (stale.length > 0) options.log(`left out ${stale.length} drafts not made from the journal as it is now (turbowork build refreshes them): ${stale.join(', ')}`);
    }
    // The database goes before the pages' data is made from what was read from it: at thirty years,
    // the memory DuckDB held (about 200 MB) and the data's were the build's peak together.
    release();
    const data = buildSiteData(reports, entries, assessments, { config: journal.config, asOf: options.asOf, public: options.public, base, resolve, command: options.command }, fragments);
    step(`assembled ${data.days.length + data.weeks.length + data.quarters.length + data.years.length + data.okrs.length + data.series.length} pages (${fragments.rendered} fragments to render, the rest reused)`, t);
    // What a page may depend on besides its data and the code: the build key (src/site/manifest.ts).
    const settings = siteSettings(journal.config, base, options);
    return { data, fragments, cachePath, settings, diagnostics: journal.diagnostics, assessed, ready: performance.now() };
  } finally {
    release();
  }
}

/** Bump when a report's shape changes in a way the build key (the code's hash) does not see. */
const REPORTS_VERSION = 1;

/**
 * The reports the build before kept (reports.jsonl in the cache folder: a line with the key, then one
 * line per report with its hash); none when there is no such file, it cannot be read, or it was
 * written with another key (or `key` fails).
 */
function readKeptReports(path: string, key: Promise<string>): Promise<KeyedLines<Report | WholeReport>> {
  return readKeyedLines<Report | WholeReport>(path, async (header) => (header as { key?: unknown }).key === (await key));
}

/** What a page may depend on besides its data and the site's code: the settings hashed into the build key (src/site/manifest.ts). */
function siteSettings(config: JournalConfig, base: string, options: Pick<BuildOptions, 'public' | 'command'>) {
  return { config, base, public: options.public, command: options.command };
}

/**
 * Renders the assembled site (every page, or the entry pages in `only` and the pages with no entry
 * of their own) into a folder beside the output (returned), which replaces the output when the
 * build is done: emptying the old output first, as Astro would, can take longer than the build on
 * some disks. With a kept bundle (bundle.ts) the pages render from it, without Astro's bundler, into
 * the output the build before moved aside when there is one (`taken`: its manifest), cleared first
 * of what this build does not keep (previous.ts; what it keeps is returned as `inPlace`); else, or
 * when that fails, Astro bundles the site into a new folder, the pages render from that bundle, and
 * it is kept in a new folder of the cache folder `keep` (returned as `keeping`). The files a bundle's
 * render put in the folder are returned as `written` (none when Astro renders the pages itself).
 */
async function renderSite({ site, only, kept, fromBundle, taken, planned, assembled, keep, outDir, base, log }: {
  site: Promise<{ data: SiteData; fragments: Fragments }>;
  only: Promise<string[] | null>;
  kept: Promise<KeptBundle | null>;
  /** The site data for the kept bundle's pages; rejects when the bundle is not this build's. */
  fromBundle: (bundle: KeptBundle) => Promise<{ data: SiteData; fragments: Fragments }>;
  /** The manifest of the folder taken from the output the build before moved aside (now `outDir.partial`), or null when that folder is new. */
  taken: Promise<Manifest | null>;
  planned: Promise<{ manifest: Manifest; plan: Plan | null; changed: ReadonlySet<string> }>;
  assembled: Promise<unknown>;
  keep: string | undefined;
  outDir: string;
  base: string;
  log: (line: string) => void;
}): Promise<{ dir: string; bundled: boolean; keeping?: string; inPlace?: Kept; written?: string[] }> {
  const partial = `${outDir}.partial`;
  const [bundle, previous] = await Promise.all([kept, taken]);
  if (bundle) {
    const cleared = previous ? planned.then(({ manifest, plan, changed }) => clearPrevious(partial, previous, manifest, plan, changed)) : Promise.resolve(undefined);
    try {
      const written = await renderFromBundle({ bundle, site: fromBundle(bundle), only, ready: cleared, outDir: partial, log });
      return { dir: partial, bundled: false, inPlace: await cleared, written };
    } catch (error) {
      // Nothing may clear the folder once Astro writes into it anew.
      await cleared.catch(() => {});
      // When the journal could not be read, that is the build's error, and Astro would fail as well.
      if (!(await assembled.then(() => true, () => false))) throw error;
      log(`the bundle kept from a previous build did not render the site (${(error as Error).message}): Astro bundles it again`);
      await rm(partial, { recursive: true, force: true });
    }
  }
  // Astro bundles the site (while the journal is read) and goes, and the pages render from its bundle
  // in a process of their own, as from a kept bundle: rendering in Astro's process, after the bundler
  // has run there, took twice the memory (docs/benchmarks.md). A build that keeps no bundle (public,
  // encrypted) puts it in a temporary folder.
  const folder = keep ? await bundleFolder(keep) : await mkdtemp(join(tmpdir(), 'turbowork-bundle-'));
  let written: string[] | undefined;
  try {
    // Astro's log lines (errors only, unless TW_ASTRO_LOG asks for more) go to the build's log.
    await bundleSite({ outDir: partial, base, keep: folder, log });
    const bundle = await readBundleInfo(folder);
    // Without a bundle (Astro's process said why in the log), Astro renders the pages as well.
    if (bundle) written = await renderFromBundle({ bundle, site, only, outDir: partial, log });
    else await renderPages({ site, only, outDir: partial, base, log });
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
  if (keep) return { dir: partial, bundled: true, keeping: folder, written };
  await rm(folder, { recursive: true, force: true });
  return { dir: partial, bundled: true, written };
}

/** Encrypts a built site in its folder, in place (src/site/encrypt.ts). */
export type Seal = (dir: string) => Promise<void>;

/**
 * Puts the new site in place of the old one. The old one is removed by a detached process, so the
 * build does not wait for thousands of unlinks, or with `keep` kept aside as `target.previous` for
 * the next build to write into (src/site/previous.ts). With `seal`, the new site is encrypted first; when
 * that fails, the new site is deleted and the old one stays as it was, so no page is left readable.
 */
export async function swapIn(built: string, target: string, seal?: Seal, { keep = false } = {}): Promise<void> {
  if (seal) {
    await seal(built).catch(async (error: unknown) => {
      await rm(built, { recursive: true, force: true });
      throw error;
    });
  }
  // The build took or removed the output kept aside when it started (takePrevious); one that is
  // there again (another build's, run meanwhile) makes way.
  if (keep) await removeInBackground(previousOf(target));
  const old = keep ? previousOf(target) : `${target}.old-${process.pid}`;
  const hadOld = await rename(target, old).then(() => true, (error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return false;
    throw error;
  });
  await rename(built, target);
  if (hadOld && !keep) removeDetached(old);
}

/** "/journal" → "/journal/"; the site's links are built on it. */
export function normalizeBase(base: string): string {
  return `/${base.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
}
