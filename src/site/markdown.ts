/**
 * Journal Markdown → safe HTML for the site: unified → remark (GFM) → rehype → rehype-sanitize.
 * Entries and model output are untrusted: raw HTML is parsed, then everything GitHub's schema does
 * not allow is removed, so <script>, event handlers, `javascript:` URLs, frames and styles never
 * reach a page. Wiki links are resolved on the Markdown tree (never inside code), by what they
 * point at: a link that resolves becomes a link, one that does not is its label as plain text.
 */
import rehypeRaw from 'rehype-raw';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified, type Plugin } from 'unified';
import type { Link, Root, Text } from 'mdast';
import { SKIP, visit } from 'unist-util-visit';
import { WIKI_LINK } from '../ingest/links.ts';

/** GitHub's sanitize schema, plus the classes our own rendering adds (e.g. unverified numbers). */
const schema: SanitizeSchema = {
  ...defaultSchema,
  tagNames: [...(defaultSchema.tagNames ?? []), 'mark'],
  attributes: {
    ...defaultSchema.attributes,
    a: [...(defaultSchema.attributes?.a ?? []), ['className', 'wikilink', 'citation']],
    mark: [['className', 'unverified']],
  },
  clobberPrefix: 'md-',
};

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
 * (a third faster).
 */
const pipelines = new WeakMap<LinkResolver, { raw: ReturnType<typeof build>; plain: ReturnType<typeof build> }>();
function build(raw: boolean, resolve?: LinkResolver) {
  return (raw
    ? unified().use(remarkParse).use(remarkGfm).use(remarkWikiLinks, resolve).use(remarkRehype, { allowDangerousHtml: true }).use(rehypeRaw)
    : unified().use(remarkParse).use(remarkGfm).use(remarkWikiLinks, resolve).use(remarkRehype)
  ).use(rehypeSanitize, schema).use(rehypeStringify).freeze();
}
const unresolved = { raw: build(true), plain: build(false) };

/**
 * Renders Markdown to sanitized HTML. Wiki links are resolved with `resolve`. A simple body
 * (renderSimple) is written directly; anything else goes through the pipeline (`pipeline` forces
 * it, for tests), which parses raw HTML only when the text has a "<" (`raw` says otherwise).
 */
export function renderMarkdown(markdown: string, resolve?: LinkResolver, { raw = markdown.includes('<'), pipeline = false } = {}): string {
  const simple = pipeline ? null : renderSimple(markdown, resolve);
  if (simple !== null) return simple;
  let built = resolve ? pipelines.get(resolve) : unresolved;
  if (!built) pipelines.set(resolve!, (built = { raw: build(true, resolve), plain: build(false, resolve) }));
  return String((raw ? built.raw : built.plain).processSync(markdown));
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
      blocks.push(`<h${heading[1].length}>${text}</h${heading[1].length}>`);
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
      list.items.push(task ? `<li class="task-list-item"><input type="checkbox"${task[1] === ' ' ? '' : ' checked'} disabled> ${text}</li>` : `<li>${text}</li>`);
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
