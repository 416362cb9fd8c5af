/**
 * Runs Astro for one build in a process of its own (src/site/astro-process.ts), which asks this
 * process for the site data, the fragments and, in an incremental build, which pages to render
 * (src/site/handoff.ts), and writes the pages to disk as it renders them; or renders a build's pages
 * from the bundle a previous build kept (src/site/bundle.ts), in a process that asks the same
 * (src/site/bundle-process.ts). Nothing of Astro, Vite or the bundled pages stays in the
 * CLI's process: `dev` rebuilds for hours without growing, and no build changes the working
 * directory or a global of the process it runs in.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { getCompileCacheDir } from 'node:module';
import { dirname, join } from 'node:path';
import { astroLogLevel, type BundleInfo } from './bundle.ts';
import type { Fragments } from './fragments.ts';
import { HEAP_GROWTH } from './memory.ts';
import type { AstroReply, AstroRequest, DataChanged, RenderReply, RenderRequest } from './handoff.ts';
import type { SiteData } from './pages.ts';
import type { TeamSite } from '../team/site.ts';

/** The package root: Astro's project (pages, layouts, components) lives here, whatever the journal. */
const PACKAGE_ROOT = new URL('../../', import.meta.url).pathname;
const ENTRY = new URL('./astro-process.ts', import.meta.url).pathname;
const BUNDLE_ENTRY = new URL('./bundle-process.ts', import.meta.url).pathname;
/**
 * The bundle process's young generation: by default up to three 32 MB semi-spaces on a machine with
 * memory to spare, a third of what rendering a thirty-year site took there (docs/benchmarks.md).
 */
const BUNDLE_SEMI_SPACE = '--max-semi-space-size=4';

export interface AstroInput {
  /** The assembled site; Astro starts (and bundles the pages) before it is ready. */
  site: Promise<{ data: SiteData | TeamSite; fragments?: Fragments }>;
  /** The routes of the entry pages to render (src/site/manifest.ts), or null (or left out) for every page. */
  only?: Promise<string[] | null>;
  /** Astro's source folder (pages, layouts): the journal's site by default; the team site's is src/team/site/. */
  srcDir?: string;
  /** Where the pages go, e.g. "/home/me/dist.partial". */
  outDir: string;
  /** e.g. "/" or "/journal/" */
  base: string;
  /** A folder in which Astro's process keeps the site's bundle for the next build (bundle.ts). */
  keep?: string;
  /** Astro's own log lines (errors only unless TW_ASTRO_LOG says otherwise). */
  log: (line: string) => void;
}

/**
 * Starts a process of `entry` in a fresh working directory inside the package (`prepare` fills it
 * first), with the settings `args` makes of that folder and V8's `flags` besides HEAP_GROWTH (memory.ts),
 * its log lines going to `log`.
 */
async function startProcess({ entry, prefix, args, prepare, flags = [], log }: { entry: string; prefix: string; args: (workDir: string) => object; prepare?: (workDir: string) => Promise<void>; flags?: string[]; log: (line: string) => void }) {
  // A fresh folder of its own inside the package, as the chunks Astro writes under the working
  // directory resolve their packages from there, and builds may run side by side (tests).
  await mkdir(join(PACKAGE_ROOT, '.astro'), { recursive: true });
  const workDir = await mkdtemp(join(PACKAGE_ROOT, '.astro', prefix));
  try {
    await prepare?.(workDir);
  } catch (error) {
    await rm(workDir, { recursive: true, force: true });
    throw error;
  }
  // The CLI's module compile cache (src/cli/turbowork.js), which Node does not pass on by itself: the
  // modules of Astro, Vite and the site load from it in this process too. Astro's telemetry is off:
  // a private journal's build calls no one (it would run git and post to Astro's server on each build).
  const compileCache = getCompileCacheDir();
  const child = fork(entry, [JSON.stringify(args(workDir))], {
    cwd: workDir,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...(compileCache && { NODE_COMPILE_CACHE: dirname(compileCache) }) },
    // The CLI's own flags (an inspector, say) are not Astro's; the structured clone carries Maps and large strings.
    execArgv: [...process.execArgv.filter((arg) => !arg.startsWith('--inspect')), HEAP_GROWTH, ...flags],
    serialization: 'advanced',
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const output: string[] = [];
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.setEncoding('utf8').on('data', (chunk: string) => {
      for (const line of chunk.split('\n').filter(Boolean)) {
        output.push(line);
        if (output.length > 20) output.shift();
        log(line);
      }
    });
  }
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
    await rm(workDir, { recursive: true, force: true });
  };
  const exited = (code: number | null, signal: NodeJS.Signals | null) => new Error(`the Astro build stopped (${signal ?? `exit code ${code}`})${output.length ? `: ${output.slice(-5).join('\n')}` : ''}`);
  return { child, stop, exited };
}

