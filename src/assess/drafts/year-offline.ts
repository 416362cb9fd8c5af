/**
 * The annual self-assessment without a model, as a careful person would assemble it from the
 * journal. Key achievements are the achievement write-ups, whole. Strengths come from what the
 * achievements show, the key results met and the latest praise; growth areas from feedback asking
 * for growth, key results the year left undone and items overdue; goals from key results still open
 * on the as-of date. Nothing a later entry closed is named (offline-evidence.ts). Each competency's
 * STAR row is a different entry whose dimensions, skills or tags name it: "technical_execution"
 * matches an achievement with dimension "technical", "communication" a win tagged #communication
 * (COMPETENCY_WORDS). Feedback is every item of the year, newest first, the oldest counted when
 * there are more than fit.
 */
import type { DraftInput } from './draft.ts';
import { addDays } from '../../ingest/dates.ts';
import type { AchievementRow, FeedbackRow, WinRow } from '../entries.ts';
import { achievementMetric, actionText, cite, clip, competencyLabel, count, plainWin, publicObjectives, rankWins, status, uniqueByText, figureIds } from '../evidence.ts';
import { money, moneySaved, publicMoney, publicSkills, publicTags } from '../figures.ts';
import { formatNumber as n, type Claim } from '../markdown.ts';
import { answeredBy, feedbackTone, type KrRef, keyResults, mentions, missedKeyResults, newestFirst, openKeyResults, stemsFor, whole } from '../offline-evidence.ts';
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
  const { report, entries, sources } = input;
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

  const key_achievements: YearDraft['key_achievements'] = achievements.slice(0, KEY_ACHIEVEMENTS).map((a) => ({
    title: a.title,
    situation: whole(a.situation), task: whole(a.task), action: whole(a.action), result: whole(a.result),
    metrics: achievementMetric(a) ? [achievementMetric(a)] : [],
    sources: [cite.achievement(sources, a).id],
  }));
  if (key_achievements.length < 4) {
    for (const w of rankWins(entries.wins).filter((w) => w.highlight).slice(0, 4 - key_achievements.length)) {
      key_achievements.push({ title: plainWin(w.text), situation: `Logged as a highlight on ${w.date}; not yet written up as an achievement.`, task: '', action: plainWin(w.text), result: '', metrics: w.metrics.map((m) => m.text), sources: [cite.win(sources, w).id] });
    }
  }

  const asOf = report.period.as_of;
  const feedback = newestFirst(entries.feedback);
  const praise = feedback.filter((f) => feedbackTone(f.text) === 'praise');
  // Growth feedback a later, ticked action item answered is closed: not a growth area or a goal.
  const growthFeedback = feedback.filter((f) => feedbackTone(f.text) === 'growth' && !answeredBy(f, entries.actions));
  const quote = (f: FeedbackRow): Claim => ({ text: `“${f.text}” (from my ${(f.relationship ?? 'colleague').replace(/_/g, ' ')}, ${f.date})`, sources: [cite.feedback(sources, f).id] });

  // Strengths: what the achievements show most, what key results were met, and the latest praise.
  const dimensionCounts = countBy(entries.achievements.flatMap((a) => a.dimensions));
  const metKrs = keyResults(objectives).filter(({ kr }) => kr.status === 'achieved');
  const strengths: Claim[] = [
    ...dimensionCounts.slice(0, 2).map(([dimension, n_]) => {
      const all = achievements.filter((a) => a.dimensions.includes(dimension));
      return { text: n_ === 1 ? `${competencyLabel(dimension)}: "${all[0].title}".` : `${competencyLabel(dimension)}: ${count(n_, 'achievement')} this year, among them ${all.slice(0, 2).map((a) => `"${a.title}"`).join(' and ')}.`, sources: all.map((a) => cite.achievement(sources, a).id) };
    }),
    ...(metKrs.length > 0 ? [{
      text: metKrs.length === 1 ? `Met the key result "${metKrs[0].kr.title}".` : `Met ${count(metKrs.length, 'key result')}, among them ${metKrs.slice(-2).map(({ kr }) => `"${kr.title}"`).join(' and ')}.`,
      sources: metKrs.map(({ o, kr }) => cite.keyResult(sources, o, kr).id),
    }] : []),
    ...praise.slice(0, 2).map(quote),
  ];

  // Growth areas: the latest feedback that asks for growth, key results the year left undone, and
  // items overdue at the as-of date. Nothing a later entry closed: carried-on key results are judged
  // by their successor, and done items are done wherever they were ticked.
  const missed = missedKeyResults(objectives, asOf);
  const overdue = entries.actions.filter((a) => a.overdue);
  const late = report.action_items.overdue;
  const growth_areas: Claim[] = [
    ...growthFeedback.slice(0, 3).map(quote),
    ...missed.slice(0, 2).map(({ o, kr }) => ({ text: `"${kr.title}" ended at ${n(kr.current, 2)} against a target of ${n(kr.target, 2)}${kr.unit ? ` ${kr.unit}` : ''} (${n(kr.progress, 0)}%, ${o.quarter ?? o.objective_id}), and no later objective took it up.`, sources: [cite.keyResult(sources, o, kr).id] })),
    // The count is the figures' (private items included, as in the metrics table); the list names public ones.
    ...(late > 0 ? [{ text: `${count(late, 'action item')} ${late === 1 ? 'was' : 'were'} past ${late === 1 ? 'its' : 'their'} due date on ${asOf}${overdue.length > 0 ? `, among them: ${overdue.slice(0, 3).map((a) => actionText(a.text)).join('; ')}` : ''}.`, sources: [...figureIds(sources, 'actions'), ...overdue.slice(0, 3).map((a) => cite.action(sources, a).id)] }] : []),
  ];

  const skills = [
    { category: 'From achievements', skills: publicSkills(report, entries).map((s) => s.skill) },
    { category: 'From tagged wins', skills: publicTags(report, entries).slice(0, 12).map((t) => `#${t.tag}`) },
  ].filter((s) => s.skills.length > 0);

  // Goals: key results still open on the as-of date (furthest behind first), the latest growth
  // feedback, and writing up the highlights.
  const open = openKeyResults(objectives, asOf).sort((a, b) => (a.kr.progress ?? 0) - (b.kr.progress ?? 0));
  const goals: Claim[] = [
    ...open.slice(0, 3).map(({ o, kr }) => ({ text: `Reach "${kr.title}": now ${n(kr.current, 2)}, target ${n(kr.target, 2)}${kr.unit ? ` ${kr.unit}` : ''} (${n(kr.progress, 0)}% of the way).`, sources: [cite.keyResult(sources, o, kr).id] })),
    ...growthFeedback.slice(0, 1).map((f) => ({ text: `Act on the feedback of ${f.date}: “${f.text}”`, sources: [cite.feedback(sources, f).id] })),
  ];
  if (report.wins.highlights > entries.achievements.length) {
    goals.push({ text: `Write up more of the year's ${report.wins.highlights} highlights as achievements in STAR form, so next year's evidence is ready.`, sources: rankWins(entries.wins).filter((w) => w.highlight).slice(0, 3).map((w) => cite.win(sources, w).id) });
  }

  // Feedback: every item of the period, newest first; when there are more than fit, the newest are
  // quoted and the rest counted.
  const shown = feedback.slice(0, FEEDBACK_QUOTED);
  const rest = feedback.slice(FEEDBACK_QUOTED);
  const feedbackClaims: Claim[] = shown.map(quote);
  if (rest.length > 0) {
    feedbackClaims.push({
      text: `${count(rest.length, 'earlier item')} of feedback, from ${rest.at(-1)!.date} to ${rest[0].date}, ${rest.length === 1 ? 'is' : 'are'} in the 1:1 notes.`,
      sources: rest.map((f) => cite.feedback(sources, f).id),
    });
  }

  return {
    executive_summary: [p1, p2, p3],
    key_achievements,
    strengths,
    growth_areas,
    skills,
    goals: uniqueByText(goals).slice(0, 5),
    star_table: starRows(input, new Set(achievements.slice(0, KEY_ACHIEVEMENTS).map((a) => a.path))),
    feedback: feedbackClaims,
  };
}

