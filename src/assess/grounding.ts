/**
 * The grounding check: every number a model writes must be one the inputs contain. Numbers are
 * compared by value, so "250K", "250,000" and "$250,000" are one number, "86%" matches 85.9, and
 * "1.2M" matches 1,234,567 (a figure matches when it equals a known value rounded to the precision
 * it was written with). Known values are every number in the prompt's data, the period's figures,
 * and what follows directly from them: differences, ratios and % changes of before/after pairs, and
 * fractions as percentages.
 *
 * Not checked, because they are not claims: dates, ISO weeks, quarters, sprint ids, bare years,
 * "1:1", ordinals ("3rd"), and digits inside words or ids ("p95", "P0", "S42", "v2").
 */

/** A number as written in text, e.g. { raw: "$250K", value: 250000, tolerance: 500 }. */
export interface FoundNumber {
  raw: string;
  index: number;
  value: number;
  /** Half a unit of the last written digit, in the same scale as value. */
  tolerance: number;
}

const SCALES: Record<string, number> = { k: 1e3, thousand: 1e3, m: 1e6, mm: 1e6, million: 1e6, b: 1e9, bn: 1e9, billion: 1e9 };

// Text with digits that is no figure; blanked (same length) before numbers are read.
const NOT_FIGURES = [
  /\b\d{4}-\d{2}-\d{2}\b/g, // dates
  /\b\d{4}-W\d{2}\b/gi, // weeks
  /\b(?:\d{4}-)?Q[1-4]\b/gi, // quarters
  /\b\d{4}-S\d+\b/gi, // sprints
  /\b1:1s?\b/gi, // one-on-ones
  /\b\d{1,2}:\d{2}\b/g, // times of day
  /\[[A-Z]+\]/g, // redaction placeholders
  /\b\d+(?:\.\d+){2,}\b/g, // versions and IP addresses: 2.3.1, 10.0.0.1
  /\b\d+(?:st|nd|rd|th)\b/gi, // ordinals
];

// e.g. "$250K", "1,200", "99.95%", "1.2 million", "€40k"
const NUMBER = /(?<![\w.])(?<currency>[$€£¥]\s?)?(?<whole>\d{1,3}(?:,\d{3})+|\d+)(?<fraction>\.\d+)?(?:\s?(?<scale>k|mm|m|bn|b|thousand|million|billion)\b)?(?<percent>\s?%)?/gi;

/** Every figure in `text`. */
export function findNumbers(text: string): FoundNumber[] {
  let blanked = text;
  for (const pattern of NOT_FIGURES) blanked = blanked.replace(pattern, (m) => ' '.repeat(m.length));
  const found: FoundNumber[] = [];
  for (const match of blanked.matchAll(NUMBER)) {
    const { currency, whole, fraction = '', scale, percent } = match.groups as Record<string, string | undefined>;
    // Digits after "#", "/" or "-" are ids, paths or ranges: "#1234", "/v1", "2-3".
    if (/[#/_-]/.test(blanked[match.index - 1] ?? ' ')) continue;
    const isYear = !currency && !scale && !percent && !fraction && /^(19[5-9]\d|20\d\d|2100)$/.test(whole!);
    if (isYear) continue;
    const factor = scale ? SCALES[scale.toLowerCase()] : 1;
    const decimals = fraction.length > 0 ? fraction.length - 1 : 0;
    found.push({
      raw: match[0],
      index: match.index,
      value: Number(whole!.replace(/,/g, '') + fraction) * factor,
      tolerance: 0.5 * 10 ** -decimals * factor,
    });
  }
  return found;
}

/** The values a draft may use: numbers from the inputs plus what follows directly from them. */
export class KnownNumbers {
  readonly #values = new Set<number>();

  /** Adds every number in a text, e.g. the prompt's data. */
  addText(text: string): this {
    for (const n of findNumbers(text)) this.add(n.value);
    return this;
  }

  /** Adds a value and its forms: as a percentage if a fraction, as a fraction if a percentage. */
  add(value: number | null | undefined): this {
    if (value === null || value === undefined || !Number.isFinite(value)) return this;
    for (const v of [value, Math.abs(value), value * 100, value / 100]) this.#values.add(v);
    return this;
  }

  /** Adds a before/after pair and the change between them (difference, ratio, % change). */
  addChange(before: number | null | undefined, after: number | null | undefined): this {
    if (before === null || before === undefined || after === null || after === undefined) return this;
    this.add(before).add(after).add(after - before);
    if (before !== 0) this.add(((after - before) / before) * 100).add(after / before);
    if (after !== 0) this.add(before / after);
    return this;
  }

  /** True when `n` is a known value at the precision it was written with. */
  has(n: FoundNumber): boolean {
    // The epsilon absorbs float error at the rounding boundary (70.25 shown as "70.3").
    for (const v of this.#values) if (Math.abs(v - n.value) <= n.tolerance + 1e-6 * Math.max(1, Math.abs(v))) return true;
    return false;
  }
}

/** A span of a text: either plain text or a figure, checked. */
export type Span = { text: string; figure: false } | { text: string; figure: true; verified: boolean };

/** Splits a model-written text into spans, checking each figure; unverified raw figures are collected. */
export function checkText(text: string, known: KnownNumbers, unverified: Set<string>): Span[] {
  const spans: Span[] = [];
  let at = 0;
  for (const n of findNumbers(text)) {
    if (n.index > at) spans.push({ text: text.slice(at, n.index), figure: false });
    const verified = known.has(n);
    if (!verified) unverified.add(n.raw);
    spans.push({ text: n.raw, figure: true, verified });
    at = n.index + n.raw.length;
  }
  if (at < text.length) spans.push({ text: text.slice(at), figure: false });
  return spans;
}
