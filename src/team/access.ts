/**
 * Who may read what of an encrypted team build (`team build --encrypt`): an engineer's pages
 * (people/<id>/…) open with that engineer's passphrase and the manager's; every other file of the
 * site (dashboard, monthly reports, trends, the search index) with the manager's only. Passphrases
 * come only from the environment variables team.yml names, never from files or the command line.
 */
import type { TeamConfig } from './config.ts';

/** The manager's reader id; no member may have it. */
export const MANAGER = 'manager';

export interface Reader {
  id: string;
  passphrase: string;
}

/**
 * The readers whose passphrase is set: the manager (required) and each member with passphrase_env.
 * `unreadable` lists the members who will not be able to open their pages, and why.
 */
export function teamReaders(config: TeamConfig, env: NodeJS.ProcessEnv): { readers: Reader[]; manager: string | null; unreadable: string[] } {
  const managerPassphrase = env[config.manager.passphrase_env] ?? '';
  const readers: Reader[] = managerPassphrase ? [{ id: MANAGER, passphrase: managerPassphrase }] : [];
  const unreadable: string[] = [];
  for (const member of config.members) {
    const passphrase = member.passphrase_env ? env[member.passphrase_env] ?? '' : '';
    if (passphrase) readers.push({ id: member.id, passphrase });
    else unreadable.push(member.passphrase_env ? `${member.id} ($${member.passphrase_env} is not set)` : `${member.id} (no passphrase_env in team.yml)`);
  }
  return { readers, manager: managerPassphrase ? config.manager.passphrase_env : null, unreadable };
}

/** The reader ids allowed to open a file of the team site, by its path relative to the site, e.g. "people/ana-lima/index.html". */
export function readersOf(relPath: string, readers: readonly Reader[]): string[] {
  const person = /^people\/([^/]+)\//.exec(relPath.replaceAll('\\', '/'))?.[1];
  const allowed = person ? [MANAGER, person] : [MANAGER];
  return allowed.filter((id) => readers.some((r) => r.id === id));
}