/**
 * How many achievements the draft tells in full as key achievements; the STAR table tells others
 * where it can, so no story is told twice.
 */
const KEY_ACHIEVEMENTS = 6;

/** How many feedback items the year draft quotes; older ones are counted. */
const FEEDBACK_QUOTED = 24;

type Evidence = { kind: 'achievement'; a: AchievementRow } | { kind: 'win'; w: WinRow };

/**
 * One STAR row per competency, each from a different entry: competencies with the fewest candidates
 * choose first, each taking its best entry not yet used (achievements before wins, and achievements
 * not already told as key achievements before those that were). The next step
 * comes from that competency's open key results, growth feedback or recent blockers.
 */
function starRows(input: DraftInput, told: ReadonlySet<string>): YearDraft['star_table'] {
  const { config, entries } = input;
  const achievements = rankAchievements(entries.achievements);
  const wins = rankWins(entries.wins);
  const candidates = new Map(config.competencies.map((c) => {
    const words = wordsFor(c);
    const matches = (values: readonly string[]) => values.some((v) => words.has(norm(v)));
    const exact = (a: AchievementRow) => a.dimensions.some((d) => norm(d) === norm(c));
    // An achievement whose first dimension is the competency speaks to it best.
    const place = (a: AchievementRow) => a.dimensions.findIndex((d) => norm(d) === norm(c));
    const list: Evidence[] = [
      ...achievements.filter(exact).sort((a, b) => place(a) - place(b)).map((a) => ({ kind: 'achievement' as const, a })),
      ...achievements.filter((a) => !exact(a) && matches([...a.dimensions, ...a.skills])).map((a) => ({ kind: 'achievement' as const, a })),
      ...wins.filter((w) => matches(w.tags)).map((w) => ({ kind: 'win' as const, w })),
    ];
    return [c, list];
  }));
  const chosen = new Map<string, Evidence | undefined>();
  const used = new Set<string>();
  const key = (e: Evidence) => (e.kind === 'achievement' ? e.a.path : `${e.w.path}:${e.w.line}`);
  for (const c of [...config.competencies].sort((a, b) => candidates.get(a)!.length - candidates.get(b)!.length)) {
    const unused = candidates.get(c)!.filter((e) => !used.has(key(e)));
    const pick = unused.find((e) => e.kind === 'achievement' && !told.has(e.a.path)) ?? unused.find((e) => e.kind === 'achievement') ?? unused[0];
    if (pick) used.add(key(pick));
    chosen.set(c, pick);
  }
  // Next steps are chosen the same way: the competency with the fewest to choose from goes first.
  const steps = new Map(config.competencies.map((c) => [c, nextSteps(c, input)]));
  const usedSteps = new Set<string>();
  const next = new Map<string, Claim>();
  for (const c of [...config.competencies].sort((a, b) => steps.get(a)!.length - steps.get(b)!.length)) {
    const step = steps.get(c)!.find((s) => !usedSteps.has(s.key));
    if (step) usedSteps.add(step.key);
    next.set(c, step ? { text: step.text, sources: step.sources } : { text: 'No open key result, growth feedback or recent blocker names this competency yet.', sources: [] });
  }
  return config.competencies.map((c) => starRow(c, chosen.get(c), next.get(c)!, input));
}

