/** `turbowork dev` as a user runs it: a real child process, a real server, real file edits. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { rawStatus } from './support/http.ts';
import { programName } from '../src/cli/output.ts';
import { readJournalAsOf } from '../src/journal.ts';
import { buildSite } from '../src/site/build.ts';

const root = new URL('../', import.meta.url).pathname;


it('serves the site and rebuilds it when a journal file changes', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'turbowork-dev-'));
  const journal = join(dir, 'journal');
  await cp(join(root, 'test/fixtures/journals/kinds'), journal, { recursive: true });
  const child = spawn(process.execPath, [join(root, 'src/cli/main.ts'), 'dev', '--journal', journal, '--out', join(dir, 'dist'), '--port', '0'], {
    cwd: dir,
    env: { ...process.env, TURBOWORK_CACHE: join(dir, 'cache') },
  });
  try {
    const url = await serving(child);
    const page = await (await fetch(`${url}days/2025-02-08/`)).text();
    expect(page).toContain('Reviewed the on-call runbook');
    expect(page).toContain('/__turbowork/reload'); // the live-reload hook

    // What any web page can make a browser send: a URL that does not decode, and (DNS rebinding)
    // a foreign Host. Neither is served, and the server lives on.
    const { port } = new URL(url);
    expect(await rawStatus(url, `GET /%E0%A4%A HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`)).toBe(400);
    expect(await rawStatus(url, `GET /days/2025-02-08/ HTTP/1.1\r\nHost: attacker.example:${port}\r\nConnection: close\r\n\r\n`)).toBe(421);
    expect(await rawStatus(url, `GET /days/2025-02-08/ HTTP/1.1\r\nHost: localhost:${port}\r\nConnection: close\r\n\r\n`)).toBe(200);
    expect(child.exitCode).toBeNull();

    await writeFile(join(journal, 'daily/2025/2025-02-08.md'), '---\nhours: 2\n---\n\n## Wins\n\n- Rewrote the pager rota while dev watched\n');
    const deadline = Date.now() + 90_000;
    let updated = '';
    while (Date.now() < deadline && !updated.includes('Rewrote the pager rota')) {
      await new Promise((r) => setTimeout(r, 500));
      updated = await (await fetch(`${url}days/2025-02-08/`)).text();
    }
    expect(updated).toContain('Rewrote the pager rota while dev watched');
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await rm(dir, { recursive: true, force: true });
  }
}, 150_000);

/** A page as dev serves it, without its live-reload hook (the one thing dev adds to a built page). */
const withoutReload = (html: string) => html.replace(/<script>new EventSource\('\/__turbowork\/reload'\)[^<]*<\/script>/, '');

it('shows a saved day within its patch, and serves each page as a fresh build writes it', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'turbowork-dev-same-'));
  const journal = join(dir, 'journal');
  await cp(join(root, 'test/fixtures/journals/kinds'), journal, { recursive: true });
  const cli = join(root, 'src/cli/main.ts');
  const child = spawn(process.execPath, [cli, 'dev', '--journal', journal, '--out', join(dir, 'dist'), '--port', '0'], {
    cwd: dir,
    env: { ...process.env, TURBOWORK_CACHE: join(dir, 'cache') },
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => void (stderr += chunk));
  const builds = () => stderr.split('✔ built').length - 1;
  try {
    const url = await serving(child);
    const get = async (path: string) => withoutReload(await (await fetch(`${url}${path}`)).text());
    // A save as people write them: a privacy flag that cannot be read (so the day is private), a
    // quantified win with a tag, a wiki link, a heading of its own, and an open action item.
    await writeFile(join(journal, 'daily/2025/2025-02-08.md'), '---\nhours: 6.5\nenergy: 4\nprivate: perhaps\ntags: [oncall]\n---\n\n## Wins\n\n- Cut the pager noise by 40% (from 50 to 30 alerts a week) #highlight, see [[2025-02-07]]\n\n## Notes\n\n### Hand-over\n\n- [ ] Tell Sam about the new rota\n');
    const deadline = Date.now() + 90_000;
    let day = '';
    let buildsWhenShown = -1;
    const buildsBefore = builds();
    while (Date.now() < deadline && !day.includes('Cut the pager noise')) {
      buildsWhenShown = builds();
      day = await get('days/2025-02-08/');
      if (!day.includes('Cut the pager noise')) await new Promise((r) => setTimeout(r, 20));
    }
    // Shown by the save's patch, before any build after it was done.
    expect(buildsWhenShown, stderr).toBe(buildsBefore);
    expect(stderr).toContain('updated days/2025-02-08/');
    const untouched = await get('achievements/');

    // A fresh build of the same journal, as dev builds (drafts as they are), into a folder of its own.
    const fresh = join(dir, 'fresh');
    await buildSite({ journalDir: journal, outDir: fresh, cacheDir: join(dir, 'fresh-cache'), asOf: await readJournalAsOf(journal, new Date()), public: false, command: programName(process.env, cli), log: () => {} });
    const written = (path: string) => readFile(join(fresh, path, 'index.html'), 'utf8');
    expect(day).toContain('Private entry');
    expect(day).toBe(await written('days/2025-02-08'));
    expect(untouched).toBe(await written('achievements'));

    // Once dev's own build is done, every page it serves (its week's too) is the fresh build's.
    while (Date.now() < deadline && builds() === buildsBefore) await new Promise((r) => setTimeout(r, 200));
    for (const path of ['days/2025-02-08', 'days/2025-02-07', 'weeks/2025-W06', '', 'achievements']) {
      expect(await get(`${path}${path ? '/' : ''}`), path).toBe(await written(path));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await rm(dir, { recursive: true, force: true });
  }
}, 150_000);

