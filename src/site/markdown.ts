/**
 * Journal Markdown → safe HTML for the site: unified → remark (GFM) → rehype → rehype-sanitize.
 * Entries and model output are untrusted: raw HTML is parsed, then everything GitHub's schema does
 * not allow is removed, so <script>, event handlers, `javascript:` URLs, frames and styles never
 * reach a page. Wiki links are resolved on the Markdown tree (never inside code), by what they
 * point at: a link that resolves becomes a link, one that does not is its label as plain text.
 */
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import type { Link, Root, Text } from 'mdast';
import { createRequire } from 'node:module';
import type { Options as SanitizeSchema } from 'rehype-sanitize';
import type { Plugin } from 'unified';
import { SKIP, visit } from 'unist-util-visit';
import { WIKI_LINK } from '../ingest/links.ts';

const require = createRequire(import.meta.url);

/** GitHub's sanitize schema, plus the classes our own rendering adds (e.g. unverified numbers). */
function sanitizeSchema(defaultSchema: SanitizeSchema): SanitizeSchema {
  return {
    ...defaultSchema,
    tagNames: [...(defaultSchema.tagNames ?? []), 'mark'],
    attributes: {
      ...defaultSchema.attributes,
      a: [...(defaultSchema.attributes?.a ?? []), ['className', 'wikilink', 'citation']],
      mark: [['className', 'unverified']],
    },
    clobberPrefix: 'md-',
  };
}

/**
 * Fits rendered Markdown into a page: its headings go one level down, as the page's title is its
 * only h1 (an entry's "# Notes" becomes an h2), and a task item's checkbox is named by the item's
 * text, for screen readers. Runs after the sanitizer: it adds nothing a user wrote.
 */
function rehypeFitPage() {
  return (tree: HastRoot) =>
    visit(tree, 'element', (node: Element) => {
      const level = /^h([1-5])$/.exec(node.tagName);
      if (level) node.tagName = `h${Number(level[1]) + 1}`;
      const checkbox = node.tagName === 'li' ? node.children.find((child): child is Element => child.type === 'element' && child.tagName === 'input') : undefined;
      if (checkbox) checkbox.properties.ariaLabel = itemText(node.children).trim();
    });
}

/** A list item's own text, without its nested lists. */
function itemText(nodes: ElementContent[]): string {
  return nodes.map((node) => (node.type === 'text' ? node.value : node.type === 'element' && !['ul', 'ol'].includes(node.tagName) ? itemText(node.children) : '')).join('');
}

/** Site-relative URL of a wiki link's target (and anchor after "#"); null when it points at nothing. */
export type LinkResolver = (target: string, anchor: string | null) => string | null;

/** A wiki link's label and URL (null: unresolved), from WIKI_LINK's groups: [[target#anchor|label]]. */
function wikiLink(target: string, anchor: string | undefined, alias: string | undefined, resolve: LinkResolver): { label: string; href: string | null } {
  const name = target.trim().replace(/\.md$/, '');
  const label = (alias?.trim() || (anchor?.trim() ? `${name} › ${anchor.trim()}` : name)).replace(/[[\]]/g, '');
  return { label, href: name ? resolve(name, anchor?.trim() || null) : null };
}

/**
 * Wiki links in the tree's text become links (or their label as text, when unresolved). Code spans
 * and code blocks are other node types, so links inside code stay as written; so does text already
 * inside a link.
 */
const remarkWikiLinks: Plugin<[LinkResolver | undefined], Root> = (resolve) => (tree) => {
  if (!resolve) return;
  visit(tree, (node, index, parent) => {
    if (node.type === 'link' || node.type === 'linkReference') return SKIP;
    if (node.type !== 'text' || !parent || index === undefined || !node.value.includes('[[')) return;
    const parts: (Text | Link)[] = [];
    let from = 0;
    for (const match of node.value.matchAll(WIKI_LINK)) {
      const { label, href } = wikiLink(match[1], match[2], match[3], resolve);
      if (match.index > from) parts.push({ type: 'text', value: node.value.slice(from, match.index) });
      parts.push(href === null ? { type: 'text', value: label } : { type: 'link', url: href, children: [{ type: 'text', value: label }] });
      from = match.index + match[0].length;
    }
    if (parts.length === 0) return;
    if (from < node.value.length) parts.push({ type: 'text', value: node.value.slice(from) });
    parent.children.splice(index, 1, ...(parts as typeof parent.children));
    return [SKIP, index + parts.length];
  });
};

