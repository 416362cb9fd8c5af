/**
 * `turbowork team build`: the team database (load.ts) → page data (site.ts) → the team site,
 * rendered by the same Astro machinery as a journal's site (src/site/astro.ts) from the pages in
 * src/team/site/, indexed by Pagefind, and swapped into the output folder as `build` does.
 */
import { rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Diagnostic } from '../ingest/diagnostics.ts';
import { renderPages } from '../site/astro.ts';
import { type Seal, swapIn } from '../site/build.ts';
import { BUILD_MARKER, BUILD_MARKER_TEXT, checkOutDir } from '../site/out-dir.ts';
import { SearchIndex } from '../site/search.ts';
import { writeCoaching, type CoachingEffects, type CoachingSummary } from './coaching.ts';
import { openTeam } from './load.ts';
import { assembleTeamSite, type TeamSite } from './site.ts';

/** Astro's source folder for the team site. */
const TEAM_SRC = new URL('./site/', import.meta.url).pathname;

export interface TeamBuildOptions {
  teamDir: string;
  outDir: string;
  asOf: string;
  /** Leave out the manager's notes' words and the coaching drafts (statuses and overrides stay). */
  public: boolean;
  /** Encrypts the site before it replaces the output (said on the pages; see `swapIn`). */
  seal?: Seal;
  command: string;
  /** The members' DuckDB caches (as build's, e.g. ".turbowork"); null reads every journal into memory. */
  cacheDir: string | null;
  log: (line: string) => void;
  /** Write coaching drafts for flagged members first (offline when team.yml names no model, or noLlm). Not in a --public build. */
  coaching?: CoachingEffects & { noLlm: boolean };
}

export interface TeamBuildResult {
  diagnostics: Diagnostic[];
  pages: number;
  /** Member ids with a page of their own, for the readers of an encrypted build. */
  members: string[];
  coaching: CoachingSummary | null;
  ms: number;
}

export async function buildTeamSite(options: TeamBuildOptions): Promise<TeamBuildResult> {
  const started = performance.now();
  const teamDir = resolve(options.teamDir);
  const outDir = resolve(options.outDir);
  await checkOutDir(outDir, teamDir);
  const team = await openTeam({ teamDir, asOf: options.asOf, cacheDir: options.cacheDir === null ? null : resolve(options.cacheDir) });
  let site: TeamSite;
  let coaching: CoachingSummary | null = null;
  try {
    options.log(`read ${team.config.members.length - team.missing.length} of ${team.config.members.length} members' journals in ${Math.round(performance.now() - started)} ms`);
    let t = performance.now();
    if (options.coaching && !options.public) {
      coaching = await writeCoaching(team, options.asOf, { ...options.coaching, log: options.log });
      options.log(`coaching drafts for ${coaching.drafts.size} flagged members in ${Math.round(performance.now() - t)} ms`);
    }
    t = performance.now();
    site = await assembleTeamSite(team, { asOf: options.asOf, public: options.public, encrypted: options.seal !== undefined, command: options.command, coaching: coaching?.drafts });
    options.log(`assembled ${site.people.length} engineers' pages and ${site.months.length} monthly reports in ${Math.round(performance.now() - t)} ms`);
  } finally {
    team.db.close();
  }
  const search = await SearchIndex.open();
  try {
    const partial = `${outDir}.partial`;
    await rm(partial, { recursive: true, force: true });
    const t = performance.now();
    await renderPages({ site: Promise.resolve({ data: site }), srcDir: TEAM_SRC, outDir: partial, base: '/', log: options.log });
    const [pages] = await Promise.all([search.write(partial, '/'), writeFile(join(partial, BUILD_MARKER), BUILD_MARKER_TEXT)]);
    await swapIn(partial, outDir, options.seal);
    options.log(`rendered and indexed ${pages} pages in ${Math.round(performance.now() - t)} ms`);
    return { diagnostics: team.diagnostics, pages, members: site.people.map((p) => p.id), coaching, ms: performance.now() - started };
  } finally {
    await search.close();
  }
}
