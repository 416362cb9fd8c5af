/**
 * A period's figures from the report model, as lines for prompts and tables for drafts, and as the
 * evidence the grounding check accepts (each line with an id a draft can cite). The report comes
 * from the shareable copy of the journal (src/db/shareable.ts), so its figures count no private
 * entry; the filters on `private` below are a second guard.
 */
import type { Report } from '../scores/model.ts';
import type { Entries } from './entries.ts';
import { count, publicObjectives, status } from './evidence.ts';
import type { DraftInput } from './drafts/draft.ts';
import { draftPath } from './store.ts';
import { escapeMarkdown, formatNumber as n, renderTable } from './markdown.ts';

const pct = (fraction: number | null | undefined) => (fraction === null || fraction === undefined ? '–' : `${n(fraction * 100, 0)}%`);
const CURRENCY_SIGNS: Record<string, string> = { USD: '$', EUR: '€', GBP: '£', JPY: '¥' };

type Saved = { currency: string; basis: 'per_year' | 'one_off'; total: number };

/** Money saved in the period's wins per currency and basis, e.g. [{ currency: "USD", basis: "per_year", total: 237600 }]. */
export function publicMoney(report: Report, entries: Entries): Saved[] {
  // `entries` may span more than the report (the year's entries beside a quarter's report).
  const wins = entries.wins.filter((w) => w.date >= report.period.start && w.date <= report.period.end);
  const publicWins = new Set(wins.map((w) => w.id));
  return report.metrics.money.flatMap((m) => {
    if (m.win_ids.every((id) => publicWins.has(id))) return m.total ? [{ currency: m.currency ?? '', basis: m.basis, total: m.total }] : [];
    // Some of this total comes from private entries: count only what public wins say.
    const savings = wins.flatMap((w) => w.metrics).filter((x) => x.kind === 'saving' && x.unit === m.currency);
    const total = m.basis === 'per_year'
      ? savings.reduce((s, x) => s + (x.per_year ?? 0), 0)
      : savings.filter((x) => x.per === 'once').reduce((s, x) => s + (x.value ?? 0), 0);
    return total ? [{ currency: m.currency ?? '', basis: m.basis, total }] : [];
  });
}

/** "$237,600 a year" or "$12,000 once": a total of money saved with its basis. */
export function moneySaved(m: Saved): string {
  return `${money(m.total, m.currency)} ${m.basis === 'per_year' ? 'a year' : 'once'}`;
}

/** "$250,000" for an amount in a currency. */
export function money(total: number, currency: string): string {
  const sign = CURRENCY_SIGNS[currency];
  return sign ? `${sign}${n(total, 0)}` : `${n(total, 0)} ${currency}`.trim();
}

/** The score of one week in a line. */
export function weekScoreLine(w: Report['weeks']['items'][number]): string {
  const delta = w.delta === null ? '' : `, ${w.delta >= 0 ? '+' : '−'}${n(Math.abs(w.delta))} vs the week before`;
  const override = w.status_override ? ` (set by the check-in: ${w.override_reason ?? 'no reason given'}; computed ${w.computed_status})` : '';
  return `Score ${n(w.composite)} of 100, ${status(w.status)}${override}${delta}; consistency ${n(w.consistency)}, delivery ${n(w.delivery)}, focus ${n(w.focus)}, alignment ${n(w.alignment)}, wellbeing ${n(w.wellbeing)}`;
}

/** One headline figure of a period: a stable key (its id is "fig-KEY") and one line of text. */
export interface FigureLine { key: string; text: string }

/**
 * The headline figures of a period, one fact per line, all of the report's own period (`entries` may
 * be a longer period's: the year draft lists its quarters' figures). Bookkeeping (tag counts, line
 * numbers) is left out: it is no evidence.
 */
