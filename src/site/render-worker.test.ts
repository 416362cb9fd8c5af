import { fork } from 'node:child_process';
import { expect, it } from 'vitest';
import type { FragmentSource } from './render.ts';

// A render process holds nothing open but its channel to the CLI: when the CLI goes (the channel
// closes), it ends by itself, without exiting on its own (only src/cli/main.ts exits).
it('ends by itself once the CLI closes its channel, after drawing a chart and rendering Markdown', async () => {
  const child = fork(new URL('./render-worker.ts', import.meta.url), [], { serialization: 'advanced', stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const sources: FragmentSource[] = [
    { chart: 'velocity', rows: [{ sprint: 'S1', velocity: 3 }, { sprint: 'S2', velocity: 5 }], label: 'velocity' },
    { markdown: '# Notes\n\n| a | b |\n| - | - |\n| 1 | [[Ana]] |\n\n- [ ] follow up', links: { Ana: '/people/ana/' } },
  ];
  const replies = new Map<number, { html?: string; error?: string }>();
  await new Promise<void>((resolve) => {
    child.on('message', ({ id, html, error }: { id: number; html?: string; error?: string }) => {
      replies.set(id, { html, error });
      if (replies.size === sources.length) resolve();
    });
    sources.forEach((source, id) => child.send({ id, source }));
  });
  expect(replies.get(0)?.html).toMatch(/^<svg/);
  expect(replies.get(1)?.html).toContain('<table>');
  child.disconnect();
  // A process that does not end is killed after a while, and so fails here rather than hanging the run.
  const stuck = setTimeout(() => child.kill('SIGKILL'), 20_000);
  try {
    expect(await exited).toBe(0);
  } finally {
    clearTimeout(stuck);
  }
}, 60_000);
