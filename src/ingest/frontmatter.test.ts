import { describe, expect, it } from 'vitest';
import { parseFrontMatter, parseYaml, validateYaml } from './frontmatter.ts';
import { DailyLogMeta, ObjectiveMeta } from './schema.ts';

describe('parseFrontMatter', () => {
  it('splits front matter and body, with the body line', () => {
    const split = parseFrontMatter('---\nhours: 8\nenergy: 4\n---\n\n## Wins\n', 'a.md');
    expect(split.yaml?.data).toEqual({ hours: 8, energy: 4 });
    expect(split.body).toBe('\n## Wins\n');
    expect(split.bodyLine).toBe(5);
    expect(split.diagnostics).toEqual([]);
  });

  it('reads CRLF front matter without leaving "\\r" in values', () => {
    const split = parseFrontMatter('---\r\nhours: 8\r\nmood: good\r\n---\r\n## Wins\r\n', 'a.md');
    expect(split.yaml?.data).toEqual({ hours: 8, mood: 'good' });
    expect(split.bodyLine).toBe(5);
  });

  it('treats a file without front matter as all body', () => {
    expect(parseFrontMatter('## Wins\n- x\n', 'a.md')).toMatchObject({ yaml: null, bodyLine: 1, body: '## Wins\n- x\n' });
  });

  it('reports unterminated front matter and keeps the whole text as body', () => {
    const split = parseFrontMatter('---\nhours: 8\n\n## Wins\n', 'a.md');
    expect(split.yaml).toBeNull();
    expect(split.body).toBe('---\nhours: 8\n\n## Wins\n');
    expect(split.diagnostics).toMatchObject([{ line: 1, column: 1, code: 'frontmatter-unterminated', severity: 'error' }]);
  });

  it('reports YAML syntax errors with their line', () => {
    const split = parseFrontMatter('---\nhours: 8\ntags: [a, b\n---\n', 'a.md');
    expect(split.diagnostics).toMatchObject([{ code: 'yaml-syntax', severity: 'error' }]);
    expect(split.diagnostics[0].line).toBeGreaterThanOrEqual(3);
    expect(split.yaml?.data).toEqual({});
  });

  it('reports duplicate keys as YAML errors', () => {
    expect(parseFrontMatter('---\nhours: 8\nhours: 9\n---\n', 'a.md').diagnostics).toMatchObject([{ code: 'yaml-syntax', line: 3 }]);
  });
});

describe('validateYaml', () => {
  it('maps an issue to the key line and the value column, in the house message style', () => {
    const { source } = parseYaml('\nhours: 8\nenergy: high\n', 'd.md');
    const result = validateYaml(DailyLogMeta, source, 'd.md', 'frontmatter-invalid');
    expect(result.diagnostics).toEqual([
      {
        file: 'd.md', line: 3, column: 9, severity: 'error', code: 'frontmatter-invalid',
        message: 'Unexpected "high" for energy, expected an integer 1–5', hint: 'Correct energy, or remove it.',
      },
    ]);
    expect(result.value).toMatchObject({ hours: 8 });
    expect(result.value).not.toHaveProperty('energy');
  });

  it('drops only the bad list item of a nested list and keeps the rest', () => {
    const yaml = [
      '',
      'title: T',
      'key_results:',
      '  - id: a',
      '    title: A',
      '    start: 0',
      '    target: 10',
      '    check_ins:',
      '      - { date: 2025-01-05, value: 3 }',
      '      - { date: 2025-02-30, value: 4 }',
      '',
    ].join('\n');
    const { source } = parseYaml(yaml, 'o.md');
    const result = validateYaml(ObjectiveMeta, source, 'o.md', 'frontmatter-invalid');
    expect(result.diagnostics).toMatchObject([{ line: 10, code: 'date-invalid', message: expect.stringContaining('key_results[0].check_ins[1].date') }]);
    expect(result.value?.key_results[0].check_ins).toEqual([{ date: '2025-01-05', value: 3 }]);
  });

  it('returns null when a required key is missing', () => {
    const { source } = parseYaml('\nquarter: 2025-Q1\n', 'o.md');
    const result = validateYaml(ObjectiveMeta, source, 'o.md', 'frontmatter-invalid');
    expect(result.value).toBeNull();
    expect(result.diagnostics).toMatchObject([{ message: 'Missing title, expected string' }]);
  });
});

describe('positions of empty values', () => {
  it('point just past the key, never at column -1', () => {
    const { source } = parseYaml('\ntitle: T\nkey_results:\n  - id: a\n    title: A\n    start: 0\n    target: "x"\n    check_ins:\n', 'o.md');
    expect(source.locate(['key_results', 0, 'check_ins'])).toEqual({ line: 8, column: 15 });
    expect(source.locate(['key_results', 0, 'target'])).toEqual({ line: 7, column: 13 });
  });
});
