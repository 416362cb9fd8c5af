/**
 * What pages read: the site data's collections, through Astro's live content API (the loader is
 * src/site/loader.ts). A loader's error fails the build.
 */
import { getLiveCollection, getLiveEntry } from 'astro:content';
import type { SiteData } from './pages.ts';

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
