import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { serveStatic } from './serve.ts';

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
