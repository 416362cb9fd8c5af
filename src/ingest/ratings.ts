/**
 * Self-ratings: the person's own rating of each competency for a year, from journal.yml's
 * `self_ratings:` or the year's file (`yearly/YYYY.md`), which wins for its year. Pure: which rating
 * holds, and which ratings name no competency of journal.yml.
 */
import { diagnose, type Diagnostic } from './diagnostics.ts';
import type { JournalConfig, SelfRating } from './schema.ts';
import { suggestNames } from './suggest.ts';

/** A rating as written, with where it was written. */
export interface WrittenRating {
  year: string;
  competency: string;
  rating: SelfRating;
  file: string;
  line: number;
  column: number;
}

/** Competency names match ignoring case, spaces, "_" and "-": "Technical execution" is technical_execution. */
export const competencyKey = (name: string) => name.toLowerCase().replace(/[\s_-]+/g, '');

/**
 * The year's rating per configured competency (keyed as journal.yml lists it): journal.yml's, then the
 * year's file's over it, competency by competency.
 */
export function resolveRatings(config: JournalConfig, year: string, fromYearFile: readonly Pick<WrittenRating, 'competency' | 'rating'>[]): Record<string, SelfRating> {
  const written = [...Object.entries(config.self_ratings[year] ?? {}), ...fromYearFile.map((r) => [r.competency, r.rating] as const)];
  const ratings: Record<string, SelfRating> = {};
  for (const competency of config.competencies) {
    const rating = written.findLast(([name]) => competencyKey(name) === competencyKey(competency))?.[1];
    if (rating) ratings[competency] = rating;
  }
  return ratings;
}

/** `rating-competency-unknown` for each rating that names no competency of journal.yml. */
export function validateRatings(ratings: readonly WrittenRating[], competencies: readonly string[]): Diagnostic[] {
  const known = new Set(competencies.map(competencyKey));
  return ratings
    .filter((r) => !known.has(competencyKey(r.competency)))
    .map((r) => diagnose('rating-competency-unknown', { file: r.file, line: r.line, column: r.column }, {
      competency: r.competency, year: r.year, known: competencies, suggestions: suggestNames(r.competency, competencies),
    }));
}
