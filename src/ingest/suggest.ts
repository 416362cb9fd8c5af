/**
 * Did-you-mean, for the journal's keys and headings and for the command line: the known names
 * nearest to what was written, by edit distance on a normalized form (case, spaces, dashes and
 * underscores ignored) and by known synonyms ("focus" → "deep_work").
 */
import leven from 'leven';

/** Lower-case, without emoji, markup, separators and trailing punctuation: "✅ Done today:" → "done today". */
export function normalizeName(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\u{FE0F}\u{200D}\u{20E3}]/gu, ' ')
    .replace(/[*_`~=[\]]/g, ' ')
    .replace(/[\s\p{P}]+$/u, '')
    .replace(/^[\s\p{P}]+/u, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** The name compared for typos: letters and digits only. */
const squash = (text: string) => normalizeName(text).replace(/[^\p{L}\p{N}]/gu, '');

/** How far a name may be from what was written: a third of its length, at least 1, at most 3. */
const THIRD = (length: number) => Math.min(3, Math.max(1, Math.floor(length / 3)));

export interface SuggestOptions {
  /** Misspellings and other names that mean a known name: { focus: 'deep_work' }. */
  synonyms?: Readonly<Record<string, string>>;
  /** At most this many names, best first. */
  limit?: number;
  /** The largest edit distance accepted for a name of this length (the longer of the two). */
  maxDistance?: (length: number) => number;
}

/**
 * The known names `written` most likely meant, best first: a synonym's target first, then names
 * within `maxDistance` edits (or containing, or contained in, what was written).
 */
export function suggestNames(written: string, known: readonly string[], { synonyms = {}, limit = 2, maxDistance = THIRD }: SuggestOptions = {}): string[] {
  const target = squash(written);
  if (!target) return [];
  const found = new Set<string>();
  for (const [synonym, name] of Object.entries(synonyms)) if (squash(synonym) === target && known.includes(name)) found.add(name);
  const scored = known
    .map((name) => {
      const candidate = squash(name);
      const max = maxDistance(Math.max(candidate.length, target.length));
      const distance = leven(target, candidate);
      const contains = target.length >= 4 && candidate.length >= 4 && (candidate.includes(target) || target.includes(candidate));
      return { name, distance: contains ? Math.min(distance, max) : distance, max };
    })
    .filter((s) => s.distance <= s.max)
    .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name));
  for (const s of scored) found.add(s.name);
  return [...found].slice(0, limit);
}
