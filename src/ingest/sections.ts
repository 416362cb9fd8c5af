/**
 * The sections of each kind of entry and the headings they are known by: a module of its own, so
 * `log` can find a daily log's sections without loading the rest of the ingest.
 */
import type { Synonyms } from './markdown.ts';

export type EntryKind = 'daily' | 'weekly' | 'objective' | 'series' | 'meeting' | 'achievement' | 'sprint' | 'yearly';

/** Headings people give their wins, in turbowork's own journals and other tools'. */
const WIN_HEADINGS = ['wins', 'win', 'accomplishments', 'accomplished', 'achievements', 'done', 'done today', 'completed', 'shipped', 'highlights', 'what i did', 'what went well'];

/**
 * Section headings per kind (canonical name → accepted headings). Headings are compared as
 * normalizeName writes them (lower-case, no emoji, markup or trailing punctuation), at any level;
 * journal.yml's `sections:` adds more.
 */
export const SECTIONS = {
  daily: {
    goals: ['goals', 'goal', 'plan', 'plans', 'today', 'priorities', 'focus', 'top 3', 'intentions'],
    wins: WIN_HEADINGS,
    blockers: ['blockers', 'blocker', 'blocked', 'obstacles', 'impediments'],
    learnings: ['learnings', 'learning', 'learned', 'til', 'today i learned', 'lessons', 'lessons learned'],
    meetings: ['meetings', 'meeting notes'],
    notes: ['notes', 'note', 'log', 'journal', 'thoughts', 'misc'],
  },
  weekly: { wins: WIN_HEADINGS, challenges: ['challenges'], help_needed: ['help needed'], notes: ['notes'] },
  series: { agenda_template: ['agenda template'] },
  meeting: { agenda: ['agenda'], notes: ['notes'], feedback: ['feedback'], action_items: ['action items'] },
  achievement: { situation: ['situation'], task: ['task'], action: ['action'], result: ['result'] },
  sprint: { went_well: ['went well'], to_improve: ['to improve'], action_items: ['action items'] },
  objective: {},
  yearly: {},
} as const satisfies Record<EntryKind, Synonyms>;

/** Every canonical section name of any kind, for journal.yml's `sections:`. */
export const SECTION_NAMES = [...new Set(Object.values(SECTIONS).flatMap((s) => Object.keys(s)))].sort();

