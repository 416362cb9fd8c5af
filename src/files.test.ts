import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeLossless, encodeLossless, FileLockedError, OutsideJournalError, resolveInJournal, withFileLock } from './files.ts';

describe('lossless text', () => {
  it('gives back any bytes exactly, valid UTF-8 or not', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
      expect(Buffer.from(encodeLossless(decodeLossless(bytes))).equals(Buffer.from(bytes))).toBe(true);
    }), { seed: 10, numRuns: 2000 });
  });

  it('decodes valid UTF-8 as TextDecoder does, BOM kept', () => {
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (text) => {
      const bytes = new TextEncoder().encode(text);
      expect(decodeLossless(bytes)).toBe(decoder.decode(bytes));
    }), { seed: 10, numRuns: 1000 });
    expect(decodeLossless(Uint8Array.of(0xef, 0xbb, 0xbf, 0x61))).toBe('\uFEFFa');
  });

  it('keeps each invalid byte as one escape, and its neighbours as text', () => {
    // An overlong "/", a lone continuation byte, a truncated sequence and a UTF-16 surrogate.
    const bytes = Buffer.concat([Buffer.from('é '), Buffer.from([0xc0, 0xaf, 0x80]), Buffer.from(' ü '), Buffer.from([0xe2, 0x82]), Buffer.from('x'), Buffer.from([0xed, 0xa0, 0x80])]);
    expect(decodeLossless(bytes)).toBe('é \uDCC0\uDCAF\uDC80 ü \uDCE2\uDC82x\uDCED\uDCA0\uDC80');
  });
});

describe('file locks', () => {
  let dir: string;
  beforeEach(async () => void (dir = await mkdtemp(join(tmpdir(), 'tw-files-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('takes over a lock whose process is gone', async () => {
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    await writeFile(join(dir, 'a.md.lock'), `${gone}\n`);
    expect(await withFileLock(join(dir, 'a.md'), async () => 'edited', 200)).toBe('edited');
  });

  it('waits for a live holder, then says the file is locked', async () => {
    await writeFile(join(dir, 'a.md.lock'), `${process.pid}\n`);
    await expect(withFileLock(join(dir, 'a.md'), async () => 'edited', 200)).rejects.toThrow(FileLockedError);
    expect(await readFile(join(dir, 'a.md.lock'), 'utf8')).toBe(`${process.pid}\n`);
  });
});

describe('paths inside the journal', () => {
  let dir: string;
  beforeEach(async () => void (dir = await mkdtemp(join(tmpdir(), 'tw-files-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('follows links that stay inside the journal, and refuses links (of files or folders) that leave it', async () => {
    const journal = join(dir, 'journal');
    await mkdir(join(journal, 'daily/2025'), { recursive: true });
    await mkdir(join(dir, 'elsewhere'));
    await writeFile(join(journal, 'daily/2025/real.md'), '');
    await symlink(join(journal, 'daily/2025/real.md'), join(journal, 'daily/2025/inside.md'));
    await symlink(join(dir, 'elsewhere/secret.md'), join(journal, 'daily/2025/outside.md'));
    await symlink(join(dir, 'elsewhere'), join(journal, 'daily/2026'));
    expect(await resolveInJournal(journal, 'daily/2025/inside.md')).toBe(join(journal, 'daily/2025/real.md'));
    expect(await resolveInJournal(journal, 'daily/2025/new.md')).toBe(join(journal, 'daily/2025/new.md'));
    await expect(resolveInJournal(journal, 'daily/2025/outside.md')).rejects.toThrow(OutsideJournalError);
    await expect(resolveInJournal(journal, 'daily/2026/2026-01-05.md')).rejects.toThrow(OutsideJournalError);
  });
});
