/**
 * Team mode on the fixture team of four (test/fixtures/team): every figure below was computed by
 * hand from the fixture's files, with the arithmetic beside it, and the team SQL must reproduce it.
 *
 * Settings (team.yml): thresholds composite 70/50, billable_pct 76/70 (at or above), response
 * minutes 15/30 (at or below); the 4x10 policy starts Monday 2026-03-02 with one baseline month, so
 * before = 2026-02-01…2026-03-01 and during = 2026-03-02…2026-03-31 (as of 2026-03-31).
 * Each member's composite uses the default weights: (30·delivery + 20·focus + 20·alignment +
 * 15·consistency + 15·wellbeing) / 100, with two logged work days of five: consistency 40.
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTeam, type Team } from '../src/team/load.ts';
import { readTeamConfig } from '../src/team/config.ts';
import { readTeamSources } from '../src/team/csv.ts';
import { writeNote } from '../src/team/notes.ts';

const FIXTURE = new URL('./fixtures/team/', import.meta.url).pathname;
const AS_OF = '2026-03-31';

let team: Team;
beforeAll(async () => {
  team = await openTeam({ teamDir: FIXTURE, asOf: AS_OF });
});
afterAll(() => team?.db.close());

const round = (x: number | null) => (x === null ? null : Math.round(x * 1e9) / 1e9);
const figure = async (kind: string, label: string, person: string | null, metric: string) => {
  const rows = await team.db.all<{ value: number | null }>(
    `SELECT value FROM team_figures WHERE kind = $kind AND label = $label AND person IS NOT DISTINCT FROM $person AND metric = $metric`,
    { kind, label, person, metric },
  );
  return rows.length === 0 ? undefined : round(rows[0].value);
};

describe('the fixture team of four, by hand', () => {
  it('weekly composites come from each member\'s own shareable journal (private days left out)', async () => {
    // Ana W07 (Feb 10, 12): 4 wins / (2 × 2 days) → delivery 100; 8 deep / 16 h = 0.5 → focus 100;
    //   okrs both days → alignment 100; wellbeing terms 0.75, 0.75, 0.75 → 75.
    //   (3000 + 2000 + 2000 + 600 + 1125) / 100 = 87.25
    expect(await figure('week', '2026-W07', 'ana-lima', 'composite')).toBe(87.25);
    // Ana W11 (Mar 10, 11): 3 wins / 4 → 75; 10 / 20 h → 100; alignment 100; 0.5, 0.5, 0.5 → 50.
    //   (2250 + 2000 + 2000 + 600 + 750) / 100 = 76
    expect(await figure('week', '2026-W11', 'ana-lima', 'composite')).toBe(76);
    // Ben W07 (Feb 9, 11; Feb 13 is private): 2 wins / 4 → 50; 4 / 16 = 0.25 → 50; one of two wins
    //   on a day with okrs → 50; terms 0.5, 0.25, 0.25 → 33.33.
    //   (1500 + 1000 + 1000 + 600 + 500) / 100 = 46. Counting the private Friday would make it 3 days.
    expect(await figure('week', '2026-W07', 'ben-okafor', 'composite')).toBe(46);
    // Ben W11 (Mar 9, 10; Mar 12 is private): 4 wins / 4 → 100; 12 / 20 = 0.6 → 120 → 100;
    //   alignment 100; terms 1, 1, 1 → 100. (3000 + 2000 + 2000 + 600 + 1500) / 100 = 91
    expect(await figure('week', '2026-W11', 'ben-okafor', 'composite')).toBe(91);
    // Chen W07 (Feb 10, 11; "Private: yes" on Feb 12 is read as private): 3 wins / 4 → 75;
    //   6 / 16 = 0.375 → 75; alignment 100; terms 0.75, 0.5, 0.5 → 58.33.
    //   (2250 + 1500 + 2000 + 600 + 875) / 100 = 72.25
    expect(await figure('week', '2026-W07', 'chen-wei', 'composite')).toBe(72.25);
    // Chen W11 (Mar 10, 12): 2 wins / 4 → 50; 6 / 20 = 0.3 → 60; no okrs → 0; terms 0.25 ×3 → 25.
    //   (1500 + 1200 + 0 + 600 + 375) / 100 = 36.75
    expect(await figure('week', '2026-W11', 'chen-wei', 'composite')).toBe(36.75);
    // Dana W07 (Feb 9: three wins in an ordered list, Feb 10: one): 4 / 4 → 100; 8 / 16 → 100;
    //   alignment 100; terms 1, 0.75, 0.75 → 83.33. (3000 + 2000 + 2000 + 600 + 1250) / 100 = 88.5
    expect(await figure('week', '2026-W07', 'dana-kowalski', 'composite')).toBe(88.5);
    // Dana W11: 3 / 4 → 75; 10 / 20 → 100; 100; terms 0.75 ×3 → 75.
    //   (2250 + 2000 + 2000 + 600 + 1125) / 100 = 79.75
    expect(await figure('week', '2026-W11', 'dana-kowalski', 'composite')).toBe(79.75);
  });

  it('billable % is 100 × billable hours / hours of the worklog CSV, bad rows skipped', async () => {
    // Ana W07: 6 + 7 billable of 6 + 2 + 7 + 1 = 16 h → 1300 / 16 = 81.25
    expect(await figure('week', '2026-W07', 'ana-lima', 'billable_pct')).toBe(81.25);
    // Ben W07 (one row under his alias "bokafor"): 5 + 6 of 16 → 68.75
    expect(await figure('week', '2026-W07', 'ben-okafor', 'billable_pct')).toBe(68.75);
    // Chen W07 (one row under his email): 6 + 6.5 of 16 → 78.125
    expect(await figure('week', '2026-W07', 'chen-wei', 'billable_pct')).toBe(78.125);
    // Dana W07: 6 + 6 of 16 → 75; her rows dated 2026-02-30 and with hours "two" are skipped.
    expect(await figure('week', '2026-W07', 'dana-kowalski', 'billable_pct')).toBe(75);
    // W11: Ana 16/20 = 80, Ben 11/20 = 55, Chen 14/20 = 70, Dana 15.5/20 = 77.5 ("n" reads as no)
    expect(await figure('week', '2026-W11', 'ana-lima', 'billable_pct')).toBe(80);
    expect(await figure('week', '2026-W11', 'ben-okafor', 'billable_pct')).toBe(55);
    expect(await figure('week', '2026-W11', 'chen-wei', 'billable_pct')).toBe(70);
    expect(await figure('week', '2026-W11', 'dana-kowalski', 'billable_pct')).toBe(77.5);
  });

  it('incident response is the mean of opened → acknowledged minutes; unacknowledged incidents have none', async () => {
    // Ana W07: #101 6 min, #105 10 min → 8. Ben W11: #201 35, #202 25 → 30.
    expect(await figure('week', '2026-W07', 'ana-lima', 'response_minutes')).toBe(8);
    expect(await figure('week', '2026-W11', 'ben-okafor', 'response_minutes')).toBe(30);
    // Dana W11: #204 opened 16:00+01:00 = 15:00Z, acknowledged 15:20Z → 20.
    expect(await figure('week', '2026-W11', 'dana-kowalski', 'response_minutes')).toBe(20);
    // Ana W11: only #205, never acknowledged → no figure. Chen's #206 (acknowledged before it
    // opened) is skipped, so Chen W11 is #203 alone: 14.
    expect(await figure('week', '2026-W11', 'ana-lima', 'response_minutes')).toBeUndefined();
    expect(await figure('week', '2026-W11', 'chen-wei', 'response_minutes')).toBe(14);
  });

  it('weekly traffic lights: the worst level of the week\'s figures, the manager\'s override wins', async () => {
    const rows = await team.db.all<{ person: string; week: string; computed: string; override: string | null; status: string }>(
      `SELECT person, week, computed, override, status FROM team_weekly_status ORDER BY person, week`,
    );
    expect(rows).toEqual([
      // composite 87.25 G, billable 81.25 G, response 8 G
      { person: 'ana-lima', week: '2026-W07', computed: 'green', override: null, status: 'green' },
      // 76 G, 80 G, no response figure
      { person: 'ana-lima', week: '2026-W11', computed: 'green', override: null, status: 'green' },
      // 46 R (< 50), 68.75 R (< 70), 20 Y
      { person: 'ben-okafor', week: '2026-W07', computed: 'red', override: null, status: 'red' },
      // 91 G, 55 R, 30 Y (at the yellow line) → red; notes/2026-W11/ben-okafor.md says green
      { person: 'ben-okafor', week: '2026-W11', computed: 'red', override: 'green', status: 'green' },
      // 72.25 G, 78.125 G, 10 G
      { person: 'chen-wei', week: '2026-W07', computed: 'green', override: null, status: 'green' },
      // 36.75 R, 70 Y (at the yellow line), 14 G
      { person: 'chen-wei', week: '2026-W11', computed: 'red', override: null, status: 'red' },
      // a note without a status, in a week without figures
      { person: 'chen-wei', week: '2026-W12', computed: 'no_data', override: null, status: 'no_data' },
      // 88.5 G, 75 Y, 12 G
      { person: 'dana-kowalski', week: '2026-W07', computed: 'yellow', override: null, status: 'yellow' },
      // 79.75 G, 77.5 G, 20 Y
      { person: 'dana-kowalski', week: '2026-W11', computed: 'yellow', override: null, status: 'yellow' },
    ]);
  });

  it('alerts: every figure below its green line, overridden weeks included', async () => {
    const alerts = await team.db.all<{ person: string; week: string; metric: string; level: string }>(
      `SELECT person, week, metric, level FROM team_alerts ORDER BY week, person, metric`,
    );
    expect(alerts).toEqual([
      { person: 'ben-okafor', week: '2026-W07', metric: 'billable_pct', level: 'red' },
      { person: 'ben-okafor', week: '2026-W07', metric: 'composite', level: 'red' },
      { person: 'ben-okafor', week: '2026-W07', metric: 'response_minutes', level: 'yellow' },
      { person: 'dana-kowalski', week: '2026-W07', metric: 'billable_pct', level: 'yellow' },
      { person: 'ben-okafor', week: '2026-W11', metric: 'billable_pct', level: 'red' },
      { person: 'ben-okafor', week: '2026-W11', metric: 'response_minutes', level: 'yellow' },
      { person: 'chen-wei', week: '2026-W11', metric: 'billable_pct', level: 'yellow' },
      { person: 'chen-wei', week: '2026-W11', metric: 'composite', level: 'red' },
      { person: 'dana-kowalski', week: '2026-W11', metric: 'response_minutes', level: 'yellow' },
    ]);
    // Flagged: the latest week with a status is yellow or red. Ben's override keeps him off the list.
    const flagged = await team.db.all<{ person: string }>(`SELECT person FROM team_flagged ORDER BY person`);
    expect(flagged.map((f) => f.person)).toEqual(['chen-wei', 'dana-kowalski']);
  });

  it('the monthly before/during figures of the 4x10 policy, and the recommendation its rules give', async () => {
    // Billable: before 13 + 11 + 12.5 + 12 = 48.5 of 64 h → 4850 / 64 = 75.78125;
    //           during 16 + 11 + 14 + 15.5 = 56.5 of 80 h → 5650 / 80 = 70.625
    expect(await figure('before', '4x10', null, 'billable_pct')).toBe(75.78125);
    expect(await figure('policy_month', '4x10/2026-03', null, 'billable_pct')).toBe(70.625);
    // Response: before (6 + 20 + 10 + 12 + 10) / 5 = 11.6; during (35 + 25 + 14 + 20) / 4 = 23.5
    expect(await figure('before', '4x10', null, 'response_minutes')).toBe(11.6);
    expect(await figure('policy_month', '4x10/2026-03', null, 'response_minutes')).toBe(23.5);
    // Composite: before (87.25 + 46 + 72.25 + 88.5) / 4 = 73.5; during (76 + 91 + 36.75 + 79.75) / 4 = 70.875
    expect(await figure('before', '4x10', null, 'composite')).toBe(73.5);
    expect(await figure('policy_month', '4x10/2026-03', null, 'composite')).toBe(70.875);
    // Velocity per sprint: before (21 + 18 + 20 + 24) / 4 = 20.75; during (18 + 15 + 12 + 22) / 4 = 16.75
    expect(await figure('before', '4x10', null, 'velocity')).toBe(20.75);
    expect(await figure('policy_month', '4x10/2026-03', null, 'velocity')).toBe(16.75);

    const rules = await team.db.all<{ metric: string; worsening_pct: number; broken: boolean }>(
      `SELECT metric, worsening_pct, broken FROM team_policy_rules WHERE period = '2026-03' ORDER BY ordinal`,
    );
    // billable 70.625 < 76 → broken; response worsens 100 × (23.5 − 11.6) / 11.6 = 102.59% > 50 →
    // broken; velocity worsens 100 × (20.75 − 16.75) / 20.75 = 19.28% ≤ 25 → holds.
    expect(rules.map((r) => [r.metric, round(r.worsening_pct), r.broken])).toEqual([
      ['billable_pct', round((100 * (75.78125 - 70.625)) / 75.78125), true],
      ['response_minutes', round((100 * (23.5 - 11.6)) / 11.6), true],
      ['velocity', round((100 * (20.75 - 16.75)) / 20.75), false],
    ]);
    const [march] = await team.db.all<{ recommendation: string; broken_rules: number }>(`SELECT recommendation, broken_rules FROM team_policy_recommendations WHERE period = '2026-03'`);
    expect(march).toEqual({ recommendation: 'Return to the 5×8 schedule', broken_rules: 2 });
  });

  it('peer comparison only where at least min_comparison_size members have the figure', async () => {
    // March billable: 80, 55, 70, 77.5 → median (70 + 77.5) / 2 = 73.75; Ben ranks 4th.
    const [ben] = await team.db.all<{ median: number; rank: number; people: number }>(
      `SELECT median, rank, people FROM team_peer_comparison WHERE month = '2026-03' AND person = 'ben-okafor' AND metric = 'billable_pct'`,
    );
    expect(ben).toEqual({ median: 73.75, rank: 4, people: 4 });
    // March response: Ben 30, Chen 14, Dana 20 (Ana has none): three people, the minimum → shown, median 20.
    const response = await team.db.all<{ person: string; rank: number; median: number }>(
      `SELECT person, rank, median FROM team_peer_comparison WHERE month = '2026-03' AND metric = 'response_minutes' ORDER BY rank`,
    );
    expect(response).toEqual([{ person: 'chen-wei', rank: 1, median: 20 }, { person: 'dana-kowalski', rank: 2, median: 20 }, { person: 'ben-okafor', rank: 3, median: 20 }]);
    await team.db.run(`UPDATE team_settings SET min_comparison_size = 4`);
    try {
      const shown = await team.db.all<{ metric: string }>(`SELECT DISTINCT metric FROM team_peer_comparison WHERE month = '2026-03' ORDER BY metric`);
      expect(shown.map((r) => r.metric)).toEqual(['billable_pct', 'composite', 'velocity']);
    } finally {
      await team.db.run(`UPDATE team_settings SET min_comparison_size = 3`);
    }
  });

  it('no private entry of any member reaches the team database', async () => {
    const tables = await team.db.all<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'main' AND data_type IN ('VARCHAR', 'VARCHAR[]', 'JSON') AND table_name IN (SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE')`,
    );
    expect(tables.length).toBeGreaterThan(20);
    for (const secret of ['Globex', 'Haverkamp', 'parental leave', 'burnout']) {
      for (const { table_name, column_name } of tables) {
        const [hit] = await team.db.all<{ n: number }>(`SELECT count(*) AS n FROM "${table_name}" WHERE "${column_name}"::VARCHAR ILIKE $pattern`, { pattern: `%${secret}%` });
        expect(hit.n, `${secret} in ${table_name}.${column_name}`).toBe(0);
      }
    }
    const [days] = await team.db.all<{ n: number }>(`SELECT count(*) AS n FROM days`);
    // 4 + 4 (Ben's 2 private of 6 left out) + 4 (Chen's 1 of 5) + 4 days
    expect(days.n).toBe(16);
  });

  it('reports every problem of the fixture team as its expected.json lists them, and one of each team problem in team-broken', async () => {
    const listed = (t: Team) => t.diagnostics.map((d) => [`${d.file}:${d.line}:${d.column}`, d.code, d.message]);
    expect(listed(team)).toEqual(JSON.parse(await readFile(join(FIXTURE, 'expected.json'), 'utf8')).diagnostics);
    const broken = await openTeam({ teamDir: new URL('./fixtures/team-broken/', import.meta.url).pathname, asOf: AS_OF });
    try {
      expect(listed(broken)).toEqual(JSON.parse(await readFile(new URL('./fixtures/team-broken/expected.json', import.meta.url), 'utf8')).diagnostics);
    } finally {
      broken.db.close();
    }
  });

  it('reports bad CSV rows, team.yml keys and members\' journal problems on their lines', () => {
    const lines = team.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code}`);
    expect(lines).toEqual(expect.arrayContaining([
      'data/worklogs.csv:18:3 csv-row-invalid', // 2026-02-30
      'data/worklogs.csv:19:4 csv-row-invalid', // hours "two"
      'data/worklogs.csv:20:2 csv-person-unknown', // Eve Marsh of another team
      'data/incidents.csv:12:6 csv-row-invalid', // acknowledged before it opened
      'members/chen-wei/daily/2026/02/2026-02-12.md:3:10 private-unclear',
      'members/dana-kowalski/daily/2026-02-09.md:2:7 key-case',
    ]));
  });
});

describe('team.yml and CSV contracts', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'team-config-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('points at the line of each bad key, keeps the rest, and drops a duplicate member', async () => {
    await writeFile(join(dir, 'team.yml'), [
      'name: Platform', //                         1
      'members:', //                               2
      '  - id: ana', //                            3
      '    name: Ana', //                          4
      '    journal: ../ana', //                    5
      '  - id: Bad Id', //                         6
      '    name: Ben', //                          7
      '    journal: ../ben', //                    8
      '  - id: ana', //                            9
      '    name: Ana again', //                    10
      '    journal: ../ana2', //                   11
      'treshholds:', //                            12
      '  billable_pct: { green: 80, yellow: 70 }', // 13
      'min_comparison_size: 1', //                 14
      'policies:', //                              15
      '  - id: 4x10', //                           16
      '    name: Four tens', //                    17
      '    start: 2026-02-30', //                  18
      'sources:', //                               19
      '  billable: { file: hours.csv, columns: { persn: Who } }', // 20
    ].join('\n'));
    const { config, diagnostics } = await readTeamConfig(dir);
    const got = diagnostics.map((d) => `${d.line} ${d.code} ${d.message}`);
    expect(got).toEqual(expect.arrayContaining([
      expect.stringMatching(/^6 config-invalid Unexpected "Bad Id" for members\[1\]\.id, expected an id/),
      expect.stringMatching(/^9 team-member-duplicate The member id "ana" is listed twice/),
      expect.stringMatching(/^12 key-unknown Unknown key "treshholds"/),
      expect.stringMatching(/^14 config-invalid Unexpected 1 for min_comparison_size/),
      expect.stringMatching(/^18 date-invalid .*2026-02-30/),
      expect.stringMatching(/^20 config-invalid .*persn/),
    ]));
    expect(diagnostics.find((d) => d.code === 'key-unknown')?.hint).toContain('Did you mean thresholds?');
    expect(config.members.map((m) => m.id)).toEqual(['ana']);
    expect(config.min_comparison_size).toBe(3);
    expect(config.name).toBe('Platform');
  });

  it('names a missing column and the header it found; loads nothing of that file', async () => {
    await writeFile(join(dir, 'team.yml'), 'members:\n  - { id: ana, name: Ana Lima, journal: ana }\nsources:\n  billable: { file: hours.csv }\n  incidents: { file: pd.csv }\n');
    await writeFile(join(dir, 'hours.csv'), 'person,day,hours,billable\nAna Lima,2026-03-02,8,yes\n');
    await writeFile(join(dir, 'pd.csv'), 'id,person,opened_at,acknowledged_at\n"1,Ana Lima,2026-03-02T10:00Z,\n');
    const { config } = await readTeamConfig(dir);
    const { billable, incidents, diagnostics } = await readTeamSources(dir, config);
    expect(billable).toEqual([]);
    expect(incidents).toEqual([]);
    expect(diagnostics.map((d) => `${d.file}:${d.line} ${d.code} ${d.message}`)).toEqual([
      'hours.csv:1 csv-column-missing No column "date" for date; the header has person, day, hours, billable',
      expect.stringMatching(/^pd\.csv:\d+ csv-unreadable The CSV could not be read \(.*quote/i),
    ]);
  });

  it('a missing member journal, a broken note or CSV is a diagnostic; the rest of the team loads', async () => {
    const copy = await mkdtemp(join(tmpdir(), 'team-copy-'));
    try {
      await cp(FIXTURE, copy, { recursive: true });
      await rm(join(copy, 'members', 'dana-kowalski'), { recursive: true });
      // A journal path that is a file, a note that is a folder, a CSV that is binary.
      await rm(join(copy, 'members', 'chen-wei'), { recursive: true });
      await writeFile(join(copy, 'members', 'chen-wei'), 'not a folder');
      await mkdir(join(copy, 'notes/2026-W11/ana-lima.md'), { recursive: true });
      await writeFile(join(copy, 'data/incidents.csv'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x22]));
      const partial = await openTeam({ teamDir: copy, asOf: AS_OF });
      try {
        expect(partial.missing).toEqual(['chen-wei', 'dana-kowalski']);
        expect(partial.diagnostics.map((d) => `${d.file} ${d.code}`)).toEqual(expect.arrayContaining(['notes/2026-W11/ana-lima.md file-unreadable', expect.stringMatching(/^data\/incidents\.csv csv-(unreadable|column-missing)$/)]));
        expect(partial.diagnostics.some((d) => d.code === 'team-journal-missing' && d.message.includes('members/dana-kowalski'))).toBe(true);
        const [row] = await partial.db.all<{ value: number }>(`SELECT value FROM team_figures WHERE kind = 'week' AND label = '2026-W07' AND person = 'ana-lima' AND metric = 'composite'`);
        expect(row.value).toBe(87.25);
      } finally {
        partial.db.close();
      }
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });
});

describe('team note', () => {
  it('creates a note, appends to it, and sets or keeps the override', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'team-note-'));
    try {
      const path = await writeNote(dir, { person: 'ana-lima', week: '2026-W10', text: 'Covered on-call for Ben.', status: null });
      expect(path).toBe('notes/2026-W10/ana-lima.md');
      expect(await readFile(join(dir, path), 'utf8')).toBe('Covered on-call for Ben.\n');
      await writeNote(dir, { person: 'ana-lima', week: '2026-W10', text: 'Stays green: the dip is the on-call.', status: 'green' });
      expect(await readFile(join(dir, path), 'utf8')).toBe('---\nstatus: green\n---\n\nCovered on-call for Ben.\n\nStays green: the dip is the on-call.\n');
      await writeNote(dir, { person: 'ana-lima', week: '2026-W10', text: 'Actually yellow.', status: 'yellow' });
      await writeNote(dir, { person: 'ana-lima', week: '2026-W10', text: 'Context only.', status: null });
      expect(await readFile(join(dir, path), 'utf8')).toBe('---\nstatus: yellow\n---\n\nCovered on-call for Ben.\n\nStays green: the dip is the on-call.\n\nActually yellow.\n\nContext only.\n');
      // A status alone: the override, no empty paragraph.
      await writeNote(dir, { person: 'ben-okafor', week: '2026-W10', text: '', status: 'red' });
      expect(await readFile(join(dir, 'notes/2026-W10/ben-okafor.md'), 'utf8')).toBe('---\nstatus: red\n---\n');
      await writeNote(dir, { person: 'ben-okafor', week: '2026-W10', text: '', status: 'green' });
      expect(await readFile(join(dir, 'notes/2026-W10/ben-okafor.md'), 'utf8')).toBe('---\nstatus: green\n---\n');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
