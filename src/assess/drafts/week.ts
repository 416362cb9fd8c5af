/**
 * The weekly draft, made from the week's days: summary, wins, blockers and focus for next week,
 * under the week's score table.
 */
import { z } from 'zod';
import type { BudgetSection } from '../model/budget.ts';
import { ClaimSchema, rangeLabel, type DraftInput, type DraftSpec } from './draft.ts';
import type { ActionRow } from '../entries.ts';
import { actionText, cite, commitLine, count, dayLabel, keyResultLine, plainWin, publicObjectives, rankWins, signed, status, uniqueByText, winPriority, figureIds } from '../evidence.ts';
import { figureItems, figureTable } from '../figures.ts';
import { formatNumber as n, renderBullets, renderClaim, renderTable, type Claim } from '../markdown.ts';

export const WeekDraft = z.object({
  summary: ClaimSchema,
  wins: z.array(ClaimSchema),
  blockers: z.array(ClaimSchema),
  focus_next_week: z.array(ClaimSchema),
});
export type WeekDraft = z.infer<typeof WeekDraft>;

/** "5 commits (+240 −31 lines)": what a period's own (non-merge) commits add up to. */
function commitTotals(commits: readonly { insertions: number; deletions: number }[]): string {
  return `${count(commits.length, 'commit')} (+${commits.reduce((s, c) => s + c.insertions, 0)} −${commits.reduce((s, c) => s + c.deletions, 0)} lines)`;
}

/** Prompt sections shared by the week and 1:1 drafts: wins, blockers, days, learnings. */
export function dailySections(input: DraftInput): BudgetSection[] {
  const { entries, sources } = input;
  const wins = rankWins(entries.wins).map((w) => ({ text: `[${cite.win(sources, w).id}] ${dayLabel(w.date)}: ${w.text}`, priority: winPriority(w) }));
  const blockers = entries.days.flatMap((d) => d.blockers.map((b) => ({ text: `[${cite.day(sources, d).id}] ${dayLabel(d.date)}: ${b}`, priority: 50 })));
  const days = entries.days.map((d) => {
    const facts = [d.hours !== null && `${n(d.hours)} h`, d.deep_work !== null && `deep work ${n(d.deep_work)} h`, d.meeting_hours !== null && `meetings ${n(d.meeting_hours)} h`, d.energy !== null && `energy ${d.energy}/5`, d.stress !== null && `stress ${d.stress}/5`, d.mood && `mood ${d.mood}`];
    const goals = d.goals.length > 0 ? `; goals: ${d.goals.join('; ')}` : '';
    return { text: `[${cite.day(sources, d).id}] ${dayLabel(d.date)}: ${facts.filter(Boolean).join(', ')}${goals}`, priority: 25 };
  });
  const learnings = entries.days.flatMap((d) => d.learnings.map((l) => ({ text: `[${cite.day(sources, d).id}] ${dayLabel(d.date)}: ${l}`, priority: 15 })));
  const own = entries.commits.filter((c) => !c.merge);
  const commits = [
    ...(own.length > 0 ? [{ text: `In all: ${commitTotals(own)}`, priority: 22 }] : []),
    ...entries.commits.map((c) => ({ text: `[${cite.commit(sources, c).id}] ${dayLabel(c.date)}: ${commitLine(c)}`, priority: 20 })),
  ];
  return [
    { title: 'Wins', items: wins },
    { title: 'Blockers', items: blockers },
    { title: 'Days', items: days },
    { title: 'Learnings', items: learnings },
    { title: 'Commits (imported from git)', items: commits },
  ];
}

/** Objectives and key results in the period, one line each. */
export function objectiveSections(input: DraftInput, priority: number): BudgetSection {
  const items = publicObjectives(input.report).flatMap((o) => [
    { text: `[${cite.objective(input.sources, o).id}] Objective ${o.objective_id} "${o.title}": progress ${n(o.progress, 0)}% (expected ${n(o.expected, 0)}%), ${status(o.status)}`, priority: priority + 8 },
    ...o.key_results.map((kr) => ({ text: `[${cite.keyResult(input.sources, o, kr).id}] Key result ${kr.kr_id}: ${keyResultLine(kr)}`, priority })),
  ]);
  return { title: 'Objectives and key results', items };
}