/**
 * The pipelines per resolver (one per build). Raw HTML is parsed (so drafts can mark unverified
 * numbers) and then sanitized with the rest; text with no "<" has none to parse, and skips parse5
 * (a third faster). unified, remark and rehype load on first use: where every body is simple
 * (renderSimple), as in a render process that draws only charts, they never load (0.2 s of CPU).
 */
const pipelines = new WeakMap<LinkResolver, { raw: Pipeline; plain: Pipeline }>();
let unresolved: { raw: Pipeline; plain: Pipeline } | undefined;
type Pipeline = ReturnType<typeof build>;
function build(raw: boolean, resolve?: LinkResolver) {
  const { unified } = require('unified') as typeof import('unified');
  const { default: remarkParse } = require('remark-parse') as typeof import('remark-parse');
  const { default: remarkGfm } = require('remark-gfm') as typeof import('remark-gfm');
  const { default: remarkRehype } = require('remark-rehype') as typeof import('remark-rehype');
  const { default: rehypeRaw } = require('rehype-raw') as typeof import('rehype-raw');
  const { default: rehypeSanitize, defaultSchema } = require('rehype-sanitize') as typeof import('rehype-sanitize');
  const { default: rehypeStringify } = require('rehype-stringify') as typeof import('rehype-stringify');
  return (raw
    ? unified().use(remarkParse).use(remarkGfm).use(remarkWikiLinks, resolve).use(remarkRehype, { allowDangerousHtml: true }).use(rehypeRaw)
    : unified().use(remarkParse).use(remarkGfm).use(remarkWikiLinks, resolve).use(remarkRehype)
  ).use(rehypeSanitize, sanitizeSchema(defaultSchema)).use(rehypeFitPage).use(rehypeStringify).freeze();
}

/**
 * Renders Markdown to sanitized HTML. Wiki links are resolved with `resolve`. A simple body
 * (renderSimple) is written directly; anything else goes through the pipeline (`pipeline` forces
 * it, for tests), which parses raw HTML only when the text has a "<" (`raw` says otherwise).
 */
export function renderMarkdown(markdown: string, resolve?: LinkResolver, { raw = markdown.includes('<'), pipeline = false } = {}): string {
  const simple = pipeline ? null : renderSimple(markdown, resolve);
  if (simple !== null) return simple;
  let built = resolve ? pipelines.get(resolve) : (unresolved ??= { raw: build(true), plain: build(false) });
  if (!built) pipelines.set(resolve!, (built = { raw: build(true, resolve), plain: build(false, resolve) }));
  return String((raw ? built.raw : built.plain).processSync(literalMarkers(markdown)));
}

/**
 * The most emphasis and bracket characters a paragraph may hold and still be read as markup.
 * micromark pairs them up in time that grows with the square of their number: 12,000 characters of
 * `*a_` take 20 s, 50,000 `*` several minutes. Past the limit they are written as they are.
 */
const MAX_MARKERS = 256;
const MARKERS = /[*_[\]]/g;

/** `markdown` with the markers of every paragraph holding more than MAX_MARKERS escaped. */
function literalMarkers(markdown: string): string {
  if ((markdown.match(MARKERS)?.length ?? 0) <= MAX_MARKERS) return markdown;
  return markdown
    .split(/(\n[ \t]*\n)/)
    .map((block) => ((block.match(MARKERS)?.length ?? 0) > MAX_MARKERS ? block.replace(MARKERS, '\\$&') : block))
    .join('');
}

