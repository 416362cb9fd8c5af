/**
 * Metrics read from the text of one win (one list item under "Wins"), e.g.
 * "Cut p95 latency on /search from 850ms to 120ms by adding a covering index #perf".
 *
 * JOURNAL_FORMAT.md ("Daily log") names the patterns; these are the choices it leaves open:
 * - Shapes: before → after ("from 850ms to 120ms", "850ms → 120ms", "2 minutes instead of 25 minutes"),
 *   percent ("by 86%"), money ("$250K", "€40k", "USD 5,000"), duration ("45 minutes", "2h"). What a
 *   number means (its MetricKind) is then decided from its shape and the words around it: see
 *   classify() and docs/scoring.md ("What a metric means").
 * - Overlaps are resolved by span: the match that starts first wins, then the longer one, so the
 *   numbers a before/after consumed are not reported again.
 * - Before/after sides share one unit. A bare side borrows the other's ("from 850 to 120ms"); two
 *   durations are converted to the finer unit ("from 2h to 45 minutes" → 120 → 45 min). Sides that
 *   cannot be compared ("from 5% to $3K", "$10K → €9K") make no before/after: each side is read on
 *   its own. Two bare numbers take the next word as unit ("from 12 to 3 flaky tests" → "flaky"),
 *   or null after a connective ("by", "in"…); two bare years ("from 2024 to 2025") are no metric.
 * - Durations: `value` is in minutes, so time saved can be summed; `unit` keeps the scale written
 *   (ms, s, min, h). Days, weeks and months are not read: "30 days" in a win is a span of the
 *   calendar far more often than time saved. Nor is a bare "m" (minutes, million or metres?), nor
 *   compounds like "1h30m" beyond their parts.
 * - Money: "$" is USD, "€" EUR, "£" GBP, "¥" JPY; the codes also count, before or after the
 *   amount; k/m/b/bn and thousand/million/billion scale it. Without a currency "250K" is no metric.
 * - A change's sign is its direction ("cut by 86%" is 86, down, change −0.86), and "3x faster" is not
 *   read (no ratio kind). Counts are not rows: the grounding of drafts reads them from the text.
 * - Never numbers: inline code, wiki links, URLs and link targets, dates, ISO weeks, quarters and
 *   sprints, versions, ticket ids, #tags, #1234, @owners, key:value tokens (due:2026-03-01) and
 *   times of day. They are blanked before matching, so columns still point into the input.
 */
import { z } from 'zod';

/**
 * What a metric means, decided here so that totals add only like with like (docs/scoring.md):
 * - change: a before → after ("from 850ms to 120ms"), or a change given as a percent ("down by 86%");
 * - saving: money saved ("saves $18K a year", "spend down another $3K a month");
 * - cost: money spent or to be spent ("about $1,100 a month of extra memory", "monthly spend at $68K");
 * - target: an amount aimed at ("short of the $62K target");
 * - amount: money that is none of these ("protects a €40k renewal");
 * - duration: a window or span of time ("settled at 140ms over 48 hours", "paired for 2h"), never a saving;
 * - rate: a percentage that is a level, not a change ("coverage at 82%").
 */
export const MetricKind = z.enum(['change', 'saving', 'cost', 'target', 'amount', 'duration', 'rate']);
export type MetricKind = z.infer<typeof MetricKind>;

/** How often a saving or cost recurs: once, a week, a month, a year, or over several years ("over three years"). */
export const MetricPer = z.enum(['once', 'day', 'week', 'month', 'year', 'years']);
export type MetricPer = z.infer<typeof MetricPer>;

