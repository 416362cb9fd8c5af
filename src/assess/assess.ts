/**
 * The assess stage's entry points. `assess` drafts the periods it is given (the CLI); the build calls
 * `refreshAssessments`, which drafts every week, quarter and year with entries, in that order, and
 * reports the model calls and tokens used. Both write offline drafts when no model is configured and
 * never fail because of a model.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from '../db/duckdb.ts';
import { openShareable } from '../db/shareable.ts';
import { journalAsOf } from '../journal.ts';
import type { JournalConfig } from '../ingest/schema.ts';
import { createLlmClient, type ClientEffects, type LlmClient, type Usage } from './model/client.ts';
import type { DraftSpec } from './drafts/draft.ts';
import { collectInputs, listPeriods, type Target } from './inputs.ts';
import { oneOnOne } from './drafts/oneonone.ts';
import { quarter } from './drafts/quarter.ts';
import { freshOutcome, RENDER_VERSION, runDraft, type DraftOutcome, type Session } from './run.ts';
import { hashSources, readRecordedSources, type SourcesHashes } from './sources.ts';
import { people, type Person } from './model/redact.ts';
import { resolveLlmSettings } from './model/settings.ts';
import { DRAFT_FOLDERS, draftPath, type DraftKind } from './store.ts';
import { week } from './drafts/week.ts';
import { year } from './drafts/year.ts';

/** The draft kinds and what makes each. */
export const SPECS: Record<DraftKind, DraftSpec<unknown>> = { week, quarter, year, '1on1': oneOnOne } as Record<DraftKind, DraftSpec<unknown>>;

/** Side effects, injected: the clock, where progress goes, the environment (for the API key). */
export interface AssessEffects {
  now: () => Date;
  /** One line of progress or warning (stderr in the CLI). Never receives the API key. */
  log: (line: string) => void;
  env: NodeJS.ProcessEnv;
  /** A client to use instead of the one journal.yml describes (tests); null forces offline drafts. */
  client?: LlmClient | null;
  /** Retry timing of the real client (tests shorten the waits). */
  clientEffects?: ClientEffects;
}

export interface AssessOptions {
  /** Regenerate even when the inputs are unchanged (an edited draft still gets a .new.md). */
  force?: boolean;
  /** Build and return the prompts; call and write nothing. */
  dryRun?: boolean;
  /** Only check which drafts on disk are fresh; call and write nothing. */
  check?: boolean;
  /** Offline drafts only (build --no-llm). */
  noLlm?: boolean;
  /** At most this many model calls in the run; later periods are drafted offline. */
  maxCalls?: number;
  /** "YYYY-MM-DD"; default today. Past periods are as of their last day. */
  asOf?: string;
  /** Where the llm: settings come from, for the reasons drafts are offline. Default journal.yml. */
  settingsFile?: string;
}

/** What a run did, for the CLI and the build to print. */
export interface AssessSummary {
  drafts: DraftOutcome[];
  /** Model calls made, repairs included. */
  calls: number;
  tokens: Usage;
  /** The model used, or null when drafts were offline. */
  model: string | null;
  /** Why drafts were offline, when they were. */
  offlineReason: string | null;
}

/** A journal as the assess stage needs it. */
export interface JournalHandle {
  db: Database;
  config: JournalConfig;
  /** Why no model may be called (journal.yml's llm: or redact: cannot be read), or null. */
  modelBlocked: string | null;
}

/** Drafts each of `targets` ({ kind, period }: "2025-W06", "2025-Q1", "2025", or a 1:1 series id). */
export async function assess(journal: JournalHandle, journalDir: string, targets: readonly Target[], options: AssessOptions, effects: AssessEffects): Promise<AssessSummary> {
  return draftTargets(journal, journalDir, targets, options, effects);
}

/**
 * Drafts `targets` from the journal's shareable copy into files of another folder, `pathOf` naming
 * each draft's file there: team mode's coaching drafts, which the manager's build writes into the
 * team repository and never into the member's journal.
 */
