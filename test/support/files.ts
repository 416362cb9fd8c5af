/** Every file under a folder, as paths relative to it, sorted: what a test compares of a site or journal on disk. */
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';

export async function filesUnder(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name))).sort();
}
