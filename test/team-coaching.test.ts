/**
 * Coaching drafts in team mode: only for flagged members (Chen: red; Dana: yellow; not Ben, whose
 * red week the manager set to green, nor Ana), through the assess stage's real model client over
 * HTTP (test/support/llm-server.ts), from the member's shareable entries only, redacted, cached by
 * their inputs, their numbers checked, and written into the team repository, never the journals.
 */
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTeamSite, type TeamBuildResult } from '../src/team/build.ts';
import { completion, startLlmServer, type LlmServer } from './support/llm-server.ts';

const FIXTURE = new URL('./fixtures/team/', import.meta.url).pathname;
const reply = (who: string) => completion(JSON.stringify({
  summary: { text: `${who} logged two days; billable was 99% of hours.`, sources: ['fig-days'] },
  wins: [], blockers: [], focus_next_week: [{ text: 'Protect two mornings for deep work.', sources: ['fig-score'] }],
}));

let server: LlmServer;
let team: string;
let first: TeamBuildResult;
let second: TeamBuildResult;
const log: string[] = [];

beforeAll(async () => {
  server = await startLlmServer([reply('Chen'), reply('Dana')]);
  team = await mkdtemp(join(tmpdir(), 'turbowork-coaching-'));
  await cp(FIXTURE, team, { recursive: true });
  await writeFile(join(team, 'team.yml'), `${await readFile(join(team, 'team.yml'), 'utf8')}llm:\n  base_url: ${server.url}\n  model: test-model\n`);
  const options = {
    teamDir: team, outDir: join(team, '..', `${team.split('/').pop()}-dist`), asOf: '2026-03-31', public: false, command: 'turbowork', cacheDir: join(team, '..', `${team.split('/').pop()}-cache`),
    log: (line: string) => void log.push(line),
    coaching: { noLlm: false, env: {}, now: () => new Date('2026-03-31T12:00:00Z'), clientEffects: { sleep: async () => {} } },
  };
  first = await buildTeamSite(options);
  second = await buildTeamSite(options);
}, 240_000);
afterAll(async () => {
  await server?.close();
  await rm(team, { recursive: true, force: true });
  await rm(`${team}-dist`, { recursive: true, force: true });
  await rm(`${team}-cache`, { recursive: true, force: true });
});

describe('coaching drafts', () => {
  it('are drafted for the flagged members only, once: the second build finds them up to date', () => {
    expect([...first.coaching!.drafts.keys()]).toEqual(['chen-wei', 'dana-kowalski']);
    expect(server.requests).toHaveLength(2);
    expect([...second.coaching!.runs.values()].map((r) => r.drafts[0].status)).toEqual(['fresh', 'fresh']);
  });

  it('send only what the member publishes, redacted by the member\'s own settings', () => {
    const [chen, dana] = server.requests.map((r) => r.text);
    for (const word of ['Globex', 'Haverkamp', 'parental leave', 'burnout']) expect(chen + dana).not.toContain(word);
    expect(chen).toContain('Merchant migration 5 of 9');
    expect(dana).not.toContain('Dana Kowalski');
    expect(dana).not.toContain('Mara Jensen');
    expect(dana).not.toMatch(/Payout scheduler|contractor/i);
  });

  it('are written into the team repository with their provenance and unverified numbers, and shown on the engineer\'s page', async () => {
    const file = await readFile(join(team, 'coaching/chen-wei/2026-W11.md'), 'utf8');
    expect(file).toMatch(/^generator: test-model$/m);
    expect(file).toMatch(/unverified_numbers:\n\s+- 99%/);
    expect(await readdir(join(team, 'coaching'))).toEqual(['chen-wei', 'dana-kowalski']);
    // The members' journals are not touched.
    expect(await readdir(join(team, 'members/chen-wei'))).toEqual(['daily', 'sprints']);
    const chen = await readFile(join(`${team}-dist`, 'people/chen-wei/index.html'), 'utf8');
    expect(chen).toContain('Coaching draft for week 2026-W11');
    expect(chen).toContain('Protect two mornings for deep work.');
    expect(chen).not.toMatch(/href="[^"]*\.md/);
    const ben = await readFile(join(`${team}-dist`, 'people/ben-okafor/index.html'), 'utf8');
    expect(ben).not.toContain('Coaching draft');
  });
});

describe('coaching drafts without a model', () => {
  it('are drafted offline, and say that team.yml (not the member\'s journal.yml) names no model', async () => {
    const offline = await mkdtemp(join(tmpdir(), 'turbowork-coaching-offline-'));
    try {
      await cp(FIXTURE, offline, { recursive: true });
      const result = await buildTeamSite({
        teamDir: offline, outDir: join(offline, 'dist'), asOf: '2026-03-31', public: false, command: 'turbowork', cacheDir: null,
        log: () => {},
        coaching: { noLlm: false, env: {}, now: () => new Date('2026-03-31T12:00:00Z') },
      });
      expect([...result.coaching!.drafts.keys()]).toEqual(['chen-wei', 'dana-kowalski']);
      const file = await readFile(join(offline, 'coaching/chen-wei/2026-W11.md'), 'utf8');
      expect(file).toMatch(/^generator: offline$/m);
      expect(file).toContain('no model is configured (team.yml llm.base');
      expect(file).not.toContain('journal.yml');
    } finally {
      await rm(offline, { recursive: true, force: true });
    }
  }, 240_000);
});
