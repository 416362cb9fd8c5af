/**
 * The annual self-assessment, made from the year's quarters, achievements and metrics: executive
 * summary, key achievements in STAR form, strengths, growth areas, skills, goals, a metrics summary,
 * one STAR row per competency from journal.yml, and the feedback received.
 */
import { z } from 'zod';
import { renderCitations } from './citations.ts';
import { ClaimSchema, type DraftInput, type DraftSpec } from './draft.ts';
import { cite, competencyLabel, plainWin, publicObjectives, rankWins, signed, winPriority } from './evidence.ts';
import { figureLines, publicSkills } from './figures.ts';
import { escapeMarkdown, formatNumber as n, renderBullets, renderClaim, renderTable, renderText, type RenderContext } from './markdown.ts';
import { achievementSection, figureTable, okrTable, weekSection } from './quarter.ts';
import { objectiveSections } from './week.ts';
import { yearOffline } from './year-offline.ts';
import { feedbackTone } from './offline-evidence.ts';
import type { SelfRating } from '../ingest/schema.ts';

const text = (what: string) => z.string().describe(what);

export const YearDraft = z.object({
  executive_summary: z.array(ClaimSchema).describe('Two or three paragraphs.'),
  key_achievements: z.array(z.object({
    title: text('A short title.'),
    situation: text('The context, one or two sentences.'),
    task: text('What was needed of me.'),
    action: text('What I did.'),
    result: text('The outcome, with its figures.'),
    metrics: z.array(z.string()).describe('Its figures as short strings, e.g. "p95 latency 850ms → 120ms".'),
    sources: z.array(z.string()),
  })),
  strengths: z.array(ClaimSchema),
  growth_areas: z.array(ClaimSchema),
  skills: z.array(z.object({ category: text('e.g. "Technical".'), skills: z.array(z.string()) })),
  goals: z.array(ClaimSchema),
  star_table: z.array(z.object({
    competency: text('The competency name exactly as listed.'),
    situation: z.string(), task: z.string(), action: z.string(), result: z.string(),
    next_step: text('What I will do next to grow in it.'),
    sources: z.array(z.string()),
  })),
  feedback: z.array(ClaimSchema),
});
export type YearDraft = z.infer<typeof YearDraft>;

