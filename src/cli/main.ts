#!/usr/bin/env node
/**
 * turbowork's command line: the only place that prints errors and exits. Exit codes: 0 ok, 1 content
 * errors, 2 usage or internal errors. Stack traces only with --debug.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { FileLockedError, JournalNotFoundError } from '../files.ts';
import { MissingDependencyError } from '../site/browser.ts';
import { OutDirRefusedError } from '../site/out-dir.ts';
import { didYouMean, UsageError, type Command, type Context, type Options } from './command.ts';
import { nameCommands, programName, type Io } from './output.ts';

/**
 * Every command, with its line in the command list. A command's module is imported only when it
 * runs, so `log` never loads DuckDB, the site, the browser or the model client
 * (test/module-graph.test.ts holds it to that).
 */
const COMMANDS: { name: string; summary: string; load: () => Promise<Command> }[] = [
  { name: 'init', summary: 'scaffold a new journal: settings, templates, folders and the weekly workflow', load: async () => (await import('./init.ts')).init },
  { name: 'new', summary: 'create an entry from its template and print its path', load: async () => (await import('./new.ts')).newEntry },
  { name: 'log', summary: 'append a bullet to a day\'s log (quick capture)', load: async () => (await import('./log.ts')).log },
  { name: 'check', summary: 'validate every journal file; exit 1 on any error', load: async () => (await import('./check.ts')).check },
  { name: 'query', summary: 'run SQL on the journal tables', load: async () => (await import('./query.ts')).query },
  { name: 'report', summary: "a period's figures: scores, wins, OKRs, 1:1s, gaps", load: async () => (await import('./report.ts')).report },
  { name: 'compare', summary: 'two periods side by side, every figure with its difference', load: async () => (await import('./compare.ts')).compare },
  { name: 'assess', summary: 'write or refresh assessment drafts (week, quarter, year, 1:1 prep)', load: async () => (await import('./assess.ts')).assess },
  { name: 'review', summary: 'the pull-request body for the drafts changed since a branch (Markdown)', load: async () => (await import('./review.ts')).review },
  { name: 'build', summary: 'the whole pipeline: journal → scores → drafts → static site', load: async () => (await import('./build.ts')).build },
  { name: 'dev', summary: 'build, serve on 127.0.0.1 and rebuild with live reload when the journal changes', load: async () => (await import('./dev.ts')).dev },
  { name: 'export', summary: 'a period’s assessment as a document to hand over: PDF, Word or Markdown', load: async () => (await import('./export.ts')).exportCommand },
  { name: 'import', summary: 'bring daily notes (Obsidian, Logseq, Markdown) or evidence (git commits, calendar events) into the journal', load: async () => (await import('./import.ts')).importCommand },
  { name: 'team', summary: "a manager's view over many journals: team build, team note (team.yml)", load: async () => (await import('./team.ts')).team },
];

const GLOBAL_OPTIONS: Options = {
  journal: { type: 'string' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

const GLOBAL_HELP = `turbowork — a work journal in Markdown, scored, drafted and rendered.

Usage: turbowork <command> [options]
       turbowork --version

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(8)}${c.summary}`).join('\n')}

Options for every command:
  --journal DIR   the journal folder (default: $TURBOWORK_JOURNAL or ./journal)
                  the cache (DuckDB, what import git last saw) goes to $TURBOWORK_CACHE
                  or ./.turbowork
  --debug         show stack traces of internal errors
  -h, --help      help for a command, e.g. turbowork check --help
