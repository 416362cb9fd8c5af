/**
 * Wiki links of a whole body, read on its Markdown block structure: links in fenced or indented
 * code, HTML blocks and code spans are not links. `[[target]]`, `[[target|label]]`,
 * `[[target#heading]]`; Obsidian embeds (`![[image.png]]`) are not links.
 */
import type { Root, RootContent } from 'mdast';
import { parseStructure } from './markdown.ts';

export interface BodyLink {
  /** e.g. "2025-Q1/reliability", "2025-03-04", "sarah-chen"; ".md" removed. */
  target: string;
  /** After "#": a key result of an objective, else a heading; null without one. */
  anchor: string | null;
  line: number;
  column: number;
}

/** [[target#anchor|label]], not after "!" (an embed). */
export const WIKI_LINK = /(?<!!)\[\[([^\]|#\n]*?)(?:#([^\]|\n]*?))?(?:\|([^\]\n]*))?\]\]/g;
const CODE_SPAN = /(`+)[^`]*?\1/g;

/**
 * Every wiki link outside code, with file positions (`firstLine` is the body's first line in the
 * file); `tree` is the body as parseStructure parses it, when the caller has it already.
 */
export function parseBodyLinks(body: string, firstLine = 1, tree = parseStructure(body)): BodyLink[] {
  const links: BodyLink[] = [];
  const lineStarts = [0];
  for (let i = body.indexOf('\n'); i !== -1; i = body.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const position = (offset: number) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1 + firstLine - 1, column: offset - lineStarts[low] + 1 };
  };
  const visit = (node: RootContent | Root) => {
    if (node.type === 'code' || node.type === 'html') return;
    if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') {
      const start = node.position!.start.offset!;
      const text = body.slice(start, node.position!.end.offset!).replace(CODE_SPAN, (span) => ' '.repeat(span.length));
      for (const match of text.matchAll(WIKI_LINK)) {
        const target = match[1].trim().replace(/\.md$/, '');
        if (target) links.push({ target, anchor: match[2]?.trim() || null, ...position(start + match.index) });
      }
      return;
    }
    if ('children' in node) for (const child of node.children) visit(child as RootContent);
  };
  visit(tree);
  return links;
}
