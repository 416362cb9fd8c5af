/**
 * The build's cache files of many records (rendered fragments, report models) as JSON Lines: read a
 * line at a time and written a megabyte at a time, so no whole file is ever one string in memory (at
 * thirty years such a file is 35–50 MB of text, and twice that as a string with one character outside
 * Latin-1).
 */
import { createReadStream } from 'node:fs';
import { mkdir, open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';

/** Each line of the file, parsed; throws when the file is missing or a line is not JSON. */
export async function* readJsonLines(path: string): AsyncGenerator<unknown> {
  for await (const line of createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity })) yield JSON.parse(line);
}

/**
 * The entries of a file written as a header line, then one `[key, value]` line each: empty when the
 * file is missing or damaged, or `accepts` refuses its header (written by other code, or another key).
 */
export async function readKeyedLines<V>(path: string, accepts: (header: unknown) => boolean): Promise<Map<string, V>> {
  const entries = new Map<string, V>();
  try {
    const lines = readJsonLines(path);
    const first = await lines.next();
    if (first.done || !accepts(first.value)) {
      await lines.return(undefined);
      return entries;
    }
    for await (const line of lines) entries.set(...(line as [string, V]));
    return entries;
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
