/**
 * `turbowork dev`'s site: the journal kept open (its DuckDB cache and ingest state warm), Astro's
 * process kept running to render pages on request (src/site/astro.ts: startRenderer), and the site
 * data pages are rendered from.
 *
 * Every save starts the incremental build (build.ts), which brings the output folder up to date and,
 * when done, hands over the site data it rendered from: from then on pages are rendered from it. A
 * save of daily logs whose dates are already pages does not wait for that build: their rows are
 * replaced in the open database, their weeks' reports computed, and their day pages made by the
 * build's own code (data.ts: dayPages) and put in place of the old ones (`patch`), all in well under
 * a second. The other pages such a save changes (its week, quarter and year, the dashboard) are the
 * last build's until the next one is done; open pages reload then.
 */
import { relative, resolve, sep } from 'node:path';
import type { Database } from '../db/duckdb.ts';
import { loadChangedFiles } from '../db/load.ts';
import { readConfig, readFiles } from '../ingest/read.ts';
import { openJournal, refreshJournal, type Journal } from '../journal.ts';
import { computeWins } from '../scores/report.ts';
import { parsePeriod } from '../scores/periods.ts';
import { startRenderer, type PageRenderer } from './astro.ts';
import { buildSite, normalizeBase, type BuildOptions, type BuildResult } from './build.ts';
import { dayPages } from './data.ts';
import type { Entries } from './entries.ts';
import { Fragments } from './fragments.ts';
import { readLinkTargets, siteLinks } from './links.ts';
import type { DayPage, SiteData } from './pages.ts';
import { renderFragment } from './render.ts';

/** A save's day page, put in place of the last build's until a build that started after it is done. */
interface Patch {
  page: DayPage;
  /** Its page's fragments, and those of the page it replaced (Astro's process may still render that one). */
  fragments: Fragments[];
  /** The save's number: builds started after it include it. */
  save: number;
}

/** What dev builds with: a private site, as of the date each build is given. */
export type DevOptions = Omit<BuildOptions, 'asOf' | 'journal' | 'public'>;

/** Whether the fragment is a save's or the build's. */
const has = (built: BuildResult['site'], patches: Patch[], key: string) => built.fragments.has(key) || patches.some((patch) => patch.fragments.some((f) => f.has(key)));

/** The fragment's HTML, from the save that made it or else the build. */
function html(built: BuildResult['site'], patches: Patch[], key: string): Promise<string> {
  return (patches.flatMap((patch) => patch.fragments).find((f) => f.has(key)) ?? built.fragments).html(key);
}

export class DevSite {
  readonly #options: DevOptions;
  /** What the user should know: the journal's warnings, a renderer that failed. */
  readonly #warn: (line: string) => void;
  #journal: Journal;
  /** A second connection for saves, with transactions and temporary tables of its own, so a save need not wait for a build's queries. */
  readonly #saves: Database;
  /** Writes to the database, one at a time: a build's refresh of the journal, a save's files. */
  #writing: Promise<unknown> = Promise.resolve();
  #built: BuildResult['site'] | null = null;
  /** The fragments pages rendered from before the last build was done: Astro's process may ask for one until it has the new data. */
  #retired: Pick<Fragments, 'html'> | null = null;
  #patches = new Map<string, Patch>();
  #saveCount = 0;
  #renderer: { base: string; ready: Promise<PageRenderer | null> } | null = null;

  private constructor(options: DevOptions, warn: (line: string) => void, journal: Journal, saves: Database) {
    this.#options = options;
    this.#warn = warn;
    this.#journal = journal;
    this.#saves = saves;
  }

  /** Opens the journal (its cache file, kept open while dev runs) and starts Astro's process; builds log to `options.log`. */
  static async open(options: DevOptions, warn: (line: string) => void): Promise<DevSite> {
    const journal = await openJournal({ journalDir: options.journalDir, cacheDir: options.cacheDir, history: true });
    for (const warning of journal.warnings) warn(`warning: ${warning}`);
    const site = new DevSite(options, warn, journal, await journal.db.connect());
    site.#startRenderer(normalizeBase((await readConfig(options.journalDir)).config.site.base));
    return site;
  }