const SIMPLE_HEADING = /^(#{1,6}) (\S.*)$/;
const SIMPLE_ITEM = /^([-*+]) (\S.*)$/;
const SIMPLE_TASK = /^\[([ xX])\] (\S.*)$/;
// A line (or a list item's text) starting with one of these could be a block marker of some kind:
// a list item, a heading, a quote, a thematic break, a setext underline, a fence, indented code.
const MARKER_START = /^(?:[\s\-+*#>=_~`|<]|\d+[.)])/;

/**
 * The HTML of a body made only of ATX headings, paragraphs and tight bullet lists of one-line
 * items (task items too), with plain text and wiki links, as the pipeline would write it; null
 * for anything else (the pipeline renders it). Nearly every daily log is this simple. A test holds
 * the two to the same output on every sample and generated entry. Text with any character that
 * HTML or Markdown would treat specially never takes this path, so nothing here needs escaping.
 */
export function renderSimple(markdown: string, resolve?: LinkResolver): string | null {
  const blocks: string[] = [];
  let paragraph: string[] = [];
  let list = null as { marker: string; items: string[]; tasks: boolean } | null;
  let blank = false;
  const close = () => {
    if (paragraph.length > 0) blocks.push(`<p>${paragraph.join('\n')}</p>`);
    if (list) blocks.push(`<ul${list.tasks ? ' class="contains-task-list"' : ''}>\n${list.items.join('\n')}\n</ul>`);
    paragraph = [];
    list = null;
  };
  for (const line of markdown.split('\n')) {
    if (line === '') {
      blank = true;
      continue;
    }
    // Tabs, carriage returns and NULs are left to the pipeline.
    if (/[\t\r\0]/.test(line)) return null;
    const heading = SIMPLE_HEADING.exec(line);
    const item = heading ? null : SIMPLE_ITEM.exec(line);
    if (heading) {
      const text = heading[2].endsWith('#') ? null : plainWithWikiLinks(heading[2], resolve);
      if (text === null) return null;
      close();
      const level = Math.min(heading[1].length + 1, 6); // one level down, as rehypeFitPage does
      blocks.push(`<h${level}>${text}</h${level}>`);
    } else if (item) {
      const task = SIMPLE_TASK.exec(item[2]);
      const text = plainWithWikiLinks(task ? task[2] : item[2], resolve);
      // After a blank line, a list would go on loose, or end: both left to the pipeline.
      if (text === null || (blank && list)) return null;
      if (list?.marker !== item[1]) {
        close();
        list = { marker: item[1], items: [], tasks: false };
      }
      if (task) list.tasks = true;
      // The checkbox is named by the item's text (rehypeFitPage); a plain line has no markup but links and quotes.
      const name = ` ${text}`.replace(/<[^>]*>/g, '').trim().replace(/"/g, '&#x22;').replace(/'/g, '&#x27;');
      list.items.push(task ? `<li class="task-list-item"><input type="checkbox"${task[1] === ' ' ? '' : ' checked'} disabled aria-label="${name}"> ${text}</li>` : `<li>${text}</li>`);
    } else {
      const text = plainWithWikiLinks(line, resolve);
      // A line right after a list item would continue it (a lazy line).
      if (text === null || (list && !blank)) return null;
      if (blank || list) close();
      paragraph.push(text);
    }
    blank = false;
  }
  close();
  return blocks.join('\n');
}

// Most lines are plain words, some with wiki links: they need escaping and links, not a Markdown
// pipeline. Any character Markdown or HTML treats specially sends a line to the pipeline; so do an
// email address (a '@' right after a character of one) and a URL, which GFM links.
const MARKUP = /[\\`*_[\]<>&!~|\0]|[\w.+-]@|https?:|www\./i;
const PLAIN_HREF = /^[\w\-./#]*$/;
/** Rendered lines, per link resolver (one per build). */
const inlineCaches = new WeakMap<LinkResolver, Map<string, string>>();

/**
 * Renders one line of Markdown (a win, a feedback item) without the wrapping <p>. Lines repeat
 * across pages, so results are kept.
 */
export function renderInline(markdown: string, resolve: LinkResolver): string {
  let cache = inlineCaches.get(resolve);
  if (!cache) inlineCaches.set(resolve, (cache = new Map()));
  let html = cache.get(markdown);
  if (html === undefined) {
    html = plainWithWikiLinks(markdown, resolve) ?? renderMarkdown(markdown, resolve).replace(/^<p>([\s\S]*)<\/p>\n?$/, '$1');
    cache.set(markdown, html);
  }
  return html;
}

/**
 * The HTML of a line whose only markup is wiki links (with plain labels and URLs), as the pipeline
 * would write it inside a paragraph; null for any other text: one that spans lines, starts or ends
 * with white space, or starts like a block. A test holds the two to the same output.
 */
function plainWithWikiLinks(markdown: string, resolve?: LinkResolver): string | null {
  if (markdown.includes('\n') || MARKER_START.test(markdown) || /\s$/.test(markdown)) return null;
  let html = '';
  let from = 0;
  for (const match of resolve ? markdown.matchAll(WIKI_LINK) : []) {
    const { label, href } = wikiLink(match[1], match[2], match[3], resolve!);
    const text = markdown.slice(from, match.index);
    if (MARKUP.test(text) || MARKUP.test(label) || (href !== null && !PLAIN_HREF.test(href))) return null;
    html += href === null ? `${text}${label}` : `${text}<a href="${href}">${label}</a>`;
    from = match.index + match[0].length;
  }
  const rest = markdown.slice(from);
  return MARKUP.test(rest) ? null : html + rest;
}