export const year: DraftSpec<YearDraft> = {
  kind: 'year',
  template: 'year',
  schemaName: 'annual_self_assessment',
  schema: YearDraft,
  maxOutputTokens: 6000,
  title: (input) => `Self-assessment ${input.period}`,

  material(input) {
    const { report, entries, sources, config } = input;
    const quarters = (input.quarters ?? []).map((q) => ({
      text: `[${cite.quarter(sources, q.period.id).id}] ${q.period.id}: ${figureLines(q, entries).filter((l) => /^(Wins|Weekly scores|Objectives|Money)/.test(l)).join('; ')}`,
      priority: 95,
    }));
    const publicWins = new Map(entries.wins.map((w) => [w.id, w]));
    const changes = report.metrics.changes.filter((c) => !c.private && publicWins.has(c.win_id)).map((c) => {
      const win = publicWins.get(c.win_id)!;
      return { text: `[${cite.win(sources, win).id}] ${c.date}: ${plainWin(win.text)}${c.change !== null ? ` (change ${signed(c.change * 100)}%)` : ''}`, priority: 85 };
    });
    const money = rankWins(entries.wins).filter((w) => !report.metrics.changes.some((c) => c.win_id === w.id) && w.metrics.some((m) => m.kind === 'money' || m.kind === 'duration'));
    const skills = publicSkills(report, entries);
    return {
      values: {
        period: input.period, start: report.period.start, end: report.period.end, as_of: report.period.as_of,
        role: config.person.role ?? 'professional', competencies: config.competencies.join(', '),
        // Not for the model to use (it never rates), but a change of rating refreshes the draft.
        self_ratings: JSON.stringify(config.self_ratings[input.period] ?? {}),
      },
      sections: [
        { title: 'Figures', items: figureLines(report, entries).map((t) => ({ text: t, priority: 100 })) },
        achievementSection(input, 90, 250),
        { title: 'Before and after', items: changes },
        { title: 'Money and time in wins', items: money.map((w) => ({ text: `[${cite.win(sources, w).id}] ${w.date}: ${plainWin(w.text)}`, priority: w.metrics.some((m) => m.kind === 'money') || w.highlight ? 84 : 50 })) },
        { title: 'Quarters', items: quarters },
        objectiveSections(input, 72),
        { title: 'Feedback received', items: entries.feedback.map((f) => ({ text: `[${cite.feedback(sources, f).id}] ${f.date}, from my ${f.relationship ?? 'colleague'}: ${f.text}`, priority: 78 })) },
        { title: 'Skills named in achievements', items: skills.length > 0 ? [{ text: skills.map((s) => `${s.skill} (${s.count})`).join(', '), priority: 88 }] : [] },
        { title: 'Highlights', items: rankWins(entries.wins).filter((w) => w.highlight).map((w) => ({ text: `[${cite.win(sources, w).id}] ${w.date}: ${plainWin(w.text)}`, priority: 74 })) },
        { ...weekSection(input, 20), title: 'Weeks' },
        { title: 'Other wins', items: rankWins(entries.wins).filter((w) => !w.highlight && w.metrics.length === 0).map((w) => ({ text: `[${cite.win(sources, w).id}] ${w.date}: ${plainWin(w.text)}`, priority: winPriority(w) - 30 })) },
      ],
    };
  },

  offline: yearOffline,

  render(draft, input, ctx) {
    const achievements = draft.key_achievements.map((a, i) => {
      const fields = [['Situation', a.situation], ['Task', a.task], ['Action', a.action], ['Result', a.result]].filter(([, v]) => v.trim());
      const metrics = a.metrics.length > 0 ? [`- **Metrics:** ${a.metrics.map((m) => renderText(m, ctx)).join('; ')}`] : [];
      const cites = renderCitations(ctx.draftPath, ctx.sources.resolve(a.sources)).trim();
      return [`### ${i + 1}. ${renderText(a.title, ctx)}`, '', ...fields.map(([k, v]) => `- **${k}:** ${renderText(v, ctx)}`), ...metrics, ...(cites ? ['', `Sources: ${cites.slice(1, -1)}`] : [])].join('\n');
    });
    const skills = draft.skills.filter((s) => s.skills.length > 0).map((s) => `- **${renderText(s.category, ctx)}:** ${s.skills.map((k) => renderText(k, ctx)).join(', ')}`);
    return [
      `## Executive summary\n\n${draft.executive_summary.map((p) => renderClaim(p, ctx)).join('\n\n') || '_Nothing to summarize yet._'}`,
      `## Key achievements\n\n${achievements.join('\n\n') || '_No achievements recorded._'}`,
      `## Strengths\n\n${renderBullets(draft.strengths, ctx)}`,
      `## Areas for growth\n\n${renderBullets(draft.growth_areas, ctx)}`,
      `## Skills demonstrated\n\n${skills.join('\n') || '_None recorded._'}`,
      `## Goals for next period\n\n${renderBullets(draft.goals, ctx)}`,
      `## Metrics summary\n\n${figureTable(input)}${quarterTable(input)}${changesTable(input, ctx)}${publicObjectives(input.report).length > 0 ? `\n\n${okrTable(publicObjectives(input.report))}` : ''}`,
      `## Competencies (STAR)\n\n${starTable(draft, input, ctx)}`,
      `## Feedback received\n\n${feedbackSection(draft, ctx)}`,
    ].join('\n\n');
  },
};

