/**
 * One draft, end to end: gather the period's figures and entries, build the redacted prompt, decide
 * from the inputs hash whether anything is stale, ask the model (or draft offline), check figures and
 * citations, render and store. The model never decides whether a build succeeds: any failure of its
 * answer becomes a warning and the period's offline draft.
 */
import { hash } from 'node:crypto';
import type { ChatRequest, LlmClient, Usage } from './model/client.ts';
import { draftNotes, renderBody, type DraftInput, type DraftSpec, type Provenance } from './drafts/draft.ts';
import { Evidence } from './checks/grounding.ts';
import type { RenderContext } from './markdown.ts';
import { buildPrompt, PromptTooLargeError, type BuiltPrompt, type Material } from './model/prompt.ts';
import { createRedactor, type Person } from './model/redact.ts';
import { hashBody, newDraftPath, planWrite, readDraft, renderDraftFile, writeDraft, type DraftKind, type DraftMeta } from './store.ts';
import { renderResponseSchema, requestStructured } from './model/structured.ts';

/** Bump when rendering changes, so every draft is refreshed once. */
export const RENDER_VERSION = '7';

/** The model side of a run: a client, or why there is none, and the calls still allowed. */
export interface Session {
  client: LlmClient | null;
  /** Why drafts are offline when client is null, e.g. "no model is configured". */
  offlineReason: string;
  maxInputTokens: number;
  /** Model calls left in this run (--max-calls); Infinity without a cap. */
  callsLeft: number;
  /** Set when the endpoint failed for good: the rest of the run is offline rather than waiting on it. */
  unreachable?: string;
  redact: readonly string[];
  /** The people the journal knows, redacted from every prompt. */
  people: readonly Person[];
  log: (line: string) => void;
}

/** What happened to one period's draft. */
export interface DraftOutcome {
  kind: DraftKind;
  period: string;
  /** written, written-new (beside an edited draft), fresh (up to date), kept (stale model draft), dry-run. */
  status: 'written' | 'written-new' | 'fresh' | 'kept' | 'dry-run';
  /** Journal-relative path of the draft (or of the .new.md written beside it). */
  path: string;
  generator: string;
  reason: string;
  calls: number;
  tokens: Usage;
  /** Estimated prompt tokens of the request (0 when no prompt could be built). */
  estimate: number;
  warnings: string[];
  unverified: string[];
  unknownSources: string[];
  /** The prompt, for --dry-run. */
  prompt: BuiltPrompt | null;
}

/** Options of one run. */
export interface RunOptions {
  force?: boolean;
  dryRun?: boolean;
  /** Only say whether the draft on disk was drafted from these inputs ("fresh") or not ("kept"); call and write nothing. */
  check?: boolean;
}

/** An up-to-date draft that no inputs were built for: its sources hash matched (sources.ts). */
export function freshOutcome(kind: DraftKind, period: string, path: string, generator: string): DraftOutcome {
  return {
    kind, period, status: 'fresh', path, generator, reason: 'up to date', calls: 0, tokens: { prompt: 0, completion: 0 },
    estimate: 0, warnings: [], unverified: [], unknownSources: [], prompt: null,
  };
}

