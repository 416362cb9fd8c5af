/**
 * One zod schema per entry kind's front matter, plus journal.yml. These are the single source of the
 * journal's types and of the JSON Schemas editors use (`npm run schemas` writes them to schemas/).
 * Unknown keys are kept (looseObject), never rejected: they belong to the user.
 */
import { z } from 'zod';
import { isCalendarDate } from './dates.ts';

/** True for a time zone Intl knows, e.g. "Europe/Berlin". */
function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * A local calendar date, "YYYY-MM-DD". A date-time ("2025-03-04T09:30:00", "2025-03-04 09:30")
 * gives its date part. Impossible dates carry the `date-invalid` code.
 */
export const IsoDate = z
  .string({ error: 'expected a date YYYY-MM-DD' })
  .regex(/^\d{4}-\d{2}-\d{2}(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?: ?(?:Z|[+-]\d{2}:?\d{2}))?)?$/, { error: 'expected a date YYYY-MM-DD' })
  .transform((text) => text.slice(0, 10))
  .refine(isCalendarDate, { error: 'expected a date that exists on the calendar', params: { code: 'date-invalid' } })
  .describe('a date YYYY-MM-DD (a date-time gives its date)');

/** Splits "work, oncall", "#work #oncall" or a list into tags, lower-case and without "#". */
function splitTags(value: string | string[]): string[] {
  const words = (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(/[\s,]+/));
  return [...new Set(words.map((w) => w.replace(/^#/, '').toLowerCase()).filter(Boolean))];
}
/** Tags: a list, or one string separated by commas or spaces, each with or without "#". */
const tagList = z
  .union([z.array(z.string()), z.string()])
  .transform(splitTags)
  .describe('tags, as a list or as "a, b" / "#a #b"');

/** An ISO week, e.g. "2025-W06". */
export const IsoWeek = z.string().regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, { error: 'expected an ISO week YYYY-Www' });
/** A quarter, e.g. "2025-Q1". */
export const Quarter = z.string().regex(/^\d{4}-Q[1-4]$/, { error: 'expected a quarter YYYY-Qn' });

const hoursField = z.number().min(0).describe('a number of hours ≥ 0');
const scale = z.int().min(1).max(5).describe('an integer 1–5');
const strings = z.array(z.string());
const confidence = z.enum(['on_track', 'at_risk', 'off_track']);
/** `private: true` keeps the entry out of every prompt and out of a --public site. */
const privateField = z.boolean().optional().describe('true keeps this entry out of prompts and public sites');

/** Front matter of a daily log, daily/**\/YYYY-MM-DD.md. */
export const DailyLogMeta = z.looseObject({
  /** The day; defaults to the file name's date. */
  date: IsoDate.optional(),
  /** Hours worked. */
  hours: hoursField.optional(),
  /** Focused, uninterrupted hours. */
  deep_work: hoursField.optional(),
  /** Hours in meetings. */
  meetings: hoursField.optional(),
  context_switches: z.int().min(0).optional(),
  energy: scale.optional(),
  stress: scale.optional(),
  /** Work/life balance. */
  balance: scale.optional(),
  mood: z.enum(['great', 'good', 'neutral', 'challenging', 'difficult']).optional(),
  /** Objective ids this day served, e.g. "2025-Q1/reliability". */
  okrs: strings.optional(),
  projects: strings.optional(),
  tags: tagList.optional(),
  /** Billable hours. */
  billable: hoursField.optional(),
  private: privateField,
});
export type DailyLogMeta = z.infer<typeof DailyLogMeta>;

/** Front matter of a weekly check-in, weekly/YYYY-Www.md. */
export const WeeklyCheckinMeta = z.looseObject({
  /** The ISO week; defaults to the file name. */
  week: IsoWeek.optional(),
  confidence: confidence.optional(),
  /** Replaces the computed status ("good engineer, bad week"). */
  status_override: z.enum(['green', 'yellow', 'red']).optional(),
  override_reason: z.string().optional(),
  private: privateField,
});
export type WeeklyCheckinMeta = z.infer<typeof WeeklyCheckinMeta>;

/** One check-in on a key result. */
export const CheckIn = z.looseObject({
  date: IsoDate,
  value: z.number(),
  confidence: confidence.optional(),
  note: z.string().optional(),
});
export type CheckIn = z.infer<typeof CheckIn>;

/** One key result of an objective. */
export const KeyResult = z.looseObject({
  /** Unique within its objective, e.g. "uptime". */
  id: z.string().regex(/^[\w.-]+$/, { error: 'expected an id of letters, digits, _ . or -' }),
  title: z.string(),
  start: z.number(),
  target: z.number(),
  unit: z.string().optional(),
  /** Weight in the objective's progress, default 1. */
  weight: z.number().positive().default(1),
  check_ins: z.array(CheckIn).default([]),
});
export type KeyResult = z.infer<typeof KeyResult>;

/** Front matter of an objective, okrs/YYYY-Qn/<slug>.md. */
export const ObjectiveMeta = z.looseObject({
  title: z.string(),
  /** The quarter; defaults to the folder name. Or give start and end. */
  quarter: Quarter.optional(),
  start: IsoDate.optional(),
  end: IsoDate.optional(),
  status: z.enum(['draft', 'active', 'achieved', 'missed', 'cancelled']).default('active'),
  key_results: z.array(KeyResult).default([]),
  private: privateField,
});
export type ObjectiveMeta = z.infer<typeof ObjectiveMeta>;

/** Front matter of one-on-ones/<series>/_series.md. */
export const SeriesMeta = z.looseObject({
  /** The other person's name. */
  with: z.string(),
  relationship: z.enum(['manager', 'peer', 'direct_report', 'skip_level', 'mentor']).optional(),
  cadence: z.enum(['weekly', 'biweekly', 'monthly']).default('biweekly'),
  active: z.boolean().default(true),
  private: privateField,
});
export type SeriesMeta = z.infer<typeof SeriesMeta>;

/** Front matter of a 1:1 meeting, one-on-ones/<series>/YYYY-MM-DD.md. */
export const MeetingMeta = z.looseObject({
  date: IsoDate.optional(),
  mood: scale.optional(),
  topics: strings.optional(),
  private: privateField,
});
export type MeetingMeta = z.infer<typeof MeetingMeta>;

/** The headline figure of an achievement: before and after, or a single value. */
export const AchievementMetric = z.looseObject({
  name: z.string(),
  unit: z.string().optional(),
  before: z.number().optional(),
  after: z.number().optional(),
  value: z.number().optional(),
});

/** Front matter of an achievement, achievements/*.md. */
export const AchievementMeta = z.looseObject({
  title: z.string(),
  /** Defaults to a date at the start of the file name. */
  date: IsoDate.optional(),
  dimensions: strings.optional(),
  skills: strings.optional(),
  okrs: strings.optional(),
  highlight: z.boolean().optional(),
  metric: AchievementMetric.optional(),
  private: privateField,
});
export type AchievementMeta = z.infer<typeof AchievementMeta>;

/** Front matter of a sprint, sprints/*.md. */
export const SprintMeta = z.looseObject({
  name: z.string().optional(),
  start: IsoDate.optional(),
  end: IsoDate.optional(),
  goal: z.string().optional(),
  planned_points: z.number().min(0).optional(),
  completed_points: z.number().min(0).optional(),
  private: privateField,
});
export type SprintMeta = z.infer<typeof SprintMeta>;

/** A self-rating of one competency. */
export const SelfRating = z.enum(['strong', 'meets', 'needs_improvement']);
export type SelfRating = z.infer<typeof SelfRating>;

/** A self-rating per competency of journal.yml's `competencies`, e.g. { reliability: strong }. */
const SelfRatings = z.record(z.string(), SelfRating).describe('your own rating per competency: strong, meets or needs_improvement');

/** Front matter of the year's file, yearly/YYYY.md: what the person sets for one (fiscal) year. */
export const YearlyMeta = z.looseObject({
  /** The year, as the fiscal year starting in it is named; defaults to the file name. */
  year: z.union([z.int().min(1000).max(9999), z.string().regex(/^\d{4}$/, { error: 'expected a year YYYY, e.g. 2026' })]).optional()
    .describe('a year YYYY; defaults to the file name'),
  /** The year's self-ratings; each wins over journal.yml's rating of the same competency for this year. */
  self_ratings: SelfRatings.optional(),
  private: privateField,
});
export type YearlyMeta = z.infer<typeof YearlyMeta>;

const weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);

/** journal.yml: every setting is optional. */
export const JournalConfig = z.looseObject({
  person: z
    .looseObject({ name: z.string(), role: z.string(), company: z.string(), manager: z.string() })
    .partial()
    .default({}),
  work_days: z.array(weekday).default(['mon', 'tue', 'wed', 'thu', 'fri']),
  /** Fiscal year start, "MM-DD"; quarters follow it. */
  year_start: z
    .string()
    .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { error: 'expected a month and day MM-DD, e.g. "04-01"' })
    .default('01-01'),
  /** Rows of the self-assessment's STAR table. */
  competencies: strings.default(['technical_execution', 'collaboration', 'ownership', 'communication']),
  /**
   * The person's own rating of each competency, per year: { "2026": { reliability: strong } }.
   * Shown in the STAR table (✅ strong or meets, ⚠️ needs improvement); no model ever rates.
   */
  self_ratings: z.record(z.string(), SelfRatings).default({}),
  /**
   * Read the journal as of this date instead of today (a command's --as-of still wins): for a
   * journal whose drafts are committed and must not change with the calendar, such as the sample.
   */
  as_of: IsoDate.optional(),
  scoring: z
    .looseObject({
      weights: z
        .looseObject({
          delivery: z.number().min(0).default(30),
          focus: z.number().min(0).default(20),
          alignment: z.number().min(0).default(20),
          consistency: z.number().min(0).default(15),
          wellbeing: z.number().min(0).default(15),
        })
        .default({ delivery: 30, focus: 20, alignment: 20, consistency: 15, wellbeing: 15 }),
      thresholds: z
        .looseObject({ green: z.number().default(70), yellow: z.number().default(50) })
        .default({ green: 70, yellow: 50 }),
      targets: z
        .looseObject({
          wins_per_day: z.number().positive().default(2),
          deep_work_ratio: z.number().positive().default(0.5),
        })
        .default({ wins_per_day: 2, deep_work_ratio: 0.5 }),
    })
    .default({
      weights: { delivery: 30, focus: 20, alignment: 20, consistency: 15, wellbeing: 15 },
      thresholds: { green: 70, yellow: 50 },
      targets: { wins_per_day: 2, deep_work_ratio: 0.5 },
    }),
  llm: z
    .looseObject({
      base_url: z.url().optional(),
      model: z.string().optional(),
      /** The environment variable holding the API key; the key never lives in the repo. */
      api_key_env: z.string().default('OPENAI_API_KEY'),
      timeout_s: z.number().positive().optional(),
      max_input_tokens: z.int().positive().default(12000),
    })
    .default({ api_key_env: 'OPENAI_API_KEY', max_input_tokens: 12000 }),
  /** Words replaced before any prompt, besides emails, phone numbers and secrets. */
  redact: strings.default([]),
  site: z.looseObject({ title: z.string().optional(), base: z.string().default('/') }).default({ base: '/' }),
  /** More headings per section, e.g. `wins: [Shipped it, Done & dusted]`: added to the built-in synonyms. */
  sections: z
    .record(z.string(), z.array(z.string()))
    .default({})
    .describe('more headings per section, e.g. wins: [Shipped it]'),
  /** Evidence imported by `turbowork import git|ics`. */
  evidence: z
    .looseObject({
      /** Repositories `import git` reads when none is named, relative to the journal folder, e.g. "../payments-api". */
      repos: strings.default([]),
      /** Commit author emails; default each repository's user.email. */
      authors: strings.default([]),
      /** Commits before this date are not imported. */
      since: IsoDate.optional(),
      /** The IANA time zone your days are in, for calendar events, e.g. "Europe/Berlin"; default the system's. */
      time_zone: z.string().refine(isTimeZone, { error: 'expected an IANA time zone such as "Europe/Berlin"' }).optional(),
    })
    .default({ repos: [], authors: [] }),
  /** Info-level advice from `check` (a win without a figure); false turns it off. */
  nudges: z.boolean().default(true),
});
export type JournalConfig = z.infer<typeof JournalConfig>;

/** The schemas editors get as JSON Schema files, by file name. */
export const EDITOR_SCHEMAS = {
  'journal.schema.json': JournalConfig,
  'daily.schema.json': DailyLogMeta,
  'weekly.schema.json': WeeklyCheckinMeta,
  'objective.schema.json': ObjectiveMeta,
  'series.schema.json': SeriesMeta,
  'meeting.schema.json': MeetingMeta,
  'achievement.schema.json': AchievementMeta,
  'sprint.schema.json': SprintMeta,
  'yearly.schema.json': YearlyMeta,
} as const;

/**
 * Descriptions editors show on hover, by key, for the keys whose schema carries none of its own
 * (a key means the same in every file it appears in).
 */
const DESCRIPTIONS: Record<string, string> = {
  person: 'Who the journal is about, for the assessments', name: 'A name', role: 'Job title', company: 'Employer',
  manager: 'Your manager\'s name', work_days: 'The days you work, e.g. [mon, tue, wed, thu, fri]; gaps count only these',
  year_start: 'Fiscal year start, MM-DD; quarters follow it', competencies: 'Rows of the self-assessment\'s STAR table',
  scoring: 'How weekly scores are weighed and coloured', weights: 'Weight of each score dimension in the composite',
  delivery: 'Weight of wins per logged day', focus: 'Weight of deep work over hours', alignment: 'Weight of wins tied to objectives',
  consistency: 'Weight of work days with a log', wellbeing: 'Weight of energy, stress and balance',
  thresholds: 'Composite scores for green and yellow', green: 'Composite at or above which a week is green',
  yellow: 'Composite at or above which a week is yellow (below: red)', targets: 'What a full score means',
  wins_per_day: 'Wins per logged day for a full delivery score', deep_work_ratio: 'Share of hours in deep work for a full focus score',
  llm: 'The language model for assessment drafts (OpenAI-compatible)', base_url: 'The API\'s base URL, e.g. http://127.0.0.1:11434/v1',
  model: 'The model name', api_key_env: 'The environment variable holding the API key (never the key itself)',
  timeout_s: 'Seconds to wait for one model call', max_input_tokens: 'The most tokens one prompt may hold',
  redact: 'Words replaced before any prompt, besides emails, phone numbers and secrets', site: 'The site build',
  title: 'The title', base: 'The site\'s base path, e.g. / or /journal/', context_switches: 'How often you switched tasks',
  mood: 'How the day or meeting felt', okrs: 'Objective ids this entry served, e.g. 2025-Q1/reliability',
  projects: 'Projects this day was about', week: 'The ISO week, YYYY-Www; defaults to the file name',
  confidence: 'How likely the goals are met: on_track, at_risk or off_track', status_override: 'Replaces the computed status of the week',
  override_reason: 'Why the status was overridden', quarter: 'The quarter, YYYY-Qn; defaults to the folder name',
  status: 'Where the objective stands', key_results: 'The measurable results of the objective', id: 'Unique within its objective, e.g. uptime',
  start: 'The start (a date, or a key result\'s starting value)', target: 'The value the key result aims at', unit: 'Unit of the values, e.g. %',
  weight: 'Weight in the objective\'s progress (default 1)', check_ins: 'Dated values of the key result', value: 'A measured value',
  note: 'A note', with: 'The other person\'s name', relationship: 'Who they are to you', cadence: 'How often you meet',
  active: 'false for a series that ended', topics: 'What the meeting was about', dimensions: 'Review dimensions this shows',
  skills: 'Skills this shows', highlight: 'true for one of the year\'s highlights', metric: 'The headline figure: before and after, or a value',
  before: 'The value before', after: 'The value after', goal: 'The sprint goal', planned_points: 'Points planned', completed_points: 'Points completed',
  sections: 'More headings per section, e.g. wins: [Shipped it]; added to the built-in ones',
};

/** Front-matter keys other tools write (Obsidian properties): allowed, never read. */
const FOREIGN_PROPERTIES = ['aliases', 'cssclasses', 'created', 'updated', 'tags'];

/**
 * JSON Schema (draft 2020-12) for one kind, describing what a user may write, as `check` reads it:
 * every key described, a key left blank (null) allowed, an unknown key reported (but the keys
 * Obsidian writes are allowed).
 */
export function renderJsonSchema(schema: z.ZodType): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  const frontMatter = schema !== JournalConfig;
  const visit = (node: unknown, top: boolean): void => {
    if (typeof node !== 'object' || node === null) return;
    const n = node as Record<string, unknown>;
    if (n.type === 'object' && n.properties) {
      const properties = n.properties as Record<string, Record<string, unknown>>;
      for (const [key, property] of Object.entries(properties)) {
        visit(property, false);
        const { description, ...rest } = property;
        properties[key] = { description: (description as string | undefined) ?? DESCRIPTIONS[key] ?? key, anyOf: [rest, { type: 'null' }] };
      }
      if (top && frontMatter) for (const key of FOREIGN_PROPERTIES) properties[key] ??= { description: 'Written by another tool (Obsidian); kept, not read' };
      n.additionalProperties = false;
    }
    for (const child of [n.items, ...((n.anyOf as unknown[]) ?? []), ...((n.oneOf as unknown[]) ?? [])]) visit(child, false);
    if (n.additionalProperties && typeof n.additionalProperties === 'object') visit(n.additionalProperties, false);
  };
  visit(json, true);
  return json;
}
