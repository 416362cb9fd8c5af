/**
 * Rendering pages with the app of Astro's prerender bundle, outside Astro's own page generation: in
 * Astro's process for `dev` (astro-process.ts), once Astro has bundled the site, and in the process
 * that renders a build's pages from the bundle a previous build kept (bundle-process.ts,
 * src/site/bundle.ts). Either way a page is Astro's app rendering a request for its route, as
 * Astro's build does (its default prerenderer's `render`, without the metadata of Astro's own
 * incremental builds), so a page rendered here is the page a build writes from the same data.
 */
import type { RenderReply, RenderRequest } from './handoff.ts';

/** What of the prerender bundle's app (Astro's BuildApp) is used here. */
export interface PrerenderApp {
  match(request: Request, allowPrerendered: boolean): unknown;
  render(request: Request, options: { routeData: unknown }): Promise<Response>;
  routeCache: { clearAll(): void };
  getOptions(): { origin: string };
}

/** Renders the page of a URL path (`dev`'s request); 404 when no route matches or its getStaticPaths does not list the path. */
export async function renderPathname(app: PrerenderApp, { id, pathname }: RenderRequest): Promise<RenderReply> {
  try {
    const request = new Request(new URL(pathname, app.getOptions().origin));
    const routeData = app.match(request, true);
    if (!routeData) return { id, status: 404 };
    const response = await app.render(request, { routeData });
    return { id, status: response.status, html: response.status === 200 ? await response.text() : undefined };
  } catch (error) {
    // A path the route's pattern matches but its getStaticPaths does not list, e.g. /days/1999-01-01/.
    if ((error as Error)?.name === 'NoMatchingStaticPathFound') return { id, status: 404 };
    return { id, status: 500, error: (error as Error)?.message ?? String(error) };
  }
}

/**
 * Serves the CLI's render requests (`dev`) until its process goes: says it is ready, renders the page
 * of each URL asked for, and empties the cache of getStaticPaths when the CLI says the data changed
 * (handoff.ts drops or patches its copy of the data).
 */
export function serveRenders(app: PrerenderApp): Promise<void> {
  return new Promise<void>((stop) => {
    process.on('message', (message: RenderRequest | { type: 'changed' }) => {
      if (message.type === 'changed') app.routeCache.clearAll();
      else if (message.type === 'render') void renderPathname(app, message).then((reply) => process.connected && process.send!(reply));
    });
    process.once('disconnect', stop);
    process.send!({ type: 'ready' });
  });
}
