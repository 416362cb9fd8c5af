import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareDiagnostics, DIAGNOSTIC_CODES, type Diagnostic } from './diagnostics.ts';

describe('diagnostic codes', () => {
  it('are kebab-case and documented in docs/diagnostics.md', () => {
    const doc = readFileSync(new URL('../../docs/diagnostics.md', import.meta.url), 'utf8');
    for (const code of Object.keys(DIAGNOSTIC_CODES)) {
      expect(code).toMatch(/^[a-z]+(-[a-z]+)+$/);
      expect(doc).toContain(`| \`${code}\` |`);
    }
  });

  it('sort like a compiler prints them: file, line, column', () => {
    const d = (file: string, line: number, column: number): Diagnostic => ({ file, line, column, severity: 'error', code: 'file-empty', message: '' });
    const sorted = [d('b.md', 1, 1), d('a.md', 10, 1), d('a.md', 2, 5), d('a.md', 2, 1)].sort(compareDiagnostics);
    expect(sorted.map((x) => `${x.file}:${x.line}:${x.column}`)).toEqual(['a.md:2:1', 'a.md:2:5', 'a.md:10:1', 'b.md:1:1']);
  });
});
