/**
 * What pages read: the site data's collections, through Astro's live content API (the loader is
 * src/site/loader.ts). A loader's error fails the build.
 */
import { getLiveCollection, getLiveEntry } from 'astro:content';
import { renderOnly } from './handoff.ts';
import type { SiteData } from './pages.ts';
import { pageRoute, type PageCollection } from './routes.ts';

/** Every entry of a collection, in the order the site data lists them. */
export async function entries<K extends keyof SiteData>(collection: K): Promise<SiteData[K]> {
  const { entries, error } = await getLiveCollection(collection);
  if (error) throw error;
  return entries!.map((entry: { data: unknown }) => entry.data) as SiteData[K];
}

/** One entry of a collection by its id. */
export async function entry<K extends keyof SiteData>(collection: K, id: string): Promise<SiteData[K][number]> {
  const { entry, error } = await getLiveEntry(collection, { id });
  if (error) throw error;
  return entry!.data as SiteData[K][number];
}

/**
 * The entries of a collection whose pages this build renders, for getStaticPaths: every one, or in an
 * incremental build those whose data changed (src/site/manifest.ts).
 */
export async function pagesToRender<K extends PageCollection>(collection: K): Promise<SiteData[K]> {
  const [all, only] = await Promise.all([entries(collection), renderOnly()]);
  if (only === null) return all;
  const render = new Set(only);
  return all.filter((page) => render.has(pageRoute(collection, page.id))) as SiteData[K];
}