export async function assessInto(journal: JournalHandle, dir: string, targets: readonly Target[], pathOf: (target: Target) => string, options: AssessOptions, effects: AssessEffects): Promise<AssessSummary> {
  return draftTargets(journal, dir, targets, options, effects, pathOf);
}

/** For `build`: refreshes the stale drafts of every week, quarter and year that has entries. */
export async function refreshAssessments(journal: JournalHandle, journalDir: string, options: AssessOptions, effects: AssessEffects): Promise<AssessSummary> {
  const asOf = journalAsOf(journal.config, effects.now(), options.asOf);
  const targets = await listPeriods(journal.db, journal.config, asOf);
  return draftTargets(journal, journalDir, targets, { ...options, asOf }, effects);
}

/**
 * The drafts on disk drafted from the journal as it is now, e.g. "week:2026-W06", "1on1:sarah-chen":
 * the only ones a --public build shows. Their figures and quotes come from the shareable copy; an
 * older draft, or one drafted before a private entry was added, may count or quote it. Nothing is
 * called or written.
 */
export async function currentDrafts(journal: JournalHandle, journalDir: string, asOf: string, effects: Pick<AssessEffects, 'now' | 'log'>): Promise<Set<string>> {
  const preps = (await readdir(join(journalDir, 'assessments', DRAFT_FOLDERS['1on1'])).catch(() => [] as string[]))
    .filter((name) => name.endsWith('.md') && !name.endsWith('.new.md')).map((name) => name.slice(0, -3));
  const series = await journal.db.all<{ id: string }>(`SELECT id FROM shareable.series ORDER BY id`);
  const targets = [
    ...(await listPeriods(journal.db, journal.config, asOf)),
    ...series.filter((s) => preps.includes(s.id)).map((s) => ({ kind: '1on1' as const, period: s.id })),
  ];
  const summary = await draftTargets(journal, journalDir, targets, { asOf, noLlm: true, check: true }, { ...effects, env: {}, client: null });
  return new Set(summary.drafts.filter((d) => d.status === 'fresh').map((d) => `${d.kind}:${d.period}`));
}

/**
 * Drafts `targets` from what may leave the machine only: prompts, figures and quoted entries alike.
 * A draft whose sources hash (sources.ts) matches the journal as it is now is up to date, and costs
 * no more than that hash: only the other targets get their reports, entries and prompts built, from
 * the shareable copy of the journal.
 */
async function draftTargets(journal: JournalHandle, journalDir: string, targets: readonly Target[], options: AssessOptions, effects: AssessEffects, pathOf = (t: Target) => draftPath(t.kind, t.period)): Promise<AssessSummary> {
  const asOf = journalAsOf(journal.config, effects.now(), options.asOf);
  const known = await readPeople(journal);
  const session = createSession(journal, options, effects, known);
  const sourcesOf = await hashSources(journal.db, targets, asOf, { renderVersion: RENDER_VERSION, config: journal.config, maxInputTokens: session.maxInputTokens, redact: session.redact, people: known });
  const fresh = options.force || options.dryRun ? new Map<number, DraftOutcome>() : await upToDate(journalDir, targets, pathOf, sourcesOf, options.check ? null : intendedGenerator(session));
  const stale = targets.filter((_, i) => !fresh.has(i));
  const drafted: DraftOutcome[] = [];
  if (stale.length > 0) {
    const db = await openShareable(journal.db, journal.config);
    try {
      const inputs = await collectInputs(db, journal.config, stale, asOf);
      for (const input of inputs) {
        const target = { kind: input.kind, period: input.period };
        drafted.push(await runDraft(SPECS[input.kind], input, pathOf(target), journalDir, session, options, (generator) => sourcesOf(target, generator)));
      }
    } finally {
      db.close();
    }
  }
  let next = 0;
  const drafts = targets.map((_, i) => fresh.get(i) ?? drafted[next++]);
  const tokens = drafts.reduce((sum, d) => ({ prompt: sum.prompt + d.tokens.prompt, completion: sum.completion + d.tokens.completion }), { prompt: 0, completion: 0 });
  return {
    drafts,
    calls: drafts.reduce((sum, d) => sum + d.calls, 0),
    tokens,
    model: session.client?.model ?? null,
    offlineReason: session.client ? null : session.offlineReason,
  };
}

