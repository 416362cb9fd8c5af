/**
 * Writes the table of docs/diagnostics.md from the diagnostic catalogue (src/ingest/diagnostics.ts),
 * between its BEGIN/END markers. Run: npm run docs:diagnostics (a test fails when it is stale).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { renderDiagnosticsTable } from '../src/ingest/diagnostics.ts';

export const BEGIN = '<!-- BEGIN generated from src/ingest/diagnostics.ts by `npm run docs:diagnostics` -->';
export const END = '<!-- END generated -->';

const file = new URL('../docs/diagnostics.md', import.meta.url);
const doc = await readFile(file, 'utf8');
const start = doc.indexOf(BEGIN);
const end = doc.indexOf(END);
if (start === -1 || end === -1) throw new Error('docs/diagnostics.md lacks the BEGIN/END markers');
await writeFile(file, `${doc.slice(0, start + BEGIN.length)}\n${renderDiagnosticsTable()}\n${doc.slice(end)}`);
console.error('wrote the table of docs/diagnostics.md');
