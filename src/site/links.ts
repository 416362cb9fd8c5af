/**
 * Where wiki links go on the site, by what they point at: a date to its day, an objective (by id,
 * or by its last part when only one objective has it) to its page, `#kr` to the key result's row
 * there, a 1:1 series to its page, an achievement to its card. Anything else resolves to null and
 * is shown as text (checks.sql reports it as link-unresolved). A heading anchor other than a key
 * result is dropped: the link goes to the page, so no anchor on the site is broken.
 */
import type { Database } from '../db/duckdb.ts';
import { WIKI_LINK } from '../ingest/links.ts';
import type { LinkResolver } from './markdown.ts';

export interface LinkTargets {
  days: string[];
  objectives: string[];
  /** "objective#kr" */
  keyResults: string[];
  series: string[];
  achievements: string[];
}

/** What wiki links may point at, from the journal's tables (after a public build dropped private rows). */
export async function readLinkTargets(db: Database): Promise<LinkTargets> {
  const list = async (sql: string) => (await db.all<{ name: string }>(sql)).map((r) => r.name);
  return {
    days: await list(`SELECT DISTINCT strftime(date, '%Y-%m-%d') AS name FROM days`),
    objectives: await list(`SELECT id AS name FROM objectives`),
    keyResults: await list(`SELECT objective_id || '#' || kr_id AS name FROM key_results`),
    series: await list(`SELECT id AS name FROM series`),
    achievements: await list(`SELECT id AS name FROM achievements`),
  };
}

/** The resolver for a site under `base`. */
export function siteLinks(targets: LinkTargets, base: string): LinkResolver {
  const lower = (list: string[]) => new Map(list.map((name) => [name.toLowerCase(), name]));
  const days = new Set(targets.days);
  const objectives = lower(targets.objectives);
  const byLastPart = new Map<string, string | null>();
  for (const id of targets.objectives) {
    const last = id.split('/').at(-1)!.toLowerCase();
    byLastPart.set(last, byLastPart.has(last) ? null : id); // ambiguous: resolves to nothing
  }
  const keyResults = new Set(targets.keyResults.map((k) => k.toLowerCase()));
  const series = lower(targets.series);
  const achievements = lower(targets.achievements);
  return (target, anchor) => {
    const name = target.toLowerCase();
    const date = /(?:^|\/)(\d{4})[-_](\d{2})[-_](\d{2})$/.exec(target);
    if (date && days.has(`${date[1]}-${date[2]}-${date[3]}`)) return `${base}days/${date[1]}-${date[2]}-${date[3]}/`;
    const objective = objectives.get(name) ?? byLastPart.get(name) ?? objectives.get(name.replace(/^okrs\//, ''));
    if (objective) {
      const kr = anchor && keyResults.has(`${objective}#${anchor}`.toLowerCase()) ? `#kr-${anchor}` : '';
      return `${base}okrs/${objective}/${kr}`;
    }
    const person = series.get(name);
    if (person) return `${base}one-on-ones/${person}/`;
    const card = achievements.get(name);
    if (card) return `${base}achievements/#${card}`;
    return null;
  };
}

/** The links of one Markdown text, resolved: what a fragment rendered on a worker thread needs. */
export function linksOf(markdown: string, resolve: LinkResolver): Record<string, string | null> {
  const links: Record<string, string | null> = {};
  if (!markdown.includes('[[')) return links;
  for (const match of markdown.matchAll(WIKI_LINK)) {
    const target = match[1].trim().replace(/\.md$/, '');
    const anchor = match[2]?.trim() || null;
    links[linkKey(target, anchor)] = target ? resolve(target, anchor) : null;
  }
  return links;
}

export const linkKey = (target: string, anchor: string | null) => (anchor === null ? target : `${target}#${anchor}`);
