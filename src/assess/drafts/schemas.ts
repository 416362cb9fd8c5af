/**
 * The JSON the model returns for a quarter and a year (and the offline drafters build), as zod
 * schemas: the response format sent to the model is generated from them. Kept apart from the drafts
 * so that a draft and its offline drafter both import them without importing each other.
 */
import { z } from 'zod';
import { ClaimSchema } from './draft.ts';

const Priority = z.enum(['high', 'medium', 'low']);

export const QuarterDraft = z.object({
  summary: ClaimSchema,
  okr_review: z.array(z.object({
    objective: z.string().describe('The objective id as written in the data, e.g. "2025-Q1/reliability".'),
    assessment: z.string().describe('How it stands and why, in one to three plain sentences.'),
    sources: z.array(z.string()),
  })),
  highlights: z.array(ClaimSchema),
  strengths: z.array(ClaimSchema),
  improvements: z.array(ClaimSchema),
  recommendations: z.array(z.object({
    priority: Priority,
    text: z.string().describe('The recommended action, one plain sentence.'),
    expected_impact: z.string().describe('What doing it should change, one plain sentence.'),
    sources: z.array(z.string()),
  })),
});
export type QuarterDraft = z.infer<typeof QuarterDraft>;

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
