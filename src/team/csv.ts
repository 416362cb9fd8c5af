/**
 * The CSV sources of team.yml (exports from Jira, PagerDuty or AlertOps), read against their column
 * contracts (CSV_CONTRACTS, documented in docs/team.md). Parsing is csv-parse's; this module maps
 * the export's headers to the contract, checks each value, and turns every problem into a
 * diagnostic on the file's line. A bad row is skipped and said so; the other rows load.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { diagnose, type Diagnostic } from '../ingest/diagnostics.ts';
import { isCalendarDate } from '../ingest/dates.ts';
import { suggestNames } from '../ingest/suggest.ts';
import { CSV_CONTRACTS, type CsvKind, type Member, type TeamConfig } from './config.ts';

/** A billable-hours row: one worklog. */
export interface BillableRow {
  person: string;
  date: string;
  hours: number;
  billable: boolean;
  /** The source file (relative to team.yml) and its 1-based line. */
  path: string;
  line: number;
}

/** An incident row; acknowledged_at is null for one never acknowledged. Times are ISO UTC. */
export interface IncidentRow {
  id: string;
  person: string;
  opened_at: string;
  acknowledged_at: string | null;
  path: string;
  line: number;
}

type Cell = { value: string; column: number };

/** The largest CSV read, so no export can take the build's memory (a year of worklogs of 1,000 people is about 30 MB). */
const MAX_CSV_BYTES = 200_000_000;
type Checked<T> = { ok: true; value: T } | { ok: false; expected: string };

const TRUE = new Set(['true', 'yes', 'y', '1', 'billable']);
const FALSE = new Set(['false', 'no', 'n', '0', 'non-billable', 'nonbillable', '']);

/** YYYY-MM-DD, optionally followed by a time (Jira writes "2026-03-02 09:30"): the day. */
function checkDate(text: string): Checked<string> {
  const day = /^(\d{4}-\d{2}-\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text.trim())?.[1];
  return day && isCalendarDate(day) ? { ok: true, value: day } : { ok: false, expected: 'a date YYYY-MM-DD' };
}

function checkHours(text: string): Checked<number> {
  const value = Number(text.trim());
  return text.trim() !== '' && Number.isFinite(value) && value >= 0 && value <= 24 ? { ok: true, value } : { ok: false, expected: 'hours, a number from 0 to 24 with a decimal point' };
}

function checkBoolean(text: string): Checked<boolean> {
  const word = text.trim().toLowerCase();
  return TRUE.has(word) ? { ok: true, value: true } : FALSE.has(word) ? { ok: true, value: false } : { ok: false, expected: 'true or false (yes/no, 1/0)' };
}

/** An ISO 8601 time; one without an offset is UTC. */
function checkTime(text: string): Checked<string> {
  const trimmed = text.trim();
  const match = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(trimmed);
  const ms = match ? Date.parse(match[3] ? trimmed.replace(' ', 'T') : `${trimmed.replace(' ', 'T')}Z`) : NaN;
  return Number.isFinite(ms) && isCalendarDate(trimmed.slice(0, 10)) ? { ok: true, value: new Date(ms).toISOString() } : { ok: false, expected: 'a time YYYY-MM-DDTHH:MM with an optional offset (UTC when none)' };
}

/** Finds a member by id, name or alias, ignoring case and surrounding spaces. */
export function memberMatcher(members: readonly Member[]): (name: string) => Member | undefined {
  const byName = new Map<string, Member>();
  for (const member of members) for (const name of [member.id, member.name, ...member.aliases]) byName.set(name.trim().toLowerCase(), member);
  return (name) => byName.get(name.trim().toLowerCase());
}

/** "Opened At" and "opened_at" are one header. */
const headerForm = (header: string) => header.trim().toLowerCase().replace(/[\s_-]+/g, '_');

/**
 * Reads one CSV source into rows of its contract's columns (as text) with their line, or a
 * diagnostic when the file or its header cannot be used.
 */
