/**
 * What Pagefind reads of a page, so that the search index is sent only that (src/site/search.ts).
 *
 * Pagefind (1.x, with its default settings, as the site uses it) indexes the text of the elements
 * marked `data-pagefind-body` when the site has any, and skips whole subtrees: `<svg>`, `<script>`,
 * `<style>`, `<nav>`, `<footer>`, `<form>`, `<label>`, `<noscript>`, `<iframe>`, `<template>` and
 * any element marked `data-pagefind-ignore`. It still reads a few things anywhere in a page: the
 * `lang` of `<html>`, the first `<h1>` (the result's title) and `<title>`, the first `<img>` after a
 * title, any `data-pagefind-*` attribute (meta, filters, sort keys, weights), and the `id` of a
 * skipped element itself (an anchor). Of the ten-year site's 26 MB of pages, a third is inline
 * `<svg>` charts and a sixth the frame around `<main data-pagefind-body>`; Pagefind's time grows with
 * the markup it is sent, and the CLI's with the bytes.
 *
 * `searchable(html)` cuts a page to the `<html>` tag, the `<title>` and the body elements, without
 * the subtrees Pagefind skips; a subtree, or the frame, that holds any of the things Pagefind reads
 * anywhere is kept whole. What is left is sent with less markup: Pagefind handles each element (ten
 * attribute look-ups, a node, a handler for its end), but reads the text of a `<span>`, `<a>`,
 * `<strong>` and the like as if their tags were not there, and no attribute but the few above; such
 * tags go and other tags keep only their id (the ten-year site's pages go from 9.2 to 5.6 MB, a
 * fifth fewer tags). Pagefind's index of the cut page is the same, file for file, as of the whole
 * page (test/searchable.test.ts compares them on generated pages, and on the built sample site).
 *
 * The scan is linear: one pass over the tags (an HTML tokenizer's rules for tags, attributes,
 * comments and raw text), each element matched with its end tag, then prefix sums to ask whether a
 * range holds anything Pagefind reads. A page whose elements are not well nested (an end tag left
 * out or out of place, which HTML allows but nothing the site writes does) is sent whole.
 */

/** Elements whose subtree Pagefind skips (its parser's REMOVE_SELECTORS). */
const SKIPPED = new Set(['svg', 'script', 'style', 'noscript', 'label', 'form', 'nav', 'footer', 'iframe', 'template', 'head']);
/**
 * Text-level elements whose text Pagefind reads as if their tags were not there (its
 * INLINE_SELECTORS, but for those it skips or reads apart): without an id or a data-pagefind-*
 * attribute, their tags are not sent.
 */
