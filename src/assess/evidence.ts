/**
 * Entries as citable evidence: each gets a stable id (registered with its source path and line) and
 * a one-line form for prompts and offline drafts. Ids never contain journal words: dates and ISO
 * periods are safe to show, anything named by the user (objective slugs, series, file names) gets a
 * short hash instead, so redaction can never break a citation.
 */
import type { Report } from '../scores/model.ts';
import { opaqueId, type Source, type SourceRegistry } from './citations.ts';
import type { AchievementRow, ActionRow, CommitRow, DayRow, FeedbackRow, MeetingRow, SprintRow, WinRow } from './entries.ts';
import { formatNumber } from './markdown.ts';

export type Objective = Report['objectives']['items'][number];
export type KeyResult = Objective['key_results'][number];

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
/** "Mon 2025-02-03". */
export function dayLabel(date: string): string {
  return `${WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]} ${date}`;
}

/** A win's text without tags and wiki-link brackets, e.g. "Cut p95 latency … [[2025-Q1/x#y]] #perf" → "Cut p95 latency …". */
export function plainWin(text: string): string {
  return text
    .replace(/\[\[([^\]|#]*)(?:#[^\]|]*)?(?:\|([^\]]*))?\]\]/g, (_, target: string, alias?: string) => alias ?? '')
    .replace(/(^|\s)#[\w/-]+/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Cuts text to about `max` characters at a word boundary; list markers are dropped first. */
export function clip(text: string | null | undefined, max: number): string {
  const flat = (text ?? '').replace(/(^|\n)\s*(?:[-*+]|\d+[.)])\s+/g, '$1').replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  return flat.slice(0, flat.lastIndexOf(' ', max) > max * 0.6 ? flat.lastIndexOf(' ', max) : max).trimEnd() + '…';
}

export const cite = {
  win: (reg: SourceRegistry, w: Pick<WinRow, 'date' | 'ordinal' | 'path' | 'line'>): Source =>
    reg.add({ id: `win-${w.date}-${w.ordinal}`, path: w.path, line: w.line, label: w.date }),
  day: (reg: SourceRegistry, d: Pick<DayRow, 'date' | 'path'>): Source => reg.add({ id: `day-${d.date}`, path: d.path, line: null, label: d.date }),
  objective: (reg: SourceRegistry, o: Objective): Source => reg.add({ id: opaqueId('okr', o.path, o.line), path: o.path, line: null, label: o.objective_id }),
  keyResult: (reg: SourceRegistry, o: Objective, kr: KeyResult): Source =>
    reg.add({ id: opaqueId('kr', kr.path, kr.line), path: kr.path, line: kr.line, label: `${o.objective_id}#${kr.kr_id}` }),
  achievement: (reg: SourceRegistry, a: Pick<AchievementRow, 'id' | 'path'>): Source => reg.add({ id: opaqueId('ach', a.path, 1), path: a.path, line: null, label: a.id }),
  feedback: (reg: SourceRegistry, f: FeedbackRow): Source => reg.add({ id: opaqueId('fb', f.path, f.line), path: f.path, line: f.line, label: `1:1 ${f.date}` }),
  action: (reg: SourceRegistry, a: ActionRow): Source =>
    reg.add({ id: opaqueId('todo', a.path, a.line), path: a.path, line: a.line, label: a.path.match(/\d{4}-\d{2}-\d{2}/)?.[0] ?? a.path.split('/').at(-1)!.replace(/\.md$/, '') }),
  meeting: (reg: SourceRegistry, m: Pick<MeetingRow, 'path' | 'date'>): Source => reg.add({ id: opaqueId('mtg', m.path, 1), path: m.path, line: null, label: `1:1 ${m.date}` }),
  commit: (reg: SourceRegistry, c: Pick<CommitRow, 'sha' | 'id' | 'path' | 'line'>): Source => reg.add({ id: `commit-${c.sha.slice(0, 10)}`, path: c.path, line: c.line, label: c.id }),
  sprint: (reg: SourceRegistry, s: SprintRow): Source => reg.add({ id: opaqueId('sprint', s.path, 1), path: s.path, line: null, label: s.id }),
  checkin: (reg: SourceRegistry, week: string, path: string): Source => reg.add({ id: `checkin-${week}`, path, line: null, label: `check-in ${week}` }),
  week: (reg: SourceRegistry, week: string): Source => reg.add({ id: `week-${week}`, path: `assessments/weeks/${week}.md`, line: null, label: week }),
  quarter: (reg: SourceRegistry, quarter: string): Source => reg.add({ id: `quarter-${quarter}`, path: `assessments/quarters/${quarter}.md`, line: null, label: quarter }),
};

/** How much a win matters for a draft: highlights first, then wins with figures, then tied ones. */
export function winPriority(w: WinRow): number {
  return w.highlight ? 65 : w.metrics.length > 0 ? 55 : w.objective_ids.length > 0 || w.day_okrs.length > 0 ? 45 : 35;
}

/** 1 for a win first committed more than a day after its date, else 0 (also without git history). */
export function writtenLate(w: Pick<WinRow, 'written_after'>): number {
  return w.written_after !== null && w.written_after > 1 ? 1 : 0;
}

/** Wins written on the day first (the evidence a reviewer trusts), then by importance, then date (stable). */
export function rankWins(wins: readonly WinRow[]): WinRow[] {
  return [...wins].sort((a, b) => writtenLate(a) - writtenLate(b) || winPriority(b) - winPriority(a) || a.date.localeCompare(b.date) || a.ordinal - b.ordinal);
}

/** "payments-api: Retry queue (#412), 6 files, +240 −31" for a commit. */
export function commitLine(c: CommitRow): string {
  return `${c.repository}: ${c.subject}${c.merge ? ' (merge)' : `, ${count(c.files, 'file')}, +${c.insertions} −${c.deletions}`}${c.pr !== null && !c.subject.includes(String(c.pr)) ? `, PR ${c.pr}` : ''}`;
}

/** "p95 latency 850 → 120 ms (−85.9%)" for an achievement's metric, or "". */
export function achievementMetric(a: Pick<AchievementRow, 'metric_name' | 'metric_unit' | 'metric_before' | 'metric_after' | 'metric_value'>): string {
  if (!a.metric_name) return '';
  const unit = a.metric_unit ? ` ${a.metric_unit}` : '';
  if (a.metric_before !== null && a.metric_after !== null) {
    const change = a.metric_before !== 0 ? ` (${signed(((a.metric_after - a.metric_before) / a.metric_before) * 100)}%)` : '';
    return `${a.metric_name} ${formatNumber(a.metric_before, 2)} → ${formatNumber(a.metric_after, 2)}${unit}${change}`;
  }
  return a.metric_value !== null ? `${a.metric_name} ${formatNumber(a.metric_value, 2)}${unit}` : a.metric_name;
}

/** "+5.2" / "−3" with a real minus sign; one decimal (two below 1, so +0.04 is not "+0"). */
export function signed(value: number): string {
  const text = formatNumber(Math.abs(value), Math.abs(value) < 1 ? 2 : 1);
  return value < 0 ? `−${text}` : `+${text}`;
}

/** A key result in one line: "Cut p95 latency to 200ms: 850 → 200 ms, now 120 (progress 100%, expected 44%, achieved)". */
export function keyResultLine(kr: KeyResult): string {
  const unit = kr.unit ? ` ${kr.unit}` : '';
  const note = kr.note ? `; last check-in ${kr.last_check_in}: "${clip(kr.note, 120)}"` : kr.no_check_in ? '; no check-in yet' : '';
  return `${kr.title}: ${formatNumber(kr.start, 2)} → ${formatNumber(kr.target, 2)}${unit}, now ${formatNumber(kr.current, 2)} (progress ${formatNumber(kr.progress, 0)}%, expected ${formatNumber(kr.expected, 0)}%, ${status(kr.status)}${kr.stale ? ', stale' : ''})${note}`;
}

/** Claims with repeated text dropped (the same action item in two sprints). */
export function uniqueByText<T extends { text: string }>(claims: readonly T[]): T[] {
  const seen = new Set<string>();
  return claims.filter((c) => !seen.has(c.text) && seen.add(c.text));
}

/** "1 win", "3 wins". */
export function count(value: number, noun: string): string {
  return `${value} ${noun}${value === 1 ? '' : 's'}`;
}

/** An action item's text without its @owner and due: tokens. */
export function actionText(text: string): string {
  return text.replace(/(^|\s)(?:@[\w.-]+|due:\S+)/g, '').replace(/\s+/g, ' ').trim();
}

/** "technical_execution" → "Technical execution". */
export function competencyLabel(name: string): string {
  const words = name.replace(/[_-]+/g, ' ').trim();
  return words[0].toUpperCase() + words.slice(1);
}

/** "on track" for "on_track". */
export function status(value: string | null | undefined): string {
  return (value ?? 'no data').replace(/_/g, ' ');
}

/** The objectives a draft may show: not private. */
export function publicObjectives(report: Report): Objective[] {
  return report.objectives.items.filter((o) => !o.private);
}
