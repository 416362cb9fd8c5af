/** A worker thread of parallel.ts: parses its share of files and posts the results back. */
import { parentPort, workerData } from 'node:worker_threads';
import { parseFile } from './parse.ts';
import type { JournalFile } from './read.ts';
import type { JournalConfig } from './schema.ts';

const { files, config } = workerData as { files: JournalFile[]; config: JournalConfig };
parentPort!.postMessage(files.map((file) => parseFile(file.path, file.bytes, config)));