/** Action items open at the period's end or done in it, one line each. */
export function actionSection(input: DraftInput, priority: number, filter = (_: DraftInput['entries']['actions'][number]) => true): BudgetSection {
  const items = input.entries.actions.filter(filter).map((a) => {
    const state = a.done ? `done ${a.closed}` : a.overdue ? `open, overdue (due ${a.due})` : a.due ? `open, due ${a.due}` : 'open';
    return { text: `[${cite.action(input.sources, a).id}] ${state}${a.owner && a.owner !== 'me' ? `, owner ${a.owner}` : ''}: ${actionText(a.text)}`, priority: a.done ? priority - 10 : priority };
  });
  return { title: 'Action items', items };
}

/** How many of the items still open from before a week its prompt names, the oldest first. */
const OLDER_OPEN_NAMED = 3;

/**
 * A week's action items: those mentioned, due or closed in it, one line each. Items still open from
 * before it are a count, with the oldest few named, so a week's material does not grow with the
 * journal's age.
 */
export function weekActionSection(input: DraftInput, priority: number): BudgetSection {
  const { start, end } = input.range;
  const within = (date: string | null) => date !== null && date >= start && date <= end;
  const ofWeek = (a: ActionRow) => within(a.last_mentioned) || within(a.due) || within(a.closed);
  const section = actionSection(input, priority, ofWeek);
  const older = input.entries.actions.filter((a) => !a.done && !ofWeek(a)).sort((a, b) => a.opened.localeCompare(b.opened) || a.path.localeCompare(b.path) || a.line - b.line);
  if (older.length === 0) return section;
  const named = older.slice(0, OLDER_OPEN_NAMED).map((a) => ({
    text: `[${cite.action(input.sources, a).id}] open since ${a.opened}${a.overdue ? `, overdue (due ${a.due})` : ''}${a.owner && a.owner !== 'me' ? `, owner ${a.owner}` : ''}: ${actionText(a.text)}`,
    priority: priority - 5,
  }));
  const rest = older.length - named.length;
  const summary = `${count(older.length, 'item')} opened before this week ${older.length === 1 ? 'is' : 'are'} still open${rest > 0 ? ` (the oldest ${named.length} listed, ${rest} more not)` : ''}`;
  return { ...section, items: [...section.items, ...named, { text: summary, priority: priority - 5 }] };
}