/** Makes, checks and stores one draft for `input` following `spec`. */
export async function runDraft<T>(spec: DraftSpec<T>, input: DraftInput, path: string, journalDir: string, session: Session, options: RunOptions = {}, sourcesOf: (generator: string) => string | null = () => null): Promise<DraftOutcome> {
  const material = spec.material(input);
  const schemaJson = JSON.stringify(renderResponseSchema(spec.schema));
  const warnings: string[] = [];
  let prompt: BuiltPrompt | null = null;
  try {
    prompt = await buildPrompt(spec.template, material, schemaJson, { maxInputTokens: session.maxInputTokens, redact: session.redact, people: session.people });
  } catch (error) {
    if (!(error instanceof PromptTooLargeError)) throw error;
    warnings.push(`The prompt could not be built: ${error.message}.`);
  }
  const outcome = (status: DraftOutcome['status'], generator: string, reason: string, extra: Partial<DraftOutcome> = {}): DraftOutcome => ({
    kind: spec.kind, period: input.period, status, path, generator, reason, calls: 0, tokens: { prompt: 0, completion: 0 },
    estimate: prompt?.tokens ?? 0, warnings, unverified: [], unknownSources: [], prompt, ...extra,
  });
  if (options.dryRun) return outcome('dry-run', session.client?.model ?? 'offline', 'dry run: nothing called or written');

  // A model draft depends on the prompt (templates, redaction) and schema; an offline one only on the data.
  const inputsOf = (generator: string) => {
    const request = generator === 'offline' ? null : { schemaJson, messages: prompt?.messages ?? null };
    const data = { material, report: input.report, entries: input.entries, quarters: input.quarters ?? null };
    return `sha256:${hash('sha256', JSON.stringify({ RENDER_VERSION, generator, request, data }, stableNumbers)).slice(0, 32)}`;
  };
  const existing = await readDraft(journalDir, path);
  if (options.check) {
    const current = existing?.meta?.inputs_hash === inputsOf(existing?.meta?.generator ?? 'offline');
    return outcome(current ? 'fresh' : 'kept', existing?.meta?.generator ?? 'none', current ? 'drafted from the journal as it is' : 'not drafted from the journal as it is now');
  }
  const side = existing?.edited ? await readDraft(journalDir, newDraftPath(path)) : null;

  let generator = session.client && prompt && session.callsLeft > 0 && !session.unreachable ? session.client.model : 'offline';
  let offlineReason = !session.client
    ? session.offlineReason
    : session.unreachable
      ? `the model could not be reached earlier in this run (${session.unreachable})`
      : !prompt ? 'the prompt does not fit llm.max_input_tokens' : 'the run reached its --max-calls limit';
  let plan = planWrite(path, existing, side, { inputsHash: inputsOf(generator), generator, force: options.force ?? false });
  if (plan.action === 'fresh') {
    // Up to date, but from before its sources hash was recorded (or made with another one): record
    // it, so the next run knows without building these inputs. The body stays as it is.
    const sources = existing?.meta ? sourcesOf(existing.meta.generator) : null;
    if (existing?.meta && !existing.edited && sources !== null && existing.meta.sources_hash !== sources) {
      const { period, kind, generator: by, inputs_hash, sources_hash: _, ...rest } = existing.meta;
      await writeDraft(journalDir, path, renderDraftFile({ period, kind, generator: by, inputs_hash, sources_hash: sources, ...rest }, existing.body));
    }
    return outcome('fresh', existing?.meta?.generator ?? generator, plan.reason);
  }
  if (plan.action === 'keep') return outcome('kept', existing?.meta?.generator ?? generator, plan.reason);

  let draft: T | null = null;
  const usage: Usage = { prompt: 0, completion: 0 };
  let calls = 0;
  if (generator !== 'offline' && session.client && prompt) {
    const request: ChatRequest = { messages: prompt.messages, schemaName: spec.schemaName, schema: JSON.parse(schemaJson), maxOutputTokens: spec.maxOutputTokens };
    // With one call left under --max-calls, a bad answer gets no repair.
    const answer = await requestStructured(session.client, request, spec.schema, { allowRepair: session.callsLeft >= 2 });
    calls = answer.calls;
    session.callsLeft -= answer.calls;
    Object.assign(usage, answer.usage);
    if (answer.ok) {
      draft = answer.value;
      for (const note of answer.notes) session.log(`${path}: ${note}`);
    } else {
      const warning = `The model's answer was not usable (${answer.reason}), so this is the offline draft.`;
      warnings.push(warning);
      session.log(`warning: ${path}: ${warning}`);
      generator = 'offline';
      offlineReason = `the model's answer was not usable (${answer.reason})`;
      if (answer.transport) {
        session.unreachable = answer.reason;
        session.log('warning: the model could not be reached; the rest of this run drafts offline');
      }
      plan = planWrite(path, existing, side, { inputsHash: inputsOf(generator), generator, force: options.force ?? false });
      if (plan.action !== 'write') return outcome(plan.action === 'fresh' ? 'fresh' : 'kept', existing?.meta?.generator ?? generator, plan.reason, { calls, tokens: usage });
    }
  }
  draft ??= spec.offline(input);

  const evidence = evidenceOf(material);
  // Drafts are written to be shared: personal data and secrets the journal quotes stay out of them
  // (the configured redact words are about model providers, so a draft keeps them).
  const scrubber = createRedactor([]);
  const ctx: RenderContext = { draftPath: plan.path, sources: input.sources, evidence, unverified: new Set(), findings: [], scrub: (text) => scrubber.redact(text) };
  const sections = spec.render(draft, input, ctx);
  const provenance: Provenance = generator === 'offline' ? { generator: 'offline', reason: offlineReason } : { generator, reason: null };
  const unverified = [...ctx.unverified];
  const unknownSources = [...input.sources.unknown];
  if (unknownSources.length > 0) session.log(`warning: ${path}: dropped citations to unknown ids: ${unknownSources.join(', ')}`);
  const notes = draftNotes({ dropped: generator === 'offline' ? {} : (prompt?.dropped ?? {}), maxInputTokens: session.maxInputTokens, unverified, findings: ctx.findings, warnings });
  const body = renderBody(spec.title(input), input.range.asOf, provenance, notes, sections);
  const meta: DraftMeta = {
    period: input.period, kind: spec.kind, generator, inputs_hash: inputsOf(generator), ...(sourcesOf(generator) === null ? {} : { sources_hash: sourcesOf(generator)! }), body_hash: hashBody(body),
    tokens: usage, calls, generated: input.range.asOf, unverified_numbers: unverified, citation_problems: ctx.findings,
  };
  await writeDraft(journalDir, plan.path, renderDraftFile(meta, body));
  const status = plan.path === path ? 'written' : 'written-new';
  return outcome(status, generator, plan.reason, { path: plan.path, calls, tokens: usage, unverified, unknownSources });
}

