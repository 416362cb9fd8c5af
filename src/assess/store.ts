/**
 * Drafts on disk: journal/assessments/{weeks,quarters,years,one-on-ones}/PERIOD.md, with front matter
 * recording how each was made. The store decides whether a run writes, skips or sets a draft aside:
 * - the same inputs hash (which covers the prompt, the model and the data) means nothing to do;
 * - a body whose hash differs from its recorded body_hash was edited by a person and is never
 *   overwritten: the fresh draft goes to PERIOD.new.md beside it;
 * - an offline draft never replaces one a model wrote (unless forced): a run without a model, or
 *   one whose call failed, leaves the better draft in place and says it is stale.
 * Writes are atomic: a temporary file in the same folder, then a rename.
 */
import { hash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';
import { z } from 'zod';
import { replaceFile } from '../files.ts';

/** The kinds of draft, and their folders under assessments/. */
export const DRAFT_FOLDERS = { week: 'weeks', quarter: 'quarters', year: 'years', '1on1': 'one-on-ones' } as const;
export type DraftKind = keyof typeof DRAFT_FOLDERS;

/** A draft's front matter. */
export const DraftMeta = z.looseObject({
  /** e.g. "2025-W06", "2025-Q1", "2025", or a 1:1 series id. */
  period: z.string(),
  kind: z.enum(['week', 'quarter', 'year', '1on1']),
  /** The model id that wrote the body, or "offline". */
  generator: z.string(),
  /** Hash of the prompt templates, model, schema and journal data the draft was made from. */
  inputs_hash: z.string(),
  /**
   * Hash of the shareable rows, settings and prompt the draft was made from (sources.ts): when it
   * matches the journal as it is now, the draft is up to date without building its inputs. Absent
   * in drafts written before it existed.
   */
  sources_hash: z.string().optional(),
  /** Hash of the body as generated; a different hash now means a person edited it. */
  body_hash: z.string(),
  /** Tokens the model calls used (0 offline). */
  tokens: z.object({ prompt: z.number(), completion: z.number() }),
  /** Model calls made, repairs included. */
  calls: z.number(),
  /** The as-of date of the data: the period's last day, or today for a period not yet over. */
  generated: z.string(),
  /** Figures in the body that the grounding check did not find in the cited entries or the period's figures. */
  unverified_numbers: z.array(z.string()),
  /**
   * Statements whose citations do not hold: "uncited" (none, after one repair request), "unknown-source"
   * (ids that do not exist, dropped) and "unsupported" (the cited entries hold none of its figures).
   * Absent in drafts written before it existed.
   */
  citation_problems: z.array(z.object({
    kind: z.enum(['uncited', 'unknown-source', 'unsupported']), statement: z.string(), ids: z.array(z.string()),
  })).default([]),
});
export type DraftMeta = z.infer<typeof DraftMeta>;

/** Journal-relative path of a draft, e.g. "assessments/weeks/2025-W06.md". */
export function draftPath(kind: DraftKind, period: string): string {
  return `assessments/${DRAFT_FOLDERS[kind]}/${period}.md`;
}

/** The side file for a fresh draft next to an edited one: "…/2025-W06.new.md". */
export function newDraftPath(path: string): string {
  return path.replace(/\.md$/, '.new.md');
}

/** "sha256:" and 16 hex digits of the body, line endings and trailing space normalized. */
export function hashBody(body: string): string {
  return `sha256:${hash('sha256', body.replace(/\r\n/g, '\n').trimEnd()).slice(0, 16)}`;
}

/** The file text of a draft. */
export function renderDraftFile(meta: DraftMeta, body: string): string {
  return `---\n${stringify(meta, { lineWidth: 0 })}---\n\n${body.trimEnd()}\n`;
}

/** A draft read back: its front matter (null when unreadable), body, and whether a person edited it. */
export interface StoredDraft {
  meta: DraftMeta | null;
  body: string;
  edited: boolean;
}

/** Reads a draft file; null when there is none. A file without our front matter counts as edited. */
export async function readDraft(journalDir: string, path: string): Promise<StoredDraft | null> {
  let text: string;
  try {
    text = await readFile(join(journalDir, path), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const match = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  if (!match) return { meta: null, body: text, edited: true };
  let meta: DraftMeta | null = null;
  try {
    const parsed = DraftMeta.safeParse(parse(match[1]));
    meta = parsed.success ? parsed.data : null;
  } catch {
    meta = null;
  }
  const body = match[2].replace(/^\r?\n/, '');
  return { meta, body, edited: meta === null || hashBody(body) !== meta.body_hash };
}

/** Writes a draft file atomically, creating folders. */
export async function writeDraft(journalDir: string, path: string, content: string): Promise<void> {
  const target = join(journalDir, path);
  await mkdir(dirname(target), { recursive: true });
  await replaceFile(target, content);
}

/** What to do with a period's draft. */
export type Plan =
  | { action: 'fresh'; reason: string }
  | { action: 'write'; path: string; reason: string }
  | { action: 'keep'; reason: string };

/**
 * Decides where a draft made from `inputsHash` by `generator` goes, given what is on disk.
 * "fresh" means the stored draft already reflects these inputs: nothing to call or write.
 */
export function planWrite(path: string, existing: StoredDraft | null, sideFile: StoredDraft | null, next: { inputsHash: string; generator: string; force: boolean }): Plan {
  if (!existing) return { action: 'write', path, reason: 'new draft' };
  const meta = existing.meta;
  if (!next.force && meta?.inputs_hash === next.inputsHash) return { action: 'fresh', reason: existing.edited ? 'up to date (edited by you)' : 'up to date' };
  if (!next.force && next.generator === 'offline' && meta && meta.generator !== 'offline') {
    return { action: 'keep', reason: `stale, but written by ${meta.generator}; an offline draft does not replace it (--force does)` };
  }
  if (existing.edited) {
    const side = newDraftPath(path);
    if (!next.force && sideFile?.meta?.inputs_hash === next.inputsHash) return { action: 'fresh', reason: `edited by you; ${side} is up to date` };
    return { action: 'write', path: side, reason: `edited by you, so the new draft went to ${side}` };
  }
  return { action: 'write', path, reason: next.force ? 'regenerated (--force)' : 'inputs changed' };
}
