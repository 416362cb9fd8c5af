/**
 * Markdown bodies → sections and list items, with positions in the file. Parsing only: the site
 * renders bodies with its own sanitizing pipeline.
 */
import type { Heading, List, ListItem as MdListItem, Paragraph, Root, RootContent, Text } from 'mdast';
import type { CompileContext, Extension as FromMarkdownExtension, Token } from 'mdast-util-from-markdown';
import { toString } from 'mdast-util-to-string';
import { createRequire } from 'node:module';
import type { Processor } from 'unified';
import { diagnose, type Diagnostic } from './diagnostics.ts';
import { countLines } from './frontmatter.ts';
import { normalizeName } from './suggest.ts';

const require = createRequire(import.meta.url);

/**
 * Reading entries needs block structure (sections, list items) and GFM task-list items (`- [x]`),
 * never inline markup: item text is sliced from the source as written. So inline constructs are
 * off, and of GFM only task lists are on; tables, autolinks and emphasis matter for rendering, and
 * skipping them halves the parse time. Block structure is the same as a full parse's, except that
 * a GFM table reads as a paragraph, which changes nothing entries are read for.
 */
function remarkStructure(this: Processor): void {
  const { gfmTaskListItem } = require('micromark-extension-gfm-task-list-item') as typeof import('micromark-extension-gfm-task-list-item');
  const data = this.data();
  const inline = ['attention', 'autolink', 'characterEscape', 'characterReference', 'codeText', 'hardBreakEscape', 'htmlText', 'labelStartImage', 'labelStartLink', 'labelEnd'];
  (data.micromarkExtensions ??= []).push(gfmTaskListItem(), { disable: { null: inline } });
  (data.fromMarkdownExtensions ??= []).push(taskListItemFromMarkdown);
}

/**
 * The tree side of GFM task-list items, as mdast-util-gfm-task-list-item 2.0.1 builds it: the list
 * item's `checked`, and its first paragraph starting after the blank that follows `[x]`. Written
 * here because that package's one module also holds its Markdown writer, which imports
 * mdast-util-to-markdown (about 60 modules, 25–48 ms of every command that parses; docs/benchmarks.md).
 * `markdown.property.test.ts` holds the two to the same trees.
 */
const taskListItemFromMarkdown: FromMarkdownExtension = {
  exit: {
    taskListCheckValueChecked: exitCheck,
    taskListCheckValueUnchecked: exitCheck,
    paragraph: exitParagraphAfterCheck,
  },
};

function exitCheck(this: CompileContext, token: Token): void {
  // Always in a paragraph, in a list item.
  const item = this.stack[this.stack.length - 2] as MdListItem;
  item.checked = token.type === 'taskListCheckValueChecked';
}

function exitParagraphAfterCheck(this: CompileContext, token: Token): void {
  const parent = this.stack[this.stack.length - 2];
  if (parent?.type === 'listItem' && typeof parent.checked === 'boolean') {
    const paragraph = this.stack[this.stack.length - 1] as Paragraph;
    const head = paragraph.children[0];
    if (head?.type === 'text' && parent.children.find((child) => child.type === 'paragraph') === paragraph) {
      head.value = head.value.slice(1); // the space or tab after the check
      if (head.value.length === 0) paragraph.children.shift();
      else if (paragraph.position && head.position && typeof head.position.start.offset === 'number') {
        head.position.start.column++;
        head.position.start.offset++;
        paragraph.position.start = { ...head.position.start };
      }
    }
  }
  this.exit(token);
}

let parser: Processor<Root> | undefined;

/**
 * The parser of bodies simpleTree does not read (exported so a test can hold it to a full GFM
 * parse). remark and micromark load on first use: on a journal of simple bodies, `log` and `new`
 * never load them.
 */
export function structureParser(): Processor<Root> {
  if (!parser) {
    const { unified } = require('unified') as typeof import('unified');
    const { default: remarkParse } = require('remark-parse') as typeof import('remark-parse');
    parser = unified().use(remarkParse).use(remarkStructure).freeze();
  }
  return parser;
}

/**
 * A body's block structure: simpleTree's when the body is simple (nearly every generated and
 * hand-written daily log), else structureParser's. The two give the same tree on a simple body.
 */
export function parseStructure(body: string): Root {
  return simpleTree(body) ?? structureParser().parse(body);
}

