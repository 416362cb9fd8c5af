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
      `## Feedback received\n\n${renderBullets(draft.feedback, ctx)}`,
    ].join('\n\n');
  },
};

function quarterTable(input: DraftInput): string {
  const quarters = input.quarters ?? [];
  if (quarters.length === 0) return '';
  const rows = quarters.map((q) => [q.period.id, n(q.weeks.mean_composite), `${q.weeks.green} / ${q.weeks.yellow} / ${q.weeks.red}`, String(q.wins.count), String(q.achievements.length), `${q.coverage.logged_work_days} of ${q.coverage.work_days}`]);
  return `\n\n${renderTable(['Quarter', 'Mean score', 'Green / yellow / red weeks', 'Wins', 'Achievements', 'Work days logged'], rows)}`;
}

function changesTable(input: DraftInput, ctx: RenderContext): string {
  const publicWins = new Map(input.entries.wins.map((w) => [w.id, w]));
  const rows = input.report.metrics.changes.filter((c) => !c.private && publicWins.has(c.win_id)).map((c) => {
    const source = cite.win(input.sources, publicWins.get(c.win_id)!);
    return [c.date, escapeMarkdown(c.text), c.change === null ? '–' : `${signed(c.change * 100)}%`, renderCitations(ctx.draftPath, [source]).trim().slice(1, -1)];
  });
  return rows.length > 0 ? `\n\n${renderTable(['Date', 'Before → after', 'Change', 'Source'], rows)}` : '';
}

/** One row per configured competency, in journal.yml's order, whatever the model returned. */
function starTable(draft: YearDraft, input: DraftInput, ctx: RenderContext): string {
  const key = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, '');
  const rows = input.config.competencies.map((competency) => {
    const row = draft.star_table.find((r) => key(r.competency) === key(competency));
    if (!row) return [competencyLabel(competency), '_No evidence given._', '', '', '', '', ''];
    const sources = claimSources({ text: `${competency}: ${row.result}`, sources: row.sources }, ctx);
    const ids = sources.map((s) => s.id);
    noteUnsupported(`${competency}: ${row.result}`, sources, ctx.evidence.check([row.situation, row.task, row.action, row.result].join(' '), ids).unsupported, ctx);
    const cites = renderCitations(ctx.draftPath, sources).trim().slice(1, -1) || UNCITED_MARK;
    return [competencyLabel(competency), ...[row.situation, row.task, row.action, row.result, row.next_step].map((v) => renderText(v, ctx, ids)), cites];
  });
  return renderTable(['Competency', 'Situation', 'Task', 'Action', 'Result', 'Next step', 'Sources'], rows);
}
