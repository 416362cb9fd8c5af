/**
 * Citations: every entry in a prompt carries a stable id ("win-2025-02-07-1", "kr-3fa9c2"), the model
 * cites those ids, and the draft links each to its source file relative to the draft's own location
 * ("../../daily/2025/2025-02-07.md#L12"), so links work in a pull request on GitHub. The site build
 * rewrites those links to site routes (src/site/routes.ts).
 */
import { hash } from 'node:crypto';
import { posix } from 'node:path';

/** Where a cited id points. */
export interface Source {
  /** The id the prompt shows, e.g. "win-2025-02-07-1". */
  id: string;
  /** Journal-relative path, e.g. "daily/2025/2025-02-07.md". */
  path: string;
  /** 1-based line, or null for the whole file. */
  line: number | null;
  /** An anchor in the file that names the entry, e.g. "kr-latency", "m-2026-03-04", "fig-wins"; else the line is linked. */
  anchor?: string;
  /** Link text, e.g. "2025-02-07" or "2025-Q1/reliability#uptime". */
  label: string;
}

/** A short id that names an entry without repeating its (possibly redacted) words, e.g. "kr-3fa9c2". */
export function opaqueId(prefix: string, path: string, line: number | null): string {
  return `${prefix}-${hash('sha1', `${path}:${line ?? 0}`).slice(0, 6)}`;
}

/** The ids a draft may cite, and the ids it cited that do not exist. */
export class SourceRegistry {
  readonly #byId = new Map<string, Source>();
  /** Ids the model cited that the prompt never gave, in order of appearance. */
  readonly unknown = new Set<string>();

  /** Registers a source; an id already naming another place gets a suffix, and the stored source is returned. */
  add(source: Source): Source {
    const existing = this.#byId.get(source.id);
    if (existing && existing.path === source.path && existing.line === source.line && existing.anchor === source.anchor) return existing;
    const unique = existing ? { ...source, id: `${source.id}-${hash('sha1', `${source.path}:${source.line}`).slice(0, 4)}` } : source;
    this.#byId.set(unique.id, unique);
    return unique;
  }

  /** Every registered source, in order of registration. */
  all(): Source[] {
    return [...this.#byId.values()];
  }

  get(id: string): Source | undefined {
    return this.#byId.get(id);
  }

  /** The known sources among `ids` (deduplicated, in order); unknown ids are recorded and dropped. */
  resolve(ids: readonly string[]): Source[] {
    const out: Source[] = [];
    for (const raw of ids) {
      const id = raw.trim().replace(/^\[|\]$/g, '');
      const source = this.#byId.get(id);
      if (!source) this.unknown.add(raw);
      else if (!out.includes(source)) out.push(source);
    }
    return out;
  }
}

/** The link from a draft (journal-relative path) to a source, e.g. "../../daily/2025/2025-02-07.md#L12". */
export function relativeLink(draftPath: string, source: Pick<Source, 'path' | 'line' | 'anchor'>): string {
  if (source.anchor && source.path === draftPath) return `#${source.anchor}`;
  const target = posix.relative(posix.dirname(draftPath), source.path);
  return source.anchor ? `${target}#${source.anchor}` : source.line ? `${target}#L${source.line}` : target;
}

/** " ([2025-02-07](../../daily/…#L12), [2025-Q1/reliability](…))" for a bullet's sources, or "". */
export function renderCitations(draftPath: string, sources: readonly Source[]): string {
  if (sources.length === 0) return '';
  // Two sources in one place (two action items of one meeting) are one link.
  const links = [...new Set(sources.map((s) => `[${escapeLabel(s.label)}](${encodeURI(relativeLink(draftPath, s))})`))];
  return ` (${links.join(', ')})`;
}

function escapeLabel(label: string): string {
  return label.replace(/[\\[\]<>&|*_`]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`));
}
