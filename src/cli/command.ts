/** The shape every CLI command shares, and the errors that map to exit code 2. */
import type { ParseArgsConfig } from 'node:util';
import type { Io } from './output.ts';

/** What a command gets: where it writes, and which journal it works on. */
export interface Context {
  io: Io;
  /** The journal folder, from --journal, TURBOWORK_JOURNAL or "./journal". */
  journalDir: string;
  /** Where the DuckDB cache lives, from TURBOWORK_CACHE or "./.turbowork". */
  cacheDir: string;
}

export type Options = NonNullable<ParseArgsConfig['options']>;

export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** The full --help text. */
  help: string;
  options: Options;
  /** Returns the exit code: 0 ok, 1 content errors. Throws UsageError for 2. */
  run(values: Record<string, string | boolean | string[] | undefined>, positionals: string[], ctx: Context): Promise<number>;
}

/** The user asked for something that cannot be done as asked: exit 2 with this message. */
export class UsageError extends Error {}
