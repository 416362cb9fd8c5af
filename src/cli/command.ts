/** The shape every CLI command shares, and the errors that map to exit code 2. */
import type { ParseArgsConfig } from 'node:util';
import { suggestNames } from '../ingest/suggest.ts';
import type { Io } from './output.ts';

/** What a command gets: where it writes, and which journal it works on. */
export interface Context {
  io: Io;
  /** The journal folder, from --journal, TURBOWORK_JOURNAL or "./journal". */
  journalDir: string;
  /** Where the DuckDB cache lives, from TURBOWORK_CACHE or "./.turbowork". */
  cacheDir: string;
  /** How the user runs turbowork, for commands a message suggests, e.g. "npm run tw --" (output.ts programName). */
  program: string;
}

export type Options = NonNullable<ParseArgsConfig['options']>;

/** A command's module exports one of these; main.ts loads it only when the command runs. */
export interface Command {
  name: string;
  /** The full --help text. */
  help: string;
  options: Options;
  /** Returns the exit code: 0 ok, 1 content errors. Throws UsageError for 2. */
  run(values: Record<string, string | boolean | string[] | undefined>, positionals: string[], ctx: Context): Promise<number>;
}

/** The user asked for something that cannot be done as asked: exit 2 with this message. */
export class UsageError extends Error {}

/** A source of `import` (notes or evidence): its usage line, and the step it runs. */
export interface ImportSource {
  usage: string;
  run(values: Record<string, string | boolean | string[] | undefined>, args: string[], ctx: Context): Promise<number>;
}

/** The choice `given` was most likely a typo of, if any: "chek" → "check", "dayly" → "daily". */
export function closestChoice(given: string, choices: readonly string[]): string | undefined {
  // Two edits (a swap is two: "biuld", "yaer"), or a third of a longer word; one in a word of three
  // letters or fewer, where two would make any short word a match.
  return suggestNames(given, choices, { limit: 1, maxDistance: (length) => (length <= 3 ? 1 : Math.max(2, Math.floor(length / 3))) })[0];
}

/** " Did you mean "check"?" when `given` looks like a typo of one of `choices`, else "". */
export function didYouMean(given: string, choices: readonly string[]): string {
  const match = closestChoice(given, choices);
  return match ? ` Did you mean "${match}"?` : '';
}

/**
 * A usage error for a missing or unknown value of a closed set, e.g. `new dayly`:
 * 'new: "dayly" is not a kind. Did you mean "daily"? Kinds: daily, weekly, …'.
 */
export function choiceError(command: string, what: string, given: string | undefined, choices: readonly string[], shown = choices.join(', ')): UsageError {
  if (given === undefined) return new UsageError(`${command} needs a ${what}: ${shown}`);
  return new UsageError(`"${given}" is not a ${what}.${didYouMean(given, choices)} Choose one of: ${shown}`);
}
