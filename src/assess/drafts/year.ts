/**
 * The annual self-assessment, made from the year's quarters, achievements and metrics: executive
 * summary, key achievements in STAR form, strengths, growth areas, skills, goals, a metrics summary,
 * one STAR row per competency from journal.yml, and the feedback received.
 */
import { renderCitations } from '../checks/citations.ts';
import { ClaimSchema, type DraftInput, type DraftSpec } from './draft.ts';
import { cite, competencyLabel, plainWin, publicObjectives, rankWins, signed, winPriority } from '../evidence.ts';
import { figureItems, figureTable, publicSkills } from '../figures.ts';
import { claimSources, escapeMarkdown, formatNumber as n, noteUnsupported, renderBullets, renderClaim, renderTable, renderText, UNCITED_MARK, type RenderContext } from '../markdown.ts';
import { achievementSection, okrTable, weekSection } from './quarter.ts';
import { objectiveSections } from './week.ts';
import { yearOffline } from './year-offline.ts';
import { feedbackTone } from '../offline-evidence.ts';
import type { SelfRating } from '../../ingest/schema.ts';

import { YearDraft } from './schemas.ts';

export { YearDraft };

export const year: DraftSpec<YearDraft> = {
  kind: 'year',
  template: 'year',
  schemaName: 'annual_self_assessment',
  schema: YearDraft,
  maxOutputTokens: 6000,
  title: (input) => `Self-assessment ${input.period}`,

  material(input) {
    const { report, entries, sources, config } = input;
    // A quarter's own figures (never its draft: one draft does not vouch for another).
    const quarters = (input.quarters ?? []).flatMap((q) => figureItems(input, q, 95, q.period.id).filter((item) => /-(wins|scores|objectives|money|time)\]/.test(item.text)));
    const publicWins = new Map(entries.wins.map((w) => [w.id, w]));
    const changes = report.metrics.changes.filter((c) => !c.private && publicWins.has(c.win_id)).map((c) => {
      const win = publicWins.get(c.win_id)!;
      return { text: `[${cite.win(sources, win).id}] ${c.date}: ${plainWin(win.text)}${c.change !== null ? ` (change ${signed(c.change * 100)}%)` : ''}`, priority: 85 };
    });
    const money = rankWins(entries.wins).filter((w) => !report.metrics.changes.some((c) => c.win_id === w.id) && w.metrics.some((m) => m.kind === 'saving' || m.kind === 'cost' || m.kind === 'target' || m.kind === 'amount'));
    const skills = publicSkills(report, entries);
    return {
      values: {
        period: input.period, start: report.period.start, end: report.period.end, as_of: report.period.as_of,
        role: config.person.role ?? 'professional', competencies: config.competencies.join(', '),
        // Not for the model to use (it never rates), but a change of rating refreshes the draft.
        self_ratings: JSON.stringify(input.selfRatings ?? {}),
      },
      sections: [
        // The year keeps, in this order: headline figures; achievements with their whole STAR text (cut
        // only at sentence ends); key results with their outcomes; highlights; feedback from the whole
        // year (newest first when cut: later items rank a little higher); then quarter summaries and
        // other wins, those with figures first. What is left out is named in the draft.
        { title: 'Figures', items: figureItems(input, report, 100) },
        achievementSection(input, 90, 1500),
        objectiveSections(input, 85),
        { title: 'Highlights', items: rankWins(entries.wins).filter((w) => w.highlight).map((w) => ({ text: `[${cite.win(sources, w).id}] ${w.date}: ${plainWin(w.text)}`, priority: 80 })) },
        { title: 'Feedback received', items: [...entries.feedback].sort((a, b) => a.date.localeCompare(b.date)).map((f, i, all) => ({ text: `[${cite.feedback(sources, f).id}] ${f.date}, from my ${f.relationship ?? 'colleague'}: ${f.text}`, priority: 75 + i / (all.length + 1) })) },
        { title: 'Skills named in achievements', items: skills.length > 0 ? [{ text: skills.map((s) => `${s.skill} (${s.count})`).join(', '), priority: 74 }] : [] },
        { title: 'Quarters', items: quarters.map((q) => ({ ...q, priority: 70 })) },
        { title: 'Before and after', items: changes.map((c) => ({ ...c, priority: 68 })) },
        { title: 'Money in wins', items: money.map((w) => ({ text: `[${cite.win(sources, w).id}] ${w.date}: ${plainWin(w.text)}`, priority: w.metrics.some((m) => m.kind === 'saving') ? 66 : 60 })) },
        { ...weekSection(input, 20), title: 'Weeks' },
        { title: 'Other wins', items: rankWins(entries.wins).filter((w) => !w.highlight && !money.includes(w) && !report.metrics.changes.some((c) => c.win_id === w.id)).map((w) => ({ text: `[${cite.win(sources, w).id}] ${w.date}: ${plainWin(w.text)}`, priority: winPriority(w) - 30 })) },
      ],
    };
  },

  offline: yearOffline,

  render(draft, input, ctx) {
    const achievements = draft.key_achievements.map((a, i) => {
      const fields = [['Situation', a.situation], ['Task', a.task], ['Action', a.action], ['Result', a.result]].filter(([, v]) => v.trim());
      const sources = claimSources({ text: a.title, sources: a.sources }, ctx);
      const ids = sources.map((s) => s.id);
      const whole = [a.title, ...fields.map(([, v]) => v), ...a.metrics].join(' ');
      noteUnsupported(a.title, sources, ctx.evidence.check(whole, ids).unsupported, ctx);
      const metrics = a.metrics.length > 0 ? [`- **Metrics:** ${a.metrics.map((m) => renderText(m, ctx, ids)).join('; ')}`] : [];
      const cites = renderCitations(ctx.draftPath, sources).trim();
      return [`### ${i + 1}. ${renderText(a.title, ctx, ids)}`, '', ...fields.map(([k, v]) => `- **${k}:** ${renderText(v, ctx, ids)}`), ...metrics, '', cites ? `Sources: ${cites.slice(1, -1)}` : `Sources: ${UNCITED_MARK}`].join('\n');
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

/** The person's self-rating of a competency for the draft's year, from the year's file or journal.yml. */
export function selfRating(input: DraftInput, competency: string): string {
  const rating = input.selfRatings?.[competency];
  return rating ? RATINGS[rating] : 'not rated';
}

/** One row per configured competency, in journal.yml's order, whatever the model returned. */
function starTable(draft: YearDraft, input: DraftInput, ctx: RenderContext): string {
  const key = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, '');
  const rows = input.config.competencies.map((competency) => {
    const label = `${competencyLabel(competency)} (${selfRating(input, competency)})`;
    const row = draft.star_table.find((r) => key(r.competency) === key(competency));
    if (!row) return [label, '_No evidence given._', '', '', '', '', ''];
    const sources = claimSources({ text: `${competency}: ${row.result}`, sources: row.sources }, ctx);
    const ids = sources.map((s) => s.id);
    noteUnsupported(`${competency}: ${row.result}`, sources, ctx.evidence.check([row.situation, row.task, row.action, row.result].join(' '), ids).unsupported, ctx);
    const cites = renderCitations(ctx.draftPath, sources).trim().slice(1, -1) || UNCITED_MARK;
    return [label, ...[row.situation, row.task, row.action, row.result, row.next_step].map((v) => renderText(v, ctx, ids)), cites];
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
