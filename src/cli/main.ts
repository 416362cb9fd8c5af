#!/usr/bin/env node
/**
 * turbowork's command line: the only place that prints errors and exits. Exit codes: 0 ok, 1 content
 * errors, 2 usage or internal errors. Stack traces only with --debug.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { FileLockedError } from '../files.ts';
import { JournalNotFoundError } from '../ingest/read.ts';
import { OutDirRefusedError } from '../site/out-dir.ts';
import { assess } from './assess.ts';
import { build } from './build.ts';
import { check } from './check.ts';
import { compare } from './compare.ts';
import { dev } from './dev.ts';
import { exportCommand } from './export.ts';
import { importCommand } from './import.ts';
import { init } from './init.ts';
import { didYouMean, UsageError, type Command, type Context, type Options } from './command.ts';
import { log } from './log.ts';
import { newEntry } from './new.ts';
import { nameCommands, programName, type Io } from './output.ts';
import { MissingDependencyError } from '../site/browser.ts';
import { query } from './query.ts';
import { report } from './report.ts';
import { review } from './review.ts';
import { team } from './team.ts';

const COMMANDS: Command[] = [init, newEntry, log, check, query, report, compare, assess, review, build, dev, exportCommand, importCommand, team];

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
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    const hint = didYouMean(name, COMMANDS.map((c) => c.name));
    io.stderr.write(`turbowork: unknown command "${name}".${hint}\nRun ${program} --help for the list of commands.\n`);
    return 2;
  }
  let debug = rest.includes('--debug');
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

if (import.meta.main) {
  const io: Io = { stdout: process.stdout, stderr: process.stderr, now: () => new Date(), env: process.env, program: programName(process.env, process.argv[1]) };
  // Exit explicitly: Astro and Vite can leave handles open after a build. Pipes can be asynchronous
  // (stdout to another process: a large `report --json` was cut at 64 KiB), so wait until what was
  // written has been handed over first.
  const code = await main(process.argv.slice(2), io);
  await Promise.all([process.stdout, process.stderr].map((stream) => new Promise((done) => stream.write('', done))));
  process.exit(code);
}
