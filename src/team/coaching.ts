/**
 * Coaching drafts for flagged members only (team_flagged: their latest week is yellow or red after
 * the manager's override). Each is the week draft of the assess stage (src/assess), made from the
 * member's shareable journal alone, with its citations, grounding check, redaction and inputs-hash
 * cache, written into the team repository as coaching/<member>/<week>.md; the member's journal is
 * never written. The model is team.yml's llm: (offline drafts without one); the member's own
 * redact: words and the people their journal names are redacted before any call.
 */
import { resolve } from 'node:path';
import { assessInto, type AssessEffects, type AssessSummary } from '../assess/assess.ts';
import { readDraft } from '../assess/store.ts';
import { openJournal } from '../journal.ts';
import { renderMarkdown } from '../site/markdown.ts';
import type { Team } from './load.ts';
import type { PersonPage } from './site.ts';

export type CoachingEffects = Omit<AssessEffects, 'log'>;

export interface CoachingSummary {
  /** The rendered draft per flagged member. */
  drafts: Map<string, NonNullable<PersonPage['coaching']>>;
  /** What each run of the assess stage did, per member. */
  runs: Map<string, AssessSummary>;
}

/** The coaching draft's file in the team repository, e.g. "coaching/chen-wei/2026-W11.md". */
export const coachingPath = (person: string, week: string) => `coaching/${person}/${week}.md`;

/**
 * Citations in a draft link files of the member's journal, relative to where the draft would sit
 * in it; on the team site those files are not there, so a link keeps its words and loses its target.
 */
const withoutLinks = (markdown: string) => markdown.replace(/(?<!!)\[([^\]]*)\]\([^)\s]*\)/g, '$1');

export async function writeCoaching(team: Team, asOf: string, effects: CoachingEffects & { noLlm: boolean; log: (line: string) => void }): Promise<CoachingSummary> {
  const flagged = await team.db.all<{ person: string; week: string }>(`SELECT person, week FROM team_flagged ORDER BY person`);
  const drafts = new Map<string, NonNullable<PersonPage['coaching']>>();
  const runs = new Map<string, AssessSummary>();
  for (const { person, week } of flagged) {
    const member = team.config.members.find((m) => m.id === person)!;
    // Read warm from the cache the team build just filled, when it keeps one.
    const journal = await openJournal({ journalDir: resolve(team.dir, member.journal), cacheDir: team.cacheDir });
    try {
      const path = coachingPath(person, week);
      const run = await assessInto(
        { db: journal.db, config: { ...journal.config, llm: team.config.llm }, modelBlocked: journal.modelBlocked },
        team.dir,
        [{ kind: 'week', period: week }],
        () => path,
        { asOf, noLlm: effects.noLlm, settingsFile: 'team.yml' },
        effects,
      );
      runs.set(person, run);
      const written = run.drafts[0];
      effects.log(`coaching draft for ${person} (${week}): ${written.status}, ${written.generator}${written.unverified.length > 0 ? `, ${written.unverified.length} unverified numbers` : ''}`);
      // An edited draft keeps the manager's words; the fresh one then sits beside it (.new.md).
      const draft = await readDraft(team.dir, path);
      if (draft) drafts.set(person, { week, generator: draft.meta?.generator ?? written.generator, html: renderMarkdown(withoutLinks(draft.body)) });
    } finally {
      journal.db.close();
    }
  }
  return { drafts, runs };
}
