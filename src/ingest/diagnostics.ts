/**
 * Problems in the user's files are values, never exceptions. Every diagnostic has a permanent
 * kebab-case code: users grep for them and docs/diagnostics.md explains each one.
 */
import { z } from 'zod';

/** Every code turbowork can report, with the one-line meaning shown in docs and `check --help`. */
export const DIAGNOSTIC_CODES = {
  'file-empty': 'The file has no content at all.',
  'file-not-text': 'The file is not UTF-8 text (binary, or invalid byte sequences).',
  'file-unrecognized': 'A Markdown file sits outside the folders turbowork reads.',
  'yaml-syntax': 'Front matter or journal.yml is not valid YAML.',
  'frontmatter-unterminated': 'Front matter opens with --- but never closes.',
  'frontmatter-invalid': 'A known front-matter key has the wrong type or value.',
  'config-invalid': 'A setting in journal.yml has the wrong type or value.',
  'private-unclear': 'A private key is not written as private: true or false, so the entry is treated as private.',
  'private-unreadable': 'Front matter that cannot be read mentions private, so the entry is treated as private.',
  'date-missing': 'An entry needs a date and neither its front matter nor its file name gives one.',
  'date-invalid': 'A date that does not exist on the calendar, such as 2025-02-30.',
  'date-mismatch': 'The front-matter date differs from the date in the file name.',
  'date-range-invalid': 'An end date falls before its start date.',
  'day-duplicate': 'Two daily logs describe the same day.',
  'period-invalid': 'A week or quarter is not written as YYYY-Www or YYYY-Qn, or does not exist.',
  'objective-period-missing': 'An objective has neither a quarter nor start and end dates.',
  'objective-unknown': 'A wiki link or okrs entry names an objective that does not exist.',
  'kr-unknown': 'A wiki link names a key result its objective does not have.',
  'kr-duplicate': 'Two key results in one objective share an id.',
  'series-missing': 'A 1:1 meeting folder has no _series.md describing the series.',
  'star-section-missing': 'An achievement lacks one of its Situation, Task, Action or Result sections.',
  'metric-incomplete': 'An achievement metric has a before or an after, but not both.',
} as const;

export const DiagnosticCode = z.enum(Object.keys(DIAGNOSTIC_CODES) as [keyof typeof DIAGNOSTIC_CODES]);
export type DiagnosticCode = z.infer<typeof DiagnosticCode>;

export const Diagnostic = z.object({
  /** Path relative to the journal root, with forward slashes, e.g. "daily/2025/2025-03-14.md". */
  file: z.string(),
  /** 1-based line; 1 when the problem concerns the whole file. */
  line: z.int().min(1),
  /** 1-based column. */
  column: z.int().min(1),
  /** Errors make `check` exit 1; warnings are advice. */
  severity: z.enum(['error', 'warning']),
  /** Permanent kebab-case code. */
  code: DiagnosticCode,
  /** What happened and what was expected. */
  message: z.string(),
  /** What to do about it. */
  hint: z.string().optional(),
});
export type Diagnostic = z.infer<typeof Diagnostic>;

/** Orders diagnostics as a compiler would print them: by file, then position. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.code.localeCompare(b.code);
}

/** A position in a file, 1-based, as diagnostics report it. */
export interface Position {
  line: number;
  column: number;
}
