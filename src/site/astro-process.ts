/**
 * The Astro process, started by src/site/astro.ts in a fresh working directory (Astro's prerender
 * step writes its chunks there and imports them). It runs Astro's programmatic build; pages get the
 * site data from the CLI's process through src/site/handoff.ts. When Astro is done it says so and
 * waits to be stopped: Astro and Vite can leave handles open.
 *
 * With "serve" (`dev`), it renders no page to disk: once Astro has bundled the site, it says it is
 * ready and renders, for as long as it runs, the page of each URL the CLI's process asks for, with
 * Astro's own prerenderer (the very code that writes a build's pages, so a page rendered here is the
 * page a build writes from the same data). When the CLI says the data changed, Astro's cache of
 * getStaticPaths is emptied (handoff.ts drops or patches its copy of the data).
 *
 * argv[2]: the build's settings as JSON, e.g. {"root":"/repo/","outDir":"/tmp/dist.partial","base":"/","logLevel":"error"},
 * with "srcDir" for a site whose pages live elsewhere (the team site's, src/team/site/), and
 * "serve": true for `dev`
 */
import { build, type AstroIntegration } from 'astro';
import type { RenderReply, RenderRequest } from './handoff.ts';

const { root, srcDir, outDir, base, logLevel, serve } = JSON.parse(process.argv[2]) as { root: string; srcDir?: string; outDir: string; base: string; logLevel: 'error'; serve?: boolean };

/** What of Astro's default prerenderer this process uses: its app (set up once the site is bundled) and its render. */
interface Prerenderer {
  getStaticPaths(): Promise<unknown[]>;
  setup?(): Promise<void>;
  render(request: Request, options: { routeData: unknown }): Promise<Response | { response: Response }>;
  teardown?(): Promise<void>;
  app?: { match(request: Request, allowPrerendered: boolean): unknown; routeCache: { clearAll(): void }; getOptions(): { origin: string } };
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
        teardown: () => new Promise<void>((stop) => {
          const app = astro.app!;
          const render = async ({ id, pathname }: RenderRequest): Promise<RenderReply> => {
            try {
              const request = new Request(new URL(pathname, app.getOptions().origin));
              const routeData = app.match(request, true);
              if (!routeData) return { id, status: 404 };
              const rendered = await astro.render(request, { routeData });
              const response = rendered instanceof Response ? rendered : rendered.response;
              return { id, status: response.status, html: response.status === 200 ? await response.text() : undefined };
            } catch (error) {
              // A path the route's pattern matches but its getStaticPaths does not list, e.g. /days/1999-01-01/.
              if ((error as Error)?.name === 'NoMatchingStaticPathFound') return { id, status: 404 };
              return { id, status: 500, error: (error as Error)?.message ?? String(error) };
            }
          };
          process.on('message', (message: RenderRequest | { type: 'changed' }) => {
            if (message.type === 'changed') app.routeCache.clearAll();
            else if (message.type === 'render') void render(message).then((reply) => process.connected && process.send!(reply));
          });
          process.once('disconnect', stop);
          process.send!({ type: 'ready' });
        }),
      })) as never);
    },
  },
};

try {
  await build({ root, ...(srcDir ? { srcDir } : {}), outDir, base, logLevel, vite: { logLevel }, ...(serve ? { integrations: [onDemand] } : {}) });
  process.send!({ type: 'done' });
} catch (error) {
  process.send!({ type: 'failed', message: (error as Error)?.message ?? String(error), stack: (error as Error)?.stack });
}