const TEXT_LEVEL = new Set(['a', 'abbr', 'acronym', 'b', 'bdo', 'big', 'cite', 'code', 'dfn', 'em', 'i', 'kbd', 'q', 'samp', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'tt', 'var']);
/** Elements some of whose attributes Pagefind reads besides id and data-pagefind-*: the language, an image's source and text, a script's or stylesheet's address. */
const ATTRIBUTES_READ = new Set(['html', 'img', 'script', 'link']);
/** Pagefind's inline elements (its parser's INLINE_SELECTORS): one inside an element with an id adds its text to that anchor's. */
const INLINE = new Set(['a', 'abbr', 'acronym', 'b', 'bdo', 'big', 'br', 'button', 'cite', 'code', 'dfn', 'em', 'i', 'img', 'input', 'kbd', 'label', 'map', 'object', 'output', 'q', 'samp', 'script', 'select', 'small', 'span', 'strong', 'sub', 'sup', 'textarea', 'time', 'tt', 'var']);
/** Elements whose content is not HTML (each tag there stays as written). */
const FOREIGN = new Set(['svg', 'math']);
/** Elements with no end tag. */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr', 'param', 'keygen', 'frame', 'basefont', 'bgsound']);
/** Elements whose content is text up to their end tag (`<noscript>` too, as Pagefind's parser reads it). */
const RAW_TEXT = new Set(['script', 'style', 'title', 'textarea', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript']);

interface Tag {
  name: string;
  /** Offsets of the tag's `<`, just past its name, and just past its `>`. */
  start: number;
  nameEnd: number;
  end: number;
  closing: boolean;
  /** Whether the tag ends with "/>". */
  selfClosing: boolean;
  /** For a start tag: the index of its end tag in the list, or -1. */
  close: number;
  /** Whether the tag has data-pagefind-body, data-pagefind-ignore, another data-pagefind-* attribute, an id. */
  body: boolean;
  ignore: boolean;
  pagefind: boolean;
  id: boolean;
  /** The first id attribute, name to the end of its value (offsets), or -1. */
  idFrom: number;
  idTo: number;
}

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;
const [SLASH, GT, EQUALS, QUOTE, APOSTROPHE] = [0x2f, 0x3e, 0x3d, 0x22, 0x27];
const isLetter = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

/**
 * Reads the tag starting at `html[at] === '<'` whose name starts at `from` (an HTML tokenizer's tag
 * name, attribute name and value states); null when the page ends inside it.
 */
function readTag(html: string, at: number, from: number, closing: boolean): Tag | null {
  const n = html.length;
  let i = from;
  let c = html.charCodeAt(i);
  while (i < n && !isSpace(c) && c !== SLASH && c !== GT) c = html.charCodeAt(++i);
  const tag: Tag = { name: html.slice(from, i).toLowerCase(), start: at, nameEnd: i, end: 0, closing, selfClosing: false, close: -1, body: false, ignore: false, pagefind: false, id: false, idFrom: -1, idTo: -1 };
  let selfClosing = false;
  for (;;) {
    while (i < n && (isSpace(c) || c === SLASH)) {
      selfClosing = c === SLASH;
      c = html.charCodeAt(++i);
    }
    if (i >= n) return null;
    if (c === GT) break;
    selfClosing = false;
    const nameStart = i;
    c = html.charCodeAt(++i); // a first "=" belongs to the name
    while (i < n && !isSpace(c) && c !== SLASH && c !== GT && c !== EQUALS) c = html.charCodeAt(++i);
    // Only "id" and "data-pagefind-…" matter: other names are not read.
    const length = i - nameStart;
    const isId = length === 2 && (html.charCodeAt(nameStart) | 0x20) === 0x69 && (html.charCodeAt(nameStart + 1) | 0x20) === 0x64 && !tag.id;
    if (isId) [tag.id, tag.idFrom] = [true, nameStart];
    else if (length > 14 && (html.charCodeAt(nameStart) | 0x20) === 0x64) {
      const name = html.slice(nameStart, i).toLowerCase();
      if (name === 'data-pagefind-body') tag.body = true;
      else if (name === 'data-pagefind-ignore') tag.ignore = true;
      else if (name.startsWith('data-pagefind-')) tag.pagefind = true;
    }
    if (isId) tag.idTo = i;
    while (i < n && isSpace(c)) c = html.charCodeAt(++i);
    if (c !== EQUALS) continue;
    c = html.charCodeAt(++i);
    while (i < n && isSpace(c)) c = html.charCodeAt(++i);
    if (c === QUOTE || c === APOSTROPHE) {
      i = html.indexOf(c === QUOTE ? '"' : "'", i + 1);
      if (i === -1) return null;
      c = html.charCodeAt(++i);
    } else {
      while (i < n && !isSpace(c) && c !== GT) c = html.charCodeAt(++i);
    }
    if (isId) tag.idTo = i;

  }
  tag.end = i + 1;
  tag.selfClosing = selfClosing && !closing;
  return tag;
}

/** HTML start tags that end an `<svg>` or `<math>` early when met inside one (the HTML parser's rule). */
const BREAKS_OUT = new Set(['b', 'big', 'blockquote', 'body', 'br', 'center', 'code', 'dd', 'div', 'dl', 'dt', 'em', 'embed', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'head', 'hr', 'i', 'img', 'li', 'listing', 'menu', 'meta', 'nobr', 'ol', 'p', 'pre', 'ruby', 's', 'small', 'span', 'strong', 'strike', 'sub', 'sup', 'table', 'tt', 'u', 'ul', 'var', 'font']);
/** The end of each raw text element's content: "</name" then a space, "/" or ">", in any case. */
const RAW_TEXT_END = new Map([...RAW_TEXT].map((name) => [name, new RegExp(`</${name}[\\t\\n\\f\\r />]`, 'gi')]));

/**
 * Every tag of a page, in order (comments and raw text skipped), each start tag with the index of
 * its end tag; null when the elements are not well nested (an end tag that is not the last open
 * element's, or markup in an SVG's <style> or <title>): nothing of such a page is cut. A start tag that
 * would end an `<svg>` early is marked as read, so the `<svg>` is kept whole.
 */
function tags(html: string): Tag[] | null {
  const found: Tag[] = [];
  const open: number[] = [];
  let foreign = 0; // <svg> and <math> elements open
  let nested = true;
  const add = (tag: Tag) => {
    const index = found.push(tag) - 1;
    if (tag.closing) {
      const opened = open.pop();
      if (opened === undefined || found[opened].name !== tag.name) nested = false;
      else found[opened].close = index;
      if (tag.name === 'svg' || tag.name === 'math') foreign--;
      return;
    }
    if (foreign > 0 && BREAKS_OUT.has(tag.name)) tag.pagefind = true;
    // "/>" closes an element only where it can have no content.
    if (VOID.has(tag.name) || (tag.selfClosing && (foreign > 0 || tag.name === 'svg' || tag.name === 'math'))) return;
    open.push(index);
    if (tag.name === 'svg' || tag.name === 'math') foreign++;
  };
  const n = html.length;
  let i = html.indexOf('<');
  while (nested && i !== -1 && i < n - 1) {
    const c = html.charCodeAt(i + 1);
    let next: number;
    if (c === 0x21 /* ! */) {
      if (html.startsWith('<!--', i)) next = html.startsWith('<!-->', i) ? i + 5 : html.startsWith('<!--->', i) ? i + 6 : html.indexOf('-->', i + 4) + 3;
      else if (html.startsWith('<![CDATA[', i) && foreign > 0) next = html.indexOf(']]>', i) + 3;
      else next = html.indexOf('>', i) + 1;
      if (next <= i) break;
    } else if (c === 0x3f /* ? */ || (c === 0x2f /* / */ && !isLetter(html.charCodeAt(i + 2)))) {
      next = html.indexOf('>', i) + 1;
      if (next === 0) break;
    } else if (c === 0x2f || isLetter(c)) {
      const closing = c === 0x2f;
      const tag = readTag(html, i, i + (closing ? 2 : 1), closing);
      if (!tag) break;
      const raw = closing ? undefined : RAW_TEXT_END.get(tag.name);
      const inForeign = foreign > 0;
      add(tag);
      next = tag.end;
      if (raw) {
        raw.lastIndex = next;
        const match = raw.exec(html);
        const end = match && readTag(html, match.index, match.index + 2, true);
        if (!end) break;
        // Inside an SVG, a <style> or <title> holds markup, not text: a page with markup there is sent whole.
        if (inForeign && html.indexOf('<', next) < match.index) nested = false;
        add(end);
        next = end.end;
      }
    } else {
      next = i + 1;
    }
    i = html.indexOf('<', next);
  }
  return nested ? found : null;
}

/** Whether html[from, to) is only white space. */
function blank(html: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isSpace(html.charCodeAt(i))) return false;
  return true;
}

/** The part of a page Pagefind reads (see above): the page itself when there is nothing to cut. */
export function searchable(html: string): string {
  const all = tags(html);
  if (!all) return html;
  let [root, title] = [-1, -1];
  for (let i = 0; i < all.length && (root === -1 || title === -1); i++) {
    if (all[i].closing) continue;
    if (root === -1 && all[i].name === 'html') root = i;
    if (title === -1 && all[i].name === 'title') title = i;
  }
  if (root === -1) return html;
  const reads = (tag: Tag, i: number) => !tag.closing && (tag.pagefind || tag.body || tag.name === 'h1' || tag.name === 'img' || i === title);
  // sums[i]: the tags before the i-th that Pagefind reads wherever they are.
  const sums = new Uint32Array(all.length + 1);
  for (let i = 0; i < all.length; i++) sums[i + 1] = sums[i] + (reads(all[i], i) ? 1 : 0);

  // The body elements, each to its end tag (a body in a body is in the first).
  const bodies: [number, number][] = [];
  for (let i = 0; i < all.length; i++) {
    if (all[i].closing || !all[i].body) continue;
    if (all[i].close < 0 || i === root) {
      bodies.length = 0;
      break;
    }
    bodies.push([i, all[i].close]);
    i = all[i].close;
  }
  // Whether Pagefind's reading of the first <title> may depend on what it is in (an ignored or
  // skipped element other than <head>): then it is not moved, and what holds it is kept.
  const plainTitle = title !== -1 && !all.some((tag, i) => i < title && tag.close > title && (tag.ignore || (SKIPPED.has(tag.name) && tag.name !== 'head')));
  // The frame around them goes, but for the <html> tag and the first <title>, unless it holds
  // anything else Pagefind reads: a tag read anywhere, or text straight inside an element around a
  // body after that body (Pagefind adds such text to the body's).
  const inBody = (i: number) => bodies.some(([from, to]) => i > from && i < to);
  let framed = bodies.length > 0 && root < bodies[0][0] && (title === -1 || inBody(title) || (plainTitle && all[title].close >= 0));
  let [after, last] = [false, 0];
  for (let i = 0, b = 0; framed && i < all.length; i++) {
    const tag = all[i];
    if (after && !blank(html, last, tag.start)) framed = false;
    if (b < bodies.length && i === bodies[b][0]) {
      i = bodies[b++][1];
      after = true;
    } else if (!tag.closing && tag.close >= 0 && i !== root && !(b < bodies.length && bodies[b][0] < tag.close)) {
      // An element holding no body: what it holds is not straight inside an element around one.
      if (sums[tag.close + 1] - sums[i] - (title >= i && title <= tag.close ? 1 : 0) > 0) framed = false;
      i = tag.close;
    } else if (i !== root && i !== title && reads(tag, i)) framed = false;
    last = all[i].end;
  }
  if (after && !blank(html, last, html.length)) framed = false;

  // Within what is kept, the subtrees Pagefind skips go, unless they hold anything it reads. Tags
  // lose the attributes Pagefind does not read (all but an id, on an element with no data-pagefind-*
  // attribute whose other attributes Pagefind does not read either). Where `unwrap` allows, the
  // tags of text-level elements with neither go too: Pagefind reads their text as if they were not
  // there, but outside a body, in a body holding another, and in an ignored or skipped element, text
  // straight inside an element is read differently. What is in an <svg> or <math> stays as written.
  const parts: string[] = [];
  const keep = (from: number, to: number, unwrap: boolean) => {
    let at = all[from].start;
    const unwrapped = new Set<number>(); // the end tags of text-level elements whose tags go
    let asWrittenUntil = -1; // the end tag of the element the scan is in whose content stays as written
    let wrapUntil = -1; // the end tag of the ignored or skipped element the scan is in
    for (let i = from; i <= to; i++) {
      const tag = all[i];
      if (tag.closing) {
        if (i === asWrittenUntil) asWrittenUntil = -1;
        if (i === wrapUntil) wrapUntil = -1;
        if (unwrapped.has(i)) {
          parts.push(html.slice(at, tag.start));
          at = tag.end;
        }
        continue;
      }
      const element = tag.close >= 0 && tag.close <= to;
      const skipped = element && tag.name !== 'html' && tag.name !== 'body' && (tag.ignore || (SKIPPED.has(tag.name) && !tag.id));
      // An inline element holding elements is kept: the text of inline elements in it joins an
      // anchor's (a sub-result's title) around it, even when it is itself ignored.
      if (skipped && sums[tag.close + 1] - sums[i] === 0 && !(INLINE.has(tag.name) && tag.close > i + 1)) {
        parts.push(html.slice(at, tag.start));
        at = all[tag.close].end;
        i = tag.close;
        continue;
      }
      if (asWrittenUntil !== -1) continue;
      if (element && (tag.name === 'svg' || tag.name === 'math')) asWrittenUntil = tag.close;
      if (element && wrapUntil === -1 && (tag.ignore || SKIPPED.has(tag.name))) wrapUntil = tag.close;
      if (tag.pagefind || tag.body || tag.ignore || ATTRIBUTES_READ.has(tag.name) || FOREIGN.has(tag.name)) continue;
      parts.push(html.slice(at, tag.start));
      at = tag.end;
      if (!tag.id && element && unwrap && wrapUntil === -1 && TEXT_LEVEL.has(tag.name)) unwrapped.add(tag.close);
      else parts.push(html.slice(tag.start, tag.nameEnd), tag.id ? ` ${html.slice(tag.idFrom, tag.idTo)}` : '', tag.selfClosing ? ' />' : '>');
    }
    parts.push(html.slice(at, all[to].end));
  };
  if (!framed) {
    if (all.length === 0) return html;
    parts.push(html.slice(0, all[0].start));
    keep(0, all.length - 1, !all.some((tag) => tag.body));
    parts.push(html.slice(all.at(-1)!.end));
    return parts.join('');
  }
  parts.push(html.slice(0, all[root].end));
  if (title !== -1 && !inBody(title)) parts.push('<head>', html.slice(all[title].start, all[all[title].close].end), '</head>');
  for (const [from, to] of bodies) keep(from, to, !all.slice(from + 1, to).some((tag) => tag.body));
  parts.push('</html>');
  return parts.join('');
}