`;

/** The version of this turbowork, from its package.json. */
const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** Runs the CLI and returns its exit code. */
export async function main(argv: string[], io: Io): Promise<number> {
  const program = io.program ?? 'turbowork';
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v' || name === 'version') {
    io.stdout.write(`turbowork ${VERSION}\n`);
    return 0;
  }
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(nameCommands(GLOBAL_HELP, program));
    return name ? 0 : 2;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    const hint = didYouMean(name, COMMANDS.map((c) => c.name));
    io.stderr.write(`turbowork: unknown command "${name}".${hint}\nRun ${program} --help for the list of commands.\n`);
    return 2;
  }
  let debug = rest.includes('--debug');
  const command = await entry.load();
  try {
    const options = { ...command.options, ...GLOBAL_OPTIONS };
    const { values, positionals } = parseOptions(rest, options);
    debug = values.debug === true;
    if (values.help) {
      io.stdout.write(nameCommands(`${command.help}\nOptions for every command: --journal DIR, --debug, --help\n`, program));
      return 0;
    }
    const ctx: Context = {
      io,
      journalDir: (values.journal as string | undefined) ?? io.env.TURBOWORK_JOURNAL ?? 'journal',
      cacheDir: io.env.TURBOWORK_CACHE ?? '.turbowork',
      program,
    };
    return await command.run(values as Record<string, string | boolean | string[] | undefined>, positionals, ctx);
  } catch (error) {
    return reportError(error, command, debug, io, program);
  }
}

/**
 * Parses a command's options. Node's parser errors (ERR_PARSE_ARGS_*) speak of its own API
 * ("To specify a positional argument starting with a '-' place it at the end of the command after
 * '--'"): a mistyped option becomes a usage error that names it and the closest real one.
 */
function parseOptions(args: string[], options: Options) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const flag = /'(-[^']*)'/.exec((error as Error).message)?.[1]?.split(/[= ]/)[0];
    const names = Object.keys(options).map((option) => `--${option}`);
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && flag) throw new UsageError(`unknown option ${flag}.${didYouMean(flag, names)} Options: ${names.join(', ')}`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && flag) {
      const option = options[flag.replace(/^-+/, '')] ?? Object.values(options).find((o) => `-${o.short}` === flag);
      throw new UsageError(option?.type === 'boolean' ? `${flag} takes no value` : `${flag} needs a value, e.g. ${flag} VALUE`);
    }
    throw error;
  }
}

function reportError(error: unknown, command: Command, debug: boolean, io: Io, program: string): number {
  if (error instanceof OutDirRefusedError || error instanceof FileLockedError) {
    io.stderr.write(`turbowork ${command.name}: ${error.message}\n`);
  } else if (error instanceof UsageError) {
    io.stderr.write(`turbowork ${command.name}: ${nameCommands(`${error.message}\nRun turbowork ${command.name} --help for usage.`, program)}\n`);
  } else if (error instanceof JournalNotFoundError) {
    io.stderr.write(`turbowork: ${error.message}. Pass --journal DIR, or set TURBOWORK_JOURNAL.\n`);
  } else if (error instanceof MissingDependencyError) {
    io.stderr.write(`turbowork ${command.name}: ${error.message}\n`);
  } else {
    io.stderr.write(`turbowork ${command.name}: internal error: ${(error as Error)?.message ?? String(error)}\n`);
    if (!debug) io.stderr.write('Run again with --debug for details.\n');
  }
  if (debug) io.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
  return 2;
}

/** Runs the CLI as this process (its arguments, streams and environment) and exits with its code. */
export async function runProcess(): Promise<never> {
  const io: Io = { stdout: process.stdout, stderr: process.stderr, now: () => new Date(), env: process.env, program: programName(process.env, process.argv[1]) };
  // Exit explicitly: Astro and Vite can leave handles open after a build. Pipes can be asynchronous
  // (stdout to another process: a large `report --json` was cut at 64 KiB), so wait until what was
  // written has been handed over first.
  const code = await main(process.argv.slice(2), io);
  await Promise.all([process.stdout, process.stderr].map((stream) => new Promise((done) => stream.write('', done))));
  process.exit(code);
}

// `node src/cli/main.ts` runs it too, without the compile cache of turbowork.js (the executable).
if (import.meta.main) await runProcess();
