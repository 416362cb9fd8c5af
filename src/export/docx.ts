/**
 * The export document as a Word file through the `docx` library: real headings (Heading 1–3), bullet
 * and numbered lists, tables with a header row, and the STAR rows as a heading and labelled
 * paragraphs each, so it opens in Word and LibreOffice with its structure intact.
 */
import { AlignmentType, Document, HeadingLevel, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { sourceLocation, type Block, type ExportDocument, type Span } from './document.ts';

const runs = (spans: readonly Span[]) =>
  spans.map((s) => (s.cite ? new TextRun({ text: ` [${s.cite.join(', ')}]`, color: '555555' }) : new TextRun({ text: s.text, bold: s.bold, italics: s.italic })));

function blocks(b: Block): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'heading':
      return [new Paragraph({ text: b.text, heading: b.level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3 })];
    case 'paragraph':
      return [new Paragraph({ children: runs(b.spans), spacing: { after: 120 } })];
    case 'list':
      return b.items.map((item) => new Paragraph({ children: runs(item), bullet: { level: 0 } }));
    case 'table':
      return [new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [
          new TableRow({ tableHeader: true, children: b.header.map((h) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: h, bold: true })] })] })) }),
          ...b.rows.map((row) => new TableRow({ children: row.map((cell) => new TableCell({ children: [new Paragraph({ children: runs(cell) })] })) })),
        ],
      })];
    case 'entry':
      return [
        new Paragraph({ text: b.title, heading: HeadingLevel.HEADING_3 }),
        ...b.fields.map((f) => new Paragraph({ children: [new TextRun({ text: `${f.label}. `, bold: true }), ...runs(f.spans)], spacing: { after: 80 } })),
      ];
  }
}

/** The .docx file's bytes. */
export async function renderDocx(doc: ExportDocument): Promise<Buffer> {
  const file = new Document({
    title: doc.title,
    creator: 'turbowork',
    numbering: { config: [{ reference: 'sources', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START }] }] },
    sections: [{
      children: [
        new Paragraph({ text: doc.title, heading: HeadingLevel.HEADING_1 }),
        new Paragraph({ children: [new TextRun({ text: doc.cover, italics: true })], spacing: { after: 240 } }),
        ...doc.blocks.flatMap(blocks),
        ...(doc.sources.length > 0
          ? [
            new Paragraph({ text: 'Sources', heading: HeadingLevel.HEADING_2 }),
            // Numbered by Word, in the order of their numbers in the text.
            ...doc.sources.map((s) => new Paragraph({ numbering: { reference: 'sources', level: 0 }, children: [new TextRun(`${s.label}: `), new TextRun({ text: sourceLocation(s), color: '555555' })] })),
          ]
          : []),
      ],
    }],
  });
  return Packer.toBuffer(file);
}
