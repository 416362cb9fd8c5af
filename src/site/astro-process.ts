/**
 * The Astro process, started by src/site/astro.ts in a fresh working directory (Astro's prerender
 * step writes its chunks there and imports them). It runs Astro's programmatic build; pages get the
 * site data from the CLI's process through src/site/handoff.ts. When Astro is done it says so and
 * waits to be stopped: Astro and Vite can leave handles open.
 *
 * With "serve" (`dev`), it renders no page to disk: once Astro has bundled the site, it says it is
 * ready and renders, for as long as it runs, the page of each URL the CLI's process asks for, with
 * the app of Astro's prerender bundle (src/site/prerender.ts). When the CLI says the data changed,
 * Astro's cache of getStaticPaths is emptied (handoff.ts drops or patches its copy of the data).
 *
 * With "keep", a folder, the build keeps its bundle there for the next build (src/site/bundle.ts).
 * With "bundleOnly" as well, it renders no page: a cold build renders its pages from that bundle, in
 * a process that starts once this one is gone (src/site/build.ts: renderSite).
 *
 * argv[2]: the build's settings as JSON, e.g. {"root":"/repo/","outDir":"/tmp/dist.partial","base":"/","logLevel":"error"},
 * with "srcDir" for a site whose pages live elsewhere (the team site's, src/team/site/),
 * "serve": true for `dev`, and "keep": "/home/me/.cache/turbowork/…/astro-bundle.partial-123" to keep the bundle
 * (with "bundleOnly": true, only that)
 */
import { cp, mkdir, readdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type AstroIntegration } from 'astro';
import type { BundleInfo } from './bundle.ts';
import { serveRenders, type PrerenderApp } from './prerender.ts';

const { root, srcDir, outDir, base, logLevel, serve, keep, bundleOnly } = JSON.parse(process.argv[2]) as { root: string; srcDir?: string; outDir: string; base: string; logLevel: 'error'; serve?: boolean; keep?: string; bundleOnly?: boolean };

/** What of Astro's default prerenderer this process uses: its setup, and the app it sets up. */
interface Prerenderer {
  setup?(): Promise<void>;
  app?: PrerenderApp & { getSettings(): { scripts: BundleInfo['scripts'] } };
}

/** Renders pages on request, after the build has bundled the site, until the CLI's process goes. */
const onDemand: AstroIntegration = {
  name: 'turbowork-on-demand',
  hooks: {
    'astro:build:start': ({ setPrerenderer }) => {
      setPrerenderer(((astro: Prerenderer) => ({
        name: 'turbowork-on-demand',
        setup: () => astro.setup?.(),
        // No page is written: each is rendered when asked for.
        getStaticPaths: async () => [],
        teardown: () => serveRenders(astro.app!),
      })) as never);
    },
  },
};

/**
 * Keeps, in the folder `dir`, what a later build needs to render pages without bundling the site
 * again (src/site/bundle.ts): Astro's prerender bundle (copied once Astro has imported it, before
 * Astro deletes it), the page data of Astro's build its app reads when rendering (each page's
 * stylesheets, the scripts of every page), and the files Astro wrote besides pages (the stylesheet,
 * the public folder's files). Anything amiss leaves the folder without its astro.json, and so unused.
 * With `renderPages` false, Astro's build writes no page (its prerenderer lists no path).
 */
function keepBundle(dir: string, renderPages: boolean): AstroIntegration {
  let concurrency = 1;
  let pages: Map<string, { styles: unknown[] }> = new Map();
  let app: NonNullable<Prerenderer['app']> | undefined;
  let entry: string | undefined;
  const warn = (error: unknown) => console.error(`the site's bundle is not kept for the next build: ${(error as Error)?.message ?? error}`);
  return {
    name: 'turbowork-keep-bundle',
    hooks: {
      'astro:config:done': ({ config }) => void (concurrency = config.build.concurrency),
      'astro:build:setup': ({ pages: built }) => void (pages = built as never),
      'astro:build:start': ({ setPrerenderer }) => {
        setPrerenderer(((astro: Prerenderer) => ({
          ...astro,
          ...(!renderPages && { getStaticPaths: async () => [] }),
          setup: async () => {
            await astro.setup?.();
            app = astro.app;
            // Where Astro's build writes the prerender bundle (its getPrerenderOutputDirectory): beside
            // the output when that is inside the working directory, else in the working directory's .astro/.
            const prerender = join(outDir.startsWith(process.cwd()) ? outDir : join(process.cwd(), '.astro'), '.prerender');
            try {
              entry = (await readdir(prerender)).find((name) => /^prerender-entry\..+\.mjs$/.test(name));
              if (!entry) throw new Error(`no prerender entry in ${prerender}`);
              await cp(prerender, join(dir, 'prerender'), { recursive: true });
            } catch (error) {
              entry = undefined;
              warn(error);
            }
          },
        })) as never);
      },
      'astro:build:done': async ({ dir: written, assets }) => {
        if (!entry || !app) return;
        try {
          const scripts = app.getSettings().scripts;
          // A script on every page is a bundle entry of Astro's build the kept page data does not name.
          if (scripts.some((script) => script.stage === 'page')) throw new Error('a script for every page is not kept');
          const out = fileURLToPath(written);
          const pageFiles = new Set([...assets.values()].flat().map((url) => fileURLToPath(url)));
          const files = (await readdir(out, { recursive: true, withFileTypes: true }))
            .filter((file) => file.isFile() && !pageFiles.has(join(file.parentPath, file.name)))
            .map((file) => relative(out, join(file.parentPath, file.name)))
            .sort();
          await mkdir(join(dir, 'files'), { recursive: true });
          await Promise.all(files.map((file) => cp(join(out, file), join(dir, 'files', file))));
          const info: BundleInfo = {
            entry: entry!,
            origin: app.getOptions().origin,
            concurrency,
            styles: [...pages].map(([key, page]) => [key, page.styles]),
            scripts,
            files,
          };
          await writeFile(join(dir, 'astro.json'), JSON.stringify(info));
        } catch (error) {
          warn(error);
        }
      },
    },
  };
}

const integrations = serve ? [onDemand] : keep ? [keepBundle(keep, !bundleOnly)] : [];
try {
  await build({ root, ...(srcDir ? { srcDir } : {}), outDir, base, logLevel, vite: { logLevel }, integrations });
  process.send!({ type: 'done' });
} catch (error) {
  process.send!({ type: 'failed', message: (error as Error)?.message ?? String(error), stack: (error as Error)?.stack });
}
