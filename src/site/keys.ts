/**
 * The keys of an encrypted site (see encrypt.ts), on Node's WebCrypto, which is the browser's: the
 * page script (unlock.js) does the same steps.
 *
 * - A reader's secret: PBKDF2-SHA-256 over their passphrase, with a random 16-byte salt of their own.
 * - From the secret, by HKDF-SHA-256: the reader's key-encryption key (AES-KW) and the key of the
 *   reader's own search index (AES-256-GCM).
 * - A content key (AES-256-GCM, random) per access group, wrapped with AES-KW once per reader of the
 *   group: a key slot, `{ salt, key }`.
 * - A file sealed with a content key: "TWENC1", a random 12-byte IV, then the ciphertext with its tag.
 */

/** OWASP's 2023 figure for PBKDF2-HMAC-SHA-256. */
export const PBKDF2_ITERATIONS = 600_000;
const MAGIC = Buffer.from('TWENC1');
const encoder = new TextEncoder();

/** The two keys a reader's passphrase opens. */
export interface ReaderKeys {
  /** Unwraps the content keys of the reader's groups (AES-KW). */
  kek: CryptoKey;
  /** Seals and opens the reader's own search index (AES-GCM). */
  index: CryptoKey;
}

/** One reader's wrapped copy of a group's content key; `salt` (base64) tells whose. */
export interface KeySlot {
  salt: string;
  key: string;
}

/** PBKDF2's 256 bits for `passphrase`: what the browser keeps in sessionStorage for the session. */
export async function deriveSecret(passphrase: string, salt: Uint8Array, iterations: number): Promise<Uint8Array<ArrayBuffer>> {
  const material = await crypto.subtle.importKey('raw', encoder.encode(passphrase), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as Uint8Array<ArrayBuffer>, iterations }, material, 256);
  return new Uint8Array(bits);
}

/** The reader's keys from their secret; `info` keeps the two keys apart (the same in unlock.js). */
export async function readerKeys(secret: Uint8Array<ArrayBuffer>): Promise<ReaderKeys> {
  const hkdf = await crypto.subtle.importKey('raw', secret, 'HKDF', false, ['deriveKey']);
  const derive = (info: string, algorithm: AesKeyGenParams, usages: KeyUsage[]) =>
    crypto.subtle.deriveKey({ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(), info: encoder.encode(info) }, hkdf, algorithm, false, usages);
  return {
    kek: await derive('turbowork key-encryption key', { name: 'AES-KW', length: 256 }, ['wrapKey', 'unwrapKey']),
    index: await derive('turbowork search index', { name: 'AES-GCM', length: 256 }, ['encrypt', 'decrypt']),
  };
}

/** A new random content key for one access group. */
export function contentKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
}

/** `key` wrapped for the reader whose key-encryption key is `kek` (AES-KW, 40 bytes, base64). */
export async function wrapKey(key: CryptoKey, kek: CryptoKey): Promise<string> {
  return Buffer.from(await crypto.subtle.wrapKey('raw', key, kek, 'AES-KW')).toString('base64');
}

/** The content key in `wrapped`; throws when `kek` is not the one it was wrapped for. */
export async function unwrapKey(wrapped: string, kek: CryptoKey): Promise<CryptoKey> {
  return crypto.subtle.unwrapKey('raw', Buffer.from(wrapped, 'base64'), kek, 'AES-KW', 'AES-GCM', false, ['decrypt']);
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
