/**
 * What offline drafts need to read the journal as a careful person would: which key results a later
 * one carried on or closed, which feedback is praise and which asks for growth, and which entries
 * speak to a competency. Rules, not a model: they are written down here so a reader can check them.
 */
import type { ActionRow, FeedbackRow } from './entries.ts';
import { actionText, type KeyResult, type Objective } from './evidence.ts';

export interface KrRef {
  o: Objective;
  kr: KeyResult;
}

const normTitle = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/**
 * The key result that carries `ref` on: the latest one, in an objective that starts later, with the
 * same key-result id or the same title ("jobs-migrated" in 2026-Q1 and again in 2026-Q2). Null when
 * nothing carried it on.
 */
export function successor(ref: KrRef, all: readonly KrRef[]): KrRef | null {
  const later = all.filter((x) => (x.o.start ?? '') > (ref.o.start ?? '') && (x.kr.kr_id === ref.kr.kr_id || normTitle(x.kr.title) === normTitle(ref.kr.title)));
  return later.sort((a, b) => (b.o.start ?? '').localeCompare(a.o.start ?? ''))[0] ?? null;
}

/** Every key result of the objectives, with the one each was carried on to (if any). */
export function keyResults(objectives: readonly Objective[]): (KrRef & { next: KrRef | null })[] {
  const all = objectives.flatMap((o) => o.key_results.map((kr) => ({ o, kr })));
  return all.map((ref) => ({ ...ref, next: successor(ref, all) }));
}

/**
 * Open key results as of `asOf`: not achieved, in an objective still running then, not carried on
 * by a later one. These are the only key results a goal may name.
 */
export function openKeyResults(objectives: readonly Objective[], asOf: string): KrRef[] {
  return keyResults(objectives).filter(({ o, kr, next }) => next === null && kr.status !== 'achieved' && (o.end ?? '9999') >= asOf && (o.start ?? '') <= asOf);
}

/**
 * Key results that ended behind (off track or at risk when their objective ended) and that no later
 * objective carried on: what the year left undone. One carried on to a later key result is judged
 * there instead (closed if that one was achieved, open while it runs).
 */
export function missedKeyResults(objectives: readonly Objective[], asOf: string): KrRef[] {
  return keyResults(objectives).filter(({ o, kr, next }) => next === null && (o.end ?? '9999') < asOf && (kr.status === 'off_track' || kr.status === 'at_risk'));
}

/**
 * Praise or growth. Feedback that asks for something different (should have, next time, rather,
 * watch, not there yet, wants me to, I'd like, weaker, thin…) or that starts with an instruction is
 * growth; the rest is praise. "Keep doing it" is praise.
 */
const GROWTH = /\b(should have|next time|(?:'d|would) rather|watch|not there yet|undersell|wants? me to|'d like|would like|didn'?t|don'?t|weaker|thin|hard to give back|instead of working|overloaded|people copy|if i work|not yet|too (?:much|many|long|slow)|work on|improve)\b/i;
const INSTRUCTION = /^(write|watch|try|stop|start|bring|ask|make|spend|use|tell|avoid|remember)\b/i;

export type Tone = 'praise' | 'growth';
export function feedbackTone(text: string): Tone {
  const plain = text.replace(/[“”"]/g, '').trim();
  return GROWTH.test(plain) || INSTRUCTION.test(plain) ? 'growth' : 'praise';
}

const CONTENT = (text: string) => new Set(text.toLowerCase().match(/\p{L}{4,}/gu) ?? []);

/**
 * Whether feedback asking for something was answered by a later action item that is done: most of
 * the item's longer words (four letters or more) appear in the feedback, e.g. "Write up the on-call
 * ladder so other teams can use it" and the ticked "Write up the on-call ladder for other teams".
 */
export function answeredBy(feedback: FeedbackRow, actions: readonly ActionRow[]): ActionRow | null {
  const said = CONTENT(feedback.text);
  return actions.find((a) => {
    if (!a.done || (a.closed ?? '') < feedback.date) return false;
    const words = [...CONTENT(actionText(a.text))];
    return words.length >= 2 && words.filter((w) => said.has(w)).length / words.length >= 0.6;
  }) ?? null;
}

/** Feedback newest first, so whatever space is left keeps the latest. */
export function newestFirst(feedback: readonly FeedbackRow[]): FeedbackRow[] {
  return [...feedback].sort((a, b) => b.date.localeCompare(a.date) || b.line - a.line);
}

/**
 * Word stems that tie free text (feedback, blockers, key-result titles) to a competency word. A
 * competency named with other words ("ownership", "impact") matches its own stem.
 */
const STEMS: Record<string, string[]> = {
  technical: ['technic', 'architect', 'perform', 'latenc', 'design', 'migrat', 'lag', 'p95', 'scal', 'cost'],
  execution: ['execut', 'deliver', 'ship', 'launch', 'customer', 'plan'],
  reliability: ['reliab', 'incident', 'on-call', 'oncall', 'outage', 'failover', 'drill', 'page', 'runbook', 'uptime', 'alert'],
  collaboration: ['collab', 'peer', 'cross', 'review', 'partner', 'together'],
  mentoring: ['mentor', 'pair', 'onboard', 'coach', 'junior', 'ladder', 'bench', 'grow', 'promotion packet'],
  communication: ['communicat', 'writ', 'doc', 'note', 'talk', 'present', 'tone', 'summar', 'update', 'blog', 'post', 'explain'],
  leadership: ['lead', 'direction', 'decid', 'decision', 'judgement', 'judgment', 'staff'],
  ownership: ['own', 'initiativ', 'drove', 'responsib'],
};

/** The stems for a competency name such as "technical_execution". */
export function stemsFor(competency: string): string[] {
  const words = competency.toLowerCase().split(/[\s_-]+/).filter(Boolean);
  return words.flatMap((w) => STEMS[w] ?? [w.slice(0, Math.max(4, w.length - 3))]);
}

/** Whether free text speaks to a competency: a word of it starts with one of the stems. */
export function mentions(text: string, stems: readonly string[]): boolean {
  const lower = text.toLowerCase();
  return stems.some((stem) => new RegExp(`(^|[^\\p{L}])${stem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'u').test(lower));
}

/** Whole text in one paragraph: list markers dropped, lines joined, never cut. */
export function whole(text: string | null | undefined): string {
  return (text ?? '').replace(/(^|\n)\s*(?:[-*+]|\d+[.)])\s+/g, '$1').replace(/\s+/g, ' ').trim();
}
