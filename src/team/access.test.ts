import { describe, expect, it } from 'vitest';
import { TeamConfig } from './config.ts';
import { readersOf, teamReaders } from './access.ts';

const config = TeamConfig.parse({
  members: [
    { id: 'ana', name: 'Ana', journal: 'a', passphrase_env: 'PASS_ANA' },
    { id: 'ben', name: 'Ben', journal: 'b', passphrase_env: 'PASS_BEN' },
    { id: 'cy', name: 'Cy', journal: 'c' },
  ],
});

describe('team readers', () => {
  it('take passphrases from the variables team.yml names, and say who cannot open their pages', () => {
    const { readers, unreadable } = teamReaders(config, { TEAM_MANAGER_PASSPHRASE: 'mgr-pass', PASS_ANA: 'ana-pass' });
    expect(readers).toEqual([{ id: 'manager', passphrase: 'mgr-pass' }, { id: 'ana', passphrase: 'ana-pass' }]);
    expect(unreadable).toEqual(['ben ($PASS_BEN is not set)', 'cy (no passphrase_env in team.yml)']);
  });

  it('let an engineer read their own pages and the manager everything', () => {
    const { readers } = teamReaders(config, { TEAM_MANAGER_PASSPHRASE: 'm', PASS_ANA: 'a', PASS_BEN: 'b' });
    expect(readersOf('people/ana/index.html', readers)).toEqual(['manager', 'ana']);
    expect(readersOf('people/ben/index.html', readers)).toEqual(['manager', 'ben']);
    expect(readersOf('people/cy/index.html', readers)).toEqual(['manager']);
    for (const path of ['index.html', 'months/2026-03/index.html', 'trends/index.html', 'pagefind/pagefind-entry.json', 'people-ana/index.html', 'search/index.html', 'favicon.svg']) {
      expect(readersOf(path, readers)).toEqual(['manager']);
    }
  });
});
