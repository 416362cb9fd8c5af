#!/usr/bin/env node
/**
 * turbowork's executable: plain JavaScript, so that Node's module compile cache is on before any
 * TypeScript loads. The cache keeps every module's type-stripped text and V8's compiled code, reused
 * while the module's text is unchanged; without it each command strips and compiles its hundreds of
 * modules again, and Node loads its TypeScript stripper (docs/benchmarks.md, issue 15). The CLI
 * itself is main.ts.
 *
 * The cache lives in the user's own cache folder (`$XDG_CACHE_HOME/turbowork/node-compile-cache`, or
 * the platform's), never in the journal and never in the shared temp folder (Node's default), where
 * another account could plant code. NODE_COMPILE_CACHE or NODE_DISABLE_COMPILE_CACHE, when set, are
 * Node's to honour; a folder that cannot be made private to this user leaves the cache off.
 */
import { lstatSync, mkdirSync } from 'node:fs';
import { enableCompileCache } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';

const env = process.env;
if (!env.NODE_COMPILE_CACHE && !env.NODE_DISABLE_COMPILE_CACHE) {
  const own = join(userCacheDir(), 'turbowork');
  const dir = join(own, 'node-compile-cache');
  if (isPrivateFolder(own) && isPrivateFolder(dir)) enableCompileCache(dir);
}
const { runProcess } = await import('./main.ts');
await runProcess();

/** $XDG_CACHE_HOME, else the platform's usual per-user cache folder. */
function userCacheDir() {
  if (env.XDG_CACHE_HOME) return env.XDG_CACHE_HOME;
  if (process.platform === 'win32') return env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Caches');
  return join(homedir(), '.cache');
}

/**
 * Makes `dir` when missing (owner-only) and says whether it is a real folder (not a link) owned by
 * this user that no one else can write to. On Windows the profile's folders are private already.
 * @param {string} dir
 */
function isPrivateFolder(dir) {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = lstatSync(dir);
    return stat.isDirectory() && (!process.getuid || (stat.uid === process.getuid() && (stat.mode & 0o022) === 0));
  } catch {
    return false;
  }
}