/** One number (or pair of numbers) read from a win. */
export const Metric = z.object({
  /** before_after, percent, money or duration. */
  kind: MetricKind,
  /** The exact substring matched, e.g. "from 850ms to 120ms". */
  text: z.string(),
  /** 0-based offset of `text` in the win's text, in UTF-16 code units. */
  column: z.number().int().nonnegative(),
  /** The after side (in `unit`), the percentage (86), the amount (250000) or minutes (45). */
  value: z.number().nullable(),
  /** before_after only: the before side in `unit`, e.g. 850; else null. */
  before: z.number().nullable(),
  /** before_after only: the after side in `unit`, e.g. 120; else null. */
  after: z.number().nullable(),
  /** "%", "ms" | "s" | "min" | "h" | "d", a currency code ("USD"), a word ("flaky") or null. */
  unit: z.string().nullable(),
  /** change only: "down" or "up" (from the sides, or the verb before "by 86%"); null when unsaid. */
  direction: z.enum(['down', 'up']).nullable(),
  /** change only: (after − before) / before, or ±percent / 100 for "down by 86%"; null when before is 0. */
  change: z.number().nullable(),
  /** money only: once, month, year or years. */
  per: MetricPer.nullable(),
  /** savings and costs a month or a year: the amount a year (a month × 12); else null. */
  per_year: z.number().nullable(),
  /** A change of a duration that went down and is not a latency: minutes saved each time; else null. */
  minutes_saved: z.number().nullable(),
});
export type Metric = z.infer<typeof Metric>;

// Pieces of the patterns below. A number stands alone: not the 95 of "p95", the 3 of "3x" or "3.5".
const NUMBER = String.raw`(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?`; // e.g. "850", "3,400", "99.95"
const START = String.raw`(?<![\w.,\-])`;
const END = String.raw`(?!\w|[.,]\d)`;
const SCALE = String.raw`(?:\s?(?:bn|[kmb])|\s(?:thousand|million|billion))`; // e.g. "K", " million"
const CURRENCY = String.raw`(?:[$€£¥]|(?:usd|eur|gbp|jpy)(?![a-z]))`;

// e.g. "$250K", "$1.2M", "€40k", "£3,000", "USD 5,000", "$1.5 billion", "5,000 EUR", "40 €"
const MONEY = `(?:${CURRENCY}\\s?${NUMBER}${SCALE}?|${NUMBER}${SCALE}?\\s?${CURRENCY})${END}`;
// e.g. "86%", "12.5 %", "40 percent"
const PERCENT = `${NUMBER}\\s?(?:%|percent)${END}`;
// e.g. "200ms", "90s", "3 sec", "30 min", "45 minutes", "2h", "1.5 hours"
const DURATION = `${NUMBER}\\s?(?:ms|msecs?|milliseconds?|s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?)${END}`;
// One side of a before/after: any of the above or a bare number, e.g. "~850ms", "12"
const SIDE = `(?:(?:under|below|about|around|nearly)\\s+)?${START}~?(?:${MONEY}|${PERCENT}|${DURATION}|${NUMBER}${END})`;

const STANDALONE = new RegExp(`${START}(?:${MONEY}|${PERCENT}|${DURATION})`, 'gi');
// e.g. "from 850ms to 120ms", "from 12 down to 3", "850ms → 120ms", "99.87% -> 99.95%",
// "in under 2 minutes instead of 25 minutes" (after, then before)
export const BEFORE_AFTER = new RegExp(
  `\\bfrom\\s+(${SIDE})\\s+(?:(?:down|up)\\s+)?to\\s+(${SIDE})|(${SIDE})\\s*(?:->|→|=>|⟶)\\s*(${SIDE})` +
    `|(${SIDE})\\s+instead\\s+of\\s+(${SIDE})`,
  'gi',
);
/**
 * What every match of BEFORE_AFTER holds: "from" and a blank, an arrow, or "instead of" between
 * blanks. A text without any is not searched with BEFORE_AFTER, whose first search costs a process
 * 13–17 ms of regular-expression compiling (docs/benchmarks.md, issue 15), more than parsing a day's
 * file; `metrics.property.test.ts` holds the two together.
 */
export const BEFORE_AFTER_NEEDS = /\bfrom\s|->|→|=>|⟶|\sinstead\s+of\s/i;
const FIRST_NUMBER = new RegExp(NUMBER);
const HAS_DIGIT = /\d/;
const NEXT_WORD = /\s+(\p{L}[\p{L}-]*)/uy; // e.g. " flaky" after "from 12 to 3"
const CONNECTIVES = new Set(
  'a an and as at after before by for from in into of on or over per since so the to via when while with within'.split(' '),
);

