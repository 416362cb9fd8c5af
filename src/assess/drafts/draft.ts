/**
 * What every kind of draft (week, quarter, year, 1:1 prep) provides, and the parts all drafts share:
 * the claim schema, the provenance header (which says plainly when no model wrote the draft) and
 * the notes on what was left out or could not be checked.
 */
import { z } from 'zod';
import type { JournalConfig, SelfRating } from '../../ingest/schema.ts';
import type { Report } from '../../scores/model.ts';
import type { SourceRegistry } from '../checks/citations.ts';
import type { Entries, Range } from '../entries.ts';
import { escapeMarkdown, type Finding, type RenderContext } from '../markdown.ts';
import type { Material, PromptName } from '../model/prompt.ts';
import type { DraftKind } from '../store.ts';

/** A statement with the ids of the entries it rests on. */
export const ClaimSchema = z.object({
  text: z.string().describe('One or two plain sentences, no Markdown.'),
  sources: z.array(z.string()).describe('At least one id of the entries this rests on, as given in square brackets in the data, e.g. "win-2025-02-03-1" or "fig-wins".'),
});

/** Everything a draft is made from. */
export interface DraftInput {
  kind: DraftKind;
  /** e.g. "2025-W06", "2025-Q1", "2025", or a 1:1 series id. */
  period: string;
  range: Range;
  config: JournalConfig;
  report: Report;
  entries: Entries;
  /** Every id the prompt and the offline draft may cite. */
  sources: SourceRegistry;
  /** The year draft's quarters. */
  quarters?: Report[];
  /** The year draft's self-ratings per competency (journal.yml's, with the year's file's over them). */
  selfRatings?: Record<string, SelfRating>;
  /** 1:1 prep: the series and its last meeting before the as-of date. */
  series?: { id: string; relationship: string | null; cadence: string | null; path: string; agenda_template: string | null; lastMeeting: string | null; met: boolean };
}

/** One kind of draft. T is the JSON the model returns (and the offline drafter builds). */
export interface DraftSpec<T> {
  kind: DraftKind;
  template: PromptName;
  /** The response format's name, e.g. "week_assessment". */
  schemaName: string;
  schema: z.ZodType<T>;
  /** A cap on the answer's length. */
  maxOutputTokens: number;
  /** e.g. "Week 2025-W06 (3–9 Feb 2025)". */
  title(input: DraftInput): string;
  /** The prompt's template values and data; registers every cited entry in input.sources. */
  material(input: DraftInput): Material;
  /** The same JSON built by our code from the figures and entries: deterministic, no model. */
  offline(input: DraftInput): T;
  /** The draft's sections as Markdown (without the title and provenance header). */
  render(draft: T, input: DraftInput, ctx: RenderContext): string;
}

/** How the body came about, for its header. */
export interface Provenance {
  /** The model id, or "offline". */
  generator: string;
  /** Why no model wrote it (offline drafts only). */
  reason: string | null;
}

/** Title, provenance, notes and the kind's sections: the draft's full body. */
export function renderBody(title: string, asOf: string, provenance: Provenance, notes: readonly string[], sections: string): string {
  const header =
    provenance.generator === 'offline'
      ? `> **No model wrote this draft.** turbowork assembled it from the journal's figures and entries as of ${asOf}, because ${escapeMarkdown(provenance.reason ?? 'no model was available')}. ` +
        'It quotes the journal rather than interpreting it; with a model configured (see docs/llm.md) the next build writes a narrative draft. Edit freely: your edits are kept.'
      : `> Drafted by the model \`${provenance.generator.replace(/`/g, '')}\` from the journal as of ${asOf}. Each statement links to the entries it rests on, and ` +
        'figures the journal does not contain are <mark class="unverified">marked</mark>. Review it before you share it. Edit freely: your edits are kept.';
  const noteBlock = notes.length > 0 ? `\n\n${notes.map((note) => `- ${note}`).join('\n')}` : '';
  return `# ${title}\n\n${header}${noteBlock}\n\n${sections.trim()}\n`;
}

/** The notes under the header: material left out, figures not found, citations dropped, fallbacks. */
export function draftNotes(options: { dropped: Record<string, number>; maxInputTokens: number | null; unverified: readonly string[]; findings: readonly Finding[]; warnings: readonly string[] }): string[] {
  const notes: string[] = [];
  const droppedTotal = Object.values(options.dropped).reduce((a, b) => a + b, 0);
  if (droppedTotal > 0 && options.maxInputTokens !== null) {
    const parts = Object.entries(options.dropped).map(([title, count]) => `${count} from ${title.toLowerCase()}`);
    notes.push(`To fit the model's input limit (llm.max_input_tokens: ${options.maxInputTokens}), ${droppedTotal} lower-priority entries were left out of the prompt: ${parts.join(', ')}.`);
  }
  if (options.unverified.length > 0) {
    notes.push(`${options.unverified.length} figure${options.unverified.length === 1 ? ' was' : 's were'} not found in the cited entries or the period's figures and ${options.unverified.length === 1 ? 'is' : 'are'} marked: check ${options.unverified.length === 1 ? 'it' : 'them'} before sharing.`);
  }
  for (const f of options.findings) {
    const statement = `“${escapeMarkdown(f.statement)}”`;
    const ids = f.ids.map((id) => `\`${id.replace(/`/g, '')}\``).join(', ');
    if (f.kind === 'uncited') notes.push(`Cites no entry, and is marked: ${statement}`);
    else if (f.kind === 'unknown-source') notes.push(`Cites ${ids}, which ${f.ids.length === 1 ? 'does' : 'do'} not exist (dropped): ${statement}`);
    else notes.push(`Cites ${ids}, which ${f.ids.length === 1 ? 'holds' : 'hold'} none of its figures: ${statement}`);
  }
  for (const warning of options.warnings) notes.push(escapeMarkdown(warning));
  return notes;
}

/** "3–9 Feb 2025" for a range. */
export function rangeLabel(start: string, end: string): string {
  const fmt = (d: string, year: boolean) =>
    new Date(`${d}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', ...(year ? { year: 'numeric' } : {}), timeZone: 'UTC' });
  return `${fmt(start, start.slice(0, 4) !== end.slice(0, 4))} – ${fmt(end, true)}`;
}
