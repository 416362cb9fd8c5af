/**
 * The build's cache files of many records (rendered fragments, report models) as JSON Lines: a
 * header line, then one `[key, value]` line per record. Reading a file indexes its lines by key and
 * parses a record's value only when it is asked for: a build after one edit uses the HTML of the few
 * fragments its pages show, and none of the records no build uses any more (the reports an edit
 * replaced, up to half the file). Its bytes are held as read (at thirty years 35–50 MB, as bytes and
 * not as a string, which would take twice that with one character outside Latin-1). A build that made
 * a few new records appends them rather than writing the file anew; written anew, a kept record's
 * line is copied as it was read.
 */
import { appendFile, mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';

const NEWLINE = 0x0a;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * The records of a file of keyed lines (readKeyedLines), each parsed from its line when asked for
 * (`get`), with the length of each one's line (writeKeyedLines weighs the file by them).
 */
export class KeyedLines<V> {
  readonly #bytes: Buffer;
  /** Each key's line: where its value's JSON starts and ends, and where the line starts. */
  readonly #lines = new Map<string, { line: number; value: number; end: number }>();

  constructor(bytes: Buffer = Buffer.alloc(0)) {
    this.#bytes = bytes;
  }

  /** The records of `bytes` from `from` on, a `[key,value]` line each; null when a line is not one, or the last has no newline (an append cut short). */
  static index<V>(bytes: Buffer, from: number): KeyedLines<V> | null {
    const records = new KeyedLines<V>(bytes);
    for (let start = from; start < bytes.length; ) {
      const end = bytes.indexOf(NEWLINE, start);
      if (end < 0 || bytes[start] !== 0x5b || bytes[start + 1] !== QUOTE || bytes[end - 1] !== 0x5d) return null;
      // The key is a JSON string: it ends at the first quote not escaped by a backslash, followed by the comma.
      let i = start + 2;
      while (i < end && bytes[i] !== QUOTE) i += bytes[i] === BACKSLASH ? 2 : 1;
      if (i + 1 >= end - 1 || bytes[i + 1] !== 0x2c) return null;
      records.#lines.set(JSON.parse(bytes.toString('utf8', start + 1, i + 1)) as string, { line: start, value: i + 2, end: end - 1 });
      start = end + 1;
    }
    return records;
  }

  get size(): number {
    return this.#lines.size;
  }

  has(key: string): boolean {
    return this.#lines.has(key);
  }

  keys(): IterableIterator<string> {
    return this.#lines.keys();
  }

  /** The record's value, parsed from its line (each call parses it again); throws when the line is not JSON. */
  get(key: string): V | undefined {
    const at = this.#lines.get(key);
    if (!at) return undefined;
    try {
      return JSON.parse(this.#bytes.toString('utf8', at.value, at.end)) as V;
    } catch (error) {
      throw new Error(`a cache record cannot be read (${(error as Error).message}); delete the cache folder's .jsonl files to build without them`);
    }
  }

  /** The record's line as read, without its newline. */
  line(key: string): Buffer {
    const at = this.#lines.get(key)!;
    return this.#bytes.subarray(at.line, at.end + 1);
  }

  /** The length in bytes of the record's line. */
  length(key: string): number {
    const at = this.#lines.get(key);
    return at ? at.end + 1 - at.line : 0;
  }
}

/**
 * The records of a file written as a header line, then one `[key, value]` line each: none when the
 * file is missing or damaged (a line that is not `[key,value]`, as an append cut short leaves), or
 * `accepts` refuses its header (written by other code, or another key). When `accepts` answers later
 * (a promise), the file is read and indexed meanwhile, and its answer then decides.
 */
export async function readKeyedLines<V>(path: string, accepts: (header: unknown) => boolean | Promise<boolean>): Promise<KeyedLines<V>> {
  try {
    const bytes = await readFile(path);
    const first = bytes.indexOf(NEWLINE);
    if (first < 0) return new KeyedLines();
    const accepted = accepts(JSON.parse(bytes.toString('utf8', 0, first)));
    if (accepted === false) return new KeyedLines();
    if (accepted instanceof Promise) accepted.catch(() => {}); // answered once the file is indexed
    const records = KeyedLines.index<V>(bytes, first + 1);
    return records && (await accepted) ? records : new KeyedLines();
  } catch {
    return new KeyedLines();
  }
}

/** What a file of keyed lines held: its records as read (readKeyedLines), or a map of the same records. */
export type StoredLines = KeyedLines<unknown> | ReadonlyMap<string, unknown>;

/**
 * Brings a file of keyed lines (readKeyedLines) that held `stored` up to date with `entries`, the
 * ones to keep, each keyed by a hash of what it was made from (a key's value never changes, so an
 * entry `stored` holds may leave its value out): the entries it lacks are appended to it, a line
 * each, or, when the file would then be more than twice the size of the entries kept (or it is not
 * the file `stored` was read from, by its header), it is written anew, atomically, with `header` and
 * `entries` only. After an edit of one day, a ten-year journal's build appends a few lines rather
 * than writing 16 MB. Sizes, not lines, decide: the lines an edit adds are the largest (the year's
 * and the whole journal's reports), so a count of lines would let the file grow to many times what
 * is kept before it is written anew.
 */
export async function writeKeyedLines(path: string, header: unknown, entries: readonly (readonly [key: string, value?: unknown])[], stored: StoredLines): Promise<void> {
  // The line of each entry `stored` lacks, made once (whether appended or written anew): a cold
  // thirty-year build's reports and fragments are 80 MB of JSON.
  const fresh = entries.map((entry) => (stored.has(entry[0]) ? null : JSON.stringify(entry)));
  const added = fresh.filter((line) => line !== null);
  // Each stored line by its length as read (a map not read by readKeyedLines counts each line as one).
  const lines = stored instanceof KeyedLines ? stored : null;
  const size = (key: string) => (lines ? lines.length(key) : 1);
  const addedSize = lines ? added.reduce((sum, line) => sum + Buffer.byteLength(line), 0) : added.length;
  const file = [...stored.keys()].reduce((sum, key) => sum + size(key), addedSize);
  const kept = entries.reduce((sum, [key]) => sum + (stored.has(key) ? size(key) : 0), addedSize);
  if (stored.size > 0 && file <= 2 * kept && (await firstLine(path)) === JSON.stringify(header)) {
    if (added.length > 0) await appendFile(path, added.map((line) => `${line}\n`).join(''));
    return;
  }
  const line = ([key]: readonly [string, unknown?], i: number) => {
    if (lines?.has(key)) return lines.line(key);
    return fresh[i] ?? JSON.stringify([key, (stored as ReadonlyMap<string, unknown>).get(key)]);
  };
  await writeLines(path, [JSON.stringify(header), ...entries.map(line)]);
}

/** Writes the lines into a temporary file a megabyte at a time, then renames it into place. */
async function writeLines(path: string, lines: Iterable<string | Buffer>): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  const file = await open(temporary, 'w');
  try {
    let chunk: Buffer[] = [];
    let size = 0;
    for (const line of lines) {
      const bytes = typeof line === 'string' ? Buffer.from(line) : line;
      chunk.push(bytes, NEWLINE_BYTES);
      size += bytes.length + 1;
      if (size > 1 << 20) {
        await file.writev(chunk);
        [chunk, size] = [[], 0];
      }
    }
    await file.writev(chunk);
  } finally {
    await file.close();
  }
  await rename(temporary, path);
}

const NEWLINE_BYTES = Buffer.from('\n');

/** The first line of a file (a header is short: at most 64 kB are read), or null when it cannot be read. */
async function firstLine(path: string): Promise<string | null> {
  try {
    const file = await open(path, 'r');
    try {
      const { bytesRead, buffer } = await file.read(Buffer.alloc(1 << 16), 0, 1 << 16, 0);
      const end = buffer.subarray(0, bytesRead).indexOf(NEWLINE);
      return end < 0 ? null : buffer.toString('utf8', 0, end);
    } finally {
      await file.close();
    }
  } catch {
    return null; // missing or unreadable
  }
}
