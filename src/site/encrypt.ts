/**
 * `build --encrypt`: a built site, encrypted in place so a static host sees nothing readable.
 *
 * - The key: PBKDF2-SHA-256 over the passphrase, 600,000 iterations, a random 16-byte salt per build;
 *   AES-256-GCM with a random 12-byte IV per file. Node runs the same WebCrypto as the browser.
 * - Pages (*.html) become a small page that asks for the passphrase and carries the encrypted page
 *   (base64); its script (unlock.js) decrypts it in the browser and keeps the key for the session.
 * - Every other file the site reads (the search index and its metadata, JSON, images) is replaced by
 *   its sealed bytes ("TWENC1", IV, ciphertext and tag) at the same path; the page script decrypts
 *   them as they are fetched.
 * - Code and style stay as they are: the site's scripts and stylesheet, Pagefind's scripts and its
 *   WebAssembly. They are the same for every journal (the browser tests check that no journal text
 *   is in any file of an encrypted build).
 * What it does not hide (file count, sizes, the shape of the site) is in docs/site.md.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** OWASP's 2023 figure for PBKDF2-HMAC-SHA-256. */
export const PBKDF2_ITERATIONS = 600_000;
const MAGIC = Buffer.from('TWENC1');
/** Files kept readable: code and style that carry no journal text. */
const PLAIN = /\.(js|mjs|css|wasm|pagefind)$/;

/** A passphrase shorter than this is accepted with a warning: the sealed files can be guessed at offline. */
export const SHORT_PASSPHRASE = 16;

export interface EncryptResult {
  pages: number;
  files: number;
  plain: number;
}

/** Encrypts the site in `dir` in place with a key derived from `passphrase`. */
export async function encryptSite(dir: string, passphrase: string, { iterations = PBKDF2_ITERATIONS } = {}): Promise<EncryptResult> {
  if (passphrase.length === 0) throw new Error('the passphrase is empty');
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const key = await deriveKey(passphrase, salt, iterations);
  const shell = await unlockPage({ salt: Buffer.from(salt).toString('base64'), iterations });
  const result: EncryptResult = { pages: 0, files: 0, plain: 0 };
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const entry of entries.filter((e) => e.isFile())) {
    const path = join(entry.parentPath, entry.name);
    if (PLAIN.test(entry.name)) {
      result.plain++;
      continue;
    }
    const sealed = await seal(key, await readFile(path));
    if (entry.name.endsWith('.html')) {
      await writeFile(path, shell.replace('@PAYLOAD@', () => sealed.toString('base64')));
      result.pages++;
    } else {
      await writeFile(path, sealed);
      result.files++;
    }
  }
  return result;
}

/** The AES-GCM key for `passphrase`, as the browser derives it (unlock.js). */
export async function deriveKey(passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, material, 256);
  return crypto.subtle.importKey('raw', bits, 'AES-GCM', false, ['encrypt', 'decrypt']);
}

/** "TWENC1", a fresh IV, then the ciphertext with its tag. */
export async function seal(key: CryptoKey, plain: Uint8Array): Promise<Buffer> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const cipher = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, plain as Uint8Array<ArrayBuffer>);
  return Buffer.concat([MAGIC, iv, new Uint8Array(cipher)]);
}

/** The sealed bytes opened again; throws when the key is wrong or the bytes were changed. */
export async function unseal(key: CryptoKey, sealed: Uint8Array): Promise<Buffer> {
  if (!Buffer.from(sealed.subarray(0, MAGIC.length)).equals(MAGIC)) throw new Error('not an encrypted file');
  const iv = sealed.subarray(MAGIC.length, MAGIC.length + 12);
  return Buffer.from(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: iv as Uint8Array<ArrayBuffer> }, key, sealed.subarray(MAGIC.length + 12) as Uint8Array<ArrayBuffer>));
}

/** The page every route serves while locked; @PAYLOAD@ is replaced by the sealed page. */
async function unlockPage(params: { salt: string; iterations: number }): Promise<string> {
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
<script id="tw-params" type="application/json">${JSON.stringify({ v: 1, salt: params.salt, iterations: params.iterations })}</script>
<script id="tw-payload" type="application/octet-stream">@PAYLOAD@</script>
<script>${script}</script>
</body>
</html>
`;
}
