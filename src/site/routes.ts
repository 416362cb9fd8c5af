/**
 * Site routes of journal files: where a day, an objective or a draft lives on the site, and the
 * rewriting of drafts' relative links (which work in a pull request) into those routes.
 */
import { posix } from 'node:path';

/**
 * The site route of a journal-relative source path, or null when the site has no page for it:
 * daily/…/YYYY-MM-DD.md → /days/YYYY-MM-DD/, weekly/YYYY-Www.md → /weeks/YYYY-Www/,
 * okrs/ID.md → /okrs/ID/, one-on-ones/S/… → /one-on-ones/S/, achievements/ID.md → /achievements/#ID,
 * sprints/ID.md → /sprints/#ID, assessments/{weeks,quarters,years,one-on-ones}/P.md → that period's page.
 */
export function siteRoute(path: string, base = '/'): string | null {
  const root = base.endsWith('/') ? base : `${base}/`;
  const parts = path.replace(/^\.\//, '').split('/');
  const file = (parts.at(-1) ?? '').replace(/\.md$/, '');
  let route: string | null = null;
  if (parts[0] === 'daily' && /^\d{4}[-_]\d{2}[-_]\d{2}/.test(file)) route = `days/${file.slice(0, 10).replaceAll('_', '-')}/`;
  else if (parts[0] === 'weekly' && parts.length === 2) route = `weeks/${file}/`;
  else if (parts[0] === 'okrs' && parts.length >= 2) route = `okrs/${parts.slice(1).join('/').replace(/\.md$/, '')}/`;
  else if (parts[0] === 'one-on-ones' && parts.length >= 2) route = `one-on-ones/${parts[1].replace(/\.md$/, '')}/`;
  else if (parts[0] === 'achievements' && parts.length === 2) route = `achievements/#${file}`;
  else if (parts[0] === 'sprints' && parts.length === 2) route = `sprints/#${file}`;
  else if (parts[0] === 'assessments' && parts.length === 3) {
    const folder = { weeks: 'weeks', quarters: 'quarters', years: 'years', 'one-on-ones': 'one-on-ones' }[parts[1]];
    if (folder) route = `${folder}/${file.replace(/\.new$/, '')}/`;
  }
  return route === null ? null : root + route;
}

/**
 * Rewrites a draft's relative links to journal files into site routes, e.g. in
 * assessments/weeks/2025-W06.md "](../../daily/2025/2025-02-07.md#L12)" → "](/days/2025-02-07/#L12)".
 * Links that leave the journal or have no page are left as they are.
 */
export function rewriteLinksForSite(markdown: string, draftPath: string, base = '/'): string {
  return markdown
    .replace(/\]\(([^)\s]+\.md)(#[^)\s]*)?\)/g, (whole, target: string, fragment = '') => {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return whole;
      const path = posix.normalize(posix.join(posix.dirname(draftPath), decodeURI(target)));
      if (path.startsWith('..')) return whole;
      const route = siteRoute(path, base);
      if (route === null) return whole;
      return `](${route.includes('#') ? route : route + draftAnchor(fragment)})`;
    })
    .replace(/\]\((#fig-[^)\s]*)\)/g, (_, fragment: string) => `](${draftAnchor(fragment)})`);
}

/**
 * A draft's own anchors (its Figures rows, "#fig-wins") carry the sanitizer's prefix on the site
 * ("#md-fig-wins"); anchors of journal pages ("#L12", "#kr-latency", "#m-2026-03-04") are the site's own.
 */
function draftAnchor(fragment: string): string {
  return fragment.startsWith('#fig-') ? `#md-${fragment.slice(1)}` : fragment;
}

/** The collections of the site data whose every entry has a page of its own, and the folder of those pages. */
const PAGE_FOLDERS = { days: 'days', weeks: 'weeks', quarters: 'quarters', years: 'years', okrs: 'okrs', series: 'one-on-ones' } as const;
export type PageCollection = keyof typeof PAGE_FOLDERS;
export const PAGE_COLLECTIONS = Object.keys(PAGE_FOLDERS) as PageCollection[];

/** The route of an entry's page relative to the site's base, e.g. ("days", "2026-03-02") → "days/2026-03-02/". */
export function pageRoute(collection: PageCollection, id: string): string {
  return `${PAGE_FOLDERS[collection]}/${id}/`;
}
