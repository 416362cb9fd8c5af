/**
 * The keys of an encrypted site in Node (src/site/keys.ts, src/site/encrypt.ts): a content key
 * wrapped per reader opens for those readers only, and encryptSite gives each file's group exactly
 * the readers `readersOf` names. The same steps in Chromium: test/encrypt-readers.test.ts.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encryptSite, PBKDF2_ITERATIONS } from '../src/site/encrypt.ts';
import { contentKey, deriveSecret, readerKeys, seal, unseal, unwrapKey, wrapKey } from '../src/site/keys.ts';
import { openAs, parseLockedPage } from './support/sealed.ts';

const keysOf = async (passphrase: string, salt: Uint8Array) => readerKeys(await deriveSecret(passphrase, salt, 1_000));

describe('a content key wrapped per reader', () => {
  it('opens for each reader it was wrapped for, and for no other passphrase or salt', async () => {
    const [saltA, saltB] = [crypto.getRandomValues(new Uint8Array(16)), crypto.getRandomValues(new Uint8Array(16))];
    const a = await keysOf('ada lovelace notes', saltA);
    const manager = await keysOf('grace hopper manages', saltB);
    const key = await contentKey();
    const sealed = await seal(key, Buffer.from('Patroni refused to fail over'));
    expect(sealed.toString('latin1')).not.toContain('Patroni');
    for (const reader of [a, manager]) {
      const wrapped = await wrapKey(key, reader.kek);
      expect(Buffer.from(wrapped, 'base64')).toHaveLength(40);
      expect((await unseal(await unwrapKey(wrapped, reader.kek), sealed)).toString()).toBe('Patroni refused to fail over');
    }
    const forA = await wrapKey(key, a.kek);
    await expect(unwrapKey(forA, manager.kek)).rejects.toThrow();
    await expect(unwrapKey(forA, (await keysOf('ada lovelace notes.', saltA)).kek)).rejects.toThrow();
    await expect(unwrapKey(forA, (await keysOf('ada lovelace notes', saltB)).kek)).rejects.toThrow();
    // The reader's index key is not the content key, nor a key for another reader's index.
    await expect(unseal(a.index, sealed)).rejects.toThrow();
    await expect(unseal(manager.index, await seal(a.index, Buffer.from('x')))).rejects.toThrow();
    const changed = Buffer.from(sealed);
    changed[changed.length - 20] ^= 1;
    await expect(unseal(key, changed)).rejects.toThrow();
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
  });
});

describe('encryptSite with readers', () => {
  const A = 'ada-lovelace-analytical-engine';
  const B = 'babbage-difference-engine-two';
  const MANAGER = 'hopper-compiler-manager-cobol';
  const site: Record<string, string> = {
    'index.html': '<h1>Team dashboard</h1><p>Quarterlyreview mentions everyone</p>',
    'people/a/index.html': '<h1>Ada</h1><p>Adaswinningbenchmark flamegraph</p>',
    'people/a/data.json': '{"note":"Adasprivatejsonnote"}',
    'people/b/index.html': '<h1>Babbage</h1><p>Babbagesoutagepostmortem</p>',
    'people/b/data.json': '{"note":"Babbagesprivatejsonnote"}',
    'search/index.html': '<h1>Search</h1><p>Searchpagewelcome</p>',
    'app.js': 'console.log("code")',
  };
  const readersOf = (rel: string) => (rel.startsWith('people/a/') ? ['a', 'manager'] : rel.startsWith('people/b/') ? ['b', 'manager'] : rel.startsWith('search/') ? ['a', 'b', 'manager'] : ['manager']);
  let dir: string;
  let result: Awaited<ReturnType<typeof encryptSite>>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'turbowork-keys-'));
    for (const [path, content] of Object.entries(site)) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), content);
    }
    const readers = [{ id: 'a', passphrase: A }, { id: 'b', passphrase: B }, { id: 'manager', passphrase: MANAGER }];
    result = await encryptSite(dir, readers, { iterations: 1_000, readersOf });
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('makes one content key per distinct set of readers, and leaves code as it is', async () => {
    expect(result).toEqual({ pages: 4, files: 2, plain: 1, groups: 4, indexes: 0 });
    expect(await readFile(join(dir, 'app.js'), 'utf8')).toBe(site['app.js']);
  });

  it("opens A's files and the shared search page with A's passphrase, nothing of B's or the manager's", async () => {
    const opened = await openAs(dir, A);
    expect([...opened.keys()].sort()).toEqual(['people/a/data.json', 'people/a/index.html', 'search/index.html']);
    for (const [path, text] of opened) expect(text).toBe(site[path]);
  });

  it("opens B's with B's", async () => {
    expect([...(await openAs(dir, B)).keys()].sort()).toEqual(['people/b/data.json', 'people/b/index.html', 'search/index.html']);
  });

  it("opens everything with the manager's", async () => {
    const opened = await openAs(dir, MANAGER);
    expect([...opened.keys()].sort()).toEqual(Object.keys(site).filter((p) => p !== 'app.js').sort());
    for (const [path, text] of opened) expect(text).toBe(site[path]);
  });

  it('opens nothing with a wrong passphrase', async () => {
    expect((await openAs(dir, `${A}!`)).size).toBe(0);
  });

  it('carries on each page one slot per reader of its group, and no reader id', async () => {
    const page = parseLockedPage(await readFile(join(dir, 'people/a/index.html'), 'utf8'));
    expect(page.params).toMatchObject({ v: 2, iterations: 1_000, readers: 3 });
    expect(page.params.slots).toHaveLength(2);
    expect(parseLockedPage(await readFile(join(dir, 'search/index.html'), 'utf8')).params.slots).toHaveLength(3);
    expect(parseLockedPage(await readFile(join(dir, 'index.html'), 'utf8')).params.slots).toHaveLength(1);
    expect(await readFile(join(dir, 'people/a/index.html'), 'utf8')).not.toMatch(/"manager"|Adaswinning/);
  });

  it('refuses readers it cannot honour, naming the file', async () => {
    const other = await mkdtemp(join(tmpdir(), 'turbowork-keys-'));
    await writeFile(join(other, 'index.html'), '<h1>x</h1>');
    await expect(encryptSite(other, [])).rejects.toThrow('no readers');
    await expect(encryptSite(other, [{ id: 'a', passphrase: A }, { id: 'a', passphrase: B }])).rejects.toThrow('same id');
    await expect(encryptSite(other, [{ id: 'a', passphrase: A }], { iterations: 1_000, readersOf: () => ['z'] })).rejects.toThrow('index.html is for reader z');
    await expect(encryptSite(other, [{ id: 'a', passphrase: A }], { iterations: 1_000, readersOf: () => [] })).rejects.toThrow('no reader may read index.html');
    expect(await readFile(join(other, 'index.html'), 'utf8')).toBe('<h1>x</h1>');
    await rm(other, { recursive: true, force: true });
  });
});
