/**
 * The only code that writes a user's journal files (entries from the CLI, drafts from assess). Writes are atomic (a temporary file in the same
 * folder, then a rename), creation never overwrites, and edits of one file are serialized by a lock
 * file so two `log` commands at once both land.
 */
import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
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

const STALE_LOCK_MS = 30_000;

/**
 * Runs `edit` while holding `<path>.lock`. Waits for another holder (up to `timeoutMs`); a lock
 * older than 30 s is taken to be left by a crashed process and removed.
 */
export async function withFileLock<T>(path: string, edit: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const lock = `${path}.lock`;
  await mkdir(dirname(path), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (let wait = 5; ; wait = Math.min(wait * 2, 200)) {
    try {
      const handle = await open(lock, 'wx');
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = await stat(lock).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (age > STALE_LOCK_MS) await unlink(lock).catch(() => {});
      else if (Date.now() > deadline) throw new Error(`${path} is locked by another turbowork command (${lock})`);
      else await sleep(wait);
    }
  }
  try {
    return await edit();
  } finally {
    await unlink(lock).catch(() => {});
  }
}
