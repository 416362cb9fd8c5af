/**
 * A fast path for the block structure of simple entries: ATX headings, paragraphs and lists of
 * plain items, as journals are mostly written. It returns the mdast blocks remark would, as far as
 * sections read them: top-level blocks, and each list item's extent and first paragraph (nested
 * content is inside the item's extent, not modelled). A test in markdown.test.ts holds it to remark
 * on every sample and generated entry. It returns null as soon
 * as a line could mean anything subtler (code, HTML, quotes, tabs, setext headings, lazy lines
 * after nested content, ...), and remark reads that body instead. Ten years of journal parse in a
 * third of the time.
 */
import type { Heading, List, ListItem, Paragraph, Root, RootContent } from 'mdast';

interface Line {
  start: number;
  end: number;
  indent: number;
  text: string;
}

const SUBTLE = /^ {0,3}(?:```|~~~|<|>|(?:[-*_] *){3,}$|=+ *$)|\t|\r| $/;
const HEADING = /^ {0,3}(#{1,6})(?: +(.*?))?$/;
const ITEM = /^( {0,3})([-*+]|\d{1,9}[.)])( +)(?=\S)/;
const TASK = /^\[([ xX])\] +(?=\S)/;

/** Block structure of `body`, or null when it holds anything the fast path does not read. */
export function scanBlocks(body: string): Root | null {
  const lines = splitLines(body);
  if (lines.some((line) => SUBTLE.test(line.text))) return null;
  const children: RootContent[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.text === '') {
      i++;
      continue;
    }
    if (line.indent >= 4) return null; // indented code
    const heading = HEADING.exec(line.text);
    if (heading) {
      if (heading[2]?.endsWith('#')) return null;
      children.push(headingNode(heading[1].length, heading[2] ?? '', line, i));
      i++;
    } else if (ITEM.test(line.text)) {
      const list = scanList(lines, i);
      if (!list) return null;
      children.push(list.node);
      i = list.next;
    } else {
      const end = paragraphEnd(lines, i, 0);
      if (end === null) return null;
      children.push(paragraphNode(lines[i].start + line.indent, lines, i, end));
      i = end + 1;
    }
  }
  return { type: 'root', children };
}

function splitLines(body: string): Line[] {
  const lines: Line[] = [];
  for (let start = 0; start <= body.length; ) {
    let end = body.indexOf('\n', start);
    if (end === -1) end = body.length;
    const text = body.slice(start, end);
    lines.push({ start, end, indent: text.length - text.trimStart().length, text: text.trim() === '' ? '' : text });
    start = end + 1;
  }
  return lines;
}

/** The last line of a paragraph starting at `from`, whose lines need at least `indent` (lazy lines aside); null when unclear. */
function paragraphEnd(lines: Line[], from: number, indent: number): number | null {
  let last = from;
  for (let j = from + 1; j < lines.length; j++) {
    const line = lines[j];
    if (line.text === '') break;
    if (line.indent >= indent && line.indent - indent < 4 ? startsBlock(line.text.slice(indent)) : startsBlock(line.text)) {
      // A heading ends any paragraph; a list item ends an item's paragraph (a sibling or a nested
      // list follows). Whether an item may interrupt a top-level paragraph has subtle rules: remark decides.
      if (HEADING.test(line.text.trimStart()) || indent > 0) break;
      return null;
    }
    last = j;
  }
  return last;
}

function startsBlock(text: string): boolean {
  return ITEM.test(text) || HEADING.test(text) || /^ {0,3}[-*+]$/.test(text);
}

function scanList(lines: Line[], from: number): { node: List; next: number } | null {
  const first = ITEM.exec(lines[from].text)!;
  const bullet = first[2].replace(/^\d+/, '');
  const items: ListItem[] = [];
  let i = from;
  let spread = false;
  while (i < lines.length) {
    const match = ITEM.exec(lines[i].text);
    if (!match || match[2].replace(/^\d+/, '') !== bullet) break;
    if (match[3].length > 4) return null; // code inside the item
    const item = scanItem(lines, i, match);
    if (!item) return null;
    items.push(item.node);
    i = item.next;
    // Blank lines, then another item of this list: the list goes on.
    let j = i;
    while (j < lines.length && lines[j].text === '') j++;
    if (j < lines.length && j > i) {
      const next = ITEM.exec(lines[j].text);
      if (next && next[2].replace(/^\d+/, '') === bullet) {
        spread = true;
        i = j;
        continue;
      }
    }
    if (j > i) break; // blank lines end the list
    if (i < lines.length && lines[i].text !== '' && !ITEM.test(lines[i].text)) return null; // a lazy line after nested content
  }
  const last = items.at(-1)!;
  return {
    node: { type: 'list', ordered: /\d/.test(first[2]), spread, children: items, position: { start: items[0].position!.start, end: last.position!.end } },
    next: i,
  };
}

function scanItem(lines: Line[], from: number, match: RegExpExecArray): { node: ListItem; next: number } | null {
  const line = lines[from];
  const contentIndent = match[1].length + match[2].length + match[3].length;
  const task = TASK.exec(line.text.slice(contentIndent));
  const paragraphStart = line.start + contentIndent + (task ? task[0].length : 0);
  const end = paragraphEnd(lines, from, contentIndent);
  if (end === null) return null;
  // Nested content: every following line indented to the item's content, blank lines between.
  let last = end;
  for (let j = end + 1; j < lines.length; j++) {
    if (lines[j].text === '') continue;
    if (lines[j].indent < contentIndent) break;
    if (lines[j].indent - contentIndent >= 4) return null;
    last = j;
  }
  if (last > end && lines.slice(end + 1, last).some((l) => l.text === '')) return null; // loose nested content
  const paragraph = paragraphNode(paragraphStart, lines, from, end);
  return {
    node: {
      type: 'listItem',
      checked: task ? task[1] !== ' ' : null,
      spread: false,
      children: [paragraph],
      position: { start: point(lines, from, line.start + match[1].length), end: point(lines, last, lines[last].end) },
    },
    next: last + 1,
  };
}

function headingNode(depth: number, text: string, line: Line, index: number): Heading {
  return {
    type: 'heading',
    depth: depth as Heading['depth'],
    children: text ? [{ type: 'text', value: text }] : [],
    position: { start: { line: index + 1, column: line.indent + 1, offset: line.start + line.indent }, end: { line: index + 1, column: line.end - line.start + 1, offset: line.end } },
  };
}

function paragraphNode(start: number, lines: Line[], from: number, to: number): Paragraph {
  return { type: 'paragraph', children: [], position: { start: point(lines, from, start), end: point(lines, to, lines[to].end) } };
}

function point(lines: Line[], index: number, offset: number) {
  return { line: index + 1, column: offset - lines[index].start + 1, offset };
}
