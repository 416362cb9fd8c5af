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
 *
 * `dev`'s Astro process lives on and renders pages on request (src/site/astro-process.ts): the CLI
 * says when the data changed, either whole (the copy here is dropped and asked for again when a page
 * needs it) or as a patch of a few entries (put in place here, so a save does not copy the whole site).
 */
import type { FragmentKey } from './fragments.ts';
import type { SiteData } from './pages.ts';

/** A request from the Astro process. */
export type AstroRequest =
  | { type: 'site'; id: number }
  | { type: 'fragment'; id: number; key: FragmentKey }
  | { type: 'only'; id: number };

/** `dev`: the CLI's request to render the page of a URL path (e.g. "/days/2026-03-02/"), and its answer. */
export interface RenderRequest {
  type: 'render';
  id: number;
  pathname: string;
}
export interface RenderReply {
  id: number;
  /** 200 with the page, 404 when no page has that path, 500 when rendering failed (`error`). */
  status: number;
  html?: string;
  error?: string;
}

/** `dev`: the site data changed, whole (no patch) or in the entries of `patch`, each replacing the entry of its id. */
export interface DataChanged {
  type: 'changed';
  patch?: Partial<{ [K in keyof SiteData]: SiteData[K][number][] }>;
}

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
    process.on('message', (reply: AstroReply | DataChanged | RenderRequest) => {
      if ('type' in reply) {
        if (reply.type === 'changed') changed(reply);
        return;
      }
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

/** Drops the data (asked for again when next needed), or puts a patch's entries in place of those with their ids. */
function changed({ patch }: DataChanged): void {
  if (!patch || !site) return void (site = undefined);
  site = site.then((data) => {
    const patched = { ...data };
    for (const [collection, entries] of Object.entries(patch) as [keyof SiteData, { id: string }[]][]) {
      const byId = new Map(entries.map((entry) => [entry.id, entry]));
      // A new array: the content loader's index of a collection is kept per array (loader.ts).
      (patched as Record<string, unknown>)[collection] = (data[collection] as { id: string }[]).map((entry) => byId.get(entry.id) ?? entry);
    }
    return patched;
  });
}

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
