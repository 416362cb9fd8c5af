/**
 * team.yml, the manager's settings for team mode: who is on the team and where each journal lives,
 * the thresholds that colour a week, policy changes and the rules that judge them, the smallest
 * group a comparison may show, and the CSV exports that bring billable hours and incidents in.
 * Read as journal.yml is (src/ingest/read.ts): every problem is a diagnostic on its key's line,
 * a bad value falls back to its default, and nothing throws.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { diagnose, type Diagnostic, type Position } from '../ingest/diagnostics.ts';
import { parseYaml, validateYaml } from '../ingest/frontmatter.ts';
import { normalizeKeys, withoutBlankKeys } from '../ingest/keys.ts';
import { decodeText } from '../ingest/entry-file.ts';
import { IsoDate, JournalConfig } from '../ingest/schema.ts';

/** A member id: lower case, digits and dashes, as used in URLs and CSVs, e.g. "ana-lima". */
const MemberId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'expected an id of lower-case letters, digits and dashes, e.g. "ana-lima"' });
/** The name of an environment variable, e.g. "TEAM_PASSPHRASE_ANA". */
const EnvName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: 'expected the name of an environment variable, e.g. TEAM_PASSPHRASE_ANA' });

export const Member = z.looseObject({
  /** Used in URLs, CSVs and `team note`, e.g. "ana-lima". */
  id: MemberId,
  /** As shown on the site, e.g. "Ana Lima". */
  name: z.string().min(1),
  /** The member's journal folder, relative to team.yml: a checkout, submodule or folder, e.g. "members/ana/journal". */
  journal: z.string().min(1),
  /** Other names the CSV exports use for this member (an email, a Jira display name). */
  aliases: z.array(z.string()).default([]),
  /** The environment variable holding this member's passphrase for `team build --encrypt`. */
  passphrase_env: EnvName.optional(),
});
export type Member = z.infer<typeof Member>;

/** The team figures a threshold can judge. */
export const METRICS = ['composite', 'billable_pct', 'velocity', 'response_minutes'] as const;
export type Metric = (typeof METRICS)[number];
/** Figures for which a lower value is better. */
export const LOWER_IS_BETTER: ReadonlySet<Metric> = new Set(['response_minutes']);

const Levels = z.looseObject({ green: z.number(), yellow: z.number() });

export const Thresholds = z.looseObject({
  /** The member's weekly composite score (0–100), at or above. */
  composite: Levels.default({ green: 70, yellow: 50 }),
  /** Billable hours as a percentage of hours logged in the billable CSV, at or above. */
  billable_pct: Levels.default({ green: 76, yellow: 70 }),
  /** Story points of the sprints that ended in the week, at or above; no default: off unless set. */
  velocity: Levels.optional(),
  /** Mean minutes from an incident's opening to its acknowledgement, at or below. */
  response_minutes: Levels.default({ green: 15, yellow: 30 }),
});
export type Thresholds = z.infer<typeof Thresholds>;

/** One rule of a policy: the figure during the policy must stay at or above, at or below, or within a worsening of its value before. */
export const PolicyRule = z.looseObject({
  metric: z.enum(METRICS),
  at_least: z.number().optional(),
  at_most: z.number().optional(),
  /** The largest worsening allowed against the before window, in percent of the before value. */
  max_worsening_pct: z.number().min(0).optional(),
}).refine((rule) => rule.at_least !== undefined || rule.at_most !== undefined || rule.max_worsening_pct !== undefined, {
  error: 'expected at_least, at_most or max_worsening_pct in a rule',
});
export type PolicyRule = z.infer<typeof PolicyRule>;

export const Policy = z.looseObject({
  /** e.g. "4x10" */
  id: MemberId,
  /** e.g. "Four ten-hour days" */
  name: z.string().min(1),
  /** The first day of the policy. */
  start: IsoDate,
  /** The last day, when it ended. */
  end: IsoDate.optional(),
  /** Whole calendar months before `start` that make the before window. */
  baseline_months: z.int().min(1).max(24).default(1),
  rules: z.array(PolicyRule).default([]),
  /** What the report recommends when a rule is broken, e.g. "Return to the 5×8 schedule". */
  if_broken: z.string().default('Go back to the previous arrangement'),
  /** What it recommends when every rule holds. */
  if_held: z.string().default('Keep the policy'),
});
export type Policy = z.infer<typeof Policy>;

