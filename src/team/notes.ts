/**
 * The manager's notes: one Markdown file per member and week in the team repository,
 * `notes/<YYYY-Www>/<member>.md`, whose body is the context note and whose front matter may set
 * `status: green|yellow|red`, an override that wins over the computed traffic light (a good
 * engineer with a bad week stays green). `team note` writes them; the team build reads them.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { replaceFile, readTextOrNull, withFileLock, writeNewFile } from '../files.ts';
import { diagnose, type Diagnostic } from '../ingest/diagnostics.ts';
import { isoWeekStart } from '../ingest/dates.ts';
import { parseFrontMatter, validateYaml } from '../ingest/frontmatter.ts';
import { decodeText } from '../ingest/entry-file.ts';
import type { TeamConfig } from './config.ts';

export const STATUSES = ['green', 'yellow', 'red'] as const;
export type Status = (typeof STATUSES)[number];

const NoteMeta = z.looseObject({ status: z.enum(STATUSES).optional() });

/** A manager's note on one member's week. */
export interface Note {
  person: string;
  /** e.g. "2026-W10" */
  week: string;
  /** The override, or null when the note only gives context. */
  status: Status | null;
  text: string;
  /** e.g. "notes/2026-W10/ana-lima.md" */
  path: string;
}

/** The note file of a member's week, relative to the team repository. */
export const notePath = (person: string, week: string) => `notes/${week}/${person}.md`;

/** Reads every note; a note for an unknown member or week is a diagnostic and is not read. */
export async function readNotes(teamDir: string, config: TeamConfig): Promise<{ notes: Note[]; diagnostics: Diagnostic[] }> {
  const members = new Set(config.members.map((m) => m.id));
  const notes: Note[] = [];
  const diagnostics: Diagnostic[] = [];
  const weeks = await readdir(join(teamDir, 'notes'), { withFileTypes: true }).catch(() => []);
  for (const week of weeks.filter((w) => w.isDirectory()).map((w) => w.name).sort()) {
    for (const name of (await readdir(join(teamDir, 'notes', week))).filter((n) => n.endsWith('.md')).sort()) {
      const path = `notes/${week}/${name}`;
      const person = name.slice(0, -3);
      const at = { file: path, line: 1, column: 1 };
      if (isoWeekStart(week) === null) {
        diagnostics.push(diagnose('period-invalid', at, { kind: 'week', period: week }));
        continue;
      }
      if (!members.has(person)) {
        diagnostics.push(diagnose('note-member-unknown', at, { person, known: [...members] }));
        continue;
      }
      const bytes = await readFile(join(teamDir, path)).catch((error: NodeJS.ErrnoException) => {
        diagnostics.push(diagnose('file-unreadable', at, { reason: error.code === 'EACCES' ? 'permission denied' : error.code === 'EISDIR' ? 'it is a folder' : error.code ?? String(error) }));
        return null;
      });
      if (bytes === null) continue;
      const decoded = decodeText(bytes, path);
      if (decoded.text === null) {
        diagnostics.push(...decoded.diagnostics);
        continue;
      }
      const split = parseFrontMatter(decoded.text.replace(/^\uFEFF/, ''), path);
      diagnostics.push(...split.diagnostics);
      const meta = split.yaml ? validateYaml(NoteMeta, split.yaml, path, 'frontmatter-invalid') : { value: {}, diagnostics: [] };
      diagnostics.push(...meta.diagnostics);
      notes.push({ person, week, status: meta.value?.status ?? null, text: split.body.trim(), path });
    }
  }
  return { notes, diagnostics };
}

/**
 * Adds a note to a member's week, atomically: a new file, or the text appended to the week's note
 * as a paragraph of its own. A status sets (or replaces) the override; without one, an override
 * already written stays. Returns the file's path relative to the team repository.
 */
export async function writeNote(teamDir: string, note: { person: string; week: string; text: string; status: Status | null }): Promise<string> {
  const relative = notePath(note.person, note.week);
  const path = join(teamDir, relative);
  const text = note.text.trim();
  await withFileLock(path, async () => {
    const existing = await readTextOrNull(path);
    if (existing === null) {
      const content = `${note.status ? `---\nstatus: ${note.status}\n---\n${text ? '\n' : ''}` : ''}${text ? `${text}\n` : ''}`;
      if (!(await writeNewFile(path, content))) throw new TypeError(`${relative} appeared while it was being written`);
      return;
    }
    let content = existing.replace(/\s*$/, '\n');
    if (note.status) {
      const front = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(\r?\n|$)/.exec(content);
      if (!front) content = `---\nstatus: ${note.status}\n---\n\n${content}`;
      else if (/^status:.*$/m.test(front[1])) content = content.replace(front[0], front[0].replace(/^status:.*$/m, `status: ${note.status}`));
      else content = content.replace(front[0], `---\n${front[1]}\nstatus: ${note.status}\n---${front[2]}`);
    }
    await replaceFile(path, text ? `${content}\n${text}\n` : content);
  });
  return relative;
}
