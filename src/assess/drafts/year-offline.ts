/**
 * The annual self-assessment without a model. Key achievements are the achievement write-ups (STAR
 * already), the summary and metrics come from the figures, and each competency's STAR row is the
 * best entry whose dimensions, skills or tags name it: "technical_execution" matches an achievement
 * with dimension "technical", "communication" a win tagged #communication (COMPETENCY_WORDS).
 */
import type { DraftInput } from './draft.ts';
import type { AchievementRow, WinRow } from '../entries.ts';
import { achievementMetric, actionText, cite, clip, competencyLabel, count, plainWin, publicObjectives, rankWins, status, uniqueByText, figureIds } from '../evidence.ts';
import { moneySaved, publicMoney, publicSkills, publicTags } from '../figures.ts';
import { formatNumber as n, type Claim } from '../markdown.ts';
import type { YearDraft } from './schemas.ts';

/** Words that count as evidence for a competency word (dimensions, skills and tags, lower-case). */
export const COMPETENCY_WORDS: Record<string, string[]> = {
  technical: ['technical', 'engineering', 'architecture', 'performance', 'perf', 'reliability', 'quality'],
  execution: ['execution', 'delivery', 'shipping'],
  collaboration: ['collaboration', 'cross_functional', 'teamwork', 'pairing', 'mentoring', 'mentorship'],
  ownership: ['ownership', 'leadership', 'initiative', 'incident', 'oncall', 'on_call', 'operational_excellence'],
  communication: ['communication', 'writing', 'presentation', 'talk', 'docs', 'documentation'],
  leadership: ['leadership', 'mentoring', 'mentorship'],
  impact: ['impact', 'customer_impact', 'cost'],
};

const norm = (s: string) => s.toLowerCase().replace(/[\s-]+/g, '_');

function wordsFor(competency: string): Set<string> {
  return new Set(norm(competency).split('_').filter(Boolean).flatMap((w) => COMPETENCY_WORDS[w] ?? [w]).concat(norm(competency)));
}

const rankAchievements = (list: readonly AchievementRow[]) =>
  [...list].sort((a, b) => Number(b.highlight) - Number(a.highlight) || Number(!!b.metric_name) - Number(!!a.metric_name) || a.date.localeCompare(b.date));

