import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawStatus } from '../../test/support/http.ts';
import { serveStatic, type StaticServer } from './serve.ts';

it('serves its folder while a build has changed the working directory (dev rebuilding)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'turbowork-serve-'));
  await mkdir(join(dir, 'dist'));
  await writeFile(join(dir, 'dist', 'index.html'), '<p>the site</p>');
  const cwd = process.cwd();
  process.chdir(dir);
  const server = await serveStatic('dist');
  try {
    process.chdir(tmpdir());
    const response = await fetch(server.url);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('the site');
  } finally {
    process.chdir(cwd);
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
});


describe('hostile requests', () => {
  let dir: string;
  let server: StaticServer;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'turbowork-serve-'));
    await writeFile(join(dir, 'index.html'), '<p>the journal</p>');
    server = await serveStatic(dir, { liveReload: true, allowedHosts: ['journal.lan'] });
  });
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });
  const get = (path: string, host: string | null) => rawStatus(server.url, `GET ${path} HTTP/1.1\r\n${host === null ? '' : `Host: ${host}\r\n`}Connection: close\r\n\r\n`);
  const port = () => new URL(server.url).port;

  it.each(['/%E0%A4%A', '/%', '/days/%ZZ/', '/%C0%AF..%C0%AF'])('answers %s with 400 and keeps serving', async (path) => {
    expect(await get(path, `127.0.0.1:${port()}`)).toBe(400);
    expect(await get('/', `127.0.0.1:${port()}`)).toBe(200);
  });

  it('answers loopback names, with or without a port, and the allowed ones', async () => {
    for (const host of [`127.0.0.1:${port()}`, `localhost:${port()}`, 'LOCALHOST', `[::1]:${port()}`, `journal.lan:${port()}`]) {
      expect(await get('/', host), host).toBe(200);
    }
  });

  it('refuses any other Host (DNS rebinding), and a request without one', async () => {
    for (const host of ['evil.example', `evil.example:${port()}`, `127.0.0.1.evil.example:${port()}`, `localhost.evil.example`, `[::2]:${port()}`, '']) {
      expect(await get('/', host), host).toBe(421);
      expect(await get('/__turbowork/reload', host), host).toBe(421);
    }
    expect(await rawStatus(server.url, 'GET / HTTP/1.0\r\n\r\n')).toBe(421);
  });
});

describe('pages rendered on request (dev)', () => {
  let dir: string;
  let server: StaticServer;
  const asked: string[] = [];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'turbowork-serve-'));
    await mkdir(join(dir, 'days', '2025-02-07'), { recursive: true });
    await writeFile(join(dir, 'days', '2025-02-07', 'index.html'), '<html><body><p>as built</p></body></html>');
    await writeFile(join(dir, 'site.css'), 'p { color: red }');
    server = await serveStatic(dir, {
      liveReload: true,
      page: async (pathname) => {
        asked.push(pathname);
        return pathname === '/days/2025-02-08/' ? '<html><body><p>rendered now</p></body></html>' : null;
      },
    });
  });
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves a rendered page with the reload hook, and leaves the rest to the folder', async () => {
    const rendered = await (await fetch(`${server.url}days/2025-02-08/`)).text();
    expect(rendered).toContain('rendered now');
    expect(rendered).toContain('/__turbowork/reload');
    expect(await (await fetch(`${server.url}days/2025-02-07/`)).text()).toContain('as built');
    expect(await (await fetch(`${server.url}site.css`)).text()).toBe('p { color: red }');
    expect(asked).toEqual(['/days/2025-02-08/', '/days/2025-02-07/']);
  });

  it('asks for no page on a request it refuses', async () => {
    asked.length = 0;
    const port = new URL(server.url).port;
    expect(await rawStatus(server.url, `GET /days/%E0%A4%A/ HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`)).toBe(400);
    expect(await rawStatus(server.url, `GET /days/2025-02-08/ HTTP/1.1\r\nHost: evil.example:${port}\r\nConnection: close\r\n\r\n`)).toBe(421);
    expect(await rawStatus(server.url, `GET /../../etc/ HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`)).toBe(404);
    expect(asked).toEqual(['/etc/']);
  });
});