/** The model a draft would be written by now, or "offline". */
function intendedGenerator(session: Session): string {
  return session.client && session.callsLeft > 0 && !session.unreachable ? session.client.model : 'offline';
}

/**
 * The targets (by index) whose draft on disk records the sources hash of the journal as it is now,
 * for the generator that would write it now (`generator`), or for its own generator when the run
 * drafts offline (a model draft of unchanged sources is up to date; an offline run never replaces
 * it) or only checks (`generator` null).
 */
async function upToDate(journalDir: string, targets: readonly Target[], pathOf: (target: Target) => string, sourcesOf: SourcesHashes, generator: string | null): Promise<Map<number, DraftOutcome>> {
  const fresh = new Map<number, DraftOutcome>();
  await Promise.all(targets.map(async (target, i) => {
    if (target.kind === '1on1') return;
    const recorded = await readRecordedSources(join(journalDir, pathOf(target)));
    if (recorded.sourcesHash === null || recorded.generator === null) return;
    const current = recorded.sourcesHash === sourcesOf(target, generator ?? recorded.generator)
      || ((generator === null || generator === 'offline') && recorded.sourcesHash === sourcesOf(target, recorded.generator));
    if (current) fresh.set(i, freshOutcome(target.kind, target.period, pathOf(target), recorded.generator));
  }));
  return fresh;
}

/**
 * The people the journal knows, from every entry (private ones too: a name is redacted wherever it
 * appears): the person, the manager, 1:1 partners and the @owners of action items.
 */
async function readPeople(journal: JournalHandle): Promise<Person[]> {
  const partners = await journal.db.all<{ name: string }>(`SELECT DISTINCT person AS name FROM series WHERE person IS NOT NULL ORDER BY name`);
  const owners = await journal.db.all<{ name: string }>(`SELECT DISTINCT owner AS name FROM action_items WHERE owner IS NOT NULL ORDER BY name`);
  const { name, manager } = journal.config.person;
  return people({ me: name, manager, partners: partners.map((r) => r.name), owners: owners.map((r) => r.name) });
}

/**
 * The model side of a run, from journal.yml and the environment (or the injected client). When the
 * llm: or redact: settings cannot be read, nothing is called, whatever client there is.
 */
export function createSession(journal: Pick<JournalHandle, 'config' | 'modelBlocked'>, options: AssessOptions, effects: AssessEffects, known: readonly Person[]): Session {
  const { config } = journal;
  const base = {
    maxInputTokens: config.llm.max_input_tokens,
    callsLeft: options.maxCalls ?? Infinity,
    redact: config.redact,
    people: known,
    log: effects.log,
  };
  if (journal.modelBlocked && !options.noLlm) {
    const reason = `no model is called: ${journal.modelBlocked}; fix it (turbowork check) to call one`;
    effects.log(`warning: ${reason}`);
    return { ...base, client: null, offlineReason: reason };
  }
  if (effects.client !== undefined && !options.noLlm) {
    return { ...base, client: effects.client, offlineReason: 'no model client was given' };
  }
  const resolution = resolveLlmSettings(config, effects.env, options.noLlm, options.settingsFile);
  if (!resolution.settings) return { ...base, client: null, offlineReason: resolution.reason };
  return { ...base, client: createLlmClient(resolution.settings, { log: effects.log, ...effects.clientEffects }), offlineReason: '' };
}
