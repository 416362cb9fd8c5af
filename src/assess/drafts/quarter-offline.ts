/**
 * The quarterly review without a model: the same sections, assembled by rules from the figures.
 * Strengths and improvements come from key results, achievements and feedback; recommendations follow
 * fixed rules (a key result off track is high priority, overdue action items medium, stale check-ins
 * low), each saying what it should change.
 */
import type { DraftInput } from './draft.ts';
import { achievementMetric, cite, count, plainWin, publicObjectives, rankWins, status, figureIds } from '../evidence.ts';
import type { FeedbackRow } from '../entries.ts';
import { formatNumber as n, type Claim } from '../markdown.ts';
import { answeredBy, feedbackTone, newestFirst } from '../offline-evidence.ts';
import type { QuarterDraft } from './schemas.ts';

type Dimension = 'consistency' | 'delivery' | 'focus' | 'alignment' | 'wellbeing';
const DIMENSIONS: Dimension[] = ['consistency', 'delivery', 'focus', 'alignment', 'wellbeing'];

/** What raising a weak dimension takes, for recommendations. */
const ADVICE: Record<Dimension, { text: string; impact: string }> = {
  consistency: { text: 'Log every work day, even briefly: `turbowork log` takes one line.', impact: 'Fuller evidence for reviews and steadier weekly scores.' },
  delivery: { text: 'Record wins as they land, two a day or more, and mark the big ones #highlight.', impact: 'A delivery score that reflects the work, and a shortlist for the self-assessment.' },
  focus: { text: 'Protect deep-work blocks and move meetings out of them.', impact: 'More of each day spent on the work that moves objectives.' },
  alignment: { text: 'Tie wins to objectives with [[objective]] links or the day’s okrs.', impact: 'Shows how the work serves the quarter’s goals.' },
  wellbeing: { text: 'Watch energy, stress and balance: plan recovery after heavy weeks.', impact: 'A sustainable pace through the next quarter.' },
};