async function readContractRows(teamDir: string, kind: CsvKind, source: { file: string; columns: Partial<Record<string, string>> }): Promise<{ rows: { cells: Record<string, Cell>; line: number }[]; diagnostics: Diagnostic[] }> {
  const at = (line: number, column = 1) => ({ file: source.file, line, column });
  let records: { record: string[]; info: { lines: number } }[];
  try {
    const { size } = await stat(join(teamDir, source.file));
    if (size > MAX_CSV_BYTES) return { rows: [], diagnostics: [diagnose('csv-unreadable', at(1), { reason: `it is ${Math.round(size / 1e6)} MB, more than the ${MAX_CSV_BYTES / 1e6} MB read; export a shorter period` })] };
    const text = await readFile(join(teamDir, source.file), 'utf8');
    // info.lines is the line where the record ends; a record spans lines only inside quotes.
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, info: true, trim: false }) as never;
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { lines?: number };
    const reason = e.code === 'ENOENT' ? 'no such file' : e.code === 'EACCES' ? 'permission denied' : e.message.split('\n')[0];
    return { rows: [], diagnostics: [diagnose('csv-unreadable', at(e.lines ?? 1), { reason })] };
  }
  const [header, ...body] = records;
  if (!header) return { rows: [], diagnostics: [diagnose('csv-unreadable', at(1), { reason: 'it has no header row' })] };
  const found = header.record.map(headerForm);
  const indexOf: Record<string, number> = {};
  const diagnostics: Diagnostic[] = [];
  for (const column of CSV_CONTRACTS[kind]) {
    const wanted = source.columns[column] ?? column;
    const index = found.indexOf(headerForm(wanted));
    if (index === -1) diagnostics.push(diagnose('csv-column-missing', at(header.info.lines), { column, header: wanted, found: header.record }));
    indexOf[column] = index;
  }
  if (diagnostics.length > 0) return { rows: [], diagnostics };
  const rows = body.map(({ record, info }) => ({
    line: info.lines,
    cells: Object.fromEntries(CSV_CONTRACTS[kind].map((column) => [column, { value: record[indexOf[column]] ?? '', column: indexOf[column] + 1 }])),
  }));
  return { rows, diagnostics };
}

/** The rows of both CSV sources that team.yml names, and every problem found in them. */
export async function readTeamSources(teamDir: string, config: TeamConfig): Promise<{ billable: BillableRow[]; incidents: IncidentRow[]; diagnostics: Diagnostic[] }> {
  const findMember = memberMatcher(config.members);
  const names = config.members.flatMap((m) => [m.id, m.name]);
  const diagnostics: Diagnostic[] = [];
  const billable: BillableRow[] = [];
  const incidents: IncidentRow[] = [];

  /** The member a row names, or undefined with a diagnostic. */
  const personOf = (file: string, line: number, cell: Cell) => {
    const member = findMember(cell.value);
    if (!member) diagnostics.push(diagnose('csv-person-unknown', { file, line, column: cell.column }, { person: cell.value, suggestions: suggestNames(cell.value, names, {}) }));
    return member;
  };
  /** The checked value of a cell, or undefined with a diagnostic. */
  const check = <T>(file: string, line: number, column: string, cell: Cell, checker: (text: string) => Checked<T>) => {
    const result = checker(cell.value);
    if (result.ok) return result;
    diagnostics.push(diagnose('csv-row-invalid', { file, line, column: cell.column }, { column, value: cell.value, expected: result.expected }));
    return undefined;
  };

  if (config.sources.billable) {
    const source = config.sources.billable;
    const read = await readContractRows(teamDir, 'billable', source);
    diagnostics.push(...read.diagnostics);
    for (const { cells, line } of read.rows) {
      const date = check(source.file, line, 'date', cells.date, checkDate);
      const hours = check(source.file, line, 'hours', cells.hours, checkHours);
      const flag = check(source.file, line, 'billable', cells.billable, checkBoolean);
      if (!date || !hours || !flag) continue;
      const member = personOf(source.file, line, cells.person);
      if (member) billable.push({ person: member.id, date: date.value, hours: hours.value, billable: flag.value, path: source.file, line });
    }
  }
  if (config.sources.incidents) {
    const source = config.sources.incidents;
    const read = await readContractRows(teamDir, 'incidents', source);
    diagnostics.push(...read.diagnostics);
    for (const { cells, line } of read.rows) {
      const id = check(source.file, line, 'id', cells.id, (text) => (text.trim() ? { ok: true, value: text.trim() } : { ok: false, expected: 'the incident\'s id' }));
      const opened = check(source.file, line, 'opened_at', cells.opened_at, checkTime);
      const acknowledged = cells.acknowledged_at.value.trim() === '' ? { ok: true as const, value: null } : check(source.file, line, 'acknowledged_at', cells.acknowledged_at, checkTime);
      if (!id || !opened || !acknowledged) continue;
      if (acknowledged.value !== null && acknowledged.value < opened.value) {
        diagnostics.push(diagnose('csv-row-invalid', { file: source.file, line, column: cells.acknowledged_at.column }, { column: 'acknowledged_at', value: cells.acknowledged_at.value, expected: `a time at or after opened_at (${cells.opened_at.value})` }));
        continue;
      }
      const member = personOf(source.file, line, cells.person);
      if (member) incidents.push({ id: id.value, person: member.id, opened_at: opened.value, acknowledged_at: acknowledged.value, path: source.file, line });
    }
  }
  return { billable, incidents, diagnostics };
}
