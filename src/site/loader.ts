/**
 * The Astro content loader: serves the site data `turbowork build` assembled (data.ts) as content
 * collections. It reads prepared values only; no page queries DuckDB or recomputes a figure.
 */
import type { Loader } from 'astro/loaders';
import type { SiteData } from './pages.ts';

// Astro runs in the same process as the build command; the data is handed over on globalThis
// because Vite loads this module separately from the one that assembled it.
const HANDOFF = Symbol.for('turbowork.site-data');

/** Makes the assembled data available to the loader for the next Astro build. */
export function handOverSiteData(data: SiteData | null): void {
  (globalThis as Record<symbol, unknown>)[HANDOFF] = data;
}

function siteData(): SiteData {
  const data = (globalThis as Record<symbol, unknown>)[HANDOFF] as SiteData | undefined;
  if (!data) throw new TypeError('No site data: the site is built by `turbowork build`, not by running astro directly.');
  return data;
}

/** A loader for one collection of the site data. */
export function siteLoader(collection: keyof SiteData): Loader {
  return {
    name: `turbowork-${collection}`,
    load: async ({ store }) => {
      store.clear();
      for (const entry of siteData()[collection]) store.set({ id: entry.id, data: entry as unknown as Record<string, unknown> });
    },
  };
}
