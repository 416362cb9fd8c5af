/**
 * What `turbowork build` hands to the Astro build it runs in the same process: the assembled page
 * data (read by the content loader), the rendered fragments (looked up by pages), and the search
 * index (fed by the middleware as each page is rendered). Vite loads Astro's side separately from
 * ours, so the two meet on globalThis.
 *
 * The site arrives as a promise: Astro starts while the journal is still being read, and its
 * loader waits for the data.
 */
import type { FragmentKey, Fragments } from './fragments.ts';
import type { SiteData } from './pages.ts';
import type { SearchIndex } from './search.ts';

export interface Handoff {
  site: Promise<{ data: SiteData; fragments: Fragments }>;
  search: SearchIndex;
}

const KEY = Symbol.for('turbowork.site-build');

/** Makes `handoff` available to the next Astro build; null clears it. */
export function handOver(handoff: Handoff | null): void {
  (globalThis as Record<symbol, unknown>)[KEY] = handoff;
}

/** What the running build handed over, or null outside `turbowork build`. */
export function handedOver(): Handoff | null {
  return ((globalThis as Record<symbol, unknown>)[KEY] as Handoff | undefined) ?? null;
}

function site(): Handoff['site'] {
  const handoff = handedOver();
  if (!handoff) throw new TypeError('No site data: the site is built by `turbowork build`, not by running astro directly.');
  return handoff.site;
}

/** The assembled page data, once ready. */
export async function siteData(): Promise<SiteData> {
  return (await site()).data;
}

/** The HTML of a rendered fragment the page data refers to. */
export async function fragmentHtml(key: FragmentKey): Promise<string> {
  return (await site()).fragments.html(key);
}
