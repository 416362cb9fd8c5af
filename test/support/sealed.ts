/**
 * What one passphrase can open of an encrypted site, opened in Node with the same steps as the page
 * script (src/site/unlock.js): every page whose key slots hold the passphrase's reader, every other
 * file sealed with a content key so found, and the reader's own search index. And the same site's
 * unlock page driven in Chromium (`unlockPageDriver`).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { deriveSecret, type KeySlot, readerKeys, unseal, unwrapKey } from '../../src/site/keys.ts';
import { filesUnder } from './files.ts';

interface Params {
  v: number;
  iterations: number;
  readers: number;
  slots: KeySlot[];
}

/** A locked page's parameters and sealed payload. */
export function parseLockedPage(html: string): { params: Params; payload: Buffer } {
  const params = /<script id="tw-params" type="application\/json">([^<]*)<\/script>/.exec(html)?.[1];
  const payload = /<script id="tw-payload"[^>]*>([^<]*)<\/script>/.exec(html)?.[1];
  if (params === undefined || payload === undefined) throw new Error('not a locked page');
  return { params: JSON.parse(params) as Params, payload: Buffer.from(payload.trim(), 'base64') };
}


/** Opened bytes as text, gzip (Pagefind's index) decompressed. */
function text(bytes: Buffer): string {
  return (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8');
}

/** Every file of `dir` that `passphrase` opens, by path, as text; pages that refuse it are left out. */
export async function openAs(dir: string, passphrase: string): Promise<Map<string, string>> {
  const files = await filesUnder(dir);
  const pages = new Map<string, ReturnType<typeof parseLockedPage>>();
  for (const file of files.filter((f) => f.endsWith('.html'))) pages.set(file, parseLockedPage(await readFile(join(dir, file), 'utf8')));
  // The passphrase's reader is the one whose salt its secret unwraps a slot of.
  const slots = [...pages.values()].flatMap((p) => p.params.slots.map((slot) => ({ slot, iterations: p.params.iterations })));
  const salts = new Map(slots.map((s) => [s.slot.salt, s]));
  let reader: { salt: string; keys: Awaited<ReturnType<typeof readerKeys>> } | undefined;
  for (const [salt, { slot, iterations }] of salts) {
    const keys = await readerKeys(await deriveSecret(passphrase, Buffer.from(salt, 'base64'), iterations));
    if (await unwrapKey(slot.key, keys.kek).then(() => true, () => false)) reader = { salt, keys };
  }
  const opened = new Map<string, string>();
  if (!reader) return opened;
  const contentKeys = new Map<string, CryptoKey>();
  for (const [file, { params, payload }] of pages) {
    const slot = params.slots.find((s) => s.salt === reader.salt);
    if (!slot) continue;
    const key = contentKeys.get(slot.key) ?? (await unwrapKey(slot.key, reader.keys.kek));
    contentKeys.set(slot.key, key);
    opened.set(file, text(await unseal(key, payload)));
  }
  for (const file of files.filter((f) => !f.endsWith('.html'))) {
    const bytes = await readFile(join(dir, file));
    if (!bytes.subarray(0, 6).equals(Buffer.from('TWENC1'))) continue;
    // Every key the passphrase gave, on every sealed file: what opens is what the reader can read.
    for (const key of [reader.keys.index, ...contentKeys.values()]) {
      const plain = await unseal(key, bytes).catch(() => null);
      if (plain) opened.set(file, text(plain));
    }
  }
  return opened;
}

/**
 * The steps of a reader at an encrypted site's unlock page in Chromium: a new tab (its
 * sessionStorage empty; its page errors go to `errors`), typing a passphrase, and waiting for the
 * page to open or for a status message. `browser` is read when a tab opens (tests launch it later).
 */
export function unlockPageDriver(browser: () => Browser, errors: string[]) {
  return {
    async tab(): Promise<Page> {
      const page = await browser().newPage();
      page.on('pageerror', (e) => errors.push(e.message));
      return page;
    },
    unlocked: (page: Page) => page.locator('h1').filter({ hasNotText: 'This site is encrypted' }).first().waitFor({ timeout: 30_000 }),
    async enter(page: Page, passphrase: string): Promise<void> {
      await page.getByLabel('Passphrase').fill(passphrase);
      await page.getByRole('button', { name: 'Open' }).click();
    },
    status: (page: Page, text: string) => page.locator('#tw-status').filter({ hasText: text }).waitFor({ timeout: 30_000 }),
  };
}
