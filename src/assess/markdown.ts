/**
 * Markdown for drafts. Text from a model is untrusted: it is escaped so it cannot open HTML, links,
 * images or tables, and it is kept on one line so it cannot start a heading. The only HTML a draft
 * holds is ours: `<mark class="unverified">…</mark>` around a figure the grounding check could not
 * find in the inputs (the site styles it; on GitHub it shows highlighted).
 */
import { renderCitations, type Source, type SourceRegistry } from './citations.ts';
import { checkText, type KnownNumbers } from './grounding.ts';

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
  known: KnownNumbers;
  /** Figures not found in the inputs, as written; filled while rendering. */
  unverified: Set<string>;
  /** Removes emails, phone numbers and secrets from journal text a draft quotes. */
  scrub: (text: string) => string;
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

/** Model text as safe Markdown on one line, with unverified figures marked. */
export function renderText(text: string, ctx: RenderContext): string {
  const spans = checkText(ctx.scrub(text).replace(/\s+/g, ' ').trim(), ctx.known, ctx.unverified);
  const out = spans
    .map((span) => (!span.figure || span.verified ? escapeInline(span.text) : `<mark class="unverified" title="not found in the journal">${escapeInline(span.text)}</mark>`))
    .join('');
  return escapeLineStart(out);
}

/** The sources of a claim, resolved (unknown ids are recorded in the registry and dropped). */
export function claimSources(claim: Claim, ctx: RenderContext): Source[] {
  return ctx.sources.resolve(claim.sources);
}

/** A claim as text followed by its citation links. */
export function renderClaim(claim: Claim, ctx: RenderContext): string {
  return renderText(claim.text, ctx) + renderCitations(ctx.draftPath, claimSources(claim, ctx));
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