function starRow(competency: string, evidence: Evidence | undefined, next: Claim, input: DraftInput): YearDraft['star_table'][number] {
  const { sources } = input;
  if (evidence?.kind === 'achievement') {
    const a = evidence.a;
    const metric = achievementMetric(a);
    return {
      competency,
      situation: whole(a.situation ?? a.title), task: whole(a.task), action: whole(a.action),
      result: [whole(a.result), metric ? `(${metric})` : ''].filter(Boolean).join(' '),
      next_step: next.text,
      sources: [cite.achievement(sources, a).id, ...next.sources],
    };
  }
  if (evidence?.kind === 'win') {
    const w = evidence.w;
    return { competency, situation: `A win logged on ${w.date}, not yet written up as an achievement.`, task: '', action: plainWin(w.text), result: w.metrics.map((m) => m.text).join('; '), next_step: next.text, sources: [cite.win(sources, w).id, ...next.sources] };
  }
  const tag = [...wordsFor(competency)][0];
  return { competency, situation: `No entry this year is tagged #${tag} or has the dimension ${tag}.`, task: '', action: '', result: '', next_step: next.text, sources: next.sources };
}

/**
 * Possible next steps for a competency, best first: open key results whose words name it, open key
 * results of objectives its achievements cite, growth feedback that names it, then recent blockers.
 */
function nextSteps(competency: string, input: DraftInput): (Claim & { key: string })[] {
  const { report, entries, sources } = input;
  const asOf = report.period.as_of;
  const stems = stemsFor(competency);
  const words = wordsFor(competency);
  const citedBy = (objectiveId: string) => entries.achievements.some((a) => a.okrs.includes(objectiveId) && a.dimensions.some((d) => words.has(norm(d))));
  const open = openKeyResults(publicObjectives(report), asOf).sort((a, b) => (a.kr.progress ?? 0) - (b.kr.progress ?? 0));
  const named = open.filter(({ o, kr }) => mentions(`${kr.title} ${o.title}`, stems));
  const krStep = ({ o, kr }: KrRef) => ({ key: `kr:${kr.path}:${kr.line}`, text: `Reach "${kr.title}" (now ${n(kr.current, 2)}, target ${n(kr.target, 2)}${kr.unit ? ` ${kr.unit}` : ''}).`, sources: [cite.keyResult(sources, o, kr).id] });
  return [
    ...named.map(krStep),
    ...open.filter((x) => !named.includes(x) && citedBy(x.o.objective_id)).map(krStep),
    ...newestFirst(entries.feedback).filter((f) => feedbackTone(f.text) === 'growth' && !answeredBy(f, entries.actions) && mentions(f.text, stems))
      .map((f) => ({ key: `fb:${f.path}:${f.line}`, text: `Act on the feedback of ${f.date}: “${f.text}”`, sources: [cite.feedback(sources, f).id] })),
    ...entries.days.filter((d) => d.date >= addDays(asOf, -RECENT_BLOCKER_DAYS)).reverse()
      .flatMap((d) => d.blockers.filter((b) => mentions(b, stems)).map((b) => ({ key: `blk:${d.date}:${b}`, text: `Clear the blocker of ${d.date}: ${plainWin(b)}`, sources: [cite.day(sources, d).id] }))),
  ];
}

/** Blockers older than this are taken as resolved or stale for a next step. */
const RECENT_BLOCKER_DAYS = 30;

function countBy(values: readonly string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