// What simpleTree reads: an ATX heading, a bullet item of one line (a task item too), a line of a
// paragraph. A line with white space at either end, or a control character, is not simple.
const SIMPLE_HEADING = /^(#{1,6}) (\S.*)$/;
const SIMPLE_ITEM = /^([-*+]) (\S.*)$/;
const SIMPLE_TASK = /^\[([ xX])\] \S/;
const NOT_SIMPLE_LINE = /^\s|\s$|[\0-\x1f\x7f]/;
// A paragraph (or an item's text) starting with one of these could be a block of another kind:
// a list item, a heading, a quote, a thematic break, a setext underline, a fence, indented code,
// HTML, a definition ("[a]: url").
const BLOCK_START = /^(?:[-+*#>=_~`|<[]|\d+[.)])/;

/**
 * The tree structureParser gives a body made only of ATX headings, paragraphs of plain lines and
 * tight bullet lists of one-line items (task items too), with its positions; null for any other
 * body (structureParser reads it). Parsing entries needs no inline markup, so a line's text is its
 * text node as written. A property test holds the two parsers to the same tree
 * (markdown.property.test.ts); a body that could be read two ways is not simple.
 */
export function simpleTree(body: string): Root | null {
  const children: RootContent[] = [];
  let paragraph = null as { node: Paragraph; text: Text } | null;
  let list = null as { node: List; marker: string } | null;
  let blank = false;
  let line = 0;
  let start = 0;
  for (let end = 0; end !== body.length; start = end + 1) {
    line++;
    end = body.indexOf('\n', start);
    if (end === -1) end = body.length;
    // A line ends at "\n" or "\r\n" (a lone "\r" ends one too, and is left to the parser).
    const textEnd = end > start && end < body.length && body.charCodeAt(end - 1) === 13 ? end - 1 : end;
    if (textEnd === start) {
      blank = true;
      paragraph = null;
      continue;
    }
    const text = body.slice(start, textEnd);
    if (NOT_SIMPLE_LINE.test(text)) return null;
    const at = (from: number): NonNullable<Text['position']> => ({ start: { line, column: from - start + 1, offset: from }, end: { line, column: textEnd - start + 1, offset: textEnd } });
    const heading = SIMPLE_HEADING.exec(text);
    const item = heading ? null : SIMPLE_ITEM.exec(text);
    if (heading) {
      if (text.endsWith('#')) return null; // a closing sequence
      const depth = heading[1].length as Heading['depth'];
      children.push({ type: 'heading', depth, children: [{ type: 'text', value: heading[2], position: at(start + depth + 1) }], position: at(start) });
      paragraph = null;
      list = null;
    } else if (item) {
      // After a blank line, a list would go on loose: left to the parser.
      if (blank && list) return null;
      const task = SIMPLE_TASK.test(item[2]);
      if (!task && BLOCK_START.test(item[2])) return null;
      const from = start + (task ? 6 : 2);
      const content: Text = { type: 'text', value: body.slice(from, textEnd), position: at(from) };
      const listItem: MdListItem = {
        type: 'listItem',
        spread: false,
        checked: task ? item[2][1] !== ' ' : null,
        children: [{ type: 'paragraph', children: [content], position: at(from) }],
        position: at(start),
      };
      if (list?.marker !== item[1]) {
        list = { node: { type: 'list', ordered: false, start: null, spread: false, children: [], position: at(start) }, marker: item[1] };
        children.push(list.node);
      }
      list.node.children.push(listItem);
      list.node.position!.end = at(start).end;
      paragraph = null;
    } else {
      // A line right after a list item would continue it (a lazy line).
      if (BLOCK_START.test(text) || (list && !blank)) return null;
      list = null;
      if (paragraph) {
        // Lines of a paragraph are its text as written, line endings included.
        paragraph.text.value = body.slice(paragraph.node.position!.start.offset, textEnd);
        paragraph.text.position!.end = paragraph.node.position!.end = at(start).end;
      } else {
        const node: Paragraph = { type: 'paragraph', children: [{ type: 'text', value: text, position: at(start) }], position: at(start) };
        paragraph = { node, text: node.children[0] as Text };
        children.push(node);
      }
    }
    blank = false;
  }
  const lastLine = body.lastIndexOf('\n') + 1;
  return { type: 'root', children, position: { start: { line: 1, column: 1, offset: 0 }, end: { line: Math.max(line, 1), column: body.length - lastLine + 1, offset: body.length } } };
}

/** One top-level list item of a section. */
export interface Item {
  /** The item's first paragraph as written (Markdown), e.g. "Cut p95 from 850ms to 120ms #perf". */
  text: string;
  /** The whole item as written, nested lists included, without its bullet. */
  markdown: string;
  /** Task-list state: true for `- [x]`, false for `- [ ]`, null for a plain item. */
  checked: boolean | null;
  line: number;
  column: number;
}

/** The content under one section heading (subheadings that name no section included). */
export interface Section {
  /** The canonical name from the kind's synonyms, e.g. "wins" for "## Accomplishments"; null when unknown. */
  name: string | null;
  /** The heading as written. */
  heading: string;
  /** The heading's level, 1–6; 0 for the preamble. */
  depth: number;
  line: number;
  /** The section's Markdown, heading excluded. */
  markdown: string;
  items: Item[];
  /** Offset in the body just after the heading line's text (0 for the preamble). */
  headingEnd: number;
  /** Offset in the body where the section's last block ends (= headingEnd when it has none). */
  contentEnd: number;
  /** The mdast type of the section's last block, e.g. "list"; null when it has none. */
  lastBlock: string | null;
}

/** Canonical section name → the headings that mean it (compared as normalizeName writes them). */
export type Synonyms = Record<string, readonly string[]>;

/**
 * Splits a body into sections. A heading at any level starts a section when it names one (ignoring
 * case, emoji, markup and trailing punctuation: "### ✅ Wins:" is wins); a heading that names none
 * starts an unnamed section, unless it is deeper than the current named section's heading, where it
 * is a subheading of it ("## Wins" › "### Project A" are wins). Content before the first heading is
 * a section with heading "". `firstLine` is the file line on which the body starts; `tree` is the
 * body as parseStructure parses it, when the caller has it already.
 */
export function parseSections(body: string, synonyms: Synonyms, firstLine = 1, tree = parseStructure(body)): Section[] {
  const lookup = headingLookup(synonyms);
  const sections: Section[] = [];
  let current: Section = { name: null, heading: '', depth: 0, line: firstLine, markdown: '', items: [], headingEnd: 0, contentEnd: 0, lastBlock: null };
  const close = (end: number) => {
    current.markdown = body.slice(current.headingEnd, end).trim();
    if (current.heading || current.markdown) sections.push(current);
  };
  for (const node of tree.children) {
    if (node.type === 'heading') {
      const heading = toString(node).trim();
      const name = lookup.get(normalizeName(heading)) ?? null;
      if (name !== null || current.name === null || node.depth <= current.depth) {
        close(offset(node, 'start'));
        current = {
          name,
          heading,
          depth: node.depth,
          line: node.position!.start.line + firstLine - 1,
          markdown: '',
          items: [],
          headingEnd: offset(node, 'end'),
          contentEnd: offset(node, 'end'),
          lastBlock: null,
        };
        continue;
      }
    }
    // A loop, not push(...items): spreading 130,000 bullets as arguments overflows the stack.
    if (node.type === 'list') for (const item of listItems(node, body, firstLine)) current.items.push(item);
    current.contentEnd = offset(node, 'end');
    current.lastBlock = node.type;
  }
  close(body.length);
  return sections;
}

/** Each heading of `synonyms` as normalizeName writes it → its section: made once per synonyms object, not for every body. */
const lookups = new WeakMap<Synonyms, ReadonlyMap<string, string>>();
function headingLookup(synonyms: Synonyms): ReadonlyMap<string, string> {
  let lookup = lookups.get(synonyms);
  if (!lookup) {
    const made = new Map<string, string>();
    for (const [name, headings] of Object.entries(synonyms)) for (const h of headings) made.set(normalizeName(h), name);
    lookups.set(synonyms, (lookup = made));
  }
  return lookup;
}

function listItems(list: List, body: string, firstLine: number): Item[] {
  return list.children.map((item: MdListItem) => {
    const first = item.children[0];
    const start = first ? offset(first, 'start') : offset(item, 'end');
    const firstEnd = first ? offset(first, 'end') : start;
    return {
      text: body.slice(start, firstEnd).replace(/\s*\r?\n\s*/g, ' ').trim(),
      markdown: body.slice(start, offset(item, 'end')).trim(),
      checked: item.checked ?? null,
      line: (first ?? item).position!.start.line + firstLine - 1,
      column: (first ?? item).position!.start.column,
    };
  });
}

function offset(node: RootContent | MdListItem, edge: 'start' | 'end'): number {
  return node.position![edge].offset!;
}

/**
 * How deep a body may nest lists and quotes, counted as the columns of indentation and `>` markers
 * before a line's text: about 50 levels of nested list. Parsing costs grow with the square of the
 * depth (a list nested 1,000 levels deep takes minutes), and rendering recurses once per level.
 */
export const MAX_NESTING_COLUMNS = 100;

/** A diagnostic for the first line nested deeper than MAX_NESTING_COLUMNS, or null. */
export function validateNesting(body: string, file: string, firstLine = 1): Diagnostic | null {
  const prefix = /^[ \t>]*/gm;
  for (let match = prefix.exec(body); match; match = prefix.exec(body)) {
    const columns = match[0].replaceAll('\t', '    ').length;
    if (columns > MAX_NESTING_COLUMNS) {
      return diagnose('markdown-too-deep', { file, line: countLines(body, match.index) + firstLine - 1, column: 1 }, { columns, limit: MAX_NESTING_COLUMNS });
    }
    if (match[0].length === 0) prefix.lastIndex++; // an empty match would not advance
  }
  return null;
}

/** Items of every section with this canonical name (a heading may repeat; its items are merged). */
export function itemsOf(sections: readonly Section[], name: string): Item[] {
  return sections.filter((s) => s.name === name).flatMap((s) => s.items);
}

/** Markdown of every section with this canonical name, joined. */
export function markdownOf(sections: readonly Section[], name: string): string {
  return sections
    .filter((s) => s.name === name)
    .map((s) => s.markdown)
    .join('\n\n');
}