// Text that holds digits but no metric; blanked (same length) before matching.
const NOT_METRICS = [
  /`[^`]*`/g, // inline code: `retries=3`
  /\[\[[^\]]*\]\]/g, // wiki links: [[2026-Q1/reliability#latency]]
  /\]\([^)]*\)/g, // link targets: [PR](https://github.com/acme/api/pull/42)
  /\b(?:https?:\/\/|www\.)\S+/gi, // bare URLs
  /\b[a-z][\w-]*::?\S+/gi, // key:value tokens: due:2026-03-01, effort::3
  /\b\d{4}-\d{2}-\d{2}\b/g, // dates: 2026-03-10
  /\b\d{4}-[WQS]\d{1,2}\b/gi, // periods: 2026-W06, 2026-Q1, 2025-S42
  /\bv\d+(?:\.\d+)*\b|\b\d+(?:\.\d+){2,}\b/gi, // versions: v2, v2.3.1, 1.20.4
  /\b[A-Z][A-Z0-9]*-\d+\b/g, // ticket ids: JIRA-1234 (upper case only)
  /[#@][\p{L}\p{N}_/.:-]+/gu, // tags, issue numbers, owners: #perf, #1234, @sam
  /\b\d{1,2}:\d{2}(?::\d{2})?\b/g, // times of day: 10:30
];

const CURRENCY_CODES: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY' };
const SCALE_EXPONENTS: Record<string, number> = { thousand: 3, million: 6, billion: 9, bn: 9, k: 3, m: 6, b: 9 };
const DURATION_MS = { ms: 1, s: 1_000, min: 60_000, h: 3_600_000 };
type DurationUnit = keyof typeof DURATION_MS;

/** A number with what it counts, before it becomes a metric. */
type Quantity =
  | { kind: 'duration'; amount: number; unit: DurationUnit }
  | { kind: 'percent' | 'money' | 'number'; amount: number; unit: string | null };

/** A number matched in a win, before its meaning is decided. */
type Match = Pick<Metric, 'text' | 'column' | 'value' | 'before' | 'after' | 'unit'> & {
  shape: 'before_after' | 'percent' | 'money' | 'duration';
};

/** Reads the metrics in one win's text, in order of appearance. */
export function parseMetrics(text: string): Metric[] {
  // Every pattern needs a digit: most wins have none, or only in what is masked (a wiki link's period).
  if (!HAS_DIGIT.test(text)) return [];
  const masked = NOT_METRICS.reduce((s, re) => s.replace(re, (m) => ' '.repeat(m.length)), text);
  if (!HAS_DIGIT.test(masked)) return [];
  const found: Match[] = [];
  for (const m of BEFORE_AFTER_NEEDS.test(masked) ? masked.matchAll(BEFORE_AFTER) : []) {
    // "from A to B", "A → B", or "B instead of A" (the after side first)
    const [before = '', after = ''] = m[1] !== undefined ? [m[1], m[2]] : m[3] !== undefined ? [m[3], m[4]] : [m[6], m[5]];
    const pair = comparePair(readQuantity(before), readQuantity(after), wordAt(masked, m.index + m[0].length));
    if (!pair) continue; // e.g. "from 5% to $3K": the sides are read on their own below
    const matched = text.slice(m.index, m.index + m[0].length);
    found.push({ shape: 'before_after', text: matched, column: m.index, value: pair.after, ...pair });
  }
  for (const m of masked.matchAll(STANDALONE)) {
    const q = readQuantity(m[0]);
    if (q.kind === 'number') continue; // unreachable: STANDALONE always matches a unit
    const value = q.kind === 'duration' ? inUnit(q, 'min') : q.amount;
    const matched = text.slice(m.index, m.index + m[0].length);
    found.push({ shape: q.kind, text: matched, column: m.index, value, before: null, after: null, unit: q.unit });
  }
  return bySpan(found).map((m) => classify(m, masked));
}

// Words that decide what a number means, looked for in its sentence (then in the whole win).
const TARGET_WORDS = /\b(?:target|goal|aim(?:ed|ing)?|budget(?:ed)?)\b/i;
const SAVING_WORDS = /\b(?:sav(?:e|es|ed|ing|ings)|down|cut|cuts|reduc\w*|lower\w*|off|trimm\w*|less)\b/i;
const COST_WORDS = /\b(?:cost(?:s|ed|ing)?|spend\w*|spent|bill\w*|pay\w*|extra|price\w*|charge\w*)\b/i;
const DOWN_WORDS = /\b(?:down|cut|cuts|trimm\w*|reduc\w*|lower\w*|fell|drop\w*|decreas\w*|shr[ai]nk\w*|less)\b/i;
const UP_WORDS = /\b(?:up|rais\w*|increas\w*|improv\w*|grew|grow\w*|higher|boost\w*|more)\b/i;
const LATENCY_WORDS = /\b(?:p\d{2,3}|latency|latencies|lag|response time|ttfb)\b/i;
const PER_AFTER = /^\s*(?:(?:a|per|each|every|\/)\s*(day|week|wk|month|mo|year|yr|annum)\b|(daily|weekly|monthly|annually|yearly)\b|over\s+(?:two|three|four|five|ten|\d+)\s+years)/i;
const SAVED_BEFORE = /\b(?:sav(?:e|es|ed|ing)|saving of)\s+(?:about\s+|around\s+|~)?$/i;
const PER_BEFORE = /\b(monthly|annual|yearly|one-year|1-year|12-month)\b/i;
const TIME_UNITS = new Set(['s', 'min', 'h']);

/** How often an amount recurs, from the words after it ("a month", "over three years") or its sentence ("monthly spend"). */
function perOf(following: string, sentence: string): MetricPer {
  const after = PER_AFTER.exec(following);
  const word = (after?.[1] ?? after?.[2] ?? PER_BEFORE.exec(sentence)?.[1])?.toLowerCase();
  if (after && !word) return 'years';
  if (!word) return 'once';
  return word.startsWith('d') ? 'day' : word.startsWith('w') ? 'week' : word.startsWith('mo') ? 'month' : 'year';
}

/** target, saving, cost or amount: from the words next to the amount, its sentence, then the whole win. */
function moneyKind(near: string, sentence: string, win: string): MetricKind {
  if (TARGET_WORDS.test(near)) return 'target';
  for (const text of [sentence, win]) {
    if (SAVING_WORDS.test(text)) return 'saving';
    if (COST_WORDS.test(text)) return 'cost';
  }
  return 'amount';
}

/** The sentence around [start, end): split at ". ", "; " and dashes. */
function sentenceOf(masked: string, start: number, end: number): string {
  const before = masked.slice(0, start);
  const from = Math.max(...[...before.matchAll(/[.;!?:]\s|\s[—–]\s/g)].map((m) => m.index + m[0].length), 0);
  const stop = /[.;!?]\s|\s[—–]\s|[.;!?]$/.exec(masked.slice(end));
  return masked.slice(from, stop ? end + stop.index : masked.length);
}

/** Decides what a matched number means (see MetricKind), from its shape and the words around it. */
function classify(m: Match, masked: string): Metric {
  const end = m.column + m.text.length;
  const sentence = sentenceOf(masked, m.column, end);
  const lead = masked.slice(0, m.column).slice(-40); // the words just before the number
  const base = { text: m.text, column: m.column, value: m.value, before: m.before, after: m.after, unit: m.unit,
    direction: null, change: null, per: null, per_year: null, minutes_saved: null };
  if (m.shape === 'before_after') {
    const before = m.before!, after = m.after!;
    const direction = after < before ? 'down' : after > before ? 'up' : null;
    const change = before === 0 ? null : Number(((after - before) / before).toPrecision(12));
    const isTime = m.unit !== null && TIME_UNITS.has(m.unit) && !LATENCY_WORDS.test(sentence);
    const minutes_saved = isTime && direction === 'down' ? inUnit({ amount: before - after, unit: m.unit as DurationUnit }, 'min') : null;
    return { ...base, kind: 'change', direction, change, minutes_saved };
  }
  if (m.shape === 'percent') {
    if (!/\bby\s*\**$/i.test(lead)) return { ...base, kind: 'rate' };
    const said = masked.slice(Math.max(0, m.column - 60), m.column);
    const direction = DOWN_WORDS.test(said) ? 'down' : UP_WORDS.test(said) ? 'up' : null;
    const change = direction === null ? null : ((direction === 'down' ? -1 : 1) * m.value!) / 100;
    return { ...base, kind: 'change', direction, change };
  }
  const per = perOf(masked.slice(end), sentence);
  if (m.shape === 'duration') return SAVED_BEFORE.test(lead) ? { ...base, kind: 'saving', per } : { ...base, kind: 'duration' };
  const kind = moneyKind(sentence.slice(Math.max(0, sentence.indexOf(m.text) - 30)), sentence, masked);
  const yearly = kind === 'saving' || kind === 'cost' ? { month: 12, year: 1 }[per as 'month' | 'year'] : undefined;
  return { ...base, kind, per, per_year: yearly ? m.value! * yearly : null };
}

/** Classifies and normalizes one matched quantity, e.g. "$1.2M" → 1200000 USD, "2h" → 2 h. */
function readQuantity(raw: string): Quantity {
  const number = FIRST_NUMBER.exec(raw)!; // every pattern holds a number
  const digits = number[0].replaceAll(',', '');
  const rest = raw.slice(number.index + number[0].length).trim().toLowerCase(); // e.g. "k", "ms", "%"
  const currency = /[$€£¥]|usd|eur|gbp|jpy/i.exec(raw)?.[0];
  if (currency) {
    const scale = /^(?:thousand|million|billion|bn|k|m|b)/.exec(rest)?.[0];
    // Scaling in the exponent keeps decimals exact: "1.15e6" is 1150000, 1.15 * 1e6 is not.
    const amount = Number(`${digits}e${scale ? SCALE_EXPONENTS[scale] : 0}`);
    return { kind: 'money', amount, unit: CURRENCY_CODES[currency] ?? currency.toUpperCase() };
  }
  if (rest === '%' || rest === 'percent') return { kind: 'percent', amount: Number(digits), unit: '%' };
  if (rest) return { kind: 'duration', amount: Number(digits), unit: durationUnit(rest) };
  return { kind: 'number', amount: Number(digits), unit: null };
}

/** e.g. "msecs" → "ms", "seconds" → "s", "mins" → "min", "hrs" → "h". */
function durationUnit(word: string): DurationUnit {
  if (word === 'ms' || word.startsWith('msec') || word.startsWith('milli')) return 'ms';
  if (word.startsWith('m')) return 'min';
  if (word.startsWith('s')) return 's';
  return 'h';
}

/** A duration's amount in another duration unit, without float noise (1.1 h is 66 min). */
function inUnit(q: { amount: number; unit: DurationUnit }, unit: DurationUnit): number {
  return Number(((q.amount * DURATION_MS[q.unit]) / DURATION_MS[unit]).toPrecision(12));
}

/** Puts both sides in one unit, or returns null when they cannot be compared. */
function comparePair(before: Quantity, after: Quantity, nextWord: string | null) {
  if (before.kind === 'number' && after.kind === 'number') {
    const isYear = (n: number) => Number.isInteger(n) && n >= 1900 && n <= 2100;
    if (isYear(before.amount) && isYear(after.amount)) return null;
    return { before: before.amount, after: after.amount, unit: nextWord };
  }
  if (before.kind === 'number') before = { ...after, amount: before.amount };
  if (after.kind === 'number') after = { ...before, amount: after.amount };
  if (before.kind === 'duration' && after.kind === 'duration' && before.unit !== after.unit) {
    const unit = DURATION_MS[before.unit] < DURATION_MS[after.unit] ? before.unit : after.unit;
    return { before: inUnit(before, unit), after: inUnit(after, unit), unit };
  }
  if (before.kind !== after.kind || before.unit !== after.unit) return null;
  return { before: before.amount, after: after.amount, unit: after.unit };
}

/** The word right after a bare before/after, lower-cased, unless it is a connective. */
function wordAt(text: string, index: number): string | null {
  NEXT_WORD.lastIndex = index;
  const word = NEXT_WORD.exec(text)?.[1]?.toLowerCase();
  return word && !CONNECTIVES.has(word) ? word : null;
}

/** Keeps the first-starting, then longest, of overlapping matches. */
function bySpan(found: Match[]): Match[] {
  const kept: Match[] = [];
  let end = 0;
  for (const m of [...found].sort((a, b) => a.column - b.column || b.text.length - a.text.length)) {
    if (m.column < end) continue;
    kept.push(m);
    end = m.column + m.text.length;
  }
  return kept;
}
