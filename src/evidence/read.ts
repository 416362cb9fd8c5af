/**
 * Imported evidence as table rows: every evidence/**\/*.jsonl file of the journal read, and parsed
 * and validated only when the files changed since the cache last loaded them (the key says); a bad
 * line is a diagnostic on that line and the rest still load. Plus, when asked, the entries' history
 * from the journal's git, read only when HEAD moved since the cache last loaded it (its own key).
 */
import { hash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Row } from '../db/tables.ts';
import { diagnose, type Diagnostic } from '../ingest/diagnostics.ts';
import { parseEvidence, readEvidenceFiles, type BadLine } from './store.ts';

/** The code that turns evidence files into rows: when it changes, loaded rows are stale too. */
const PARSER_SOURCE = ['read.ts', 'store.ts', 'git.ts', 'ics.ts', 'history.ts'].map((name) => readFileSync(new URL(name, import.meta.url), 'utf8')).join('\n');

/** Rows of the imported-evidence tables, and the problems found in their files. */
export interface EvidenceRows {
  commits: Row<'commits'>[];
  calendar_events: Row<'calendar_events'>[];
  diagnostics: Diagnostic[];
}

/** The evidence of a journal as read, before parsing. */
export interface Evidence {
  /** A hash of every evidence file's path and text, and of the code parsing them: unchanged means the loaded rows are current. */
  key: string;
  /** Parses and validates the files (the costly part, skipped when the key is unchanged; git's and the calendar's records load only for it). */
  parse(): Promise<EvidenceRows>;
  /** When each entry was written; null when not asked for. */
  history: EntryHistoryRows | null;
}

/** The entries' history as rows, read on demand. */
export interface EntryHistoryRows {
  /** Unchanged means the loaded rows are current (HEAD, the journal's place in git and this code are); null: always read (a shallow clone). */
  key: string | null;
  /** Reads the journal's git log (outside git: no rows). */
  rows(): Promise<Row<'entry_history'>[]>;
}

/** No evidence at all. */
export const NO_EVIDENCE: Evidence = { key: '', parse: async () => ({ commits: [], calendar_events: [], diagnostics: [] }), history: null };

/** Reads the evidence files, and the journal's git history when `history` is asked for (build, assess). */
export async function readEvidence(journalDir: string, { history = false } = {}): Promise<Evidence> {
  const [commitFiles, calendarFiles, source] = await Promise.all([
    readEvidenceFiles(journalDir, 'commits'),
    readEvidenceFiles(journalDir, 'calendar'),
    history ? import('./history.ts').then(({ openEntryHistory }) => openEntryHistory(journalDir)) : null,
  ]);
  const key = hash('sha1', [PARSER_SOURCE, ...[...commitFiles, ...calendarFiles].map((f) => `${f.path}\0${f.text}`)].join('\0'));
  return {
    key,
    async parse() {
      const [{ CommitRecord }, { CalendarEventRecord }] = await Promise.all([import('./git.ts'), import('./ics.ts')]);
      const commits = parseEvidence(commitFiles, 'commits', CommitRecord);
      const events = parseEvidence(calendarFiles, 'calendar', CalendarEventRecord);
      const seen = new Set<string>();
      return {
        // A commit imported twice (two clones of one repository under one name) counts once.
        commits: commits.records
          .filter(({ record }) => !seen.has(record.sha) && seen.add(record.sha))
          .map(({ record: c, path, line }) => ({ ...c, id: `${c.repository}@${c.sha.slice(0, 12)}`, date: c.time.slice(0, 10), path, line, private: false })),
        calendar_events: events.records.map(({ record, path, line }) => ({ ...record, path, line, private: true })),
        diagnostics: [...commits.bad, ...events.bad].map(badLine),
      };
    },
    history: source && {
      key: source.key === null ? null : hash('sha1', `${PARSER_SOURCE}\0${source.key}`),
      async rows() {
        return [...((await source.read()) ?? [])].map(([path, { first, last }]) => ({ path, first_written: first, last_written: last, private: false }));
      },
    },
  };
}

function badLine({ path, line, message }: BadLine): Diagnostic {
  return diagnose('evidence-invalid', { file: path, line, column: 1 }, { reason: message });
}
