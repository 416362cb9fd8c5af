/**
 * The Astro content loader: serves the site data `turbowork build` assembled (data.ts) as content
 * collections. It reads prepared values only; no page queries DuckDB or recomputes a figure.
 */
import type { Loader } from 'astro/loaders';
import { handedOver } from './handoff.ts';
import type { SiteData } from './pages.ts';

/** A loader for one collection of the site data. */
export function siteLoader(collection: keyof SiteData): Loader {
  return {
    name: `turbowork-${collection}`,
    load: async ({ store }) => {
      const data = handedOver()?.data;
      if (!data) throw new TypeError('No site data: the site is built by `turbowork build`, not by running astro directly.');
      store.clear();
      for (const entry of data[collection]) store.set({ id: entry.id, data: entry as unknown as Record<string, unknown> });
    },
  };
}
