/**
 * Parses many files at once on every core: the main thread takes one share and worker threads the
 * others. Parsing is pure (bytes and settings in, rows and diagnostics out), so the shares are
 * independent. Small batches stay on the main thread, where starting a worker would cost more
 * than it saves.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { parseFile, type ParsedFile } from './parse.ts';
import type { JournalFile } from './read.ts';
import type { JournalConfig } from './schema.ts';

/** Files per thread: below this, one thread is faster than starting a worker, whose start costs about 0.5 s (docs/benchmarks.md). */
const WORKER_THRESHOLD = 4000;

/** Parses files in order; the result's n-th element belongs to the n-th file. */
export async function parseFiles(files: readonly JournalFile[], config: JournalConfig, { perThread = WORKER_THRESHOLD } = {}): Promise<ParsedFile[]> {
  const threads = Math.min(availableParallelism(), Math.floor(files.length / perThread) + 1, 8);
  if (threads <= 1) return files.map((file) => parseFile(file.path, file.bytes, config));
  const size = Math.ceil(files.length / threads);
  const shares = Array.from({ length: threads }, (_, i) => files.slice(i * size, (i + 1) * size));
  const [own, ...others] = shares;
  const pending = others.map((share) => parseInWorker(share, config));
  const mine = own.map((file) => parseFile(file.path, file.bytes, config));
  return [mine, ...(await Promise.all(pending))].flat();
}

function parseInWorker(files: readonly JournalFile[], config: JournalConfig): Promise<ParsedFile[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./parse-worker.ts', import.meta.url), { workerData: { files, config } });
    worker.once('message', (parsed: ParsedFile[]) => resolve(parsed));
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`parse worker stopped with exit code ${code}`)));
  });
}