/**
 * What a draft's figures are checked against: each data line of the material (all of it, whatever the
 * budget dropped) as the text of the ids it starts with, and the Figures lines as the period's report
 * figures. An item's `evidence` (e.g. an achievement's whole STAR text) stands in for its clipped text.
 */
export function evidenceOf(material: Material): Evidence {
  const evidence = new Evidence();
  for (const section of material.sections) {
    for (const item of section.items) {
      const text = item.evidence ?? item.text;
      const id = /^\[([^\]\s]+)\]/.exec(item.text)?.[1];
      const report = section.title === 'Figures' || (id?.startsWith('fig-') ?? false);
      if (id) evidence.addEntry(id, text, report);
      if (report) evidence.addReport(text);
    }
  }
  return evidence;
}

/**
 * Numbers at 6 significant digits: SQL aggregates over rows loaded in parallel differ in their last
 * bits from load to load (e.g. 55.721288515406165 vs 55.72128851540617), which must not change a
 * hash. At 12 digits a ten-year journal still saw a few drafts a run rewritten for nothing; drafts
 * show at most 4 significant digits, so 6 miss no real change. Relative precision keeps the noise
 * of a figure that should be zero, so near-zero values count as zero.
 */
function stableNumbers(_key: string, value: unknown): unknown {
  if (typeof value !== 'number' || !Number.isFinite(value)) return value;
  // A figure that is zero but for float noise (a correlation of -2e-16) is zero.
  return Math.abs(value) < 1e-9 ? 0 : Number(value.toPrecision(6));
}