export function yearOffline(input: DraftInput): YearDraft {
  const { report, entries, sources, config } = input;
  const objectives = publicObjectives(report);
  const achievements = rankAchievements(entries.achievements);
  const quarters = input.quarters ?? [];
  const cash = publicMoney(report, entries);

  const p1: Claim = {
    text: `In ${input.period} I logged ${report.coverage.logged_work_days} of ${report.coverage.work_days} work days and recorded ${count(report.wins.count, 'win')}, ${report.wins.highlights} of them highlights, with ${count(entries.achievements.length, 'achievement')} written up.` +
      (cash.length > 0 ? ` Wins record ${cash.map(moneySaved).join(' and ')} in money saved.` : '') +
      (report.metrics.time_saved.minutes ? ` Before → after changes save ${n(report.metrics.time_saved.minutes, 0)} minutes each time they happen.` : ''),
    sources: [...figureIds(sources, 'days', 'wins', 'money', 'time'), ...achievements.slice(0, 3).map((a) => cite.achievement(sources, a).id)],
  };
  const achievedKrs = objectives.flatMap((o) => o.key_results.filter((kr) => kr.status === 'achieved').map((kr) => ({ o, kr })));
  const p2: Claim = {
    text: objectives.length === 0 ? 'No objectives were recorded this year.' :
      `Across ${count(objectives.length, 'objective')}, ${report.objectives.achieved} were achieved, ${report.objectives.on_track} on track, ${report.objectives.at_risk} at risk and ${report.objectives.off_track} off track, with mean progress of ${n(report.objectives.mean_progress, 0)}%.` +
      (achievedKrs.length > 0 ? ` Key results achieved include ${achievedKrs.slice(0, 3).map(({ kr }) => `"${kr.title}"`).join(', ')}.` : ''),
    sources: [...figureIds(sources, 'objectives'), ...achievedKrs.slice(0, 3).map(({ o, kr }) => cite.keyResult(sources, o, kr).id)],
  };
  const scored = quarters.filter((q) => q.weeks.mean_composite !== null);
  const best = [...scored].sort((a, b) => b.weeks.mean_composite! - a.weeks.mean_composite!)[0];
  const p3: Claim = {
    text: report.weeks.mean_composite === null ? 'No weekly scores yet.' :
      `Weekly scores averaged ${n(report.weeks.mean_composite)} over the year, with ${report.weeks.green} green, ${report.weeks.yellow} yellow and ${report.weeks.red} red weeks` +
      (best ? `; the strongest quarter was ${best.period.id} at ${n(best.weeks.mean_composite)}.` : '.'),
    sources: figureIds(sources, 'scores', ...scored.map((q) => `${q.period.id}-scores`)),
  };

  const key_achievements: YearDraft['key_achievements'] = achievements.slice(0, 8).map((a) => ({
    title: a.title,
    situation: clip(a.situation, 400), task: clip(a.task, 400), action: clip(a.action, 400), result: clip(a.result, 400),
    metrics: achievementMetric(a) ? [achievementMetric(a)] : [],
    sources: [cite.achievement(sources, a).id],
  }));
  if (key_achievements.length < 4) {
    for (const w of rankWins(entries.wins).filter((w) => w.highlight).slice(0, 4 - key_achievements.length)) {
      key_achievements.push({ title: clip(plainWin(w.text), 80), situation: `Logged as a highlight on ${w.date}; not yet written up as an achievement.`, task: '', action: plainWin(w.text), result: '', metrics: w.metrics.map((m) => m.text), sources: [cite.win(sources, w).id] });
    }
  }

  const dims = (['consistency', 'delivery', 'focus', 'alignment', 'wellbeing'] as const).map((d) => ({ d, mean: report.weeks[`mean_${d}`] })).filter((x) => x.mean !== null) as { d: string; mean: number }[];
  const green = config.scoring.thresholds.green;
  const dimensionCounts = countBy(entries.achievements.flatMap((a) => a.dimensions));
  const strengths: Claim[] = [
    ...[...dims].sort((a, b) => b.mean - a.mean).filter((x) => x.mean >= green).slice(0, 2).map(({ d, mean }) => ({ text: `${competencyLabel(d)} averaged ${n(mean)} across the year's weeks.`, sources: figureIds(sources, 'scores', ...scored.map((q) => `${q.period.id}-scores`)) })),
    ...dimensionCounts.slice(0, 2).map(([dimension, n_]) => ({ text: `${n_ === 1 ? 'An achievement shows' : 'Achievements show'} ${dimension.replace(/_/g, ' ')}.`, sources: entries.achievements.filter((a) => a.dimensions.includes(dimension)).slice(0, 3).map((a) => cite.achievement(sources, a).id) })),
  ];
  const behind = objectives.flatMap((o) => o.key_results.filter((kr) => kr.status === 'off_track' || kr.status === 'at_risk').map((kr) => ({ o, kr })));
  const overdue = entries.actions.filter((a) => a.overdue);
  const growth_areas: Claim[] = [
    ...[...dims].sort((a, b) => a.mean - b.mean).filter((x) => x.mean < green).slice(0, 2).map(({ d, mean }) => ({ text: `${competencyLabel(d)} averaged ${n(mean)}, below the green threshold of ${n(green)}.`, sources: figureIds(sources, 'scores', ...scored.map((q) => `${q.period.id}-scores`)) })),
    ...behind.slice(0, 2).map(({ o, kr }) => ({ text: `"${kr.title}" ended at ${n(kr.progress, 0)}% of its target (${status(kr.status)}).`, sources: [cite.keyResult(sources, o, kr).id] })),
    ...(report.action_items.overdue > 0 ? [{ text: `${count(report.action_items.overdue, 'action item')} ${report.action_items.overdue === 1 ? 'was' : 'were'} overdue at the end of the period.`, sources: [...figureIds(sources, 'actions'), ...overdue.slice(0, 3).map((a) => cite.action(sources, a).id)] }] : []),
  ];

  const skills = [
    { category: 'From achievements', skills: publicSkills(report, entries).map((s) => s.skill) },
    { category: 'From tagged wins', skills: publicTags(report, entries).slice(0, 12).map((t) => `#${t.tag}`) },
  ].filter((s) => s.skills.length > 0);

  const goals: Claim[] = [
    ...behind.slice(0, 3).map(({ o, kr }) => ({ text: `Finish "${kr.title}", now at ${n(kr.progress, 0)}% of its target.`, sources: [cite.keyResult(sources, o, kr).id] })),
    ...entries.actions.filter((a) => !a.done).slice(0, 2).map((a) => ({ text: `Close the open action item: ${actionText(a.text)}.`, sources: [cite.action(sources, a).id] })),
  ];
  if (report.wins.highlights > entries.achievements.length) {
    goals.push({ text: `Write up more of the year's ${report.wins.highlights} highlights as achievements in STAR form, so next year's evidence is ready.`, sources: rankWins(entries.wins).filter((w) => w.highlight).slice(0, 3).map((w) => cite.win(sources, w).id) });
  }

  return {
    executive_summary: [p1, p2, p3],
    key_achievements,
    strengths,
    growth_areas,
    skills,
    goals: uniqueByText(goals).slice(0, 5),
    star_table: config.competencies.map((c) => starRow(c, input)),
    feedback: entries.feedback.slice(0, 8).map((f) => ({ text: `“${f.text}” (from my ${f.relationship ?? 'colleague'}, ${f.date})`, sources: [cite.feedback(sources, f).id] })),
  };
}

function starRow(competency: string, input: DraftInput): YearDraft['star_table'][number] {
  const words = wordsFor(competency);
  const { sources } = input;
  const matches = (values: readonly string[]) => values.some((v) => words.has(norm(v)));
  const achievement = rankAchievements(input.entries.achievements).find((a) => matches([...a.dimensions, ...a.skills]));
  if (achievement) {
    const metric = achievementMetric(achievement);
    return {
      competency,
      situation: clip(achievement.situation ?? achievement.title, 200), task: clip(achievement.task, 200), action: clip(achievement.action, 200),
      result: clip([achievement.result, metric].filter(Boolean).join(' '), 200),
      next_step: `Build on "${achievement.title}" and record the next example as an achievement.`,
      sources: [cite.achievement(sources, achievement).id],
    };
  }
  const win: WinRow | undefined = rankWins(input.entries.wins).find((w) => matches(w.tags));
  if (win) {
    return { competency, situation: `A win logged on ${win.date}.`, task: '', action: plainWin(win.text), result: win.metrics.map((m) => m.text).join('; '), next_step: 'Write it up as an achievement with its situation and result.', sources: [cite.win(sources, win).id] };
  }
  const tag = [...words][0];
  return { competency, situation: 'No entry this year is tagged for this competency.', task: '', action: '', result: '', next_step: `Tag wins with #${tag} or give achievements the dimension ${tag}, so the evidence is found.`, sources: [] };
}

function countBy(values: readonly string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
