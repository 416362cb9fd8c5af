/** `turbowork dev` as a user runs it: a real child process, a real server, a real file edit. */
import { spawn } from 'node:child_process';
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