function quarterTable(input: DraftInput): string {
  const quarters = input.quarters ?? [];
  if (quarters.length === 0) return '';
  const rows = quarters.map((q) => [q.period.id, n(q.weeks.mean_composite), `${q.weeks.green} / ${q.weeks.yellow} / ${q.weeks.red}`, String(q.wins.count), String(q.achievements.length), `${q.coverage.logged_work_days} of ${q.coverage.work_days}`]);
  return `\n\n${renderTable(['Quarter', 'Mean score', 'Green / yellow / red weeks', 'Wins', 'Achievements', 'Work days logged'], rows)}`;
}

/** How many before → after changes the metrics summary lists. */
const CHANGES_SHOWN = 8;

function changesTable(input: DraftInput, ctx: RenderContext): string {
  const publicWins = new Map(input.entries.wins.map((w) => [w.id, w]));
  // The largest changes, by date: a table a reader takes in at a glance.
  const largest = input.report.metrics.changes.filter((c) => !c.private && publicWins.has(c.win_id))
    .sort((a, b) => Math.abs(b.change ?? 0) - Math.abs(a.change ?? 0)).slice(0, CHANGES_SHOWN).sort((a, b) => a.date.localeCompare(b.date));
  const rows = largest.map((c) => {
    const source = cite.win(input.sources, publicWins.get(c.win_id)!);
    return [c.date, escapeMarkdown(c.text), c.change === null ? '–' : `${signed(c.change * 100)}%`, renderCitations(ctx.draftPath, [source]).trim().slice(1, -1)];
  });
  return rows.length > 0 ? `\n\n${renderTable(['Date', 'Before → after', 'Change', 'Source'], rows)}` : '';
}

/** ✅ or ⚠️ and the person's own words for a self-rating; the model never rates. */
const RATINGS: Record<SelfRating, string> = { strong: '✅ strong', meets: '✅ meets expectations', needs_improvement: '⚠️ needs improvement' };

/** The person's self-rating of a competency for the draft's year, from journal.yml. */
export function selfRating(input: DraftInput, competency: string): string {
  const rating = input.config.self_ratings[input.period]?.[competency];
  return rating ? RATINGS[rating] : 'not rated';
}

/** One row per configured competency, in journal.yml's order, whatever the model returned. */
function starTable(draft: YearDraft, input: DraftInput, ctx: RenderContext): string {
  const key = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, '');
  const rows = input.config.competencies.map((competency) => {
    const label = `${competencyLabel(competency)} (${selfRating(input, competency)})`;
    const row = draft.star_table.find((r) => key(r.competency) === key(competency));
    if (!row) return [label, '_No evidence given._', '', '', '', '', ''];
    const cites = renderCitations(ctx.draftPath, ctx.sources.resolve(row.sources)).trim().slice(1, -1);
    return [label, ...[row.situation, row.task, row.action, row.result, row.next_step].map((v) => renderText(v, ctx)), cites];
  });
  return renderTable(['Competency (self-rating)', 'Situation', 'Task', 'Action', 'Result', 'Next step', 'Sources'], rows);
}

/** Feedback as praise, then growth; a line that quotes nothing (a count of older items) comes last. */
function feedbackSection(draft: YearDraft, ctx: RenderContext): string {
  const quoted = draft.feedback.filter((f) => /“/.test(f.text));
  const other = draft.feedback.filter((f) => !/“/.test(f.text));
  const groups = (['praise', 'growth'] as const).map((tone) => [tone, quoted.filter((f) => feedbackTone(f.text.replace(/\s*\(from my [^)]*\)\s*$/, '')) === tone)] as const).filter(([, list]) => list.length > 0);
  return [
    ...groups.map(([tone, list]) => `### ${tone === 'praise' ? 'Praise' : 'Growth'}\n\n${renderBullets(list, ctx)}`),
    ...(other.length > 0 ? [other.map((c) => renderClaim(c, ctx)).join('\n\n')] : []),
  ].join('\n\n') || '_None recorded._';
}
