import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { writeNewFile } from '../files.ts';
import { planImport, type Account, type SourceFile, type SourceKind } from '../import/convert.ts';
import { listJournalFiles } from '../ingest/read.ts';
import { UsageError, type Command } from './command.ts';

const KINDS: SourceKind[] = ['obsidian', 'logseq', 'markdown'];

export const importCommand: Command = {
  name: 'import',
  summary: 'bring daily notes from Obsidian, Logseq or plain Markdown into the journal',
  help: `Usage: turbowork import obsidian|logseq|markdown SRC [--journal DIR] [--dry-run]

Reads daily notes from SRC and writes them as daily logs, daily/YYYY/YYYY-MM-DD.md:
  obsidian   notes whose file name holds a date (YYYY-MM-DD or YYYY_MM_DD), in any folder of the
             vault but .obsidian/ and templates/; Templater commands (<% … %>) are skipped, with a note
  logseq     journals/YYYY_MM_DD.md: a bullet naming a section (- Wins) gives it its children;
             TODO/DOING/LATER/NOW/WAITING become open action items, DONE/CANCELED ticked ones;
             key:: value properties are read like front matter
  markdown   one file per day (a date in the file name), or many days in one file under headings
             that hold a date (## 2025-03-04, ## Tuesday, March 4, 2025)

Headings and bullets naming a section (Wins, Done today, Shipped, Plan, Blockers, TIL, …) fill it;
everything else goes into the day's Notes as written, so nothing is dropped. Front-matter keys the
journal reads (hours, tags, mood, …) are kept when their values are valid; the others stay in Notes.
A day the journal already has a log for is never written over: it is listed and left alone.

Options:
  --dry-run   print what each source file maps to, with counts per section, and write nothing
`,
  options: { 'dry-run': { type: 'boolean' } },
  async run(values, positionals, { io, journalDir }) {
    const [kind, source, ...extra] = positionals;
    if (!kind || !KINDS.includes(kind as SourceKind)) throw new UsageError(`import needs a source kind: ${KINDS.join(', ')}${kind ? ` (not "${kind}")` : ''}`);
    if (!source) throw new UsageError(`import ${kind} needs the source folder, e.g. turbowork import ${kind} ~/notes`);
    if (extra.length > 0) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
    const files = await readSource(kind as SourceKind, source);
    const existing = await existingDays(journalDir);
    const plan = planImport(kind as SourceKind, files, existing);
    for (const account of plan.accounts) io.stdout.write(renderAccount(account));
    if (values['dry-run']) {
      io.stderr.write(`Dry run: ${plan.files.length} daily log${plan.files.length === 1 ? '' : 's'} would be written to ${journalDir} from ${files.length} source file${files.length === 1 ? '' : 's'}; nothing was written.\n`);
      return 0;
    }
    let written = 0;
    const skipped: string[] = [];
    for (const file of plan.files) {
      if (await writeNewFile(join(journalDir, file.path), file.content)) written++;
      else skipped.push(file.path);
    }
    for (const path of skipped) io.stderr.write(`${path} already exists: left as it is (its source: see above)\n`);
    io.stderr.write(`Wrote ${written} daily log${written === 1 ? '' : 's'} to ${journalDir}. Next: turbowork check --journal ${journalDir}\n`);
    return 0;
  },
};

/** The source's Markdown files, as the kind defines its notes. */
async function readSource(kind: SourceKind, dir: string): Promise<SourceFile[]> {
  let entries;
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch (error) {
    throw new UsageError(`cannot read ${dir}: ${(error as Error).message}`, { cause: error });
  }
  const paths = entries
    .filter((e) => e.isFile() && e.name.toLowerCase().endsWith('.md'))
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .filter((path) => !path.split('/').some((part) => part.startsWith('.') || part === 'node_modules'))
    .filter((path) => (kind === 'logseq' ? path.startsWith('journals/') : kind === 'obsidian' ? !path.split('/').slice(0, -1).some((p) => p.toLowerCase() === 'templates') : true))
    .sort();
  return Promise.all(paths.map(async (path) => ({ path, text: (await readFile(join(dir, path), 'utf8')).replace(/^\uFEFF/, '') })));
}

/** Dates the journal already has daily logs for, from their file names. */
async function existingDays(journalDir: string): Promise<Set<string>> {
  let paths: string[] = [];
  try {
    paths = await listJournalFiles(journalDir);
  } catch {
    return new Set(); // a new journal
  }
  return new Set(paths.filter((p) => p.startsWith('daily/')).flatMap((p) => /(\d{4})[-_](\d{2})[-_](\d{2})[^/]*\.md$/.exec(p)?.slice(1, 4).join('-') ?? []));
}

function renderAccount(account: Account): string {
  const counts = Object.entries(account.counts).map(([name, n]) => `${name} ${n}`).join(', ');
  const target = account.targets.length === 0 ? '(not imported)' : account.targets.length <= 3 ? account.targets.join(', ') : `${account.targets.length} daily logs (${account.targets[0]} … ${account.targets.at(-1)})`;
  return `${account.source} → ${target}${counts ? `\n    ${counts}` : ''}${account.notes.map((note) => `\n    note: ${note}`).join('')}\n`;
}
