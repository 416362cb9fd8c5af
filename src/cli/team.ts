/**
 * `turbowork team build|note`: a manager's view over the members' journals that team.yml lists.
 * The team repository is the working directory, or --team DIR, or $TURBOWORK_TEAM.
 */
import { isoWeekStart } from '../ingest/dates.ts';
import { isCalendarDate } from '../ingest/dates.ts';
import { readTeamConfig, TeamNotFoundError } from '../team/config.ts';
import { MANAGER, readersOf, teamReaders } from '../team/access.ts';
import { buildTeamSite } from '../team/build.ts';
import { encryptSite, SHORT_PASSPHRASE } from '../site/encrypt.ts';
import { STATUSES, writeNote, type Status } from '../team/notes.ts';
import { choiceError, UsageError, type Command, type Context } from './command.ts';
import { localDate, paint, renderDiagnostics } from './output.ts';

const HELP = `Usage: turbowork team build [--team DIR] [--out DIR] [--as-of YYYY-MM-DD] [--no-llm] [--public] [--encrypt]
       turbowork team note PERSON WEEK "TEXT" [--status green|yellow|red] [--team DIR]

A manager's view over many journals. The team repository holds team.yml (members and where each
journal is, thresholds, policy changes and their rules, the smallest group a comparison shows, the
CSV exports of billable hours and incidents) and notes/ (docs/team.md).

build   Reads every member's journal as their own --public build would (private entries never
        leave it), the CSVs and the notes, computes the team figures in DuckDB and renders the team
        site: a card per engineer (traffic light, trend strip, alerts), a page per engineer, a
        monthly report with each policy's before/during comparison and recommendation, team trends.
        --out DIR     where the site goes (default: dist-team); replaced whole, as build's --out
        --as-of D     nothing after this date counts (default: today)
        --no-llm      call no model for the coaching drafts. A flagged member (latest week yellow
                      or red, override included) gets a coaching draft in coaching/MEMBER/WEEK.md,
                      drafted from their published entries only, by team.yml's llm: or offline
        --public      leave out the words of the manager's notes and the coaching drafts (the
                      statuses stay); writes nothing into the team repository
        --encrypt     each engineer's page readable with their passphrase and the manager's, team
                      pages with the manager's only; passphrases come from the environment
                      variables team.yml names (manager.passphrase_env, members[].passphrase_env)
note    Adds a note to PERSON's week WEEK (YYYY-Www) in notes/WEEK/PERSON.md, atomically; with
        --status, the week's traffic light is that, whatever the figures say (an override).
        PERSON is a member's id from team.yml.

Exit codes: 0 ok, 1 problems in team.yml, a CSV or a journal (the site is still built), 2 usage.
`;

/** The team repository of this run. */
const teamDirOf = (values: Record<string, unknown>, ctx: Context) => (values.team as string | undefined) ?? ctx.io.env.TURBOWORK_TEAM ?? '.';

export const team: Command = {
  name: 'team',
  help: HELP,
  options: {
    team: { type: 'string' },
    out: { type: 'string', default: 'dist-team' },
    'as-of': { type: 'string' },
    public: { type: 'boolean' },
    encrypt: { type: 'boolean' },
    status: { type: 'string' },
    'no-llm': { type: 'boolean' },
  },
  async run(values, positionals, ctx) {
    const [sub, ...args] = positionals;
    try {
      if (sub === 'build') return await build(values, ctx);
      if (sub === 'note') return await note(values, args, ctx);
    } catch (error) {
      if (error instanceof TeamNotFoundError) throw new UsageError(`${error.message}, or pass --team DIR (or set TURBOWORK_TEAM)`);
      throw error;
    }
    throw choiceError('team', 'team command', sub, ['build', 'note']);
  },
};

