/**
 * `build --encrypt`: a built site, encrypted in place so a static host sees nothing readable, for one
 * reader or many (team mode: each engineer's pages for that engineer and the manager).
 *
 * - Access groups: the files `readersOf` gives the same set of readers share one random content key
 *   (AES-256-GCM), wrapped once per reader of the group with that reader's key-encryption key, which
 *   comes from their passphrase (PBKDF2-SHA-256, 600,000 iterations, a random salt per reader and
 *   build; keys.ts).
 * - Pages (*.html) become a small page that asks for a passphrase and carries the group's key slots
 *   and the encrypted page (base64); its script (unlock.js) finds the reader's slot, unwraps the
 *   content key, decrypts the page, and keeps the reader's secret for the session.
 * - Every other file the site reads (JSON, images) is replaced by its sealed bytes ("TWENC1", IV,
 *   ciphertext and tag) at the same path, with its group's key; the page script decrypts them as
 *   they are fetched.
 * - Search: Pagefind's fragments and word index mix the text of every page they index, so no index
 *   is shared between readers who may read different pages. Each reader gets an index of the pages
 *   they may read, in pagefind/<their salt>/, sealed with a key only their passphrase gives.
 * - Code and style stay as they are: the site's scripts and stylesheet, Pagefind's scripts and its
 *   WebAssembly. They are the same for every journal (the browser tests check that no journal text
 *   is in any file of an encrypted build).
 * What it does not hide (file count, sizes, the shape of the site, who shares which pages) is in
 * docs/site.md.
 */
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { contentKey, deriveSecret, type KeySlot, PBKDF2_ITERATIONS, readerKeys, type ReaderKeys, seal, wrapKey } from './keys.ts';
import { SearchIndex } from './search.ts';

export { PBKDF2_ITERATIONS } from './keys.ts';

/** Files kept readable: code and style that carry no journal text. */
const PLAIN = /\.(js|mjs|css|wasm|pagefind)$/;
/** Pagefind's folder; the files in it that are not PLAIN are its index. */
const INDEX_DIR = 'pagefind';

/** A passphrase shorter than this is accepted with a warning: the sealed files can be guessed at offline. */
export const SHORT_PASSPHRASE = 16;

/** Someone who may open (some of) the site. */
export interface Reader {
  /** How `readersOf` names the reader, e.g. "manager"; never written to the site. */
  id: string;
  passphrase: string;
}

export interface EncryptOptions {
  /** PBKDF2's iterations; tests lower them. */
  iterations?: number;
  /** The ids of the readers who may read the file at `relPath` (e.g. "team/index.html"); all when left out. */
  readersOf?: (relPath: string) => string[];
}

export interface EncryptResult {
  pages: number;
  files: number;
  plain: number;
  /** Distinct sets of readers, each with its own content key. */
  groups: number;
  /** Search indexes written, one per reader (none when the site has no index). */
  indexes: number;
}

interface Group {
  key: CryptoKey;
  slots: KeySlot[];
  shell?: string;
}

/** Encrypts the site in `dir` in place, each file for the readers `readersOf` gives it. */
export async function encryptSite(dir: string, readers: Reader[], { iterations = PBKDF2_ITERATIONS, readersOf }: EncryptOptions = {}): Promise<EncryptResult> {
  if (readers.length === 0) throw new Error('no readers to encrypt the site for');
  const ids = new Set(readers.map((r) => r.id));
  if (ids.size < readers.length) throw new Error('two readers have the same id');
  for (const reader of readers) if (reader.passphrase.length === 0) throw new Error(`the passphrase of ${reader.id} is empty`);
  const readersOfFile = (rel: string): string[] => {
    const allowed = [...new Set(readersOf?.(rel) ?? ids)].sort();
    if (allowed.length === 0) throw new Error(`no reader may read ${rel}: leave it out of the site instead`);
    const unknown = allowed.find((id) => !ids.has(id));
    if (unknown !== undefined) throw new Error(`${rel} is for reader ${unknown}, who is not among the readers`);
    return allowed;
  };

  const all = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'));
  const plain = all.filter((rel) => PLAIN.test(rel));
  const indexData = all.filter((rel) => rel.startsWith(`${INDEX_DIR}/`) && !PLAIN.test(rel));
  const content = all.filter((rel) => !PLAIN.test(rel) && !rel.startsWith(`${INDEX_DIR}/`));

  const salts = readers.map(() => crypto.getRandomValues(new Uint8Array(16)));
  const keys = new Map<string, { salt: string; keys: ReaderKeys }>();
  await Promise.all(
    readers.map(async (reader, i) => {
      keys.set(reader.id, { salt: Buffer.from(salts[i]).toString('base64'), keys: await readerKeys(await deriveSecret(reader.passphrase, salts[i], iterations)) });
    }),
  );

  const groups = new Map<string, Group>();
  const groupOf = new Map<string, Group>();
  const readersByFile = new Map(content.map((rel) => [rel, readersOfFile(rel)]));
  for (const [rel, allowed] of readersByFile) {
    const name = JSON.stringify(allowed);
    let group = groups.get(name);
    if (!group) {
      const key = await contentKey();
      const slots = await Promise.all(allowed.map(async (id) => ({ salt: keys.get(id)!.salt, key: await wrapKey(key, keys.get(id)!.keys.kek) })));
      group = { key, slots };
      groups.set(name, group);
    }
    groupOf.set(rel, group);
  }

  const indexes = indexData.length === 0 ? 0 : await writeReaderIndexes(dir, indexData, readersByFile, readers, keys);

  const result: EncryptResult = { pages: 0, files: 0, plain: plain.length, groups: groups.size, indexes };
  for (const rel of content) {
    const group = groupOf.get(rel)!;
    const path = join(dir, rel);
    const sealed = await seal(group.key, await readFile(path));
    if (rel.endsWith('.html')) {
      group.shell ??= await unlockPage({ v: 2, iterations, readers: readers.length, slots: group.slots });
      await writeFile(path, group.shell.replace('@PAYLOAD@', () => sealed.toString('base64')));
      result.pages++;
    } else {
      await writeFile(path, sealed);
      result.files++;
    }
  }
  return result;
}

