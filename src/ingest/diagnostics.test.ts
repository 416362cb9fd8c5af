import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, compareDiagnostics, diagnose, DIAGNOSTIC_CODES, renderDiagnosticsTable, type Diagnostic } from './diagnostics.ts';

describe('diagnostic codes', () => {
  it('are kebab-case, and docs/diagnostics.md holds the table generated from the catalogue (npm run docs:diagnostics)', () => {
    const doc = readFileSync(new URL('../../docs/diagnostics.md', import.meta.url), 'utf8');
    for (const code of Object.keys(DIAGNOSTIC_CODES)) {
      expect(code).toMatch(/^[a-z]+(-[a-z]+)+$/);
      expect(doc).toContain(`| \`${code}\` |`);
    }
    expect(doc).toContain(`-->\n${renderDiagnosticsTable()}\n<!-- END generated -->`);
  });

  it('take every text from the catalogue', () => {
    const d = diagnose('key-unknown', { file: 'journal.yml', line: 3, column: 1 }, { key: 'treshholds', where: 'journal.yml', known: ['thresholds'], suggestions: ['thresholds'] });
    expect(d).toEqual({
      file: 'journal.yml', line: 3, column: 1, severity: 'warning', code: 'key-unknown',
      message: 'Unknown key "treshholds" in journal.yml; its value is kept but not read',
      hint: 'Did you mean thresholds? Rename it, or remove it.',
    });
    for (const entry of Object.values(CATALOGUE)) expect(entry.explanation.length).toBeGreaterThan(20);
  });

  it('sort like a compiler prints them: file, line, column', () => {
    const d = (file: string, line: number, column: number): Diagnostic => ({ file, line, column, severity: 'error', code: 'file-empty', message: '' });
    const sorted = [d('b.md', 1, 1), d('a.md', 10, 1), d('a.md', 2, 5), d('a.md', 2, 1)].sort(compareDiagnostics);
    expect(sorted.map((x) => `${x.file}:${x.line}:${x.column}`)).toEqual(['a.md:2:1', 'a.md:2:5', 'a.md:10:1', 'b.md:1:1']);
  });
});
