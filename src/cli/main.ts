#!/usr/bin/env node
/**
 * turbowork's command line: the only place that prints errors and exits. Exit codes: 0 ok, 1 content
 * errors, 2 usage or internal errors. Stack traces only with --debug.
 */
import { parseArgs } from 'node:util';
import { JournalNotFoundError } from '../ingest/read.ts';
import { assess } from './assess.ts';
import { build } from './build.ts';
import { check } from './check.ts';
import { compare } from './compare.ts';
import { dev } from './dev.ts';
import { exportCommand } from './export.ts';
import { importCommand } from './import.ts';
import { init } from './init.ts';
import { UsageError, type Command, type Context, type Options } from './command.ts';
import { log } from './log.ts';
import { newEntry } from './new.ts';
import type { Io } from './output.ts';
import { query } from './query.ts';
import { report } from './report.ts';

const COMMANDS: Command[] = [init, importCommand, newEntry, log, check, query, report, compare, assess, build, dev, exportCommand];

const GLOBAL_OPTIONS: Options = {
  journal: { type: 'string' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

const GLOBAL_HELP = `turbowork — a work journal in Markdown, scored, drafted and rendered.

Usage: turbowork <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(8)}${c.summary}`).join('\n')}

Options for every command:
  --journal DIR   the journal folder (default: $TURBOWORK_JOURNAL or ./journal)
                  the DuckDB cache goes to $TURBOWORK_CACHE or ./.turbowork
  --debug         show stack traces of internal errors
  -h, --help      help for a command, e.g. turbowork check --help
`;

/** Runs the CLI and returns its exit code. */
export async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(GLOBAL_HELP);
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`turbowork: unknown command "${name}"\n\n${GLOBAL_HELP}`);
    return 2;
  }
  let debug = rest.includes('--debug');
  try {
    const { values, positionals } = parseArgs({ args: rest, options: { ...GLOBAL_OPTIONS, ...command.options }, allowPositionals: true, strict: true });
    debug = values.debug === true;
    if (values.help) {
      io.stdout.write(command.help + '\nOptions for every command: --journal DIR, --debug, --help\n');
      return 0;
    }
    const ctx: Context = {
      io,
      journalDir: (values.journal as string | undefined) ?? io.env.TURBOWORK_JOURNAL ?? 'journal',
      cacheDir: io.env.TURBOWORK_CACHE ?? '.turbowork',
    };
    return await command.run(values as Record<string, string | boolean | undefined>, positionals, ctx);
  } catch (error) {
    return reportError(error, command, debug, io);
  }
}

function reportError(error: unknown, command: Command, debug: boolean, io: Io): number {
  const parseError = (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS');
  if (error instanceof UsageError || parseError) {
    io.stderr.write(`turbowork ${command.name}: ${(error as Error).message}\nRun turbowork ${command.name} --help for usage.\n`);
  } else if (error instanceof JournalNotFoundError) {
    io.stderr.write(`turbowork: ${error.message}. Pass --journal DIR, or set TURBOWORK_JOURNAL.\n`);
  } else {
    io.stderr.write(`turbowork ${command.name}: internal error: ${(error as Error)?.message ?? String(error)}\n`);
    if (!debug) io.stderr.write('Run again with --debug for details.\n');
  }
  if (debug) io.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
  return 2;
}

if (import.meta.main) {
  const io: Io = { stdout: process.stdout, stderr: process.stderr, now: () => new Date(), env: process.env };
  // Exit explicitly: Astro and Vite can leave handles open after a build. Pipes can be asynchronous
  // (stdout to another process: a large `report --json` was cut at 64 KiB), so wait until what was
  // written has been handed over first.
  const code = await main(process.argv.slice(2), io);
  await Promise.all([process.stdout, process.stderr].map((stream) => new Promise((done) => stream.write('', done))));
  process.exit(code);
}
