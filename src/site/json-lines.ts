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

/** Each line of the file, parsed; throws when the file is missing or a line is not JSON. */
export async function* readJsonLines(path: string): AsyncGenerator<unknown> {
  for await (const line of createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity })) yield JSON.parse(line);
}

/**
 * The entries of a file written as a header line, then one `[key, value]` line each: empty when the
 * file is missing or damaged, or `accepts` refuses its header (written by other code, or another key).
 * When `accepts` answers later (a promise), the file is read meanwhile, and its answer then decides.
 */
export async function readKeyedLines<V>(path: string, accepts: (header: unknown) => boolean | Promise<boolean>): Promise<Map<string, V>> {
  const entries = new Map<string, V>();
  try {
    const lines = readJsonLines(path);
    const first = await lines.next();
    const accepted = first.done ? false : accepts(first.value);
    if (accepted === false) {
      await lines.return(undefined);
      return entries;
    }
    if (accepted instanceof Promise) accepted.catch(() => {}); // answered once the file is read
    for await (const line of lines) entries.set(...(line as [string, V]));
    return (await accepted) ? entries : new Map();
  } catch {
    return new Map();
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
 * entries it lacks are appended to it, a line each, or, when the file would then hold more lines
 * of entries no longer kept than of those kept (or it is not the file `stored` was read from, by
 * its header), it is written anew with `header` and `entries` only. After an edit of one day, a
 * ten-year journal's build appends a few lines rather than writing 28 MB.
 */
export async function writeKeyedLines(path: string, header: unknown, entries: readonly (readonly [string, unknown])[], stored: ReadonlyMap<string, unknown>): Promise<void> {
  const added = entries.filter(([key]) => !stored.has(key));
  if (stored.size > 0 && stored.size + added.length <= 2 * entries.length && (await firstLine(path)) === JSON.stringify(header)) {
    if (added.length > 0) await appendFile(path, added.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
    return;
  }
  await writeJsonLines(path, [header, ...entries]);
}

/** The first line of a file, or null when it cannot be read. */
async function firstLine(path: string): Promise<string | null> {
  try {
    for await (const line of createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity })) return line;
  } catch {
    // missing or unreadable
  }
  return null;
}
