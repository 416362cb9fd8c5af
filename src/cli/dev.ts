import { relative, resolve } from 'node:path';
import { watch } from 'chokidar';
import { readJournalAsOf } from '../journal.ts';
import { DevSite } from '../site/dev.ts';
import { serveStatic } from '../site/serve.ts';
import type { Command } from './command.ts';
import { paint } from './output.ts';

/** How long saves must pause before the build after a save shown at once starts. */
const BUILD_AFTER_MS = 2000;

export const dev: Command = {
  name: 'dev',
  help: `Usage: turbowork dev [--out DIR] [--port N] [--allow-host NAME]

Builds the site (as of today; assessment drafts are shown as they are, never refreshed), serves it
on http://127.0.0.1:PORT/ (default 4321), and keeps it up to date while you edit; open pages reload
by themselves. Stop it with Ctrl-C.

Pages are rendered when you open them, by the same Astro code a build writes them with. A save of
daily logs shows at once: dev keeps the journal open, reads only the saved files, and makes their
day pages anew. The build that brings the rest of the site (the day's week, quarter and year, the
dashboard) and the files in DIR up to date follows once saves pause for 2 s; any other change (a
new or removed day, a weekly file, journal.yml) shows when that build is done.

Options:
  --out DIR          where the site goes (default: dist); replaced only if empty or built before
  --port N           the port (default: 4321; 0 picks a free one)
  --allow-host NAME  also answer requests for this host name (repeatable), e.g. a name in your
                     hosts file pointing at 127.0.0.1. By default only localhost, 127.0.0.1 and
                     [::1] are answered, so no web page can reach the journal by DNS rebinding.
`,
  options: { out: { type: 'string', default: 'dist' }, port: { type: 'string', default: '4321' }, 'allow-host': { type: 'string', multiple: true } },
  async run(values, _positionals, { io, journalDir, cacheDir, program }) {
    const outDir = resolve(values.out as string);
    // Opened once the watcher is ready (below): the journal stays open, and Astro's process runs, while dev does.
    let opened: Promise<DevSite> | undefined;
    const open = () => (opened ??= DevSite.open({ journalDir, outDir, cacheDir, command: program, log: () => {} }, (line) => void io.stderr.write(`${paint('yellow', line, io.stderr)}\n`)));
    const rebuild = async () => {
      const result = await (await open()).build(await readJournalAsOf(journalDir, io.now()));
      const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
      io.stderr.write(`${paint('green', '✔', io.stderr)} built ${result.pages} pages in ${(result.ms / 1000).toFixed(1)} s${errors ? paint('yellow', ` (${errors} errors: run ${program} check)`, io.stderr) : ''}\n`);
    };
    // One rebuild at a time; changes during a build trigger one more.
    let server: Awaited<ReturnType<typeof serveStatic>> | undefined;
    let running: Promise<void> | null = null;
    let again = false;
    const schedule = () => {
      if (running) return void (again = true);
      running = rebuild()
        .then(() => server?.reload())
        .catch((error: Error) => void io.stderr.write(paint('red', `build failed: ${error.message}\n`, io.stderr)))
        .finally(() => {
          running = null;
          if (again) {
            again = false;
            schedule();
          }
        });
    };
    // A save of daily logs shows at once (their pages patched, src/site/dev.ts). The build follows
    // once saves pause, so it does not hold up the next save's page; any other save waits for it.
    let patching: Promise<void> = Promise.resolve();
    let quiet: NodeJS.Timeout | undefined;
    const saved = (paths: string[]) => {
      const started = performance.now();
      clearTimeout(quiet);
      patching = patching
        .then(async () => (await open()).patch(paths))
        .then((routes) => {
          if (!routes) return schedule();
          server?.reload();
          io.stderr.write(`${paint('green', '✔', io.stderr)} updated ${routes.join(', ')} in ${Math.round(performance.now() - started)} ms\n`);
          quiet = setTimeout(schedule, BUILD_AFTER_MS);
        })
        .catch((error: Error) => {
          io.stderr.write(paint('yellow', `the save waits for the build: ${error.message}\n`, io.stderr));
          schedule();
        });
    };
    // The watcher is ready before the first build starts, so no save made from then on is missed.
    // Absolute, so a relative path means the same whatever runs later. Hidden files, temporary files
    // and locks inside the journal are not its entries.
    const journal = resolve(journalDir);
    const watcher = watch(journal, { ignoreInitial: true, ignored: (path) => /(^|\/)\.|\.tmp$|\.lock$/.test(relative(journal, path)) });
    await new Promise<void>((ready) => watcher.once('ready', ready));
    let timer: NodeJS.Timeout | undefined;
    const changed = new Set<string>();
    watcher.on('all', (_event, path) => {
      changed.add(path);
      clearTimeout(timer);
      // Short: an editor's save is a burst of events, and the page should show within a second.
      timer = setTimeout(() => {
        const paths = [...changed];
        changed.clear();
        saved(paths);
      }, 50);
    });
    try {
      // The first build's failure ends the command; a later one's is reported and the last site served.
      running = rebuild();
      await running;
    } catch (error) {
      await watcher.close();
      await (await opened?.catch(() => undefined))?.close();
      throw error;
    } finally {
      running = null;
    }
    const allowedHosts = (values['allow-host'] as unknown as string[] | undefined) ?? [];
    const site = await open();
    server = await serveStatic(outDir, { port: Number(values.port), liveReload: true, allowedHosts, page: (pathname) => site.page(pathname) });
    io.stdout.write(`serving ${server.url}\n`);
    if (again) {
      again = false;
      schedule();
    }
    await new Promise<void>((done) => process.once('SIGINT', done).once('SIGTERM', done));
    clearTimeout(timer);
    clearTimeout(quiet);
    await watcher.close();
    await patching;
    await running;
    await server.close();
    await site.close();
    return 0;
  },
};