async function note(values: Record<string, unknown>, args: string[], ctx: Context): Promise<number> {
  const [person, week, text, ...extra] = args;
  if (!person || !week || text === undefined || extra.length > 0) throw new UsageError('team note takes PERSON WEEK "TEXT", e.g. team note ana-lima 2026-W11 "Covered on-call" --status green');
  if (!/^\d{4}-W\d{2}$/.test(week) || isoWeekStart(week) === null) throw new UsageError(`${week} is not an ISO week YYYY-Www, e.g. 2026-W11`);
  const status = values.status as string | undefined;
  if (status !== undefined && !STATUSES.includes(status as Status)) throw choiceError('team note', 'status', status, STATUSES);
  if (text.trim() === '' && status === undefined) throw new UsageError('team note needs a text, or a --status');
  const dir = teamDirOf(values, ctx);
  const { config } = await readTeamConfig(dir);
  const ids = config.members.map((m) => m.id);
  if (!ids.includes(person)) throw choiceError('team note', 'member of team.yml', person, ids);
  const path = await writeNote(dir, { person, week, text, status: (status as Status | undefined) ?? null });
  ctx.io.stdout.write(`${path}\n`);
  return 0;
}

/** The readers of an encrypted team build, from the environment variables team.yml names; a usage error without the manager's. */
async function readers(dir: string, env: NodeJS.ProcessEnv) {
  const { config } = await readTeamConfig(dir);
  if (config.members.some((m) => m.id === MANAGER)) throw new UsageError(`--encrypt names the manager's passphrase "${MANAGER}", which is also a member's id in team.yml; rename the member`);
  const access = teamReaders(config, env);
  if (!access.manager) throw new UsageError(`--encrypt takes the manager's passphrase from $${config.manager.passphrase_env} (manager.passphrase_env in team.yml), which is not set`);
  return access;
}

async function build(values: Record<string, unknown>, ctx: Context): Promise<number> {
  const { io } = ctx;
  const asOf = (values['as-of'] as string | undefined) ?? localDate(io.now());
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || !isCalendarDate(asOf)) throw new UsageError(`--as-of ${asOf} is not a date YYYY-MM-DD`);
  const dir = teamDirOf(values, ctx);
  // Readers first: a build that cannot be encrypted as asked stops before anything is written.
  const access = values.encrypt ? await readers(dir, io.env) : null;
  let sealed: Awaited<ReturnType<typeof encryptSite>> | undefined;
  let sealMs = 0;
  const result = await buildTeamSite({
    teamDir: dir,
    outDir: values.out as string,
    asOf,
    public: values.public === true,
    seal: access
      ? async (site) => {
          const t = performance.now();
          sealed = await encryptSite(site, access.readers, { readersOf: (rel) => readersOf(rel, access.readers) });
          sealMs = performance.now() - t;
        }
      : undefined,
    command: ctx.program,
    cacheDir: ctx.cacheDir,
    log: (line) => io.stderr.write(`  ${line}\n`),
    coaching: { noLlm: values['no-llm'] === true, env: io.env, now: io.now },
  });
  // Info nudges belong to each member's own `check`; the manager sees errors and warnings.
  const shown = result.diagnostics.filter((d) => d.severity !== 'info');
  io.stderr.write(renderDiagnostics(shown, dir, io.stderr));
  const nudges = result.diagnostics.length - shown.length;
  if (nudges > 0) io.stderr.write(`  (${nudges} info nudges in members' journals not shown: each member's ${ctx.program} check lists them)\n`);
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  if (access && sealed) {
    io.stderr.write(`  encrypted ${sealed.pages} pages and ${sealed.files} data files for ${access.readers.length} readers (${sealed.groups} groups, ${sealed.indexes} search indexes) in ${Math.round(sealMs)} ms\n`);
    for (const who of access.unreadable) io.stderr.write(paint('yellow', `  ${who}: can open no page; only the manager can read theirs\n`, io.stderr));
    for (const reader of access.readers.filter((r) => r.passphrase.length < SHORT_PASSPHRASE)) {
      io.stderr.write(paint('yellow', `  the passphrase of ${reader.id} has fewer than ${SHORT_PASSPHRASE} characters: anyone with the files can guess at it offline (docs/site.md)\n`, io.stderr));
    }
  }
  io.stderr.write(paint('green', `✔ built ${result.pages} team pages into ${values.out as string}/${access ? ', encrypted,' : ''} in ${(result.ms / 1000).toFixed(1)} s\n`, io.stderr));
  return errors > 0 ? 1 : 0;
}