/**
 * Starts Astro's process, its log lines going to `log`; `serve` for `dev`'s renderer (its pages go
 * nowhere), `keep` a folder to keep its bundle in (bundle.ts), with `bundleOnly` writing no page.
 */
function startAstro({ srcDir, outDir, base, keep, bundleOnly, log }: { srcDir?: string; outDir?: string; base: string; keep?: string; bundleOnly?: boolean; log: (line: string) => void }, serve = false) {
  return startProcess({
    entry: ENTRY,
    prefix: serve ? 'dev-' : 'build-',
    args: (workDir) => ({ root: PACKAGE_ROOT, srcDir, outDir: outDir ?? join(workDir, 'out'), base, logLevel: astroLogLevel(), serve, keep, bundleOnly }),
    log,
  });
}

/** Answers the Astro process's requests (handoff.ts) from what `answers` gives at the time of each. */
function answer(child: ChildProcess, answers: { site: () => Promise<{ data: SiteData | TeamSite; fragments?: Pick<Fragments, 'html'> }>; only: () => Promise<string[] | null> }) {
  const reply = (id: number, value: Promise<unknown>) =>
    value.then(
      (value) => child.connected && child.send({ id, value } satisfies AstroReply),
      (error: Error) => child.connected && child.send({ id, error: error.message } satisfies AstroReply),
    );
  return (message: AstroRequest | { type: string }): boolean => {
    const request = message as AstroRequest;
    if (request.type === 'site') void reply(request.id, answers.site().then(({ data }) => data));
    else if (request.type === 'fragment') void reply(request.id, answers.site().then(({ fragments }) => {
      if (!fragments) throw new TypeError(`no fragments in this build (asked for ${request.key})`);
      return fragments.html(request.key);
    }));
    else if (request.type === 'only') void reply(request.id, answers.only());
    else return false;
    return true;
  };
}

/** Renders every page into `outDir`; resolves once Astro is done and its process is gone. */
export async function renderPages({ site, only = Promise.resolve(null), srcDir, outDir, base, keep, log }: AstroInput): Promise<void> {
  await untilDone(await startAstro({ srcDir, outDir, base, keep, log }), { site: () => site, only: () => only });
}

/**
 * Bundles the site with Astro, writing no page: into `outDir` go only the files besides pages (the
 * stylesheet, the public folder's files), and into `keep` the bundle (bundle.ts), complete unless
 * Astro's process said in the log why not. Resolves once Astro's process is gone, its memory with it:
 * rendering from the bundle (renderFromBundle) then takes about half the memory Astro's process
 * takes to render the same pages after bundling them (docs/benchmarks.md).
 */
export async function bundleSite({ outDir, base, keep, log }: { outDir: string; base: string; keep: string; log: (line: string) => void }): Promise<void> {
  const noData = () => Promise.reject(new Error('Astro asked for the site data while only bundling the site'));
  await untilDone(await startAstro({ outDir, base, keep, bundleOnly: true, log }), { site: noData, only: noData });
}

/**
 * Renders a build's pages into `outDir` as renderPages does, from a bundle (one a previous build kept,
 * or bundleSite's, bundle.ts), in a process that loads the bundle and no bundler
 * (src/site/bundle-process.ts), and puts the files Astro wrote besides pages beside them. Nothing is
 * written into `outDir` before `ready` (a folder being cleared, src/site/previous.ts): the files are
 * copied after it, and the process is handed nothing before it (it renders no page before it knows
 * which: every entry collection's getStaticPaths asks, collections.ts). Returns the files it put there,
 * relative to `outDir` (e.g. "days/2026-03-02/index.html", "404.html", "favicon.svg"), when the
 * process said which it wrote.
 */
