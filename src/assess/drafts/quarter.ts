/**
 * The quarterly review, made from the quarter's weeks, OKRs, feedback and achievements: summary, OKR
 * review, highlights, strengths, improvements and prioritized recommendations.
 */
import { ClaimSchema, type DraftInput, type DraftSpec } from './draft.ts';
import { achievementMetric, cite, clip, plainWin, publicObjectives, rankWins, status, winPriority, type Objective, clipSentences } from '../evidence.ts';
import { figureItems, figureTable } from '../figures.ts';
import { escapeMarkdown, formatNumber as n, renderBullets, renderClaim, renderTable, renderText, type RenderContext } from '../markdown.ts';
import { quarterOffline } from './quarter-offline.ts';
import { actionSection, objectiveSections } from './week.ts';


import { QuarterDraft } from './schemas.ts';

export { QuarterDraft };

/** Weeks of a quarter or year as prompt lines, citing each week's draft. */
export function weekSection(input: DraftInput, priority: number) {
  return {
    title: 'Weeks',
    items: input.report.weeks.items.map((w) => ({
      text: `[${cite.week(input.sources, w.week).id}] ${w.week}: score ${n(w.composite)} (${status(w.status)}${w.status_override ? `, set by the check-in: ${w.override_reason ?? ''}` : ''}), ${w.wins} wins, ${w.logged_work_days} of ${w.work_days} work days logged`,
      priority: w.status === 'red' || w.status_override ? priority + 5 : priority,
    })),
  };
}

/** Achievements as prompt lines: title, metric and clipped STAR text. */
export function achievementSection(input: DraftInput, priority: number, textLength: number) {
  return {
    title: 'Achievements',
    items: input.entries.achievements.map((a) => {
      const star = (['situation', 'task', 'action', 'result'] as const).filter((k) => a[k]).map((k) => `${k}: ${clipSentences(a[k], textLength)}`).join('; ');
      const metric = achievementMetric(a);
      const head = `[${cite.achievement(input.sources, a).id}] ${a.date} "${a.title}"${metric ? `, ${metric}` : ''}${a.skills.length ? `, skills: ${a.skills.join(', ')}` : ''}`;
      const whole = (['situation', 'task', 'action', 'result'] as const).filter((k) => a[k]).map((k) => `${k}: ${a[k]}`).join('; ');
      return { text: `${head}; ${star}`, evidence: `${head}; ${whole}`, priority: a.highlight ? priority + 5 : priority };
    }),
  };
}

export const quarter: DraftSpec<QuarterDraft> = {
  kind: 'quarter',
  template: 'quarter',
  schemaName: 'quarter_review',
  schema: QuarterDraft,
  maxOutputTokens: 3000,
  title: (input) => `Quarter ${input.period} review`,

  material(input) {
    const { report, entries, sources } = input;
    const highlights = rankWins(entries.wins).filter((w) => w.highlight || w.metrics.length > 0);
    const others = rankWins(entries.wins).filter((w) => !w.highlight && w.metrics.length === 0);
    return {
      values: { period: input.period, start: report.period.start, end: report.period.end, as_of: report.period.as_of },
      sections: [
        { title: 'Figures', items: figureItems(input, report, 100) },
        objectiveSections(input, 90),
        achievementSection(input, 85, 300),
        { title: 'Feedback received', items: entries.feedback.map((f) => ({ text: `[${cite.feedback(sources, f).id}] ${f.date}, from my ${f.relationship ?? 'colleague'}: ${f.text}`, priority: 75 })) },
        { title: 'Highlights and wins with figures', items: highlights.map((w) => ({ text: `[${cite.win(sources, w).id}] ${w.date}: ${w.text}`, priority: winPriority(w) + 5 })) },
        weekSection(input, 60),
        { title: 'Sprints', items: entries.sprints.map((s) => ({ text: `[${cite.sprint(sources, s).id}] ${s.name} (${s.start_date} to ${s.end_date}): ${n(s.completed_points, 0)} of ${n(s.planned_points, 0)} points; goal: ${s.goal ?? 'none'}; went well: ${s.went_well.join('; ') || 'none'}; to improve: ${s.to_improve.join('; ') || 'none'}`, priority: 40 })) },
        actionSection(input, 40, (a) => !a.done),
        { title: 'Weekly check-ins', items: entries.checkins.filter((c) => c.challenges.length + c.help_needed.length > 0).map((c) => ({ text: `[${cite.checkin(sources, c.week, c.path).id}] ${c.week}: challenges: ${c.challenges.join('; ') || 'none'}; help needed: ${c.help_needed.join('; ') || 'none'}`, priority: 35 })) },
        { title: 'Blockers', items: entries.days.flatMap((d) => d.blockers.map((b) => ({ text: `[${cite.day(sources, d).id}] ${d.date}: ${b}`, priority: 25 }))) },
        { title: 'Other wins', items: others.map((w) => ({ text: `[${cite.win(sources, w).id}] ${w.date}: ${plainWin(w.text)}`, priority: 15 })) },
      ],
    };
  },

  offline: quarterOffline,

  render(draft, input, ctx) {
    const objectives = publicObjectives(input.report);
    return [
      `## Summary\n\n${renderClaim(draft.summary, ctx)}`,
      `## Figures\n\n${figureTable(input)}`,
      `## OKR review\n\n${objectives.length > 0 ? okrTable(objectives) : '_No objectives in this quarter._'}${draft.okr_review.length > 0 ? '\n\n' + draft.okr_review.map((r) => `- **${renderText(r.objective, ctx, r.sources)}**: ${renderClaim({ text: r.assessment, sources: r.sources }, ctx)}`).join('\n') : ''}`,
      `## Highlights\n\n${renderBullets(draft.highlights, ctx)}`,
      `## Strengths\n\n${renderBullets(draft.strengths, ctx)}`,
      `## Areas to improve\n\n${renderBullets(draft.improvements, ctx)}`,
      `## Recommendations\n\n${renderRecommendations(draft.recommendations, ctx)}`,
    ].join('\n\n');
  },
};

function renderRecommendations(items: QuarterDraft['recommendations'], ctx: RenderContext): string {
  if (items.length === 0) return '_None._';
  const order = { high: 0, medium: 1, low: 2 };
  return [...items]
    .sort((a, b) => order[a.priority] - order[b.priority])
    .map((r) => `- **${r.priority[0].toUpperCase()}${r.priority.slice(1)}** — ${renderClaim({ text: r.text, sources: r.sources }, ctx)}\n  _Expected impact:_ ${renderText(r.expected_impact, ctx, r.sources)}`)
    .join('\n');
}

/** Objectives and their key results as a table. */
export function okrTable(objectives: readonly Objective[]): string {
  const rows = objectives.flatMap((o) => [
    [`**${o.objective_id}**`, `${n(o.progress, 0)}%`, `${n(o.expected, 0)}%`, status(o.status)],
    ...o.key_results.map((kr) => [`↳ ${kr.kr_id}: ${n(kr.current, 2)} of ${n(kr.target, 2)}${kr.unit ? ` ${kr.unit}` : ''}`, `${n(kr.progress, 0)}%`, `${n(kr.expected, 0)}%`, status(kr.status) + (kr.stale ? ' (stale)' : '')]),
  ]);
  return renderTable(['Objective / key result', 'Progress', 'Expected', 'Status'], rows.map((r) => r.map((c) => c.replace(/\|/g, '\\|'))));
}


