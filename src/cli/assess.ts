import { join } from 'node:path';
import { assess as runAssess, refreshAssessments, SPECS, type AssessEffects, type AssessOptions, type AssessSummary } from '../assess/assess.ts';
import { PeriodError } from '../assess/inputs.ts';
import type { DraftOutcome } from '../assess/run.ts';
import { renderResponseSchema } from '../assess/model/structured.ts';
import type { DraftKind } from '../assess/store.ts';
import { isCalendarDate } from '../ingest/dates.ts';
import { openJournal } from '../journal.ts';
import { choiceError, UsageError, type Command } from './command.ts';
import type { Io } from './output.ts';

const KINDS: Record<string, DraftKind> = { week: 'week', quarter: 'quarter', year: 'year', '1on1': '1on1' };

export const assess: Command = {
  name: 'assess',
  help: `Usage: turbowork assess week|quarter|year|1on1 PERIOD [options]
       turbowork assess all [options]

Writes a draft to journal/assessments/{weeks,quarters,years,one-on-ones}/PERIOD.md: by the model set in
journal.yml (llm:), or offline, built from the figures, when none is configured. Every statement cites
the entries it rests on; figures that neither the cited entries nor the period's figures hold are
marked and listed under unverified_numbers, and citations that do not hold under citation_problems.
Unchanged inputs make no model call. A draft you edited is never overwritten: the new one goes to
PERIOD.new.md. "all" drafts every week, quarter and year with entries, as the build does.

Periods: week 2025-W06, quarter 2025-Q1, year 2025, 1on1 SERIES (a folder under one-on-ones/).

Options:
  --dry-run        print the exact redacted prompts and their token estimates; call and write nothing
  --force          redraft even when the inputs are unchanged (edited drafts still get a .new.md)
  --max-calls N    make at most N model calls; later periods are drafted offline
  --no-llm         draft offline even when a model is configured
  --as-of DATE     draft as of DATE (YYYY-MM-DD) instead of journal.yml's as_of or today
  --json           print what was done as JSON

The API key comes from the environment variable named by llm.api_key_env (default OPENAI_API_KEY).
See docs/llm.md for providers, what is sent and what is redacted.
`,
  options: {
    'dry-run': { type: 'boolean' },
    force: { type: 'boolean' },
    'max-calls': { type: 'string' },
    'no-llm': { type: 'boolean' },
    'as-of': { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(values, positionals, { io, journalDir, cacheDir, program }) {
    const [kindName, period, ...rest] = positionals;
    if (rest.length > 0) throw new UsageError(`unexpected arguments: ${rest.join(' ')}`);
    if (kindName !== 'all' && !Object.hasOwn(KINDS, kindName)) throw choiceError('assess', 'kind', kindName, [...Object.keys(KINDS), 'all'], 'week, quarter, year, 1on1 or all');
    if (kindName !== 'all' && !period) throw new UsageError(`assess ${kindName} needs a period, e.g. ${{ week: '2025-W06', quarter: '2025-Q1', year: '2025', '1on1': 'sarah-chen' }[kindName]}`);
    const options: AssessOptions = {
      dryRun: values['dry-run'] === true,
      force: values.force === true,
      noLlm: values['no-llm'] === true,
      maxCalls: parseMaxCalls(values['max-calls']),
      asOf: parseAsOf(values['as-of']),
    };
    const effects: AssessEffects = { now: io.now, env: io.env, log: (line) => io.stderr.write(`${line}\n`) };
    const journal = await openJournal({ journalDir, cacheDir, history: true });
    let summary: AssessSummary;
    try {
      const errors = journal.diagnostics.filter((d) => d.severity === 'error').length;
      if (errors > 0) io.stderr.write(`note: the journal has ${errors} error${errors === 1 ? '' : 's'}; run ${program} check\n`);
      summary = kindName === 'all'
        ? await refreshAssessments(journal, journalDir, options, effects)
        : await runAssess(journal, journalDir, [{ kind: KINDS[kindName], period: period! }], options, effects);
    } catch (error) {
      if (error instanceof PeriodError) throw new UsageError(error.message, { cause: error });
      throw error;
    } finally {
      journal.db.close();
    }
    if (values.json) io.stdout.write(JSON.stringify(summary, null, 2) + '\n');
    else if (options.dryRun) printPrompts(summary, journalDir, io);
    else printOutcomes(summary, journalDir, io);
    return 0;
  },
};

function parseMaxCalls(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--max-calls ${String(value)} is not a whole number ≥ 0`);
  return n;
}

function parseAsOf(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || !isCalendarDate(value)) throw new UsageError(`--as-of ${String(value)} is not a date YYYY-MM-DD`);
  return value;
}

const LABELS: Record<DraftOutcome['status'], string> = {
  written: 'written', 'written-new': 'written beside your edit', fresh: 'up to date', kept: 'kept', 'dry-run': 'dry run',
};

function printOutcomes(summary: AssessSummary, journalDir: string, io: Io): void {
  for (const d of summary.drafts) {
    const how = d.status === 'written' || d.status === 'written-new' ? (d.generator === 'offline' ? ' offline' : ` by ${d.generator}`) : '';
    io.stderr.write(`${LABELS[d.status].padEnd(12)} ${join(journalDir, d.path)}${how} (${d.reason})\n`);
    if (d.unverified.length > 0) io.stderr.write(`             unverified figures: ${d.unverified.join(', ')}\n`);
    if (d.status === 'written' || d.status === 'written-new') io.stdout.write(`${join(journalDir, d.path)}\n`);
  }
  const tally = new Map<string, number>();
  for (const d of summary.drafts) tally.set(LABELS[d.status], (tally.get(LABELS[d.status]) ?? 0) + 1);
  const counts = [...tally].map(([label, n]) => `${n} ${label}`);
  io.stderr.write(`${summary.drafts.length} draft${summary.drafts.length === 1 ? '' : 's'}: ${counts.join(', ') || 'none'}; ${usageLine(summary)}\n`);
}

/** "model gpt-4o-mini: 3 calls, 8,100 prompt + 1,200 completion tokens", or why it was offline. */
export function usageLine(summary: AssessSummary): string {
  if (!summary.model) return `offline: ${summary.offlineReason}`;
  const f = (n: number) => n.toLocaleString('en-US');
  return `model ${summary.model}: ${summary.calls} call${summary.calls === 1 ? '' : 's'}, ${f(summary.tokens.prompt)} prompt + ${f(summary.tokens.completion)} completion tokens`;
}

function printPrompts(summary: AssessSummary, journalDir: string, io: Io): void {
  const shownSchemas = new Set<DraftKind>();
  let total = 0;
  for (const d of summary.drafts) {
    io.stdout.write(`===== ${join(journalDir, d.path)} (${d.kind} ${d.period}) =====\n`);
    if (!d.prompt) {
      io.stdout.write(`(no prompt: ${d.warnings.join(' ')})\n\n`);
      continue;
    }
    for (const m of d.prompt.messages) io.stdout.write(`--- ${m.role}\n${m.content}\n`);
    const spec = SPECS[d.kind];
    io.stdout.write(`--- response_format: json_schema "${spec.schemaName}" (strict, max ${spec.maxOutputTokens} output tokens)\n`);
    if (!shownSchemas.has(d.kind)) {
      shownSchemas.add(d.kind);
      io.stdout.write(`${JSON.stringify(renderResponseSchema(spec.schema))}\n`);
    }
    const r = d.prompt.redactions;
    const dropped = Object.entries(d.prompt.dropped).map(([t, n]) => `${n} from ${t}`).join(', ') || 'nothing';
    io.stdout.write(`--- ≈ ${d.prompt.tokens.toLocaleString('en-US')} prompt tokens; redacted: ${r.email} emails, ${r.phone} phones, ${r.secret} secrets, ${r.name} names, ${r.word} words; left out: ${dropped}\n\n`);
    total += d.prompt.tokens;
  }
  const n = summary.drafts.length;
  io.stderr.write(`${n} prompt${n === 1 ? '' : 's'}, ≈ ${total.toLocaleString('en-US')} prompt tokens in all (estimate); a run calls the model ${n} time${n === 1 ? '' : 's'} (up to ${2 * n} with repairs) for drafts whose inputs changed. Nothing was sent.\n`);
}
