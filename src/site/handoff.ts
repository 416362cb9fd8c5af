/**
 * Astro's side of the hand-over: pages, the content loader and the middleware run in the Astro
 * process that `turbowork build` starts for each build (src/site/astro.ts), and ask the CLI's
 * process for what it assembled over the process's IPC channel. Requests, not pushes: a module
 * Vite loads late must not miss a message sent before it listened.
 *
 * The site data arrives whole once the journal is assembled (the loader waits for it); a fragment
 * arrives when it is rendered. An incremental build also says which entry pages to render
 * (src/site/manifest.ts). Pages are indexed for search from the output folder once it is complete
 * (src/site/search.ts), so no page's HTML comes back.
 */
import type { FragmentKey } from './fragments.ts';
import type { SiteData } from './pages.ts';

/** A request from the Astro process. */
export type AstroRequest =
  | { type: 'site'; id: number }
  | { type: 'fragment'; id: number; key: FragmentKey }
  | { type: 'only'; id: number };

/** The CLI process's answer to a request with an id. */
export interface AstroReply {
  id: number;
  value?: unknown;
  error?: string;
}

const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
let next = 0;
let listening = false;

function ask<T>(request: AstroRequest & { id: number }): Promise<T> {
  if (!process.send) throw new TypeError('No site data: the site is built by `turbowork build`, not by running astro directly.');
  if (!listening) {
    listening = true;
    process.on('message', (reply: AstroReply) => {
      const waiting = pending.get(reply.id);
      if (!waiting) return;
      pending.delete(reply.id);
      if (reply.error === undefined) waiting.resolve(reply.value);
      else waiting.reject(new Error(reply.error));
    });
  }
  return new Promise<T>((resolve, reject) => {
    pending.set(request.id, { resolve: resolve as (value: unknown) => void, reject });
    process.send!(request);
  });
}

let site: Promise<SiteData> | undefined;

/** The assembled page data, once ready (asked for once per build). */
export function siteData(): Promise<SiteData> {
  return (site ??= ask<SiteData>({ type: 'site', id: next++ }));
}

/** The HTML of a rendered fragment the page data refers to. */
export function fragmentHtml(key: FragmentKey): Promise<string> {
  return ask<string>({ type: 'fragment', id: next++, key });
}

let only: Promise<string[] | null> | undefined;

/** The routes of the entry pages to render (e.g. "days/2026-03-02/"), or null for every page (asked for once per build). */
export function renderOnly(): Promise<string[] | null> {
  return (only ??= ask<string[] | null>({ type: 'only', id: next++ }));
}
