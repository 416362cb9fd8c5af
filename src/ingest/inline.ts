/**
 * What a single line of journal Markdown carries besides its words: #tags, [[wiki links]] to
 * objectives and key results, and the @owner / due: tokens of action items.
 */

/** A wiki link, e.g. [[2025-Q1/reliability#uptime|the SLA]]. */
export interface WikiLink {
  /** Objective id, e.g. "2025-Q1/reliability". */
  objective: string;
  /** Key-result id after "#", e.g. "uptime"; null for a link to the objective. */
  kr: string | null;
  /** 0-based offset of "[[" in the text. */
  index: number;
}

const WIKI_LINK = /\[\[([^\]|#]+?)(?:#([^\]|]+?))?(?:\|[^\]]*)?\]\]/g;
// A tag starts after whitespace or "(" and holds at least one letter, so "#1234" (a PR) is not a tag.
const TAG = /(?<=^|[\s(])#([\p{L}\p{N}_/-]*\p{L}[\p{L}\p{N}_/-]*)/gu;
const CODE_OR_URL = /`[^`]*`|<?https?:\/\/\S+|\[[^\]]*\]\([^)]*\)/g;

export function parseWikiLinks(text: string): WikiLink[] {
  return [...text.matchAll(WIKI_LINK)]
    .map((m) => ({ objective: m[1].trim().replace(/\.md$/, ''), kr: m[2]?.trim() || null, index: m.index }))
    .filter((link) => link.objective !== '');
}

/** Tags, lower-cased and without "#", e.g. ["perf", "highlight"]. Code, URLs and wiki links are skipped. */
export function parseTags(text: string): string[] {
  const visible = text.replace(WIKI_LINK, ' ').replace(CODE_OR_URL, ' ');
  return [...new Set([...visible.matchAll(TAG)].map((m) => m[1].toLowerCase()))];
}

/** The owner and due date of an action item, and its identity within a 1:1 series. */
export interface ActionTokens {
  /** "@name" without "@", default "me". */
  owner: string;
  /** The text after "due:", unchecked; e.g. "2025-02-10". */
  due: string | null;
  /** Text without owner/due tokens, lower-cased, spaces collapsed: the item's identity. */
  key: string;
}

const OWNER = /(?<=^|\s)@([\p{L}\p{N}_.-]+)/u;
const DUE = /(?<=^|\s)due:(\S+)/i;

export function parseActionTokens(text: string): ActionTokens {
  const owner = OWNER.exec(text)?.[1].replace(/\.$/, '') ?? 'me';
  const due = DUE.exec(text)?.[1].replace(/[.,;)]$/, '') ?? null;
  const key = text
    .replace(new RegExp(OWNER.source, 'gu'), ' ')
    .replace(new RegExp(DUE.source, 'gi'), ' ')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
  return { owner, due, key };
}