export function quarterOffline(input: DraftInput): QuarterDraft {
  const { report, entries, sources, config } = input;
  const objectives = publicObjectives(report);
  const weeks = report.weeks;
  const means = DIMENSIONS.map((d) => ({ d, mean: weeks[`mean_${d}`] })).filter((x): x is { d: Dimension; mean: number } => x.mean !== null);
  const bestWeeks = (d: Dimension, worst = false) =>
    [...weeks.items].filter((w) => w[d] !== null).sort((a, b) => (worst ? a[d]! - b[d]! : b[d]! - a[d]!) || a.week.localeCompare(b.week)).slice(0, 2).map((w) => cite.week(sources, w.week).id);
  const krs = objectives.flatMap((o) => o.key_results.map((kr) => ({ o, kr, id: cite.keyResult(sources, o, kr).id })));

  const summary: Claim = {
    text:
      `Logged ${report.coverage.logged_work_days} of ${report.coverage.work_days} work days with ${count(report.wins.count, 'win')}, ${report.wins.highlights} highlighted, and ${count(entries.achievements.length, 'achievement')} written up.` +
      (weeks.mean_composite !== null ? ` Weekly scores averaged ${n(weeks.mean_composite)} (${weeks.green} green, ${weeks.yellow} yellow, ${weeks.red} red weeks).` : '') +
      (objectives.length > 0 ? ` Of ${count(objectives.length, 'objective')}, ${report.objectives.achieved} achieved, ${report.objectives.on_track} on track, ${report.objectives.at_risk} at risk and ${report.objectives.off_track} off track.` : ''),
    sources: [...figureIds(sources, 'days', 'wins', 'scores', 'objectives'), ...objectives.map((o) => cite.objective(sources, o).id)],
  };

  const okr_review = objectives.map((o) => ({
    objective: o.objective_id,
    assessment: `Progress ${n(o.progress, 0)}% against ${n(o.expected, 0)}% expected: ${status(o.status)}. ` +
      o.key_results.map((kr) => `${kr.kr_id} at ${n(kr.progress, 0)}% (${status(kr.status)}${kr.stale ? ', no recent check-in' : ''})`).join('; ') + '.',
    sources: [cite.objective(sources, o).id, ...o.key_results.map((kr) => cite.keyResult(sources, o, kr).id)],
  }));

  const highlights: Claim[] = [
    ...entries.achievements.map((a) => ({ text: [a.title, achievementMetric(a)].filter(Boolean).join(': '), sources: [cite.achievement(sources, a).id] })),
    ...rankWins(entries.wins).filter((w) => w.highlight || w.metrics.length > 0).map((w) => ({ text: plainWin(w.text), sources: [cite.win(sources, w).id] })),
  ].slice(0, 6);

  // Strengths and improvements come from what happened (achievements, key results, feedback), not
  // from score averages; the scores shape the recommendations below.
  const green = config.scoring.thresholds.green;
  const feedback = newestFirst(entries.feedback);
  const quote = (f: FeedbackRow): Claim => ({ text: `“${f.text}” (from my ${(f.relationship ?? 'colleague').replace(/_/g, ' ')}, ${f.date})`, sources: [cite.feedback(sources, f).id] });
  const strengths: Claim[] = [
    ...krs.filter((k) => k.kr.status === 'achieved').slice(0, 2).map((k) => ({ text: `Achieved the key result "${k.kr.title}" (${n(k.kr.current, 2)} against a target of ${n(k.kr.target, 2)}).`, sources: [k.id] })),
    ...entries.achievements.slice(0, 1).map((a) => ({ text: `Wrote up "${a.title}"${achievementMetric(a) ? ` (${achievementMetric(a)})` : ''}.`, sources: [cite.achievement(sources, a).id] })),
    ...feedback.filter((f) => feedbackTone(f.text) === 'praise').slice(0, 1).map(quote),
  ];
  const topTag = report.tags.find((t) => entries.wins.some((w) => w.tags.includes(t.tag)));
  if (topTag && strengths.length < 4) strengths.push({ text: `Most wins were tagged #${topTag.tag}.`, sources: entries.wins.filter((w) => w.tags.includes(topTag.tag)).slice(0, 3).map((w) => cite.win(sources, w).id) });

  const behind = krs.filter((k) => k.kr.status === 'off_track' || k.kr.status === 'at_risk');
  const weakest = [...means].sort((a, b) => a.mean - b.mean).filter((x) => x.mean < green);
  const overdue = entries.actions.filter((a) => a.overdue);
  const stale = krs.filter((k) => k.kr.stale);
  const improvements: Claim[] = [
    ...behind.map((k) => ({ text: `"${k.kr.title}" is at ${n(k.kr.progress, 0)}% against ${n(k.kr.expected, 0)}% expected (${status(k.kr.status)}).`, sources: [k.id] })),
    ...feedback.filter((f) => feedbackTone(f.text) === 'growth' && !answeredBy(f, entries.actions)).slice(0, 2).map(quote),
    ...(report.action_items.overdue > 0 ? [{ text: `${count(report.action_items.overdue, 'action item')} ${report.action_items.overdue === 1 ? 'was' : 'were'} overdue at the end of the period.`, sources: [...figureIds(sources, 'actions'), ...overdue.slice(0, 3).map((a) => cite.action(sources, a).id)] }] : []),
  ];

  const recommendations: QuarterDraft['recommendations'] = [
    ...behind.map((k) => ({
      priority: k.kr.status === 'off_track' ? ('high' as const) : ('medium' as const),
      text: `${report.period.complete ? 'Carry' : 'Put the coming weeks into'} "${k.kr.title}"${report.period.complete ? ' into next quarter’s plan' : ''}: it stands at ${n(k.kr.progress, 0)}% against ${n(k.kr.expected, 0)}% expected.`,
      expected_impact: `Brings ${k.o.objective_id} back on pace.`,
      sources: [k.id],
    })),
    ...(report.action_items.overdue > 0 ? [{ priority: 'medium' as const, text: `Close or re-plan the ${count(report.action_items.overdue, 'overdue action item')}.`, expected_impact: 'Commitments made in 1:1s stay visible and credible.', sources: [...figureIds(sources, 'actions'), ...overdue.slice(0, 3).map((a) => cite.action(sources, a).id)] }] : []),
    ...weakest.slice(0, 1).map(({ d }) => ({ priority: 'medium' as const, text: ADVICE[d].text, expected_impact: ADVICE[d].impact, sources: bestWeeks(d, true) })),
    ...(stale.length > 0 ? [{ priority: 'low' as const, text: `Check in on ${stale.length === 1 ? 'the key result' : `the ${stale.length} key results`} with no check-in for two weeks or more.`, expected_impact: 'Progress figures that reflect where the work stands.', sources: stale.map((k) => k.id) }] : []),
  ];
  if (recommendations.length === 0) {
    recommendations.push({ priority: 'low', text: 'Keep the pace, and write the quarter’s highlights up as achievements (`turbowork new achievement SLUG`).', expected_impact: 'Ready STAR material for the self-assessment.', sources: [] });
  }
  return { summary, okr_review, highlights, strengths: strengths.slice(0, 4), improvements: improvements.slice(0, 4), recommendations: recommendations.slice(0, 5) };
}
