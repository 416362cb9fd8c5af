/**
 * Discovers and reads a journal folder: every Markdown file's bytes and content hash, and the
 * validated journal.yml. Reading is the only I/O of the ingest stage.
 */
import { hash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { diagnose, type Diagnostic } from './diagnostics.ts';
import { KEY_SYNONYMS, normalizeKeys, withoutBlankKeys } from './keys.ts';
import { SECTION_NAMES } from './sections.ts';
import { suggestNames } from './suggest.ts';
import { validateRatings } from './ratings.ts';
import { parseYaml, validateYaml, type YamlSource } from './frontmatter.ts';
import { decodeText, kindOf } from './entry-file.ts';
import { JournalConfig } from './schema.ts';
import { JournalNotFoundError } from '../files.ts';

/** One Markdown file of the journal. */
export interface JournalFile {
  /** Relative to the journal root, with "/", e.g. "daily/2025/2025-02-07.md". */
  path: string;
  bytes: Uint8Array;
  /** SHA-1 of the bytes: an unchanged hash means the file need not be parsed again. */
  hash: string;
}


const SKIPPED_FOLDERS = new Set(['node_modules', 'dist']);

/** The journal's files and what could not be read. */
export interface JournalRead {
  files: JournalFile[];
  /** Links not followed and files that could not be read, one diagnostic each. */
  diagnostics: Diagnostic[];
}

/**
 * Lists the journal's entry files, sorted: Markdown outside hidden folders, node_modules, dist,
 * assessments/ and templates/. Symbolic links are not followed (one could lead out of the journal,
 * or in a circle): each earns a warning instead.
 */
export async function listJournalFiles(dir: string): Promise<{ paths: string[]; diagnostics: Diagnostic[] }> {
  let entries;
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch (error) {
    throw new JournalNotFoundError(`No journal folder at ${dir}`, { cause: error });
  }
  const visible = entries
    .map((entry) => ({ entry, path: relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/') }))
    .filter(({ path }) => !path.split('/').some((part, i, all) => (i < all.length - 1 && SKIPPED_FOLDERS.has(part)) || part.startsWith('.')));
  const diagnostics: Diagnostic[] = visible
    .filter(({ entry }) => entry.isSymbolicLink())
    .map(({ path }) => diagnose('file-symlink', { file: path, line: 1, column: 1 }));
  const paths = visible
    .filter(({ entry }) => entry.isFile() && entry.name.endsWith('.md'))
    .map(({ path }) => path)
    .filter((path) => kindOf(path) !== null) // drafts, templates and READMEs are not entries
    .sort();
  return { paths, diagnostics };
}

/**
 * Reads every entry file of the journal with its hash; a file that cannot be read is a diagnostic,
 * and the others are read.
 */
export async function readJournalFiles(dir: string): Promise<JournalRead> {
  const { paths, diagnostics } = await listJournalFiles(dir);
  const read = readFiles(dir, paths);
  return { files: read.files, diagnostics: [...diagnostics, ...read.diagnostics] };
}

/**
 * Reads `paths` (relative to `dir`) with their hashes. Synchronous reads on purpose: thousands of
 * small files read five times faster than through the thread pool (36 ms against 220 ms for ten
 * years of journal, docs/benchmarks.md).
 */
export function readFiles(dir: string, paths: readonly string[]): JournalRead {
  const files: JournalFile[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const path of paths) {
    try {
      const bytes = readFileSync(join(dir, path));
      files.push({ path, bytes, hash: hash('sha1', bytes) });
    } catch (error) {
      diagnostics.push(diagnose('file-unreadable', { file: path, line: 1, column: 1 }, { reason: describeReadError(error) }));
    }
  }
  return { files, diagnostics };
}

/**
 * How long after a file's last change its metadata is trusted to tell a later change: a write within
 * the file system's timestamp step (2 s on FAT, 1 s on HFS+ and some network shares) of the last one
 * can leave size and times as they were, so a file changed this recently is read again (as git
 * treats "racily clean" files).
 */
export const SETTLE_MS = 3000;

/** The journal's entry files as listed, each with what its metadata says, before any is read. */
export interface JournalListing {
  dir: string;
  /** Sorted, relative to the journal root, with "/". */
  paths: string[];
  /**
   * Per path: size, modification and change times and inode, as one string; null when the file
   * changed too recently for them to be trusted (SETTLE_MS), or could not be examined. A file whose
   * stamp equals the one stored with its hash is unchanged: every write sets the change time, which
   * no tool can set back (cp -p, rsync and tar restore the modification time only).
   */
  stamps: (string | null)[];
  /** Links not followed. */
  diagnostics: Diagnostic[];
}

/** Lists the journal's entry files with their stamps (listJournalFiles; `now` in ms since the epoch). */
export async function listJournal(dir: string, now = Date.now()): Promise<JournalListing> {
  const { paths, diagnostics } = await listJournalFiles(dir);
  const stamps = paths.map((path) => {
    try {
      const stat = statSync(join(dir, path), { bigint: true });
      if (!stat.isFile() || Number(stat.mtimeMs) > now - SETTLE_MS || Number(stat.ctimeMs) > now - SETTLE_MS) return null;
      return `${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}:${stat.dev}:${stat.ino}`;
    } catch {
      return null;
    }
  });
  return { dir, paths, stamps, diagnostics };
}

/** e.g. "permission denied" for EACCES. */
function describeReadError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : code ?? String(error);
}

/** journal.yml as read: the settings, their problems, and whether a model may be called at all. */
export interface ConfigResult {
  config: JournalConfig;
  diagnostics: Diagnostic[];
  /**
   * Why no model may be called, or null: the `llm:` or `redact:` settings cannot be read as written,
   * so turbowork cannot know which endpoint is meant or which words must not reach it.
   */
  modelBlocked: string | null;
}

/** Settings whose problems stop every model call. */
const MODEL_SETTINGS = ['llm', 'redact'] as const;

/** Reads journal.yml; a missing file means every default. Problems become diagnostics, never a crash. */
export async function readConfig(dir: string): Promise<ConfigResult> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(join(dir, 'journal.yml'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { config: JournalConfig.parse({}), diagnostics: [], modelBlocked: null };
    // Loud: journal.yml holds redact: and llm:, and losing them must not go unnoticed.
    return {
      config: JournalConfig.parse({}),
      diagnostics: [diagnose('config-unreadable', { file: 'journal.yml', line: 1, column: 1 }, { reason: describeReadError(error) })],
      modelBlocked: 'journal.yml cannot be read',
    };
  }
  const decoded = decodeText(bytes, 'journal.yml');
  if (decoded.text === null) return { config: JournalConfig.parse({}), diagnostics: decoded.diagnostics, modelBlocked: 'journal.yml is not UTF-8 text' };
  const parsed = parseYaml(decoded.text, 'journal.yml');
  // A setting left blank means its default, as a blank front-matter key means "not given".
  const keys = normalizeKeys(JournalConfig, withoutBlankKeys(parsed.source.data), { file: 'journal.yml', locate: parsed.source.locate, where: 'journal.yml', strict: true });
  const validated = validateYaml(JournalConfig, { ...parsed.source, data: keys.data }, 'journal.yml', 'config-invalid');
  const config = validated.value ?? JournalConfig.parse({});
  config.sections = Object.fromEntries(Object.entries(config.sections).map(([name, headings]) => [name.toLowerCase().replace(/[\s-]+/g, '_'), headings]));
  // sections: names a section of some entry kind; its headings are added to that section's.
  const sectionKeys = Object.keys(config.sections).filter((name) => !SECTION_NAMES.includes(name));
  const sectionDiagnostics = sectionKeys.map((key) =>
    diagnose('key-unknown', { file: 'journal.yml', ...parsed.source.locate(['sections', key]) }, { key, where: 'journal.yml, under sections', known: SECTION_NAMES, suggestions: suggestNames(key, SECTION_NAMES, { synonyms: KEY_SYNONYMS }) }),
  );
  const ratings = Object.entries(config.self_ratings).flatMap(([year, byCompetency]) =>
    Object.entries(byCompetency).map(([competency, rating]) => ({ year, competency, rating, file: 'journal.yml', ...parsed.source.locate(['self_ratings', year, competency]) })),
  );
  return {
    config,
    diagnostics: [...parsed.diagnostics, ...keys.diagnostics, ...validated.diagnostics, ...sectionDiagnostics, ...validateRatings(ratings, config.competencies)],
    modelBlocked: modelSettingsProblem(parsed.source),
  };
}

/** Why journal.yml's model settings cannot be trusted, or null when they read cleanly (or are absent). */
function modelSettingsProblem(source: YamlSource): string | null {
  if (!source.readable) return 'journal.yml is not valid YAML, so its llm: and redact: settings cannot be read';
  const data = source.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'journal.yml does not hold settings (key: value lines)';
  for (const [key, value] of Object.entries(data)) {
    const setting = MODEL_SETTINGS.find((name) => key.trim().toLowerCase() === name);
    if (!setting) continue;
    const { line } = source.locate([key]);
    if (key !== setting) return `journal.yml line ${line} writes "${key}:", which is not the setting ${setting}: (in lower case)`;
    if (!JournalConfig.shape[setting].safeParse(value).success) return `the ${setting}: setting of journal.yml (line ${line}) is not valid`;
  }
  return null;
}
