/**
 * Did-you-mean: the known names nearest to what was written, by edit distance on a normalized form
 * (case, spaces, dashes and underscores ignored) and by known synonyms ("focus" → "deep_work").
 */

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

/** Levenshtein distance, with an early exit above `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, current[j]);
    }
    if (best > max) return max + 1;
    previous = current;
  }
  return previous[b.length];
}

/**
 * The known names `written` most likely meant, best first (at most `limit`): a synonym's target
 * first, then names within an edit distance of a third of their length (at least 1, at most 3).
 */
export function suggestNames(written: string, known: readonly string[], synonyms: Readonly<Record<string, string>> = {}, limit = 2): string[] {
  const target = squash(written);
  if (!target) return [];
  const found = new Set<string>();
  for (const [synonym, name] of Object.entries(synonyms)) if (squash(synonym) === target && known.includes(name)) found.add(name);
  const scored = known
    .map((name) => {
      const candidate = squash(name);
      const max = Math.min(3, Math.max(1, Math.floor(Math.max(candidate.length, target.length) / 3)));
      const distance = editDistance(target, candidate, max);
      const contains = target.length >= 4 && candidate.length >= 4 && (candidate.includes(target) || target.includes(candidate));
      return { name, distance: contains ? Math.min(distance, max) : distance, max };
    })
    .filter((s) => s.distance <= s.max)
    .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name));
  for (const s of scored) found.add(s.name);
  return [...found].slice(0, limit);
}