  /** Starts Astro's process for the site's base path; a failure leaves pages served from the output folder. */
  #startRenderer(base: string): void {
    const previous = this.#renderer;
    const ready = startRenderer({ site: async () => this.#site(), base, log: () => {} }).catch((error: Error) => {
      this.#warn(`pages are served as the last build wrote them: Astro's renderer did not start (${error.message})`);
      return null;
    });
    this.#renderer = { base, ready };
    void previous?.ready.then((renderer) => renderer?.close());
  }

  /** The site data pages render from: the last build's, with the day pages of later saves in place. */
  #site(): { data: SiteData; fragments: Pick<Fragments, 'html'> } {
    const built = this.#built!;
    const patches = [...this.#patches.values()];
    const retired = this.#retired;
    const byId = new Map(patches.map((patch) => [patch.page.id, patch.page]));
    return {
      data: patches.length === 0 ? built.data : { ...built.data, days: built.data.days.map((day) => byId.get(day.id) ?? day) },
      fragments: { html: (key) => (retired && !has(built, patches, key) ? retired.html(key) : html(built, patches, key)) },
    };
  }

  #write<T>(work: () => Promise<T>): Promise<T> {
    const done = this.#writing.then(work);
    this.#writing = done.catch(() => undefined);
    return done;
  }

  /** The incremental build into the output folder, as of `asOf`; pages render from its data once it is done. */
  async build(asOf: string): Promise<BuildResult> {
    const started = this.#saveCount;
    this.#journal = await this.#write(() => refreshJournal(this.#journal, this.#options.journalDir, { history: true }));
    const result = await buildSite({ ...this.#options, asOf, public: false, journal: this.#journal });
    if (this.#built) {
      const [built, patches] = [this.#built, [...this.#patches.values()]];
      this.#retired = { html: (key) => html(built, patches, key) };
    }
    this.#built = result.site;
    const ids = new Set(result.site.data.days.map((day) => day.id));
    for (const [path, patch] of this.#patches) if (patch.save <= started || !ids.has(patch.page.id)) this.#patches.delete(path);
    const base = normalizeBase(this.#journal.config.site.base);
    if (base !== this.#renderer?.base) this.#startRenderer(base);
    else {
      const renderer = await this.#renderer.ready;
      renderer?.changed();
      // Astro's process asks for the new data now, not when the next save wants its page shown.
      void renderer?.render(base).catch(() => {});
    }
    return result;
  }

  /**
   * After a save of `paths` (absolute): when each is a daily log whose page the site has, and the days
   * are the same as the last build's, puts their new pages in place and returns their routes; else
   * (other files, new or removed days, no build yet) returns null and the build shows the save.
   */
  async patch(paths: string[]): Promise<string[] | null> {
    const renderer = await this.#renderer?.ready;
    const built = this.#built;
    if (!renderer || !built) return null;
    const { journalDir } = this.#options;
    const relativePaths = paths.map((path) => relative(resolve(journalDir), path).split(sep).join('/'));
    // The files of the last build's days only; one that cannot be read now is left to the build.
    const known = new Set(built.data.days.map((day) => day.path));
    if (!relativePaths.every((path) => known.has(path))) return null;
    const { files, diagnostics } = readFiles(journalDir, relativePaths);
    if (diagnostics.length > 0) return null;
    const save = ++this.#saveCount;
    const db = this.#saves;
    const config = this.#journal.config;
    await this.#write(() => loadChangedFiles(db, files, config));

    const asOf = built.data.site[0].asOf;
    const selected = { as_of: asOf, paths: JSON.stringify(relativePaths) };
    const inPaths = `list_contains(json_extract_string($paths, '$[*]'), path)`;
    const days = await db.all<Entries['days'][number]>(`SELECT * FROM days WHERE date <= $as_of::DATE AND ${inPaths} ORDER BY date, path`, selected);
    const order = await db.all<{ date: string; path: string }>(`SELECT date, path FROM days WHERE date <= $as_of::DATE ORDER BY date, path`, { as_of: asOf });
    // The same days in the same order, each path a page of its own date as before: else the build decides.
    const same = order.length === built.data.days.length && order.every((day, i) => built.data.days[i].id === day.date && built.data.days[i].path === day.path);
    if (!same || days.length !== files.length || new Set(order.map((day) => day.date)).size !== order.length) return null;

    const weeks = [...new Set(days.map((day) => day.week!))].map((week) => parsePeriod(week, config.year_start)!);
    const reports = await computeWins(db, weeks, { asOf });
    const dates = JSON.stringify(days.map((day) => day.date));
    const inputs = {
      days: order,
      wins: reports.flatMap((report) => report.wins.items),
      metrics: await db.all<Entries['metrics'][number]>(`SELECT win_id, kind, text FROM metrics WHERE date <= $as_of::DATE AND ${inPaths} ORDER BY win_id, "column"`, selected),
      commits: await db.all<Entries['commits'][number]>(`SELECT * FROM commits WHERE list_contains(json_extract_string($dates, '$[*]'), date::VARCHAR) ORDER BY date, time, sha`, { dates }),
      history: await db.all<Entries['history'][number]>(`SELECT * FROM entry_history`),
    };
    const resolveLink = siteLinks(await readLinkTargets(db), normalizeBase(config.site.base));
    const fragments = await Fragments.read(null, renderFragment);
    const pages = dayPages(days, inputs, { yearStart: config.year_start, resolve: resolveLink }, fragments);
    await fragments.settled();
    // A build that started meanwhile may be done: its data includes this save only if it started after.
    for (const page of pages) {
      const current = this.#patches.get(page.path);
      if (!current || current.save < save) this.#patches.set(page.path, { page, fragments: [fragments, ...(current?.fragments ?? [])], save });
    }
    renderer.changed({ days: pages });
    return pages.map((page) => `days/${page.id}/`);
  }

  /** The page at a URL path, rendered now from the current data; null when Astro's process is not ready or has no page there (the output folder answers). */
  async page(pathname: string): Promise<string | null> {
    const renderer = this.#renderer && (await Promise.race([this.#renderer.ready, null]));
    if (!renderer || !this.#built) return null;
    try {
      return await renderer.render(pathname);
    } catch (error) {
      this.#warn(`${pathname} is served as the last build wrote it: ${(error as Error).message}`);
      return null;
    }
  }

  async close(): Promise<void> {
    await this.#writing;
    const renderer = await this.#renderer?.ready;
    await renderer?.close();
    this.#saves.close();
    this.#journal.db.close();
  }
}