/** The folder of a reader's search index under pagefind/: their salt, base64url (as unlock.js names it). */
function indexFolder(salt: string): string {
  return Buffer.from(salt, 'base64').toString('base64url');
}

/**
 * Replaces the build's search index (of every page) by one per reader, of the pages they may read
 * that the build indexed, sealed with the reader's index key. A reader who may read every page gets
 * the build's index as it is.
 */
async function writeReaderIndexes(dir: string, indexData: string[], readersByFile: Map<string, string[]>, readers: Reader[], keys: Map<string, { salt: string; keys: ReaderKeys }>): Promise<number> {
  const indexed = await readIndexedPages(dir, indexData, [...readersByFile.keys()].filter((rel) => rel.endsWith('.html')));
  const scratch = await mkdtemp(join(tmpdir(), 'turbowork-index-'));
  let written = 0;
  try {
    for (const reader of readers) {
      const { salt, keys: own } = keys.get(reader.id)!;
      const readable = [...indexed].filter(([rel]) => readersByFile.get(rel)!.includes(reader.id));
      if (readable.length === 0) continue;
      const built = join(scratch, indexFolder(salt));
      if (readable.length === indexed.size) {
        for (const rel of indexData) await cp(join(dir, rel), join(built, rel.slice(INDEX_DIR.length + 1)));
      } else {
        const index = await SearchIndex.open();
        for (const [rel, url] of readable) index.add(url, await readFile(join(dir, rel), 'utf8'));
        await index.write(built);
      }
      const target = join(dir, INDEX_DIR, indexFolder(salt));
      for (const entry of (await readdir(built, { recursive: true, withFileTypes: true })).filter((e) => e.isFile())) {
        const rel = relative(built, join(entry.parentPath, entry.name));
        if (PLAIN.test(entry.name)) {
          // Pagefind's code, the same as the build's; a language the build's index had no pages in brings its own WebAssembly.
          if (entry.name.endsWith('.pagefind')) await cp(join(built, rel), join(dir, INDEX_DIR, rel), { force: false });
          continue;
        }
        await mkdir(dirname(join(target, rel)), { recursive: true });
        await writeFile(join(target, rel), await seal(own.index, await readFile(join(built, rel))));
      }
      written++;
    }
    for (const rel of indexData) await rm(join(dir, rel));
    for (const folder of ['fragment', 'index', 'filter']) await rm(join(dir, INDEX_DIR, folder), { recursive: true, force: true });
    return written;
  } finally {
    await rm(scratch, { recursive: true, force: true });
    await SearchIndex.closeAll();
  }
}

/**
 * The pages the build's index holds, by file, with the URL it gave each (which carries the site's
 * base, e.g. "/turbowork/days/2026-04-17/"): read back from Pagefind's fragments.
 */
async function readIndexedPages(dir: string, indexData: string[], pages: string[]): Promise<Map<string, string>> {
  const urls = new Set<string>();
  for (const rel of indexData.filter((r) => r.endsWith('.pf_fragment'))) {
    const text = gunzipSync(await readFile(join(dir, rel))).toString('utf8').replace(/^pagefind_dcd/, '');
    urls.add((JSON.parse(text) as { url: string }).url);
  }
  const routes = new Map(pages.map((rel) => [rel.replace(/(^|\/)index\.html$/, '$1'), rel]));
  // The base is what is left in front of the longest page route any URL ends with.
  const first = [...urls][0] ?? '/';
  const base = first.slice(0, first.length - Math.max(0, ...[...routes.keys()].filter((r) => first.endsWith(`/${r}`)).map((r) => r.length)));
  const indexed = new Map<string, string>();
  for (const url of urls) {
    const rel = url.startsWith(base) ? routes.get(url.slice(base.length)) : undefined;
    if (rel !== undefined) indexed.set(rel, url);
  }
  return indexed;
}

/** The page every route serves while locked; @PAYLOAD@ is replaced by the sealed page. */
async function unlockPage(params: { v: 2; iterations: number; readers: number; slots: KeySlot[] }): Promise<string> {
  const script = await readFile(new URL('./unlock.js', import.meta.url), 'utf8');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="color-scheme" content="light dark">
<title>Passphrase needed</title>
<link rel="icon" href="data:,">
<style>
body { font: 1rem/1.5 system-ui, sans-serif; margin: 0; display: grid; min-height: 100vh; place-items: center; }
main { max-width: 26rem; padding: 1.5rem; }
label, input, button { display: block; font: inherit; }
input { width: 100%; box-sizing: border-box; padding: .5rem; margin: .25rem 0 .75rem; }
button { padding: .5rem 1rem; }
#tw-status { min-height: 1.5em; }
</style>
</head>
<body>
<main>
<h1>This site is encrypted</h1>
<noscript><p>Opening it needs JavaScript.</p></noscript>
<form id="tw-unlock" hidden>
<label for="tw-passphrase">Passphrase</label>
<input id="tw-passphrase" type="password" autocomplete="current-password" required>
<button type="submit">Open</button>
<p id="tw-status" role="status" aria-live="polite"></p>
</form>
</main>
<script id="tw-params" type="application/json">${JSON.stringify(params)}</script>
<script id="tw-payload" type="application/octet-stream">@PAYLOAD@</script>
<script>${script}</script>
</body>
</html>
`;
}
