/** `turbowork dev` as a user runs it: a real child process, a real server, real file edits. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { rawStatus } from './support/http.ts';

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
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        const match = /serving (http:\S+)/.exec(chunk.toString());
        if (match) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`dev exited with ${code}`)));
    });
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

/** Resolves with the first match of `pattern` in what `child` writes to stderr. */
function fromStderr(child: ChildProcessWithoutNullStreams, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let text = '';
    const listen = (chunk: Buffer) => {
      text += chunk.toString();
      const match = pattern.exec(text);
      if (match) {
        child.stderr.off('data', listen);
        resolve(match);
      }
    };
    child.stderr.on('data', listen);
    child.once('exit', (code) => reject(new Error(`dev exited with ${code}: ${text}`)));
  });
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
  let builds = 0;
  child.stderr.on('data', (chunk: Buffer) => void (builds += chunk.toString().split('✔ built').length - 1));
  try {
    const [, inspectorUrl] = await fromStderr(child, /Debugger listening on (ws:\S+)/);
    const session = await inspect(inspectorUrl);
    const rebuilt = async (count: number) => {
      while (builds < count) await new Promise((r) => setTimeout(r, 200));
    };
    const heap = async () => {
      await session.call('HeapProfiler.collectGarbage');
      return (await session.call<{ usedSize: number }>('Runtime.getHeapUsage')).usedSize;
    };
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
}, 1_500_000);