export const week: DraftSpec<WeekDraft> = {
  kind: 'week',
  template: 'week',
  schemaName: 'week_assessment',
  schema: WeekDraft,
  maxOutputTokens: 1500,
  title: (input) => `Week ${input.period} (${rangeLabel(input.report.period.start, input.report.period.end)})`,

  material(input) {
    const { report, entries, sources } = input;
    const checkin = entries.checkins[0];
    const checkinItems = checkin
      ? [{ text: `[${cite.checkin(sources, checkin.week, checkin.path).id}] Declared confidence: ${status(checkin.confidence)}; wins noted: ${checkin.wins.join('; ') || 'none'}; challenges: ${checkin.challenges.join('; ') || 'none'}; help needed: ${checkin.help_needed.join('; ') || 'none'}`, priority: 80 }]
      : [];
    const feedback = entries.feedback.map((f) => ({ text: `[${cite.feedback(sources, f).id}] ${f.date}, from my ${f.relationship ?? 'colleague'}: ${f.text}`, priority: 50 }));
    const [wins, blockers, days, learnings, commits] = dailySections(input);
    return {
      values: { period: input.period, start: report.period.start, end: report.period.end },
      sections: [
        { title: 'Figures', items: figureItems(input, report, 100) },
        { title: 'Weekly check-in', items: checkinItems },
        objectiveSections(input, 60),
        wins,
        blockers,
        { title: 'Feedback received', items: feedback },
        weekActionSection(input, 45),
        days,
        learnings,
        commits,
      ],
    };
  },

  offline(input) {
    const { report, entries, sources } = input;
    const score = report.weeks.items[0];
    const checkin = entries.checkins[0];
    const checkinSource = checkin ? [cite.checkin(sources, checkin.week, checkin.path).id] : [];
    const ranked = rankWins(entries.wins);
    const scoreText = score && score.composite !== null ? ` The week scored ${n(score.composite)} of 100 (${status(score.status)})${score.delta !== null ? `, ${score.delta >= 0 ? 'up' : 'down'} ${n(Math.abs(score.delta))} from the week before` : ''}.` : '';
    const own = entries.commits.filter((c) => !c.merge);
    const commitText = own.length > 0 ? ` Git shows ${commitTotals(own)}.` : '';
    const summary: Claim = {
      text: `Logged ${report.coverage.logged_work_days} of ${report.coverage.work_days} work days and ${count(report.wins.count, 'win')} (${report.wins.highlights} highlighted).${scoreText}${commitText}`,
      sources: [...figureIds(sources, 'days', 'wins', 'score'), ...checkinSource, ...ranked.slice(0, 1).map((w) => cite.win(sources, w).id), ...own.slice(0, 3).map((c) => cite.commit(sources, c).id)],
    };
    const blockers: Claim[] = [
      ...entries.days.flatMap((d) => d.blockers.map((b) => ({ text: b, sources: [cite.day(sources, d).id] }))),
      ...(checkin?.challenges ?? []).map((c) => ({ text: c, sources: checkinSource })),
    ];
    const focus: Claim[] = [
      ...entries.actions.filter((a) => !a.done && a.due && (a.owner === null || a.owner === 'me')).slice(0, 3).map((a) => ({ text: `${a.overdue ? 'Overdue' : `Due ${a.due}`}: ${actionText(a.text)}`, sources: [cite.action(sources, a).id] })),
      ...publicObjectives(report).flatMap((o) => o.key_results.filter((kr) => kr.status === 'at_risk' || kr.status === 'off_track').map((kr) => ({
        text: `Move "${kr.title}" forward: progress ${n(kr.progress, 0)}% against ${n(kr.expected, 0)}% expected (${status(kr.status)}).`,
        sources: [cite.keyResult(sources, o, kr).id],
      }))),
      ...(checkin?.help_needed ?? []).map((h) => ({ text: `Ask for help: ${h}`, sources: checkinSource })),
    ];
    return {
      summary,
      wins: ranked.slice(0, 5).map((w) => ({ text: plainWin(w.text), sources: [cite.win(sources, w).id] })),
      blockers: uniqueByText(blockers).slice(0, 4),
      focus_next_week: uniqueByText(focus).slice(0, 4),
    };
  },

  render(draft, input, ctx) {
    const score = input.report.weeks.items[0];
    const table = score
      ? renderTable(
          ['Status', 'Score', 'Change', 'Consistency', 'Delivery', 'Focus', 'Alignment', 'Wellbeing', 'Days logged', 'Wins'],
          [[status(score.status), n(score.composite), score.delta === null ? '–' : signed(score.delta), n(score.consistency), n(score.delivery), n(score.focus), n(score.alignment), n(score.wellbeing), `${score.logged_work_days} of ${score.work_days}`, String(score.wins)]],
        )
      : '_No scores: nothing was logged this week._';
    return [
      `## Summary\n\n${renderClaim(draft.summary, ctx)}`,
      `## Scores\n\n${table}`,
      `## Figures\n\n${figureTable(input)}`,
      `## Wins\n\n${renderBullets(draft.wins, ctx)}`,
      `## Blockers\n\n${renderBullets(draft.blockers, ctx)}`,
      `## Focus for next week\n\n${renderBullets(draft.focus_next_week, ctx)}`,
    ].join('\n\n');
  },
};