/** Where a CSV export lives and which of its columns hold what the contract needs. */
const CsvSource = (columns: readonly string[]) => z.looseObject({
  /** Relative to team.yml, e.g. "data/billable.csv". */
  file: z.string().min(1),
  /** The export's header for each contract column, when it differs, e.g. { person: "Author" }. */
  columns: z.partialRecord(z.enum(columns as [string, ...string[]]), z.string()).default({}),
});

/** The column contracts of the CSV sources (docs/team.md). */
export const CSV_CONTRACTS = {
  /** One row per worklog: who, which day, how many hours, and whether they were billable. */
  billable: ['person', 'date', 'hours', 'billable'],
  /** One row per incident: its id, who responded, when it opened and when it was acknowledged. */
  incidents: ['id', 'person', 'opened_at', 'acknowledged_at'],
} as const;
export type CsvKind = keyof typeof CSV_CONTRACTS;

export const TeamConfig = z.looseObject({
  /** The team's name, e.g. "Payments". */
  name: z.string().default('Team'),
  manager: z.looseObject({
    name: z.string().optional(),
    /** The environment variable holding the manager's passphrase for `team build --encrypt`. */
    passphrase_env: EnvName.default('TEAM_MANAGER_PASSPHRASE'),
  }).default({ passphrase_env: 'TEAM_MANAGER_PASSPHRASE' }),
  members: z.array(Member).default([]),
  thresholds: Thresholds.default({ composite: { green: 70, yellow: 50 }, billable_pct: { green: 76, yellow: 70 }, response_minutes: { green: 15, yellow: 30 } }),
  policies: z.array(Policy).default([]),
  /** The fewest members with a figure before a peer comparison of it is shown (privacy). */
  min_comparison_size: z.int().min(2).default(3),
  /**
   * The model that drafts coaching for flagged members, as journal.yml's llm: (base_url, model,
   * api_key_env, …); each member's own redact: words still apply to their drafts. Without it, offline.
   */
  llm: JournalConfig.shape.llm,
  sources: z.looseObject({
    billable: CsvSource(CSV_CONTRACTS.billable).optional(),
    incidents: CsvSource(CSV_CONTRACTS.incidents).optional(),
  }).default({}),
});
export type TeamConfig = z.infer<typeof TeamConfig>;

/** A team folder without team.yml: a usage error, not a content problem. */
export class TeamNotFoundError extends Error {}

/** Reads team.yml from `dir`. A bad key is a diagnostic and falls back; members listed twice keep the first. */
export async function readTeamConfig(dir: string): Promise<{ config: TeamConfig; diagnostics: Diagnostic[]; journalLine: (id: string) => Position }> {
  const file = 'team.yml';
  let bytes: Uint8Array;
  try {
    bytes = await readFile(join(dir, file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new TeamNotFoundError(`No team.yml in ${dir}; docs/team.md shows one to start from`, { cause: error });
    return { config: TeamConfig.parse({}), diagnostics: [diagnose('config-unreadable', { file, line: 1, column: 1 }, { reason: (error as NodeJS.ErrnoException).code ?? String(error) })], journalLine: FIRST };
  }
  const decoded = decodeText(bytes, file);
  if (decoded.text === null) return { config: TeamConfig.parse({}), diagnostics: decoded.diagnostics, journalLine: FIRST };
  const parsed = parseYaml(decoded.text, file);
  const keys = normalizeKeys(TeamConfig, withoutBlankKeys(parsed.source.data), { file, locate: parsed.source.locate, where: file, strict: true });
  const validated = validateYaml(TeamConfig, { ...parsed.source, data: keys.data }, file, 'config-invalid');
  const config = validated.value ?? TeamConfig.parse({});
  const diagnostics = [...parsed.diagnostics, ...keys.diagnostics, ...validated.diagnostics];
  // A duplicate is reported at its own place in the file, counted among the members as written.
  const written = (keys.data as { members?: unknown }).members;
  const ids = Array.isArray(written) ? written.map((m) => (m as { id?: unknown } | null)?.id) : [];
  const seen = new Set<string>();
  config.members = config.members.filter((member) => {
    if (!seen.has(member.id)) return seen.add(member.id);
    const index = ids.findIndex((id, i) => id === member.id && i > ids.indexOf(member.id));
    diagnostics.push(diagnose('team-member-duplicate', { file, ...parsed.source.locate(['members', Math.max(index, 0), 'id']) }, { id: member.id }));
    return false;
  });
  // Where a member's journal: is written, for problems with that journal.
  const journalLine = (id: string) => (ids.includes(id) ? parsed.source.locate(['members', ids.indexOf(id), 'journal']) : FIRST());
  return { config, diagnostics, journalLine };
}

const FIRST = (): Position => ({ line: 1, column: 1 });
