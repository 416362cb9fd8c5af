/**
 * A period's figures from the report model, as lines for prompts and tables for drafts, and as the
 * known numbers the grounding check accepts. The report comes from the shareable copy of the journal
 * (src/db/shareable.ts), so its figures count no private entry; the filters on `private` below are
 * a second guard.
 */
import type { Report } from '../scores/model.ts';
import type { Entries } from './entries.ts';
import { count, publicObjectives, status } from './evidence.ts';
import type { KnownNumbers } from './grounding.ts';
import { formatNumber as n } from './markdown.ts';

const pct = (fraction: number | null | undefined) => (fraction === null || fraction === undefined ? '–' : `${n(fraction * 100, 0)}%`);
const CURRENCY_SIGNS: Record<string, string> = { USD: '$', EUR: '€', GBP: '£', JPY: '¥' };

/** Money in the period's wins per currency, e.g. [{ currency: "USD", total: 250000 }]. */
export function publicMoney(report: Report, entries: Entries): { currency: string; total: number }[] {
  const publicWins = new Set(entries.wins.map((w) => w.id));
  return report.metrics.money.flatMap((m) => {
    if (m.win_ids.every((id) => publicWins.has(id))) return m.total ? [{ currency: m.currency ?? '', total: m.total }] : [];
    // Some of this total comes from private entries: count only what public wins say.
    const total = entries.wins.flatMap((w) => w.metrics).filter((x) => x.kind === 'money' && x.unit === m.currency).reduce((s, x) => s + (x.value ?? 0), 0);
    return total ? [{ currency: m.currency ?? '', total }] : [];
  });
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

/** The headline figures of a period, one fact per line. */
export function figureLines(report: Report, entries: Entries): string[] {
  const c = report.coverage;
  const lines = [
    `Days logged: ${c.logged_days} (${c.logged_work_days} of ${c.work_days} work days, coverage ${pct(c.coverage)}); ${n(c.hours)} hours, deep work ${n(c.deep_work)} h, meetings ${n(c.meeting_hours)} h`,
    `Wins: ${report.wins.count} (${count(report.wins.highlights, 'highlight')}, ${report.wins.tied} tied to objectives); achievements written up: ${report.achievements.length}`,
  ];
  if (report.period.kind === 'week' && report.weeks.items[0]) lines.push(weekScoreLine(report.weeks.items[0]));
  else if (report.weeks.items.length > 0) {
    const w = report.weeks;
    lines.push(`Weekly scores: mean ${n(w.mean_composite)} of 100 over ${w.items.length} weeks (${w.green} green, ${w.yellow} yellow, ${w.red} red, ${w.no_data} without data); means: consistency ${n(w.mean_consistency)}, delivery ${n(w.mean_delivery)}, focus ${n(w.mean_focus)}, alignment ${n(w.mean_alignment)}, wellbeing ${n(w.mean_wellbeing)}`);
  }
  const cash = publicMoney(report, entries);
  if (cash.length > 0) lines.push(`Money in wins: ${cash.map((m) => money(m.total, m.currency)).join(', ')}`);
  if (report.metrics.time_saved.minutes) lines.push(`Time saved in wins: ${n(report.metrics.time_saved.minutes, 0)} minutes (${n(report.metrics.time_saved.minutes / 60)} hours)`);
  const objectives = publicObjectives(report);
  if (objectives.length > 0) {
    const o = report.objectives;
    lines.push(`Objectives: ${objectives.length} (${o.achieved} achieved, ${o.on_track} on track, ${o.at_risk} at risk, ${o.off_track} off track); mean progress ${n(o.mean_progress, 0)}%`);
  }
  const s = report.sprints;
  if (s.items.length > 0) lines.push(`Sprints: ${s.items.length}, ${n(s.completed_points, 0)} of ${n(s.planned_points, 0)} points, mean velocity ${pct(s.mean_velocity)}`);
  const a = report.action_items;
  lines.push(`Action items: ${a.opened} opened, ${a.done} done, ${a.open} open, ${a.overdue} overdue`);
  if (entries.feedback.length > 0) lines.push(`Feedback received in 1:1s: ${entries.feedback.length} items`);
  const tags = publicTags(report, entries);
  if (tags.length > 0) lines.push(`Top tags: ${tags.slice(0, 8).map((t) => `#${t.tag} (${t.count})`).join(', ')}`);
  return lines;
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

/** Adds every figure of a report (private items skipped) and the changes its pairs imply. */
export function addReportNumbers(known: KnownNumbers, report: Report): void {
  const walk = (value: unknown): void => {
    if (typeof value === 'number') known.add(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (record.private === true) return;
      if (typeof record.before === 'number' || typeof record.after === 'number') known.addChange(record.before as number, record.after as number);
      if (typeof record.start === 'number') known.addChange(record.start, record.current as number).addChange(record.start, record.target as number);
      if (typeof record.hours === 'number' && typeof record.deep_work === 'number') known.add(record.deep_work / record.hours);
      Object.values(record).forEach(walk);
    }
  };
  walk(report);
  if (report.metrics.time_saved.minutes) known.add(report.metrics.time_saved.minutes / 60);
}