export async function renderFromBundle({ bundle, site, only, ready, outDir, log }: { bundle: BundleInfo & { dir: string }; site: AstroInput['site']; only: Promise<string[] | null>; ready?: Promise<unknown>; outDir: string; log: (line: string) => void }): Promise<string[] | undefined> {
  const clear = ready ?? Promise.resolve();
  const started = startProcess({
    entry: BUNDLE_ENTRY,
    prefix: 'bundle-',
    flags: [BUNDLE_SEMI_SPACE],
    // The bundle's chunks import Astro's runtime packages: a copy inside the package resolves them.
    prepare: (workDir) => cp(join(bundle.dir, 'prerender'), workDir, { recursive: true }),
    args: (workDir) => ({ entry: join(workDir, bundle.entry), outDir, origin: bundle.origin, concurrency: bundle.concurrency, styles: bundle.styles, scripts: bundle.scripts }),
    log,
  });
  const [written] = await Promise.all([
    started.then((process) => untilDone(process, { site: () => clear.then(() => site), only: () => clear.then(() => only) })),
    bundle.files.length > 0 && clear.then(() => cp(join(bundle.dir, 'files'), outDir, { recursive: true })),
  ]);
  return written && [...written, ...bundle.files];
}

/**
 * Answers a build's process until it says it is done (resolves once its process is gone, with the
 * files it says it wrote, if it says) or failed.
 */
async function untilDone({ child, stop, exited }: Awaited<ReturnType<typeof startProcess>>, answers: Parameters<typeof answer>[1]): Promise<string[] | undefined> {
  const answered = answer(child, answers);
  try {
    return await new Promise<string[] | undefined>((resolve, reject) => {
      child.on('message', (message: AstroRequest | { type: 'done'; written?: string[] } | { type: 'failed'; message: string; stack?: string }) => {
        if (answered(message)) return;
        if (message.type === 'done') resolve(message.written);
        else if (message.type === 'failed') reject(Object.assign(new Error(message.message), { stack: message.stack }));
      });
      child.once('error', reject);
      child.once('exit', (code, signal) => reject(exited(code, signal)));
    });
  } finally {
    await stop();
  }
}

/** `dev`'s renderer: Astro's process, kept running, renders a page when asked (src/site/astro-process.ts). */
export interface PageRenderer {
  /** The page of a URL path within the site (e.g. "/days/2026-03-02/"), or null when the site has no page there. */
  render(pathname: string): Promise<string | null>;
  /** The site data changed: whole (its entries are asked for again), or only the entries in `patch`. */
  changed(patch?: DataChanged['patch']): void;
  close(): Promise<void>;
}

/**
 * Starts Astro's process for `dev`: it bundles the site (a few seconds), then renders pages on
 * request with the data `site` gives at the time. Resolves once it renders.
 */
export async function startRenderer({ site, base, log }: { site: () => Promise<{ data: SiteData; fragments: Pick<Fragments, 'html'> }>; base: string; log: (line: string) => void }): Promise<PageRenderer> {
  const { child, stop, exited } = await startAstro({ base, log }, true);
  const answered = answer(child, { site, only: async () => null });
  const waiting = new Map<number, { resolve: (reply: RenderReply) => void; reject: (error: Error) => void }>();
  let next = 0;
  let gone: Error | null = null;
  const ready = new Promise<void>((resolve, reject) => {
    child.on('message', (message: AstroRequest | RenderReply | { type: 'ready' } | { type: 'done' } | { type: 'failed'; message: string }) => {
      if ('type' in message) {
        if (answered(message)) return;
        if (message.type === 'ready') resolve();
        else if (message.type === 'failed') reject(new Error(message.message));
        return;
      }
      const reply = message as RenderReply;
      waiting.get(reply.id)?.resolve(reply);
      waiting.delete(reply.id);
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      gone = exited(code, signal);
      reject(gone);
      for (const { reject } of waiting.values()) reject(gone);
      waiting.clear();
    });
  });
  try {
    await ready;
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    render: async (pathname) => {
      if (gone) throw gone;
      const id = next++;
      const reply = await new Promise<RenderReply>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        child.send({ type: 'render', id, pathname } satisfies RenderRequest);
      });
      if (reply.status === 500) throw new Error(`rendering ${pathname} failed: ${reply.error}`);
      return reply.status === 200 ? reply.html! : null;
    },
    changed: (patch) => void (child.connected && child.send({ type: 'changed', ...(patch && { patch }) } satisfies DataChanged)),
    close: stop,
  };
}
