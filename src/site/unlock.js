// The encrypted site's page script (see src/site/encrypt.ts), inlined into every page as it is.
// It asks once per session (per tab) for the passphrase, derives the key with PBKDF2 in WebCrypto,
// decrypts the page it was served with, and then every encrypted file the page fetches (the search
// index); a wrong passphrase fails AES-GCM's authentication and is said so.
(async () => {
  const MAGIC = [0x54, 0x57, 0x45, 0x4e, 0x43, 0x31]; // "TWENC1"
  const IV = 12;
  const params = JSON.parse(document.getElementById('tw-params').textContent);
  const storeKey = `turbowork-site-key:${params.salt}`;
  const fromBase64 = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  const toBase64 = (bytes) => btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(''));
  const sealed = (bytes) => bytes.length > MAGIC.length + IV && MAGIC.every((b, i) => bytes[i] === b);
  const open = (key, bytes) => crypto.subtle.decrypt({ name: 'AES-GCM', iv: bytes.subarray(MAGIC.length, MAGIC.length + IV) }, key, bytes.subarray(MAGIC.length + IV));
  const importKey = (raw) => crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['decrypt']);
  const payload = fromBase64(document.getElementById('tw-payload').textContent.trim());

  async function derive(passphrase) {
    const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase), 'PBKDF2', false, ['deriveBits']);
    const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: fromBase64(params.salt), iterations: params.iterations }, material, 256);
    return new Uint8Array(bits);
  }

  // Files the page fetches (the search index, its metadata) are decrypted on the way in. Pagefind
  // is kept on this thread: its web worker would fetch past this function.
  function decryptFetches(key) {
    const plainFetch = window.fetch.bind(window);
    window.fetch = async (input, init) => {
      const response = await plainFetch(input, init);
      if (!response.ok || new URL(response.url || String(input), location.href).origin !== location.origin) return response;
      const bytes = new Uint8Array(await response.clone().arrayBuffer());
      if (!sealed(bytes)) return response;
      const headers = new Headers(response.headers);
      headers.delete('content-length');
      return new Response(await open(key, bytes), { status: response.status, statusText: response.statusText, headers });
    };
    window.Worker = undefined;
  }

  async function show(key) {
    const html = new TextDecoder().decode(await open(key, payload));
    // While this page is still being parsed, document.open() would not replace it.
    if (document.readyState === 'loading') await new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }));
    decryptFetches(key);
    document.open();
    document.write(html);
    document.close();
    // The fragment (a citation's line, e.g. #L12) was looked for in the locked page: look again.
    if (location.hash) location.replace(location.hash);
  }

  const saved = sessionStorage.getItem(storeKey);
  if (saved) {
    try {
      return await show(await importKey(fromBase64(saved)));
    } catch {
      sessionStorage.removeItem(storeKey); // a key from an earlier build: ask again
    }
  }
  const form = document.getElementById('tw-unlock');
  const input = document.getElementById('tw-passphrase');
  const status = document.getElementById('tw-status');
  form.hidden = false;
  input.focus();
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    status.textContent = 'Opening…';
    const raw = await derive(input.value);
    const key = await importKey(raw);
    try {
      await open(key, payload);
    } catch {
      status.textContent = 'Wrong passphrase: this site was not encrypted with it. Try again.';
      input.select();
      return;
    }
    sessionStorage.setItem(storeKey, toBase64(raw));
    await show(key);
  });
})();
