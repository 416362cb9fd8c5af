/**
 * Runs Astro for one build in a process of its own (src/site/astro-process.ts), which asks this
 * process for the site data, the fragments and, in an incremental build, which pages to render
 * (src/site/handoff.ts), and writes the pages to disk as it renders them. Nothing of Astro, Vite or the bundled pages stays in the
 * CLI's process: `dev` rebuilds for hours without growing, and no build changes the working
 * directory or a global of the process it runs in.
 */
import { fork } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Fragments } from './fragments.ts';
import type { AstroReply, AstroRequest } from './handoff.ts';
import type { SiteData } from './pages.ts';
import type { TeamSite } from '../team/site.ts';

/** The package root: Astro's project (pages, layouts, components) lives here, whatever the journal. */
const PACKAGE_ROOT = new URL('../../', import.meta.url).pathname;
const ENTRY = new URL('./astro-process.ts', import.meta.url).pathname;

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
  /** Astro's own log lines (errors only unless TW_ASTRO_LOG says otherwise). */
  log: (line: string) => void;
}

/** Renders every page into `outDir`; resolves once Astro is done and its process is gone. */
export async function renderPages({ site, only = Promise.resolve(null), srcDir, outDir, base, log }: AstroInput): Promise<void> {
  // A fresh folder of its own inside the package, as the chunks Astro writes under the working
  // directory resolve their packages from there, and builds may run side by side (tests).
  await mkdir(join(PACKAGE_ROOT, '.astro'), { recursive: true });
  const workDir = await mkdtemp(join(PACKAGE_ROOT, '.astro', 'build-'));
  const logLevel = process.env.TW_ASTRO_LOG ?? 'error';
  const child = fork(ENTRY, [JSON.stringify({ root: PACKAGE_ROOT, srcDir, outDir, base, logLevel })], {
    cwd: workDir,
    // The CLI's own flags (an inspector, say) are not Astro's; the structured clone carries Maps and large strings.
    execArgv: process.execArgv.filter((arg) => !arg.startsWith('--inspect')),
    serialization: 'advanced',
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const output: string[] = [];
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.setEncoding('utf8').on('data', (chunk: string) => {
      for (const line of chunk.split('\n').filter(Boolean)) {
        output.push(line);
        log(line);
      }
    });
  }
  const reply = (id: number, answer: Promise<unknown>) =>
    answer.then(
      (value) => child.connected && child.send({ id, value } satisfies AstroReply),
      (error: Error) => child.connected && child.send({ id, error: error.message } satisfies AstroReply),
    );
  try {
    await new Promise<void>((resolve, reject) => {
      child.on('message', (message: AstroRequest | { type: 'done' } | { type: 'failed'; message: string; stack?: string }) => {
        if (message.type === 'site') void reply(message.id, site.then(({ data }) => data));
        else if (message.type === 'fragment') void reply(message.id, site.then(({ fragments }) => {
          if (!fragments) throw new TypeError(`no fragments in this build (asked for ${message.key})`);
          return fragments.html(message.key);
        }));
        else if (message.type === 'only') void reply(message.id, only);
        else if (message.type === 'done') resolve();
        else reject(Object.assign(new Error(message.message), { stack: message.stack }));
      });
      child.once('error', reject);
      child.once('exit', (code, signal) => reject(new Error(`the Astro build stopped (${signal ?? `exit code ${code}`})${output.length ? `: ${output.slice(-5).join('\n')}` : ''}`)));
    });
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
    await rm(workDir, { recursive: true, force: true });
  }
}
