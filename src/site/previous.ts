/**
 * The folder a private build writes its site into, `DIR.partial`, and the output it replaces. The
 * swap (build.ts: swapIn) moves the output aside to `DIR.previous` and keeps it there; the next
 * build with a kept bundle (bundle.ts) and the same build key takes that folder as its own, rather
 * than a new one, so that the thousands of folders of the pages it keeps are not made again (making
 * them was most of an edit build's system time on ext4: docs/benchmarks.md).
 *
 * A taken folder is the output of a build before the last one, a user may have changed it, and its
 * files may be hard links shared with the output being served. So before anything is written into
 * it, every file the build does not keep as it is gets removed (`clearPrevious`): what is kept are
 * the entry pages whose hash in the folder's own manifest is this build's and that the previous
 * output could have given (manifest.ts: planBuild's `keep`), and the search shards none of whose
 * pages changed since either. Everything else goes: the pages rendered again, the pages of no entry,
 * removed pages, Astro's files, Pagefind's other files, the manifest, the build marker, what anyone
 * put there, and the folders left empty. Every file the build then writes is a new file, never one
 * opened over an existing path, so nothing is ever written through a link into the served output.
 * A build that stops half-way leaves `DIR.partial`, which the next build removes, never reuses.
 * Public and encrypted builds keep no previous output, and remove the one there is.
 */
import { spawn } from 'node:child_process';
import { lstat, rename, rm } from 'node:fs/promises';
import { readdirSync, rmdirSync, unlinkSync } from 'node:fs';
import { readManifest, type Manifest, type Plan } from './manifest.ts';
import { shardOf } from './search.ts';

/** The output the last build moved aside, e.g. "/home/me/dist.previous". */
export const previousOf = (outDir: string) => `${outDir}.previous`;

/**
 * Readies `DIR.partial`: removes what a stopped build left there, then, when `key` is given (the
 * build renders with a kept bundle and this build key), moves `DIR.previous` there if it is a
 * folder holding a manifest of that key, and returns that manifest; else removes `DIR.previous`, in
 * the background, and returns null (the build writes into a new folder).
 */
export async function takePrevious(outDir: string, key: string | null): Promise<Manifest | null> {
  const [partial, previous] = [`${outDir}.partial`, previousOf(outDir)];
  await rm(partial, { recursive: true, force: true });
  // A link named like the folder is not followed: only a real folder is taken.
  const folder = await lstat(previous).then((stats) => stats.isDirectory(), () => false);
  const manifest = folder && key !== null ? await readManifest(previous) : null;
  if (manifest?.key === key) {
    await rename(previous, partial);
    return manifest;
  }
  if (folder) await removeInBackground(previous);
  return null;
}

/** What a taken folder keeps as it is (clearPrevious). */
export interface Kept {
  /** Routes of entry pages kept in place (the others the plan keeps are linked from the output). */
  pages: Set<string>;
  /** Search shards kept in place (their folder under pagefind/). */
  shards: Set<string>;
}

/**
 * Removes from `dir`, a folder takePrevious took with its manifest `was`, every file this build does
 * not keep in place, and the folders left empty but those of this build's entry pages (`now`), which
 * are written into again. A page is kept when it is a file (not a link) the plan keeps and whose hash
 * in `was` is its hash now. A search shard is kept when its folder is there, no page of it was
 * rendered or removed (`changed`, as the search index sees it) and none differs between `was` and
 * `now`: its files were made from pages of the same content. The site's own shard ("") is made
 * every build. Synchronous calls, as for thousands of files a promise each costs more than the call.
 */
export function clearPrevious(dir: string, was: Manifest, now: Manifest, plan: Plan | null, changed: ReadonlySet<string>): Kept {
  const reusable = plan !== null && was.key === now.key;
  const keep = new Set(reusable ? plan.keep.filter((route) => was.pages[route] === now.pages[route]) : []);
  // The shards of this build's entry pages (a year's, the 1:1s'), less those that differ.
  const shards = new Set(reusable ? Object.keys(now.pages).map((route) => shardOf(`${route}index.html`)) : []);
  for (const route of new Set([...Object.keys(was.pages), ...Object.keys(now.pages)])) {
    if (was.pages[route] !== now.pages[route]) shards.delete(shardOf(`${route}index.html`));
  }
  for (const shard of [...changed, '']) shards.delete(shard);
  const kept: Kept = { pages: new Set(), shards: new Set() };
  // The folders holding a kept file or one this build writes into, with every folder above them.
  const holding = new Set(['']);
  const hold = (folder: string) => {
    for (let at = folder; !holding.has(at); at = at.slice(0, at.lastIndexOf('/', at.length - 2) + 1)) holding.add(at);
  };
  for (const route of Object.keys(now.pages)) hold(route);
  // Paths relative to `dir`; folders, as routes, with a trailing "/". Not readdir's `recursive`, which
  // follows links to folders: a link is removed, never followed.
  const folders: string[] = [];
  for (const stack = ['']; stack.length > 0; ) {
    const folder = stack.pop()!;
    for (const entry of readdirSync(`${dir}/${folder}`, { withFileTypes: true })) {
      const path = folder + entry.name;
      if (entry.isDirectory()) {
        folders.push(`${path}/`);
        stack.push(`${path}/`);
        continue;
      }
      const route = path.endsWith('/index.html') ? path.slice(0, -'index.html'.length) : null;
      const shard = /^pagefind\/([^/]+)\//.exec(path)?.[1];
      if (entry.isFile() && route !== null && keep.has(route)) {
        kept.pages.add(route);
        hold(route);
      } else if (entry.isFile() && shard !== undefined && shards.has(shard)) {
        kept.shards.add(shard);
        hold(path.slice(0, path.lastIndexOf('/') + 1));
      } else {
        unlinkSync(`${dir}/${path}`);
      }
    }
  }
  // Deepest first, so that a folder's emptied subfolders are gone before it.
  for (const folder of folders.sort((a, b) => b.length - a.length)) if (!holding.has(folder)) rmdirSync(`${dir}/${folder}`);
  return kept;
}

/** Moves a folder aside (`path.old-PID`) and removes it in the background (removeDetached); nothing when there is no such folder. */
export async function removeInBackground(path: string): Promise<void> {
  const aside = `${path}.old-${process.pid}`;
  const moved = await rename(path, aside).then(() => true, (error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return false;
    throw error;
  });
  if (moved) removeDetached(aside);
}

/** Removes a folder in a detached process, so the build does not wait for thousands of unlinks. */
export function removeDetached(path: string): void {
  spawn(process.execPath, ['-e', 'require("node:fs").rmSync(process.argv[1], { recursive: true, force: true })', path], { detached: true, stdio: 'ignore' }).unref();
}
