/**
 * 1:1 prep for a series' next meeting: its open action items (listed by our code, never by the
 * model), an agenda, wins since the last meeting, blockers, and feedback to ask for.
 */
import { z } from 'zod';
import { renderCitations } from '../checks/citations.ts';
import { ClaimSchema, type DraftInput, type DraftSpec } from './draft.ts';
import type { ActionRow } from '../entries.ts';
import { actionText, cite, plainWin, publicObjectives, rankWins, status } from '../evidence.ts';
import { escapeMarkdown, formatNumber as n, renderBullets, type Claim } from '../markdown.ts';
import { actionSection, dailySections } from './week.ts';

export const OneOnOneDraft = z.object({
  agenda: z.array(ClaimSchema),
  wins: z.array(ClaimSchema),
  blockers: z.array(ClaimSchema),
  feedback_to_ask: z.array(ClaimSchema),
});
export type OneOnOneDraft = z.infer<typeof OneOnOneDraft>;

/**
 * The series' own open items, then mine from daily logs and sprints; each item once (an item is one
 * row wherever it was mentioned). Drafts read the shareable copy, so an item carried through a
 * private meeting is listed in the words of its latest public mention, and one only ever mentioned
 * in private is not listed.
 */
function openItems(input: DraftInput): ActionRow[] {
  const id = input.series?.id;
  return input.entries.actions.filter((a) => !a.done && (a.series === id || (a.series === null && (a.owner === null || a.owner === 'me'))));
}

/** The series' agenda template as lines, for the first meeting of a series. */
function templateAgenda(input: DraftInput): string[] {
  if (!input.series || input.series.met) return [];
  return (input.series?.agenda_template ?? '').split('\n').map((line) => line.replace(/^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?/, '').trim()).filter(Boolean);
}

export const oneOnOne: DraftSpec<OneOnOneDraft> = {
  kind: '1on1',
  template: '1on1',
  schemaName: 'one_on_one_prep',
  schema: OneOnOneDraft,
  maxOutputTokens: 1500,
  title: (input) => `1:1 prep: ${input.period}`,

  material(input) {
    const { entries, sources, series } = input;
    const open = new Set(openItems(input));
    const [wins, blockers, days] = dailySections(input);
    const meetings = entries.meetings.filter((m) => m.series === series?.id).map((m) => ({
      text: `[${cite.meeting(sources, m).id}] Meeting ${m.date}: topics ${m.topics.join(', ') || 'none'}; agenda: ${m.agenda.join('; ') || 'none'}${m.notes ? `; notes: ${m.notes}` : ''}`,
      priority: 70,
    }));
    const feedback = entries.feedback.filter((f) => f.series === series?.id).map((f) => ({ text: `[${cite.feedback(sources, f).id}] ${f.date}: ${f.text}`, priority: 60 }));
    const behind = publicObjectives(input.report).flatMap((o) => o.key_results.filter((kr) => kr.status === 'at_risk' || kr.status === 'off_track').map((kr) => ({
      text: `[${cite.keyResult(sources, o, kr).id}] ${kr.title}: progress ${n(kr.progress, 0)}% against ${n(kr.expected, 0)}% expected (${status(kr.status)})`,
      priority: 65,
    })));
    const template = templateAgenda(input).map((line) => ({ text: `First meeting of the series; its agenda template: ${line}`, priority: 90 }));
    return {
      // The series id is usually a person's name ("sarah-chen"), so the prompt names the relationship only.
      values: { relationship: series?.relationship?.replace(/_/g, ' ') ?? 'colleague', as_of: input.range.asOf, last_meeting: series?.lastMeeting ?? 'never (no meeting yet)' },
      sections: [
        { ...actionSection(input, 95, (a) => open.has(a)), title: 'Open action items' },
        { title: 'Last meeting', items: meetings },
        { title: 'Agenda template', items: template },
        wins,
        blockers,
        { title: 'Key results behind pace', items: behind },
        { title: 'Feedback received in this series', items: feedback },
        days,
      ],
    };
  },

  offline(input) {
    const { entries, sources } = input;
    const open = openItems(input);
    const ranked = rankWins(entries.wins);
    const agenda: Claim[] = [
      ...templateAgenda(input).map((line) => ({ text: line, sources: [] })),
      ...open.filter((a) => a.overdue).slice(0, 3).map((a) => ({ text: `Follow up on the overdue item: ${actionText(a.text)}`, sources: [cite.action(sources, a).id] })),
      ...entries.days.flatMap((d) => d.blockers.map((b) => ({ text: `Unblock: ${b}`, sources: [cite.day(sources, d).id] }))).slice(0, 2),
      ...ranked.slice(0, 2).map((w) => ({ text: `Share: ${plainWin(w.text)}`, sources: [cite.win(sources, w).id] })),
    ];
    const recent = ranked[0];
    return {
      agenda,
      wins: ranked.slice(0, 5).map((w) => ({ text: plainWin(w.text), sources: [cite.win(sources, w).id] })),
      blockers: entries.days.flatMap((d) => d.blockers.map((b) => ({ text: b, sources: [cite.day(sources, d).id] }))).slice(0, 4),
      feedback_to_ask: recent
        ? [{ text: `What would have made this work better: ${plainWin(recent.text)}?`, sources: [cite.win(sources, recent).id] }]
        : [{ text: 'What is one thing I should do more of, and one I should stop?', sources: [] }],
    };
  },

  render(draft, input, ctx) {
    const open = openItems(input).map((a) => {
      const due = a.due ? ` — due ${a.due}${a.overdue ? ', **overdue**' : ''}` : '';
      const owner = a.owner && a.owner !== 'me' ? ` (${escapeMarkdown(a.owner)})` : '';
      return `- ${escapeMarkdown(ctx.scrub(actionText(a.text)))}${owner}${due}${renderCitations(ctx.draftPath, [cite.action(input.sources, a)])}`;
    });
    const since = input.series?.lastMeeting ? `since ${input.series.lastMeeting}` : 'in the last two weeks';
    return [
      `Series: ${input.period}${input.series?.relationship ? ` (${input.series.relationship.replace(/_/g, ' ')})` : ''}; last meeting: ${input.series?.lastMeeting ?? 'none yet'}.`,
      `## Open action items\n\n${open.join('\n') || '_None open._'}`,
      `## Agenda\n\n${renderBullets(draft.agenda, ctx)}`,
      `## Wins ${since}\n\n${renderBullets(draft.wins, ctx)}`,
      `## Blockers\n\n${renderBullets(draft.blockers, ctx)}`,
      `## Feedback to ask for\n\n${renderBullets(draft.feedback_to_ask, ctx)}`,
    ].join('\n\n');
  },
};

