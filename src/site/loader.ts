/**
 * The Astro content loader: serves the site data `turbowork build` assembled (data.ts) as content
 * collections. It reads prepared values only; no page queries DuckDB or recomputes a figure.
 */
import type { Loader } from 'astro/loaders';
import { siteData } from './handoff.ts';
import type { SiteData } from './pages.ts';

/** A loader for one collection of the site data. */
export function siteLoader(collection: keyof SiteData): Loader {
  return {
    name: `turbowork-${collection}`,
    load: async ({ store }) => {
      const data = await siteData();
      store.clear();
      for (const entry of data[collection]) store.set({ id: entry.id, data: entry as unknown as Record<string, unknown> });
    },
  };
}
