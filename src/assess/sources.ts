/**
 * Up-to-date checks that cost a hash (issue 15). A draft records `sources_hash`: a hash of the
 * shareable rows it was made from (src/scores/rollups/_sources.sql, one query for every period), the
 * journal's settings, the version of the rendering and, for a model draft, its model, prompt
 * templates and redaction.
 * When the hash of the journal as it is now matches, the draft is up to date: no report, entry list
 * or prompt is computed for it. Only the other periods go through run.ts, whose inputs hash still
 * decides what is written.
 */
import { hash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from '../db/duckdb.ts';
import type { JournalConfig } from '../ingest/schema.ts';
import { parsePeriod } from '../scores/periods.ts';
import { digestSources } from '../scores/sources.ts';
import type { Target } from './inputs.ts';
import { readPromptTemplate, type PromptName } from './model/prompt.ts';
import type { Person } from './model/redact.ts';
import { draftPath } from './store.ts';

/** Bump when what a draft is made from changes in a way sources.sql does not see (e.g. a new table). */
const SOURCES_VERSION = '1';

/** What shapes a draft besides the journal's rows: the rendering and settings, and what a model's prompt is built from. */
export interface DraftMaker {
  renderVersion: string;
  config: JournalConfig;
  maxInputTokens: number;
  redact: readonly string[];
  people: readonly Person[];
}

/** The sources hash of a draft, by its target and the generator that writes it (a model id, or "offline"). */
export type SourcesHashes = (target: Target, generator: string) => string | null;

/**
 * Hashes the sources of every week, quarter and year in `targets` as of `asOf`, in one query. 1:1
 * preps are not hashed (they are drafted on request, never by a build): their hash is null.
 */
export async function hashSources(db: Database, targets: readonly Target[], asOf: string, maker: DraftMaker): Promise<SourcesHashes> {
  const periods = new Map<string, { id: string; start: string; end: string }>(targets.flatMap((t) => {
    const spec = t.kind === '1on1' ? null : parsePeriod(t.period, maker.config.year_start);
    return spec && spec.kind === t.kind && spec.start <= asOf ? [[`${t.kind}:${t.period}`, { id: t.period, start: spec.start, end: spec.end }] as const] : [];
  }));
  const digests = await digestSources(db, [...periods.values()], 'shareable');
  // The settings a draft is made with; where the model is reached (llm:) is not one of them.
  const settings = { ...maker.config, llm: undefined };
  const templates = await Promise.all((['system', 'week', 'quarter', 'year', 'repair'] satisfies PromptName[]).map(readPromptTemplate));
  return (target, generator) => {
    const key = `${target.kind}:${target.period}`;
    const period = periods.get(key);
    if (!period) return null;
    // The as-of date of the period's data: its last day, or today while it is not over.
    const range = { start: period.start, end: period.end, asOf: period.end < asOf ? period.end : asOf };
    // A model draft also depends on what its prompt is built from; an offline one only on the data.
    const request = generator === 'offline' ? null : { generator, maxInputTokens: maker.maxInputTokens, redact: maker.redact, people: maker.people, templates };
    const sources = { SOURCES_VERSION, renderVersion: maker.renderVersion, config: settings, key, range, digest: digests.get(period.id), request };
    return `sha256:${hash('sha256', JSON.stringify(sources)).slice(0, 32)}`;
  };
}

/** The generator and sources_hash a draft's front matter records (null when there is no draft, or none recorded), read without parsing the draft. */
export async function readRecordedSources(path: string): Promise<{ generator: string | null; sourcesHash: string | null }> {
  const text = await readFile(path, 'utf8').catch(() => '');
  const frontMatter = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? '';
  const field = (name: string) => new RegExp(`^${name}: "?([^"\\s]+)"?\\s*$`, 'm').exec(frontMatter)?.[1] ?? null;
  return { generator: field('generator'), sourcesHash: field('sources_hash') };
}
