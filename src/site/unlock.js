// The encrypted site's page script (see src/site/encrypt.ts and keys.ts), inlined into every page as
// it is. The page carries its access group's key slots, one per reader who may read it. The script
// asks for a passphrase, derives the reader's secret with PBKDF2 against each slot's salt (once per
// salt), and unwraps the group's content key from the slot it opens; the secret is kept for the
// session (per tab), so other pages the same reader may read open without asking. It decrypts the
// page it was served with, and then every encrypted file the page fetches: the page's group's files
// and the reader's own search index. A passphrase that opens none of the page's slots is refused
// with a message saying so.
(async () => {
  const MAGIC = [0x54, 0x57, 0x45, 0x4e, 0x43, 0x31]; // "TWENC1"
  const IV = 12;
  const STORE = 'turbowork-site-reader:';
  const params = JSON.parse(document.getElementById('tw-params').textContent);
  const fromBase64 = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  const toBase64 = (bytes) => btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(''));
  const base64url = (text) => text.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const sealed = (bytes) => bytes.length > MAGIC.length + IV && MAGIC.every((b, i) => bytes[i] === b);
  const open = (key, bytes) => crypto.subtle.decrypt({ name: 'AES-GCM', iv: bytes.subarray(MAGIC.length, MAGIC.length + IV) }, key, bytes.subarray(MAGIC.length + IV));
  const payload = fromBase64(document.getElementById('tw-payload').textContent.trim());
  const encoder = new TextEncoder();

  async function deriveSecret(passphrase, salt) {
    const material = await crypto.subtle.importKey('raw', encoder.encode(passphrase), 'PBKDF2', false, ['deriveBits']);
    const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: fromBase64(salt), iterations: params.iterations }, material, 256);
    return new Uint8Array(bits);
  }

  // The reader's key-encryption key and search index key, as keys.ts derives them.
  async function readerKeys(secret) {
    const hkdf = await crypto.subtle.importKey('raw', secret, 'HKDF', false, ['deriveKey']);
    const derive = (info, name, usages) => crypto.subtle.deriveKey({ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(), info: encoder.encode(info) }, hkdf, { name, length: 256 }, false, usages);
    return { kek: await derive('turbowork key-encryption key', 'AES-KW', ['unwrapKey']), index: await derive('turbowork search index', 'AES-GCM', ['decrypt']) };
  }

  // The page's content key and the reader's index key from the reader's secret; throws when the
  // secret is not the slot's reader's.
  async function unlock(slot, secret) {
    const keys = await readerKeys(secret);
    const key = await crypto.subtle.unwrapKey('raw', fromBase64(slot.key), keys.kek, 'AES-KW', 'AES-GCM', false, ['decrypt']);
    const html = new TextDecoder().decode(await open(key, payload));
    return { key, index: keys.index, folder: base64url(slot.salt), html };
  }

  // Files the page fetches are decrypted on the way in: the search index is the reader's own (in
  // pagefind/<their salt>/), the rest is the page's group's. Pagefind is kept on this thread: its
  // web worker would fetch past this function.
  function decryptFetches({ key, index, folder }) {
    const plainFetch = window.fetch.bind(window);
    // The index's data, in the site's shard or another (pagefind/2025/…, pagefind/one-on-ones/…:
    // shardOf in src/site/search.ts), and the list of shards.
    const indexFile = /^(.*\/pagefind\/)((?:[\w-]+\/)?(?:pagefind-entry\.json|[^/]+\.pf_meta|(?:index|fragment|filter)\/[^/]+)|shards\.json)$/;
    window.fetch = async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input), location.href);
      const own = url.origin === location.origin && indexFile.exec(url.pathname);
      if (own) url.pathname = `${own[1]}${folder}/${own[2]}`;
      const response = await plainFetch(own ? url.href : input, init);
      if (!response.ok || new URL(response.url || url.href, location.href).origin !== location.origin) return response;
      const bytes = new Uint8Array(await response.clone().arrayBuffer());
      if (!sealed(bytes)) return response;
      const headers = new Headers(response.headers);
      headers.delete('content-length');
      try {
        return new Response(await open(own ? index : key, bytes), { status: response.status, statusText: response.statusText, headers });
      } catch {
        return new Response(null, { status: 403, statusText: 'Not readable with this passphrase' });
      }
    };
    window.Worker = undefined;
  }

  async function show(unlocked) {
    // While this page is still being parsed, document.open() would not replace it.
    if (document.readyState === 'loading') await new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }));
    decryptFetches(unlocked);
    document.open();
    document.write(unlocked.html);
    document.close();
    // The fragment (a citation's line, e.g. #L12) was looked for in the locked page: look again.
    if (location.hash) location.replace(location.hash);
  }

  let earlier = false; // a secret of this tab's session that opens none of this page's slots
  for (let i = 0; i < sessionStorage.length; i++) if (sessionStorage.key(i)?.startsWith(STORE)) earlier = true;
  for (const slot of params.slots) {
    const saved = sessionStorage.getItem(STORE + slot.salt);
    if (!saved) continue;
    try {
      return await show(await unlock(slot, fromBase64(saved)));
    } catch {
      sessionStorage.removeItem(STORE + slot.salt);
    }
  }
  const form = document.getElementById('tw-unlock');
  const input = document.getElementById('tw-passphrase');
  const status = document.getElementById('tw-status');
  // Every reader of the site has a slot here: a passphrase that opens none opens nothing.
  const everyone = params.slots.length === params.readers;
  form.hidden = false;
  if (earlier && !everyone) status.textContent = 'The passphrase entered earlier cannot open this page. Enter one that can.';
  input.focus();
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    status.textContent = 'Opening…';
    for (const slot of params.slots) {
      const secret = await deriveSecret(input.value, slot.salt);
      let unlocked;
      try {
        unlocked = await unlock(slot, secret);
      } catch {
        continue;
      }
      sessionStorage.setItem(STORE + slot.salt, toBase64(secret));
      return show(unlocked);
    }
    status.textContent = everyone
      ? 'Wrong passphrase: this site was not encrypted with it. Try again.'
      : 'This passphrase cannot open this page: it is wrong, or it is not one this page was encrypted for. Try another.';
    input.select();
  });
})();
