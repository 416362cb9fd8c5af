/**
 * The export document as Markdown to paste into a review tool (Workday, Lattice, a Google Doc), and
 * as HTML for print. Both lay the STAR table out as a block per competency, and end with the
 * numbered sources.
 */
import { plain, sourceLocation, type Block, type ExportDocument, type Span } from './document.ts';

/**
 * Markdown with as little syntax as a paste needs: headings, bullets and bold labels. Nothing is
 * escaped except a leading character that would start a block; tables become lists (review tools do
 * not take Markdown tables), the STAR rows become labelled paragraphs.
 */
export function renderMarkdown(doc: ExportDocument): string {
  const md = (spans: readonly Span[]) =>
    spans.map((s) => {
      if (s.cite) return ` [${s.cite.join(', ')}]`;
      const text = s.text.replace(/\*/g, '\\*');
      return s.bold && text.trim() ? `**${text.trim()}**${text.endsWith(' ') ? ' ' : ''}` : s.italic && text.trim() ? `_${text.trim()}_` : text;
    }).join('').replace(/[ \t]+/g, ' ').trim();
  const block = (b: Block): string => {
    switch (b.kind) {
      case 'heading':
        return `${'#'.repeat(b.level)} ${b.text}`;
      case 'paragraph':
        return md(b.spans).replace(/^([#>+-]|\d+\.)(\s)/, '\\$1$2');
      case 'list':
        return b.items.map((item) => `- ${md(item)}`).join('\n');
      case 'table':
        // A row as a line: "**Days logged:** 211 (…)" for a name and its value, else the other cells labelled.
        return b.rows.map(([first, ...rest]) => `- **${plain(first)}:** ${rest.length === 1 ? md(rest[0]) : rest.map((cell, i) => `${b.header[i + 1]}: ${md(cell)}`).join('; ')}`).join('\n');
      case 'entry':
        return [`### ${b.title}`, ...b.fields.map((f) => `**${f.label}:** ${md(f.spans)}`)].join('\n\n');
    }
  };
  return [
    `# ${doc.title}`,
    doc.cover,
    ...doc.blocks.map(block),
    ...(doc.sources.length > 0 ? ['## Sources', doc.sources.map((s) => `${s.n}. ${s.label}: ${sourceLocation(s)}`).join('\n')] : []),
  ].join('\n\n') + '\n';
}

/** A standalone HTML page for print (A4), with its own stylesheet: the document, not the site. */
export function renderHtml(doc: ExportDocument): string {
  const html = (spans: readonly Span[]) =>
    spans.map((s) => {
      if (s.cite) return ` <span class="cite">[${s.cite.map((n) => `<a href="#source-${n}">${n}</a>`).join(', ')}]</span>`;
      let text = escapeHtml(s.text).replace(/✅|⚠️?/g, (mark) => MARKS[mark.startsWith('✅') ? 'ok' : 'warn']);
      if (s.bold) text = `<strong>${text}</strong>`;
      if (s.italic) text = `<em>${text}</em>`;
      return text;
    }).join('');
  const block = (b: Block): string => {
    switch (b.kind) {
      case 'heading':
        return `<h${b.level}>${escapeHtml(b.text)}</h${b.level}>`;
      case 'paragraph':
        return `<p>${html(b.spans)}</p>`;
      case 'list':
        return `<ul>${b.items.map((item) => `<li>${html(item)}</li>`).join('')}</ul>`;
      case 'table':
        return `<table><thead><tr>${b.header.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${b.rows.map((row) => `<tr>${row.map((cell) => `<td>${html(cell)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
      case 'entry':
        return `<section class="entry"><h3>${html([{ text: b.title }])}</h3>${b.fields.map((f) => `<p class="field"><strong>${escapeHtml(f.label)}.</strong> ${html(f.spans)}</p>`).join('')}</section>`;
    }
  };
  const sources = doc.sources.length > 0
    ? `<h2>Sources</h2><ol class="sources">${doc.sources.map((s) => `<li id="source-${s.n}">${escapeHtml(s.label)}: <span class="path">${escapeHtml(sourceLocation(s))}</span></li>`).join('')}</ol>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(doc.title)}</title>
<style>${PRINT_CSS}</style>
</head>
<body>
<main>
<h1>${escapeHtml(doc.title)}</h1>
<p class="cover">${escapeHtml(doc.cover)}</p>
${doc.blocks.map(block).join('\n')}
${sources}
</main>
</body>
</html>
`;
}

/** ✅ and ⚠️ drawn inline, so they print whatever emoji fonts the machine has. */
const MARKS = {
  ok: '<svg class="mark" viewBox="0 0 16 16" role="img" aria-label="✅"><rect width="16" height="16" rx="3" fill="#1a7f37"/><path d="M4 8.5l2.5 2.5L12 5.5" stroke="#fff" stroke-width="2" fill="none"/></svg>',
  warn: '<svg class="mark" viewBox="0 0 16 16" role="img" aria-label="⚠️"><path d="M8 1l7.5 13.5h-15z" fill="#d4a017"/><path d="M8 6v4.2M8 11.6v1.4" stroke="#111" stroke-width="1.6"/></svg>',
};

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const PRINT_CSS = `
@page { size: A4; margin: 14mm 14mm 16mm; }
* { box-sizing: border-box; }
html { font: 9pt/1.38 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #111; }
body { margin: 0; }
h1 { font-size: 16pt; margin: 0 0 2pt; }
.cover { margin: 0 0 10pt; color: #333; font-size: 10pt; }
h2 { font-size: 12pt; margin: 12pt 0 4pt; padding-bottom: 2pt; border-bottom: 0.75pt solid #999; break-after: avoid; }
h3 { font-size: 10pt; margin: 8pt 0 2pt; break-after: avoid; }
p, li { margin: 0 0 3pt; orphans: 2; widows: 2; }
ul, ol { margin: 0 0 5pt; padding-left: 14pt; }
.entry { margin-bottom: 5pt; }
.entry .field { margin: 0 0 2pt; }
.mark { width: 0.95em; height: 0.95em; vertical-align: -0.12em; }
.cite { color: #444; font-size: 0.85em; white-space: nowrap; }
.cite a { color: inherit; text-decoration: none; }
table { width: 100%; border-collapse: collapse; margin: 3pt 0 6pt; font-size: 7.5pt; line-height: 1.25; }
th, td { border-bottom: 0.5pt solid #ccc; padding: 1pt 3pt; text-align: left; vertical-align: top; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
.sources { font-size: 7pt; line-height: 1.25; columns: 2; column-gap: 12pt; }
.sources li { break-inside: avoid; margin: 0; }
.sources .path { color: #555; overflow-wrap: anywhere; }
`;
