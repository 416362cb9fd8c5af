/**
 * CPU time for the benchmarks, in milliseconds of user and system time: on a machine shared with
 * other work, wall time grows with the load and CPU time much less, so the evidence rows give both.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

const tickMs = 1000 / Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));

/** What this process's finished, waited-for child processes used, their own children included (Linux: cutime + cstime of /proc/self/stat; 10 ms steps). */
export function childrenCpuMs(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) * tickMs;
}

/** This process's own CPU time so far plus its finished children's. */
export function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000 + childrenCpuMs();
}

/** This process's child processes, running or ended and not yet waited for (Linux: /proc/self/task/TID/children). */
function children(): string[] {
  return readdirSync('/proc/self/task').flatMap((tid) => readFileSync(`/proc/self/task/${tid}/children`, 'utf8').split(' ').filter((pid) => pid.trim() !== ''));
}

/**
 * Stops every child process still running and waits until each has ended and been waited for, so
 * that its CPU time is counted: this process's (cpuMs) and /usr/bin/time's figures include only
 * the children waited for. A build stops Pagefind's processes with a signal and returns without
 * waiting for them (the pagefind package's close()), and Node waits for them only on its next
 * turns: read at once, a cold ten-year build's CPU left out Pagefind's 3–4 s. Astro leaves its
 * esbuild service running, idle. A grandchild left running when its parent ended (none in these
 * tasks) would still be missed.
 */
export async function childrenEnded(): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (const pid of children()) {
    try {
      process.kill(Number(pid), 'SIGTERM');
    } catch {
      // it ended and was waited for meanwhile
    }
  }
  for (let left = children(); left.length > 0; left = children()) {
    if (Date.now() > deadline) throw new Error(`child processes ${left.join(', ')} still running 30 s after the task ended`);
    await sleep(5);
  }
}
