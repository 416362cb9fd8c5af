/**
 * The build's cache files of many records (rendered fragments, report models) as JSON Lines: read a
 * line at a time and written a megabyte at a time, so no whole file is ever one string in memory (at
 * thirty years such a file is 35–50 MB of text, and twice that as a string with one character outside
 * Latin-1). A build that made a few new records appends them rather than writing the file anew.
 */
import { createReadStream } from 'node:fs';
import { appendFile, mkdir, open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';

/** The file's lines, read a chunk at a time; throws when the file is missing. */
const linesOf = (path: string): AsyncIterator<string> => createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity })[Symbol.asyncIterator]();

/** The entries of a file of keyed lines, with the length of each one's line (writeKeyedLines weighs the file by them). */
export class KeyedLines<V> extends Map<string, V> {
  readonly lengths = new Map<string, number>();
}

/**
 * The entries of a file written as a header line, then one `[key, value]` line each: empty when the
 * file is missing or damaged, or `accepts` refuses its header (written by other code, or another key).
 * When `accepts` answers later (a promise), the file is read meanwhile, and its answer then decides.
 */
export async function readKeyedLines<V>(path: string, accepts: (header: unknown) => boolean | Promise<boolean>): Promise<KeyedLines<V>> {
  const entries = new KeyedLines<V>();
  let lines: AsyncIterator<string> | undefined;
  try {
    lines = linesOf(path);
    const first = await lines.next();
    const accepted = first.done ? false : accepts(JSON.parse(first.value));
    if (accepted === false) return entries;
    if (accepted instanceof Promise) accepted.catch(() => {}); // answered once the file is read
    for (let line = await lines.next(); !line.done; line = await lines.next()) {
      const [key, value] = JSON.parse(line.value) as [string, V];
      entries.set(key, value);
      entries.lengths.set(key, line.value.length);
    }
    return (await accepted) ? entries : new KeyedLines();
  } catch {
    return new KeyedLines();
  } finally {
    await lines?.return?.(); // closes the file when it was not read to its end
  }
}

/** Writes the records a line each, atomically (a temporary file renamed into place). */
export async function writeJsonLines(path: string, records: Iterable<unknown>): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  const file = await open(temporary, 'w');
  try {
    let chunk = '';
    for (const record of records) {
      chunk += `${JSON.stringify(record)}\n`;
      if (chunk.length > 1 << 20) {
        await file.write(chunk);
        chunk = '';
      }
    }
    await file.write(chunk);
  } finally {
    await file.close();
  }
  await rename(temporary, path);
}

/**
 * Brings a file of keyed lines (readKeyedLines) that held `stored` up to date with `entries`, the
 * ones to keep, each keyed by a hash of what it was made from (a key's value never changes): the
 * entries it lacks are appended to it, a line each, or, when the file would then be more than twice
 * the size of the entries kept (or it is not the file `stored` was read from, by its header), it is
 * written anew with `header` and `entries` only. After an edit of one day, a ten-year journal's
 * build appends a few lines rather than writing 16 MB. Sizes, not lines, decide: the lines an edit
 * adds are the largest (the year's and the whole journal's reports), so a count of lines would let
 * the file grow to many times what is kept before it is written anew.
 */
export async function writeKeyedLines(path: string, header: unknown, entries: readonly (readonly [string, unknown])[], stored: ReadonlyMap<string, unknown>): Promise<void> {
  const added = entries.filter(([key]) => !stored.has(key)).map((entry) => JSON.stringify(entry));
  // Each stored line by its length as read (a map not read by readKeyedLines counts each line as one).
  const lengths = stored instanceof KeyedLines ? stored.lengths : null;
  const size = (key: string) => (lengths ? (lengths.get(key) ?? 0) : 1);
  const addedSize = lengths ? added.reduce((sum, line) => sum + line.length, 0) : added.length;
  const file = [...stored.keys()].reduce((sum, key) => sum + size(key), addedSize);
  const kept = entries.reduce((sum, [key]) => sum + (stored.has(key) ? size(key) : 0), addedSize);
  if (stored.size > 0 && file <= 2 * kept && (await firstLine(path)) === JSON.stringify(header)) {
    if (added.length > 0) await appendFile(path, added.map((line) => `${line}\n`).join(''));
    return;
  }
  await writeJsonLines(path, [header, ...entries]);
}

/** The first line of a file, or null when it cannot be read. */
async function firstLine(path: string): Promise<string | null> {
  try {
    const lines = linesOf(path);
    const first = await lines.next();
    await lines.return?.();
    return first.done ? null : first.value;
  } catch {
    return null; // missing or unreadable
  }
}