/** Resolves with the address dev serves on, once it says so: from then on every save is watched. */
function serving(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const match = /serving (http:\S+)\n/.exec(text);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`dev exited with ${code}`)));
  });
}

/** A V8 inspector session over its WebSocket: `call` sends one DevTools protocol command. */
async function inspect(url: string): Promise<{ call<T>(method: string): Promise<T>; close(): void }> {
  const socket = new WebSocket(url);
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve, { once: true });
    socket.addEventListener('error', reject, { once: true });
  });
  let next = 0;
  const waiting = new Map<number, (result: unknown) => void>();
  socket.addEventListener('message', (event) => {
    const { id, result } = JSON.parse(String(event.data)) as { id?: number; result?: unknown };
    if (id !== undefined) waiting.get(id)?.(result);
  });
  return {
    call: <T>(method: string) => new Promise<T>((resolve) => {
      const id = next++;
      waiting.set(id, resolve as (result: unknown) => void);
      socket.send(JSON.stringify({ id, method }));
    }),
    close: () => socket.close(),
  };
}

it('keeps its heap flat over 20 edits: every build runs Astro in a process of its own', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'turbowork-dev-heap-'));
  const journal = join(dir, 'journal');
  await cp(join(root, 'test/fixtures/journals/kinds'), journal, { recursive: true });
  // The inspector lets the test collect garbage in dev's process and read its heap, changing nothing in dev.
  const child = spawn(process.execPath, ['--inspect=127.0.0.1:0', join(root, 'src/cli/main.ts'), 'dev', '--journal', journal, '--out', join(dir, 'dist'), '--port', '0'], {
    cwd: dir,
    env: { ...process.env, TURBOWORK_CACHE: join(dir, 'cache') },
  });
  // Counted over all of stderr so far: a chunk may end inside "✔ built", or inside the ✔ itself.
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => void (stderr += chunk));
  /** Waits until dev's stderr passes `done`; fails with what dev printed if it stops, fails a build or takes 4 minutes. */
  const until = async (what: string, done: () => boolean) => {
    // Generous: 21 Astro builds run beside the whole suite on 2 cores.
    const deadline = Date.now() + 240_000;
    while (!done()) {
      if (child.exitCode !== null || /build failed/.test(stderr) || Date.now() > deadline) {
        throw new Error(`waiting for ${what}, dev printed:\n${stderr}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const rebuilt = (count: number) => until(`build ${count}`, () => stderr.split('✔ built').length - 1 >= count);
  try {
    await until('the inspector', () => /Debugger listening on ws:\S+\n/.test(stderr));
    const session = await inspect(/Debugger listening on (ws:\S+)/.exec(stderr)![1]);
    const heap = async () => {
      await session.call('HeapProfiler.collectGarbage');
      return (await session.call<{ usedSize: number }>('Runtime.getHeapUsage')).usedSize;
    };
    await serving(child);
    await rebuilt(1);
    const used: number[] = [];
    for (let edit = 1; edit <= 20; edit++) {
      await writeFile(join(journal, 'daily/2025/2025-02-08.md'), `---\nhours: ${edit}\n---\n\n## Wins\n\n- Edit number ${edit} of the pager rota\n`);
      await rebuilt(1 + edit);
      used.push(await heap());
    }
    session.close();
    const [first] = used;
    const last = used.at(-1)!;
    expect(last, `heap after each rebuild (MB): ${used.map((u) => (u / 1e6).toFixed(1)).join(' ')}`).toBeLessThanOrEqual(first * 1.1);
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await rm(dir, { recursive: true, force: true });
  }
  // 21 Astro builds: alone about 10 s each, but up to a minute each beside the whole suite on 2 cores.
}, 1_200_000);
