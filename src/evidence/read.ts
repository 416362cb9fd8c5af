/**
 * Imported evidence as table rows: every evidence/**\/*.jsonl file of the journal read and
 * validated; a bad line is a diagnostic on that line and the rest still load.
 */
import type { Row } from '../db/tables.ts';
import type { Diagnostic } from '../ingest/diagnostics.ts';
import { CommitRecord } from './git.ts';
import { readEntryHistory } from './history.ts';
import { CalendarEventRecord } from './ics.ts';
import { readEvidence, type BadLine } from './store.ts';

/** Rows of the evidence tables. */
export interface EvidenceRows {
  commits: Row<'commits'>[];
  calendar_events: Row<'calendar_events'>[];
  entry_history: Row<'entry_history'>[];
}

/** Reads the evidence files, and the journal's git history when `history` is asked for (build, assess). */
export async function readEvidenceRows(journalDir: string, { history = false } = {}): Promise<{ rows: EvidenceRows; diagnostics: Diagnostic[] }> {
  const [commits, events, written] = await Promise.all([
    readEvidence(journalDir, 'commits', CommitRecord),
    readEvidence(journalDir, 'calendar', CalendarEventRecord),
    history ? readEntryHistory(journalDir) : null,
  ]);
  const seen = new Set<string>();
  const rows: EvidenceRows = {
    // A commit imported twice (two clones of one repository under one name) counts once.
    commits: commits.records
      .filter(({ record }) => !seen.has(record.sha) && seen.add(record.sha))
      .map(({ record: c, path, line }) => ({ ...c, id: `${c.repository}@${c.sha.slice(0, 12)}`, date: c.time.slice(0, 10), path, line })),
    calendar_events: events.records.map(({ record, path, line }) => ({ ...record, path, line })),
    entry_history: [...(written ?? [])].map(([path, { first, last }]) => ({ path, first_written: first, last_written: last })),
  };
  return { rows, diagnostics: [...commits.bad, ...events.bad].map(badLine) };
}

function badLine({ path, line, message }: BadLine): Diagnostic {
  return { file: path, line, column: 1, severity: 'warning', code: 'evidence-invalid', message, hint: 'Fix or delete the line; running the import again re-adds a commit that is missing.' };
}
