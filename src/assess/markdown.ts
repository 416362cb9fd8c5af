/**
 * Markdown for drafts. Text from a model is untrusted: it is escaped so it cannot open HTML, links,
 * images or tables, and it is kept on one line so it cannot start a heading. The only HTML a draft
 * holds is ours: `<mark class="unverified">…</mark>` around a figure the grounding check could not
 * find in the inputs (the site styles it; on GitHub it shows highlighted).
 */
import { renderCitations, type Source, type SourceRegistry } from './checks/citations.ts';
import type { Evidence } from './checks/grounding.ts';

/** A statement a model (or the offline drafter) makes, with the ids of the entries it rests on. */
export interface Claim {
  text: string;
  sources: string[];
}

/** What rendering one draft needs and collects. */
export interface RenderContext {
  /** The draft's journal-relative path, e.g. "assessments/weeks/2025-W06.md"; links start here. */
  draftPath: string;
  sources: SourceRegistry;
  /** The cited entries' text and the period's report figures: what figures are checked against. */
  evidence: Evidence;
  /** Figures not found in the evidence, as written; filled while rendering. */
  unverified: Set<string>;
  /** Statements and what is wrong with their citations; filled while rendering. */
  findings: Finding[];
  /** Removes emails, phone numbers and secrets from journal text a draft quotes. */
  scrub: (text: string) => string;
}

/** A statement whose citations do not hold: none, an id that does not exist, or entries that say nothing of it. */
export interface Finding {
  kind: 'uncited' | 'unknown-source' | 'unsupported';
  /** The statement, shortened. */
  statement: string;
  /** The ids concerned (the unknown ones, or the cited ones that hold none of its figures). */
  ids: string[];
}

/** Escapes text so Markdown shows it literally: no HTML, links, images, code, tables or emphasis. */
export function escapeMarkdown(text: string): string {
  return escapeLineStart(escapeInline(text.replace(/\s+/g, ' ').trim()));
}

function escapeInline(text: string): string {
  return text
    .replace(/[\\`*_[\]|~]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

// A line that starts with "#", "-", "+", "=" or "1." would become a heading or a list.
function escapeLineStart(text: string): string {
  return text.replace(/^[#+=-]/, '\\$&').replace(/^(\d+)([.)])/, '$1\\$2');
}

/**
 * Model text as safe Markdown on one line, its figures checked against the entries `ids` cites and the
 * period's report figures; unverified figures and versions are marked. Returns whether the cited
 * entries hold none of its figures.
 */
export function renderChecked(text: string, ctx: RenderContext, ids: readonly string[] = []): { markdown: string; unsupported: boolean } {
  const clean = ctx.scrub(text).replace(/\s+/g, ' ').trim();
  const checked = ctx.evidence.check(clean, ids);
  const marks = [...checked.figures, ...checked.versions].filter((f) => !f.verified).sort((a, b) => a.index - b.index);
  let out = '';
  let at = 0;
  for (const f of marks) {
    if (f.index < at) continue;
    ctx.unverified.add(f.raw);
    out += `${escapeInline(clean.slice(at, f.index))}<mark class="unverified" title="not found in the cited entries or the period's figures">${escapeInline(f.raw)}</mark>`;
    at = f.index + f.raw.length;
  }
  return { markdown: escapeLineStart(out + escapeInline(clean.slice(at))), unsupported: checked.unsupported };
}

/** Model text as safe Markdown on one line, with unverified figures marked (see renderChecked). */
export function renderText(text: string, ctx: RenderContext, ids: readonly string[] = []): string {
  return renderChecked(text, ctx, ids).markdown;
}

/** The mark an uncited statement gets, in the text and on the site. */
export const UNCITED_MARK = '<mark class="uncited" title="this statement cites no entry">(no source)</mark>';

/**
 * The sources of a statement, resolved. Ids that do not exist are dropped and recorded with the
 * statement; a statement left without sources is recorded as uncited.
 */
export function claimSources(claim: Claim, ctx: RenderContext): Source[] {
  const sources = ctx.sources.resolve(claim.sources);
  const missing = claim.sources.filter((raw) => !ctx.sources.get(raw.trim().replace(/^\[|\]$/g, '')));
  if (missing.length > 0) ctx.findings.push({ kind: 'unknown-source', statement: shorten(claim.text), ids: missing });
  if (sources.length === 0) ctx.findings.push({ kind: 'uncited', statement: shorten(claim.text), ids: [] });
  return sources;
}

/** Records a statement whose cited entries hold none of its figures. */
export function noteUnsupported(text: string, sources: readonly Source[], unsupported: boolean, ctx: RenderContext): void {
  if (unsupported && sources.length > 0) ctx.findings.push({ kind: 'unsupported', statement: shorten(text), ids: sources.map((s) => s.id) });
}

/** A claim as text followed by its citation links; an uncited claim is marked. */
export function renderClaim(claim: Claim, ctx: RenderContext): string {
  const sources = claimSources(claim, ctx);
  const { markdown, unsupported } = renderChecked(claim.text, ctx, sources.map((s) => s.id));
  if (sources.length === 0) return `${markdown} ${UNCITED_MARK}`;
  noteUnsupported(claim.text, sources, unsupported, ctx);
  return markdown + renderCitations(ctx.draftPath, sources);
}

/** The first words of a statement, for notes and front matter. */
export function shorten(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, flat.lastIndexOf(' ', max) > max / 2 ? flat.lastIndexOf(' ', max) : max)}…`;
}

/** Claims as a bullet list, or a line saying there are none. */
export function renderBullets(claims: readonly Claim[], ctx: RenderContext, none = '_None recorded._'): string {
  if (claims.length === 0) return none;
  return claims.map((c) => `- ${renderClaim(c, ctx)}`).join('\n');
}

/** A Markdown table; cells are already-rendered Markdown, so pipes must be escaped by the caller. */
export function renderTable(header: readonly string[], rows: readonly string[][]): string {
  const line = (cells: readonly string[]) => `| ${cells.map((c) => c.replace(/\n/g, ' ') || ' ').join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

const numberFormats = new Map<number, Intl.NumberFormat>();

/** A number for prose: at most one decimal, thousands separated, e.g. 1234.56 → "1,234.6". */
export function formatNumber(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  let format = numberFormats.get(digits);
  if (!format) numberFormats.set(digits, (format = new Intl.NumberFormat('en-US', { maximumFractionDigits: digits })));
  // Rounding must not print "-0" for a tiny negative.
  return format.format(Number(value.toFixed(digits)) || 0);
}