export function figureLines(report: Report, entries: Entries): FigureLine[] {
  const c = report.coverage;
  const lines: FigureLine[] = [
    { key: 'days', text: `Days logged: ${c.logged_days} (${c.logged_work_days} of ${c.work_days} work days, coverage ${pct(c.coverage)}); ${n(c.hours)} hours, deep work ${n(c.deep_work)} h, meetings ${n(c.meeting_hours)} h` },
    { key: 'wins', text: `Wins: ${report.wins.count} (${count(report.wins.highlights, 'highlight')}, ${report.wins.tied} tied to objectives); achievements written up: ${report.achievements.length}` },
  ];
  if (report.period.kind === 'week' && report.weeks.items[0]) lines.push({ key: 'score', text: weekScoreLine(report.weeks.items[0]) });
  else if (report.weeks.items.length > 0) {
    const w = report.weeks;
    lines.push({ key: 'scores', text: `Weekly scores: mean ${n(w.mean_composite)} of 100 over ${w.items.length} weeks (${w.green} green, ${w.yellow} yellow, ${w.red} red, ${w.no_data} without data); means: consistency ${n(w.mean_consistency)}, delivery ${n(w.mean_delivery)}, focus ${n(w.mean_focus)}, alignment ${n(w.mean_alignment)}, wellbeing ${n(w.mean_wellbeing)}` });
  }
  const cash = publicMoney(report, entries);
  if (cash.length > 0) lines.push({ key: 'money', text: `Money saved in wins: ${cash.map(moneySaved).join(', ')} (costs, targets and other amounts are not added)` });
  if (report.metrics.time_saved.minutes) lines.push({ key: 'time', text: `Time saved by before → after changes in wins: ${n(report.metrics.time_saved.minutes, 2)} minutes (${n(report.metrics.time_saved.minutes / 60)} hours) each time, over ${count(report.metrics.time_saved.count, 'change')}` });
  const objectives = publicObjectives(report);
  if (objectives.length > 0) {
    const o = report.objectives;
    lines.push({ key: 'objectives', text: `Objectives: ${objectives.length} (${o.achieved} achieved, ${o.on_track} on track, ${o.at_risk} at risk, ${o.off_track} off track); mean progress ${n(o.mean_progress, 0)}%` });
  }
  const s = report.sprints;
  if (s.items.length > 0) lines.push({ key: 'sprints', text: `Sprints: ${s.items.length}, ${n(s.completed_points, 0)} of ${n(s.planned_points, 0)} points, mean velocity ${pct(s.mean_velocity)}` });
  const a = report.action_items;
  lines.push({ key: 'actions', text: `Action items: ${a.opened} opened, ${a.done} done, ${a.open} open, ${a.overdue} overdue` });
  // The report's own feedback: `entries` may be the year's beside a quarter's report.
  const feedback = report.feedback.filter((f) => !f.private).length;
  if (feedback > 0) lines.push({ key: 'feedback', text: `Feedback received in 1:1s: ${feedback} items` });
  return lines;
}

/** The scoring settings a draft may quote ("the green threshold of 70"). */
export function thresholdLine(config: DraftInput['config']): FigureLine {
  const t = config.scoring.thresholds;
  return { key: 'thresholds', text: `Score thresholds: green at ${n(t.green)} or more, yellow at ${n(t.yellow)} or more, else red` };
}

/**
 * The period's figures as prompt lines, each with its id ("[fig-wins] Wins: 42 …") registered as a
 * source that links to the figure's row in the draft's own Figures table. `prefix` names another
 * period's figures, e.g. "2026-Q1" in the year draft.
 */
export function figureItems(input: DraftInput, report: Report, priority: number, prefix = ''): { text: string; priority: number }[] {
  const own = draftPath(input.kind, input.period);
  return [...figureLines(report, input.entries), ...(prefix ? [] : [thresholdLine(input.config)])].map((line) => {
    const anchor = `fig-${prefix ? `${prefix.toLowerCase()}-` : ''}${line.key}`;
    const source = input.sources.add({ id: anchor, path: own, line: null, anchor, label: prefix ? `${prefix} ${line.key}` : line.key });
    return { text: `[${source.id}] ${prefix ? `${prefix} ` : ''}${line.text}`, priority };
  });
}

/** Tags used by public wins, most used first; counts from the report. */
export function publicTags(report: Report, entries: Entries): { tag: string; count: number }[] {
  const seen = new Set(entries.wins.flatMap((w) => w.tags));
  return report.tags.filter((t) => seen.has(t.tag)).map((t) => ({ tag: t.tag, count: t.count }));
}

/** Skills named by public achievements, most used first. */
export function publicSkills(report: Report, entries: Entries): { skill: string; count: number }[] {
  const seen = new Set(entries.achievements.flatMap((a) => a.skills));
  return report.skills.filter((s) => seen.has(s.skill)).map((s) => ({ skill: s.skill, count: s.count }));
}

/**
 * The period's headline figures as a two-column table; each row carries the anchor its id cites
 * ("fig-wins"), and the year's table adds its quarters' rows ("fig-2026-q1-wins").
 */
export function figureTable(input: DraftInput): string {
  const rows = [
    ...[...figureLines(input.report, input.entries), thresholdLine(input.config)].map((line) => ({ anchor: `fig-${line.key}`, prefix: '', line })),
    ...(input.quarters ?? []).flatMap((q) => figureLines(q, input.entries).map((line) => ({ anchor: `fig-${q.period.id.toLowerCase()}-${line.key}`, prefix: `${q.period.id} `, line }))),
  ];
  return renderTable(['Figure', 'Value'], rows.map(({ anchor, prefix, line }) => {
    const at = line.text.indexOf(': ');
    const name = at > 0 ? line.text.slice(0, at) : 'Score';
    return [`<a id="${anchor}"></a>${escapeMarkdown(prefix + name)}`, escapeMarkdown(at > 0 ? line.text.slice(at + 2) : line.text)];
  }));
}
