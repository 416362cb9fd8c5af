/**
 * The only code that writes a user's journal files (entries from the CLI, drafts from assess). Writes are atomic (a temporary file in the same
 * folder, then a rename), creation never overwrites, and edits of one file are serialized by a lock
 * file so two `log` commands at once both land.
 */
import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, readlink, realpath, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative as relativePath, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

function temporaryPath(path: string): string {
  return `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
}

/** Creates `path` with `content` atomically. Returns false, writing nothing, when it already exists. */
export async function writeNewFile(path: string, content: string): Promise<boolean> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = temporaryPath(path);
  await writeFile(temporary, content);
  try {
    await link(temporary, path); // fails with EEXIST instead of replacing
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(temporary);
  }
}

/** Replaces `path` with `content` atomically. */
export async function replaceFile(path: string, content: string | Uint8Array): Promise<void> {
  const temporary = temporaryPath(path);
  await writeFile(temporary, content);
  await rename(temporary, path);
}

/** Reads a file as text, or null when it does not exist. */
export async function readTextOrNull(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Reads a file as text that gives back its exact bytes (encodeLossless), or null when it does not
 * exist. Bytes that are not valid UTF-8 become lone surrogates U+DC80–U+DCFF (Python's
 * "surrogateescape"), so an edit keeps them as they were; a BOM is kept as U+FEFF.
 */
export async function readTextLossless(path: string): Promise<string | null> {
  try {
    return decodeLossless(await readFile(path));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Bytes → text, every byte that is not part of a valid UTF-8 sequence kept as U+DC80 + byte. */
export function decodeLossless(bytes: Uint8Array): string {
  try {
    return strict.decode(bytes);
  } catch {
    // Valid runs decode together; each invalid byte becomes one escape.
  }
  let text = '';
  let run = 0;
  for (let i = 0; i < bytes.length; ) {
    const length = sequenceLength(bytes, i);
    if (length > 0) {
      i += length;
      continue;
    }
    text += strict.decode(bytes.subarray(run, i)) + String.fromCharCode(0xdc00 + bytes[i]);
    run = ++i;
  }
  return text + strict.decode(bytes.subarray(run));
}

/** Text from decodeLossless (with additions) → the bytes it came from, additions as UTF-8. */
export function encodeLossless(text: string): Uint8Array {
  const parts: Uint8Array[] = [];
  let last = 0;
  // With the u flag a surrogate pair is one code point, so only lone escapes match.
  for (const match of text.matchAll(/[\uDC80-\uDCFF]/gu)) {
    parts.push(Buffer.from(text.slice(last, match.index), 'utf8'), Uint8Array.of(match[0].charCodeAt(0) - 0xdc00));
    last = match.index + 1;
  }
  parts.push(Buffer.from(text.slice(last), 'utf8'));
  return Buffer.concat(parts);
}

/** The length of the valid UTF-8 sequence at `i` (RFC 3629: no overlongs, no surrogates), or 0. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i];
  if (b < 0x80) return 1;
  const cont = (k: number, low = 0x80, high = 0xbf) => i + k < bytes.length && bytes[i + k] >= low && bytes[i + k] <= high;
  if (b >= 0xc2 && b <= 0xdf) return cont(1) ? 2 : 0;
  if (b >= 0xe0 && b <= 0xef) {
    const [low, high] = b === 0xe0 ? [0xa0, 0xbf] : b === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
    return cont(1, low, high) && cont(2) ? 3 : 0;
  }
  if (b >= 0xf0 && b <= 0xf4) {
    const [low, high] = b === 0xf0 ? [0x90, 0xbf] : b === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    return cont(1, low, high) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

/**
 * The real path of `relative` inside `journalDir`, to edit in place of a link; throws
 * OutsideJournalError when it, or a folder on its way, is a symbolic link leading out of the journal.
 */
export async function resolveInJournal(journalDir: string, relative: string): Promise<string> {
  const root = await realpath(journalDir);
  const target = await realPathOf(join(journalDir, relative));
  const rel = relativePath(root, target);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
    throw new OutsideJournalError(`${join(journalDir, relative)} leads outside the journal (to ${target}) through a symbolic link; turbowork edits only files inside the journal`);
  }
  return target;
}

/** A path through a link that leaves the journal. */
export class OutsideJournalError extends Error {}

/** The real path, resolving links in the part that exists. */
async function realPathOf(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || dirname(path) === path) throw error;
    // A dangling link is not a missing file: a write would go where it points.
    const link = await readlink(path).catch(() => null);
    if (link !== null) return realPathOf(resolve(dirname(path), link));
    return join(await realPathOf(dirname(path)), basename(path));
  }
}

/** A journal folder that does not exist: a usage error, not a content problem. */
export class JournalNotFoundError extends Error {}

/** A file is being edited by another command and stayed so past the wait. */
export class FileLockedError extends Error {}

const STALE_LOCK_MS = 30_000;

/**
 * Runs `edit` while holding `<path>.lock`, which holds the holder's process id. Waits for another
 * holder (up to `timeoutMs`). A lock whose process no longer runs, or older than 30 s, was left by a
 * crashed process and is removed.
 */
export async function withFileLock<T>(path: string, edit: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const lock = `${path}.lock`;
  await mkdir(dirname(path), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (let wait = 5; ; wait = Math.min(wait * 2, 200)) {
    try {
      const handle = await open(lock, 'wx');
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (await isStale(lock)) await unlink(lock).catch(() => {});
      else if (Date.now() > deadline) throw new FileLockedError(`${path} is being edited by another turbowork command (its lock ${lock} is held by a running process); try again, or remove the lock if no turbowork command runs`);
      else await sleep(wait);
    }
  }
  try {
    return await edit();
  } finally {
    await unlink(lock).catch(() => {});
  }
}

/** Whether a lock was left behind: its process is gone, or it is older than STALE_LOCK_MS. */
async function isStale(lock: string): Promise<boolean> {
  const [content, age] = await Promise.all([
    readFile(lock, 'utf8').catch(() => ''),
    stat(lock).then((s) => Date.now() - s.mtimeMs, () => 0),
  ]);
  if (age > STALE_LOCK_MS) return true;
  const pid = Number(content.trim());
  // An empty lock is being written by its holder right now.
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0); // signal 0 only asks whether the process exists
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
