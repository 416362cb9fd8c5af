/**
 * CPU time for the benchmarks, in milliseconds of user and system time: on a machine shared with
 * other work, wall time grows with the load and CPU time much less, so the evidence rows give both.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

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
