/** Runs the CLI in-process with captured output and a pinned clock, or as a real child process. */
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { main } from '../../src/cli/main.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Tests keep their DuckDB caches out of the repository. */
const CACHE = join(tmpdir(), `turbowork-test-cache-${process.pid}`);

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** Runs `turbowork ...argv` in this process; "today" is `today` (local noon, so no zone shifts it). */
export async function runCli(argv: string[], { today = '2025-02-07', env = { TURBOWORK_CACHE: CACHE } as NodeJS.ProcessEnv, program = undefined as string | undefined } = {}): Promise<CliResult> {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await main(argv, { stdout, stderr, now: () => new Date(`${today}T12:00:00`), env, program });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

const run = promisify(execFile);
const MAIN = new URL('../../src/cli/main.ts', import.meta.url).pathname;

/** Runs `turbowork ...argv` as a child process with the Node running the tests (and `env` added to its environment). */
export async function spawnCli(argv: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, [MAIN, ...argv], { cwd, env: { ...process.env, TURBOWORK_CACHE: CACHE, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
