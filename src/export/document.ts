/**
 * An assessment draft as a document to hand over: read from the draft file as the person left it
 * (their edits included), parsed with remark, and turned into plain blocks that the Markdown, HTML
 * (PDF) and Word renderers lay out. Links to journal files become numbered citations with a sources
 * list; the STAR table becomes one block per competency, which reads on paper and pastes into a
 * review tool; the generator's note to the person is left out.
 */
import { posix } from 'node:path';
import type { PhrasingContent, Root, RootContent, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { parse as parseYaml } from 'yaml';

/** A run of text; `cite` holds source numbers, rendered as "[1, 2]". */
export interface Span {
  text: string;
  bold?: boolean;
  italic?: boolean;
  cite?: number[];
}

export type Block =
  | { kind: 'heading'; level: 2 | 3; text: string }
  | { kind: 'paragraph'; spans: Span[] }
  | { kind: 'list'; items: Span[][] }
  | { kind: 'table'; header: string[]; rows: Span[][][] }
  /** One row of a table laid out as a block: a title and labelled fields (the STAR table). */
  | { kind: 'entry'; title: string; fields: { label: string; spans: Span[] }[] };

/** A cited journal file: its number, the link's label, and where it is. */
export interface DocumentSource {
  n: number;
  label: string;
  path: string;
  line: number | null;
  /** The place in the file when it is not a line: "kr-uptime", "m-2026-03-05", "fig-days". */
  anchor: string | null;
}

export interface ExportDocument {
  title: string;
  /** "Nadia Brandt · Senior Software Engineer · Self-assessment 2026, 1 January to 31 December 2026 (as of 20 November 2026)". */
  cover: string;
  blocks: Block[];
  sources: DocumentSource[];
}

export interface DocumentContext {
  /** The draft's path in the journal, e.g. "assessments/years/2026.md": citations resolve from it. */
  draftPath: string;
  person: { name?: string; role?: string };
  /** The period's first and last day. */
  period: { id: string; start: string; end: string };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** "20 November 2026". */
export function longDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** Builds the document from a draft file's text. */
export function parseDraftDocument(fileText: string, ctx: DocumentContext): ExportDocument {
  const match = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(fileText);
  let generated: string | null = null;
  if (match) {
    try {
      const meta = parseYaml(match[1]) as { generated?: unknown } | null;
      generated = typeof meta?.generated === 'string' ? meta.generated : null;
    } catch {
      generated = null;
    }
  }
  const tree = unified().use(remarkParse).use(remarkGfm).parse(match ? match[2] : fileText) as Root;
  const sources = new Sources(ctx.draftPath);
  let title = '';
  const blocks: Block[] = [];
  for (const node of tree.children) {
    if (node.type === 'heading' && node.depth === 1) {
      title ||= toString(node);
      continue;
    }
    blocks.push(...toBlocks(node, sources));
  }
  const period = `${longDate(ctx.period.start)} to ${longDate(ctx.period.end)}`;
  const asOf = generated && generated < ctx.period.end ? ` (as of ${longDate(generated)})` : '';
  title ||= `Self-assessment ${ctx.period.id}`;
  const cover = [ctx.person.name, ctx.person.role, `${period}${asOf}`].filter(Boolean).join(' · ');
  return { title, cover, blocks: citeUnderHeadings(blocks), sources: sources.list };
}

/** A "Sources: [1]" line closing a subsection moves up to its heading: "1. Cut quote latency [1]". */
function citeUnderHeadings(blocks: Block[]): Block[] {
  const out: Block[] = [];
  let heading: Extract<Block, { kind: 'heading' }> | null = null;
  for (const block of blocks) {
    if (block.kind === 'heading') heading = block.level === 3 ? block : null;
    const cites = block.kind === 'paragraph' && /^Sources:\s*$/.test(block.spans[0]?.text ?? '') && block.spans.slice(1).every((s) => s.cite) ? block.spans.slice(1).flatMap((s) => s.cite!) : null;
    if (cites && heading) {
      heading.text += ` [${cites.join(', ')}]`;
      continue;
    }
    out.push(block);
  }
  return out;
}

/** Numbers journal links in order of first use; one number per file and line. */
class Sources {
  readonly list: DocumentSource[] = [];
  private readonly byKey = new Map<string, DocumentSource>();
  private readonly draftPath: string;
  constructor(draftPath: string) {
    this.draftPath = draftPath;
  }

  /** The source a link points at, or null for a link that leaves the journal (kept as a link). */
  resolve(url: string, label: string): DocumentSource | null {
    // A figure of the draft's own table (#fig-days): the source is that table's line.
    if (url.startsWith('#fig-')) return this.add(`${this.draftPath}${url}`, () => ({ label: `${label} (figures of this assessment)`, path: this.draftPath, line: null, anchor: url.slice(1) }));
    if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('#') || url.startsWith('/')) return null;
    const [file, hash] = url.split('#');
    const path = posix.normalize(posix.join(posix.dirname(this.draftPath), decodeURI(file)));
    if (path.startsWith('..')) return null;
    const line = /^L(\d+)$/.exec(hash ?? '')?.[1];
    return this.add(`${path}#${hash ?? ''}`, () => ({ label, path, line: line ? Number(line) : null, anchor: !line && hash ? decodeURIComponent(hash) : null }));
  }

  private add(key: string, make: () => Omit<DocumentSource, 'n'>): DocumentSource {
    let source = this.byKey.get(key);
    if (!source) {
      source = { n: this.list.length + 1, ...make() };
      this.byKey.set(key, source);
      this.list.push(source);
    }
    return source;
  }
}

function toBlocks(node: RootContent, sources: Sources): Block[] {
  switch (node.type) {
    case 'heading':
      return [{ kind: 'heading', level: node.depth <= 2 ? 2 : 3, text: toString(node) }];
    case 'paragraph':
      return [{ kind: 'paragraph', spans: spansOf(node.children, sources) }];
    case 'list':
      return [{ kind: 'list', items: node.children.map((item) => item.children.flatMap((child) => (child.type === 'paragraph' ? spansOf(child.children, sources) : [{ text: ` ${toString(child)}` }]))) }];
    case 'table':
      return [tableBlock(node, sources)].flat();
    case 'blockquote':
      // The generator's note to the person ("No model wrote this draft…") is not for the reader.
      return /turbowork|No model wrote this draft/i.test(toString(node)) ? [] : node.children.flatMap((child) => toBlocks(child, sources));
    case 'code':
      return [{ kind: 'paragraph', spans: [{ text: node.value }] }];
    default:
      return [];
  }
}

/** A table; the STAR table (its first column is the competency) becomes one entry per row. */
function tableBlock(node: Table, sources: Sources): Block | Block[] {
  const [head, ...body] = node.children;
  const header = head.children.map((cell) => toString(cell));
  const rows = body.map((row) => row.children.map((cell) => spansOf(cell.children, sources)));
  if (/^competency/i.test(header[0] ?? '')) {
    return rows.map((cells) => ({
      kind: 'entry' as const,
      title: plain(cells[0] ?? []),
      fields: header.slice(1).map((label, i) => ({ label, spans: cells[i + 1] ?? [] })).filter((f) => plain(f.spans).trim() !== ''),
    }));
  }
  return { kind: 'table', header, rows };
}

/** Inline Markdown as spans; journal links become citations, "(a, b)" around them collapses into "[1, 2]". */
function spansOf(nodes: readonly PhrasingContent[], sources: Sources, style: Omit<Span, 'text'> = {}): Span[] {
  const spans: Span[] = [];
  for (const node of nodes) {
    if (node.type === 'text') spans.push({ ...style, text: node.value });
    else if (node.type === 'inlineCode') spans.push({ ...style, text: node.value });
    else if (node.type === 'strong') spans.push(...spansOf(node.children, sources, { ...style, bold: true }));
    else if (node.type === 'emphasis') spans.push(...spansOf(node.children, sources, { ...style, italic: true }));
    else if (node.type === 'break') spans.push({ ...style, text: ' ' });
    // Anchors of the figures table and the marks of unverified figures (their text is a sibling).
    else if (node.type === 'html') continue;
    else if (node.type === 'link') {
      const label = toString(node);
      const source = sources.resolve(node.url, label);
      spans.push(source ? { text: '', cite: [source.n] } : { ...style, text: label === node.url ? label : `${label} (${node.url})` });
    } else if ('children' in node) spans.push(...spansOf(node.children as PhrasingContent[], sources, style));
    else if ('value' in node) spans.push({ ...style, text: String(node.value) });
  }
  return collapseCitations(spans);
}

/** Merges "(" cite ", " cite ")" into one citation span, and drops a "Sources:" label before one. */
function collapseCitations(spans: Span[]): Span[] {
  const out: Span[] = [];
  for (const span of spans) {
    const last = out.at(-1);
    const beforeLast = out.at(-2);
    if (span.cite && last && !last.cite && /^,\s*$/.test(last.text) && beforeLast?.cite) {
      out.pop();
      // A number once per group: an edited draft may link one place twice.
      beforeLast.cite.push(...span.cite.filter((n) => !beforeLast.cite!.includes(n)));
      continue;
    }
    out.push(span.cite ? { text: '', cite: [...span.cite] } : { ...span });
  }
  for (let i = 0; i < out.length; i++) {
    if (!out[i].cite) continue;
    const prev = out[i - 1];
    const next = out[i + 1];
    if (prev && !prev.cite && /\($/.test(prev.text) && next && !next.cite && /^\)/.test(next.text)) {
      prev.text = prev.text.replace(/\s*\($/, '');
      next.text = next.text.slice(1);
    }
  }
  return out.filter((s) => s.cite || s.text !== '');
}

/** The text of spans, citations as "[1, 2]". */
export function plain(spans: readonly Span[]): string {
  return spans.map((s) => (s.cite ? ` [${s.cite.join(', ')}]` : s.text)).join('').replace(/\s+/g, ' ').trim();
}

/** "okrs/2026-Q4/external.md, line 14". */
export function sourceLocation(source: DocumentSource): string {
  return source.line ? `${source.path}, line ${source.line}` : source.anchor ? `${source.path}#${source.anchor}` : source.path;
}
