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
  /** The text after "due:" or Obsidian Tasks' "📅", unchecked; e.g. "2025-02-10". */
  due: string | null;
  /** 0-based offset of the due token in the text; -1 without one. */
  dueColumn: number;
  /** Obsidian Tasks' done date after "✅", e.g. "2025-02-11"; null when not given. */
  done: string | null;
  /** Text without owner/due/done tokens, lower-cased, spaces collapsed: the item's identity. */
  key: string;
}

// The owner is an @name among the trailing tokens of the item (after the words, with due:, 📅, ✅ and
// #tags), as in "Share the draft @sam due:2025-02-10". An @name inside the sentence ("ask @sam for a
// review") is a mention, not an owner: other tools (Logseq, Obsidian, Slack habits) write mentions so.
const TRAILING = /(?:\s+(?:@[\p{L}\p{N}_.-]+|due:\S+|📅\s*\S+|✅\s*\S+|#[\p{L}\p{N}_/-]+))+\s*$/u;
const OWNER = /(?<=^|\s)@([\p{L}\p{N}_.-]+)/u;
const DUE = /(?<=^|\s)(?:due:|📅\s*)(\S+)/iu;
const DONE = /(?<=^|\s)✅\s*(\d{4}-\d{2}-\d{2})/u;

export function parseActionTokens(text: string): ActionTokens {
  const trailing = TRAILING.exec(text)?.[0] ?? '';
  const owner = OWNER.exec(trailing)?.[1].replace(/\.$/, '') ?? 'me';
  const dueMatch = DUE.exec(text);
  const due = dueMatch?.[1].replace(/[.,;)]$/, '') ?? null;
  const key = (text.slice(0, text.length - trailing.length) + trailing.replace(new RegExp(OWNER.source, 'gu'), ' '))
    .replace(new RegExp(DUE.source, 'giu'), ' ')
    .replace(new RegExp(DONE.source, 'gu'), ' ')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
  return { owner, due, dueColumn: dueMatch?.index ?? -1, done: DONE.exec(text)?.[1] ?? null, key };
}
