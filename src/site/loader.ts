/**
 * The Astro content loader: serves the site data `turbowork build` assembled (data.ts) as live
 * content collections (src/live.config.ts). It reads prepared values only; no page queries DuckDB
 * or recomputes a figure.
 *
 * Live, not build-time, collections: a build-time collection is serialized into Astro's data store
 * and bundled as one JavaScript module (9 MB for a ten-year journal), which Astro then parses back
 * before the first page renders. A live loader hands pages the values already in memory (received once per build, handoff.ts), and
 * Astro bundles the site while the journal is still being read (docs/site.md).
 */
import type { LiveLoader } from 'astro/loaders';
import { siteData } from './handoff.ts';
import type { SiteData } from './pages.ts';

type Entry<K extends keyof SiteData> = SiteData[K][number];

/** Each collection's entries by id, for the site data they were made from. */
const indexes = new WeakMap<readonly object[], Map<string, unknown>>();

/** A loader for one collection of the site data; an entry is looked up by its id. */
export function siteLoader<K extends keyof SiteData>(collection: K): LiveLoader<Entry<K>, { id: string }> {
  return {
    name: `turbowork-${collection}`,
    loadCollection: async () => ({ entries: (await siteData())[collection].map((entry) => ({ id: entry.id, data: entry })) }),
    loadEntry: async ({ filter }) => {
      const entries: readonly Entry<K>[] = (await siteData())[collection];
      let byId = indexes.get(entries);
      if (!byId) indexes.set(entries, (byId = new Map(entries.map((entry) => [entry.id, entry]))));
      const entry = byId.get(filter.id) as Entry<K> | undefined;
      return entry && { id: entry.id, data: entry };
    },
  };
}
