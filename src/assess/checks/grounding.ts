/**
 * The grounding check is claim verification: each figure a draft writes is checked against the
 * figures of the entries its statement cites, and against the period's report figures (the
 * "Figures" lines of the prompt, which have ids of their own). Units and kinds must agree: "86%"
 * is not 86 ms, "10x" is not 10, "$1.2M" is not 12,000 × 100.
 *
 * Read as figures: money ("$250K", "€40k", "USD 5,000"), percentages ("86%", "40 percent"),
 * multipliers ("2.7x"), durations ("850 ms", "3h 10m", "45 minutes"), sizes ("1.2 GB"),
 * signed and plain counts ("−380 lines", "58 jobs") and number words ("three", "a dozen").
 * Read as text, never as figures: dates ("2026-03-10", "12 June"), ISO weeks, quarters, sprints,
 * years, times of day ("16:42"), ordinals ("3rd"), ids ("[win-…]", "p95", "P1", "SEV1", "S3"), "1:1".
 * Versions ("Kafka 3.7", "v2", "16.2.1") are text too, and must appear as written in the evidence.
 *
 * A figure is verified when it equals an evidence figure of its kind (and currency) at the precision
 * it is written with, or follows from the evidence by one of these derivations, and only these:
 * - the difference, percent change or ratio of a cited before → after;
 * - a share of two whole counts of one evidence line as a percentage ("211 of 214" → 98.6%; a score
 *   "87.1 of 100" is no 87%), and a fraction as a percentage (0.95 → 95%): × 100 only between
 *   fractions and percentages;
 * - a sum of cited amounts of money or time (two or more, from the cited entries);
 * - a month ↔ a year (× 12, ÷ 12) for money said to recur;
 * - hedged rounding: "about/around/roughly/~" within 10%, "nearly/almost" up to 10% below, "more
 *   than/over/at least" up to 25% below the evidence, "under/less than/below/up to" up to 25% above;
 * - a count of two or more entries the statement cites ("11 earlier items of feedback", citing the eleven);
 * - unit conversions: ms ↔ s ↔ min ↔ h, K/M/B, KB ↔ MB ↔ GB ↔ TB. Days and weeks are counts ("214 days").
 * Anything else is unverified. Bookkeeping (line numbers, ids, days open, tag counts) is never
 * evidence: it is not in the evidence text.
 */

/** What a figure measures; values are normalized (money in currency units, time in seconds, bytes). */
export type Dimension = 'money' | 'percent' | 'ratio' | 'time' | 'bytes' | 'count';

/** A figure as written in a draft or in the evidence. */
export interface Figure {
  raw: string;
  index: number;
  dimension: Dimension;
  /** Currency code for money, e.g. "USD"; else null. */
  currency: string | null;
  value: number;
  /** Half a unit of the last written digit, in the normalized unit. */
  tolerance: number;
  hedge: 'about' | 'nearly' | 'more' | 'less' | null;
  /** Money said to recur: "a month", "a year"; else null. */
  per: 'month' | 'year' | null;
}

/** A before → after read from evidence text. */
interface Pair { before: Figure; after: Figure }

const MONTHS = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';

// Text with digits that is no figure; blanked (same length) before figures are read.
const NOT_FIGURES = [
  /\[[^\]\n]*\]/g, // ids and placeholders: [win-2026-01-28-1], [EMAIL]
  /\b(?:https?:\/\/|www\.)\S+/gi, // URLs
  /\b\d{4}-\d{2}-\d{2}(?:\.\.\d{4}-\d{2}-\d{2})?\b/g, // dates and ranges
  /\b\d{4}-[WQS]\d{1,2}\b/gi, // weeks, quarters, sprints: 2026-W06, 2026-Q1, 2026-S04
  /\b[QH][1-4]\b/g, // Q1, H2
  new RegExp(`\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:${MONTHS})\\b\\.?(?:\\s+\\d{4})?`, 'gi'), // 12 June, 3rd March 2026
  new RegExp(`\\b(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?\\b(?:,?\\s+\\d{4})?`, 'gi'), // June 12, Sept 3, 2026
  /\b1:1s?\b/gi, // one-on-ones
  /\b\d{1,2}:\d{2}(?::\d{2})?(?:\s?[ap]\.?m\.?)?\b/gi, // times of day: 16:42, 9:30 am
  /\b\d{1,2}\s?[ap]\.?m\.?(?![a-z])/gi, // 10am, 3 pm
  /\b\d+(?:st|nd|rd|th)\b/gi, // ordinals
  /(?<![$€£¥]\s?)\b(?:19[5-9]\d|20\d\d|2100)\b(?!\s*(?:%|ms|s\b|min|h\b|hours?|minutes?|seconds?|[kmb]\b|x\b|GB|MB|TB))/g, // years
];
// Versions: text that must appear in the evidence as written. "v2", "2.3.1", "Kafka 3.7", "version 16".
// A name followed by "3.7" is a version only inside a sentence ("after the Kafka 3.7 upgrade"), not
// when it starts one ("Score 70.3 of 100") or the number has a unit ("Uptime 99.95%").
const VERSION = /\bv\d+(?:\.\d+)*\b|\b\d+(?:\.\d+){2,}\b|(?<=(?:[a-z0-9,;(]\s+)[A-Z][\w+-]*\s)\d+\.\d+(?![\w%]|\.\d|\s?(?:%|percent|x\b|ms\b|s\b|[KMGT]B))|(?<=\b(?:version|release)\s)\d+(?:\.\d+)?\b/g;

const WORDS: Record<string, number> = {
  two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20,
  thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100, dozen: 12,
};
const TENS = 'twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety';
const UNITS_WORDS = 'two|three|four|five|six|seven|eight|nine';
// "three", "twenty-five", "a dozen", "half a dozen", "a hundred". "one" and "a" are not read: they are mostly not counts.
const NUMBER_WORD = `(?:half\\s+a\\s+dozen|a\\s+dozen|a\\s+hundred|(?:${TENS})(?:-(?:${UNITS_WORDS}|one))?|${Object.keys(WORDS).join('|')})`;
const DIGITS = String.raw`(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?`;
const SCALE = String.raw`(?:\s?(?:thousand|million|billion|bn|[kKMB])(?![a-zA-Z]))`;
const CURRENCY = String.raw`(?:[$€£¥]|(?:USD|EUR|GBP|JPY)\s?)`;
const TIME_UNIT = String.raw`(?:milliseconds?|msecs?|ms|seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h)`;
const BYTES_UNIT = String.raw`(?:[KMGTP]i?B|bytes?)`;
const SIGN = '[−–-]';

// One figure: sign, currency, number (digits or words), scale, then a unit; or a compound duration "3h 10m".
const FIGURE = new RegExp(
  String.raw`(?<![\w.,])(?<sign>${SIGN}|\+)?(?<currency>${CURRENCY})?(?:(?<digits>${DIGITS})|\b(?<words>${NUMBER_WORD})\b)(?<scale>${SCALE})?` +
    String.raw`(?:\s?(?<tail>%|\s?percent(?:age points)?\b|pp\b|x\b|×|${BYTES_UNIT}\b|${TIME_UNIT}\b(?:\s?\d+(?:\.\d+)?\s?(?:minutes?|mins?|m|seconds?|secs?|s)\b)?)|\s?(?<code>USD|EUR|GBP|JPY)\b)?`,
  'gi',
);
const HEDGES: [RegExp, Figure['hedge']][] = [
  [/(?:about|around|roughly|approximately|approx\.?|~|some|circa|ca\.)\s*$/i, 'about'],
  [/(?:nearly|almost|close to|just under|just shy of)\s*$/i, 'nearly'],
  [/(?:more than|over|above|at least|upwards of|north of|in excess of|\+)\s*$/i, 'more'],
  [/(?:under|less than|below|at most|(?<!\b(?:adds?|added|adding|comes?|came|sums?|amounts?)\s)up to|fewer than|within)\s*$/i, 'less'],
];
const PER = /^\s*(?:(?:a|per|each|every|\/)\s*(month|mo|year|yr|annum)\b|(monthly|annually|yearly)\b)/i;
const CURRENCY_CODES: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY' };
const SCALES: Record<string, number> = { thousand: 1e3, k: 1e3, million: 1e6, m: 1e6, billion: 1e9, bn: 1e9, b: 1e9 };
const SECONDS: [RegExp, number][] = [
  [/^(?:ms|msecs?|milliseconds?)$/i, 0.001], [/^(?:s|secs?|seconds?)$/i, 1], [/^(?:m|mins?|minutes?)$/i, 60],
  [/^(?:h|hrs?|hours?)$/i, 3600],
];
const BYTES: Record<string, number> = { b: 1, byte: 1, bytes: 1, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12, pb: 1e15, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3, tib: 1024 ** 4 };

/** Blanks what is never a figure, keeping offsets. */
function blank(text: string): string {
  return NOT_FIGURES.reduce((s, re) => s.replace(re, (m) => ' '.repeat(m.length)), text.replace(VERSION, (m) => ' '.repeat(m.length)));
}

/** The versions written in a text, e.g. ["3.7", "v2"]. */
export function findVersions(text: string): { raw: string; index: number }[] {
  return [...text.replace(/\[[^\]\n]*\]/g, (m) => ' '.repeat(m.length)).matchAll(VERSION)].map((m) => ({ raw: m[0], index: m.index }));
}

/** Every figure in a text, with its kind, normalized value and the precision it was written with. */
export function findFigures(text: string): Figure[] {
  const blanked = blank(text);
  const found: Figure[] = [];
  for (const m of blanked.matchAll(FIGURE)) {
    const g = m.groups as Record<string, string | undefined>;
    // "#1234", "/v1", "_2", "2-3" ranges and ids are no figures.
    const prev = blanked[m.index - 1] ?? ' ';
    if (/[#/_@]/.test(prev) || (/[-+]/.test(prev) && !g.sign)) continue;
    const figure = readFigure(m[0], m.index, g, blanked);
    if (figure) found.push(figure);
  }
  return found;
}

function readFigure(raw: string, index: number, g: Record<string, string | undefined>, text: string): Figure | null {
  const words = g.words?.toLowerCase().replace(/\s+/g, ' ');
  let value: number;
  let decimals = 0;
  if (words) value = words === 'half a dozen' ? 6 : words === 'a dozen' ? 12 : words === 'a hundred' ? 100 : words.split('-').reduce((s, w) => s + (WORDS[w] ?? 1), 0);
  else {
    const [whole, fraction = ''] = g.digits!.replace(/,/g, '').split('.');
    value = Number(`${whole}.${fraction || 0}`);
    decimals = fraction.length;
  }
  const currencyMark = (g.currency ?? g.code)?.trim();
  const scaleWord = g.scale?.trim();
  const tail = g.tail?.trim() ?? '';
  // Without a currency, a lower-case "m" after a number is minutes ("10m"), an upper-case "M" a million.
  let scale = 1;
  let timeTail = tail;
  if (scaleWord) {
    if (!currencyMark && scaleWord === 'm') timeTail = 'm';
    else scale = SCALES[scaleWord.toLowerCase()] ?? 1;
  }
  const hedge = HEDGES.find(([re]) => re.test(text.slice(Math.max(0, index - 20), index)))?.[1] ?? (g.sign === '+' ? null : null);
  const perMatch = PER.exec(text.slice(index + raw.length));
  const per = perMatch ? (/^mo/i.test(perMatch[1] ?? perMatch[2] ?? '') ? 'month' : 'year') : null;
  const base = { raw, index, currency: null, hedge, per: null } as const;
  const tol = (factor: number) => 0.5 * 10 ** -decimals * factor;
  if (currencyMark) {
    const currency = CURRENCY_CODES[currencyMark] ?? currencyMark.toUpperCase();
    return { ...base, dimension: 'money', currency, value: value * scale, tolerance: tol(scale), per };
  }
  if (/^(?:%|percent)$/i.test(tail)) return { ...base, dimension: 'percent', value: value * scale, tolerance: tol(scale) };
  if (/^(?:percentage points|pp)$/i.test(tail)) return { ...base, dimension: 'percent', value, tolerance: tol(1) };
  if (/^(?:x|×)$/i.test(tail)) return { ...base, dimension: 'ratio', value, tolerance: tol(1) };
  if (tail && new RegExp(`^${BYTES_UNIT}$`, 'i').test(tail)) {
    const factor = BYTES[tail.toLowerCase().replace(/s$/, '')] ?? BYTES[tail.toLowerCase()] ?? 1;
    return { ...base, dimension: 'bytes', value: value * factor, tolerance: tol(factor) };
  }
  if (timeTail) {
    // "3h 10m": the first unit, then a second amount in minutes or seconds.
    const compound = /^([a-z]+)\s?(\d+(?:\.\d+)?)\s?([a-z]+)$/i.exec(timeTail);
    const unit = compound ? compound[1] : timeTail;
    const factor = SECONDS.find(([re]) => re.test(unit))?.[1];
    if (factor !== undefined) {
      if (compound) {
        const second = SECONDS.find(([re]) => re.test(compound[3]))?.[1] ?? 60;
        return { ...base, dimension: 'time', value: value * factor + Number(compound[2]) * second, tolerance: 0.5 * second };
      }
      return { ...base, dimension: 'time', value: value * factor, tolerance: tol(factor) };
    }
  }
  return { ...base, dimension: 'count', value: value * scale, tolerance: tol(scale) };
}

/** Before → after pairs in a text: "from A to B", "A → B", "B instead of A". */
function findPairs(text: string, figures: readonly Figure[]): Pair[] {
  const pairs: Pair[] = [];
  for (let i = 0; i + 1 < figures.length; i++) {
    const a = figures[i], b = figures[i + 1];
    const between = text.slice(a.index + a.raw.length, b.index);
    const lead = text.slice(Math.max(0, a.index - 12), a.index);
    const arrow = /^\s*(?:->|→|=>|⟶)\s*(?:about\s+|under\s+)?$/i.test(between);
    const fromTo = /\bfrom\s+(?:about\s+|around\s+)?$/i.test(lead) && /^\s*(?:\w+\s+){0,3}?(?:down\s+|up\s+)?to\s+(?:about\s+|under\s+)?$/i.test(between);
    const insteadOf = /^\s*instead\s+of\s+$/i.test(between);
    // A key result: "910 → 300 ms, now 140 ms" is also the change from its start to now.
    const c = figures[i + 2];
    if (arrow && c && /^\s*,\s*now\s+$/i.test(text.slice(b.index + b.raw.length, c.index))) {
      const start = a.dimension === 'count' && c.dimension !== 'count' ? withUnitOf(a, c, text) : a;
      if (start.dimension === c.dimension && start.currency === c.currency) pairs.push({ before: start, after: c });
    }
    if (!arrow && !fromTo && !insteadOf) continue;
    // A bare side takes the other's unit: "from 480 to 90", "from 850 to 120ms".
    const [x, y] = [a, b].map((f, k, both) => (f.dimension === 'count' && both[1 - k].dimension !== 'count' ? withUnitOf(f, both[1 - k], text) : f));
    if (x.dimension !== y.dimension || x.currency !== y.currency) continue;
    pairs.push(insteadOf ? { before: y, after: x } : { before: x, after: y });
  }
  return pairs;
}

/** A bare number read with another figure's unit, e.g. the 850 of "from 850 to 120ms". */
function withUnitOf(bare: Figure, other: Figure, text: string): Figure {
  const unit = findFigures(`${text.slice(bare.index, bare.index + bare.raw.length)}${other.raw.replace(/^[^a-z%$€£¥x×]*\d[\d,.]*/i, '')}`)[0];
  return unit ? { ...unit, index: bare.index, raw: bare.raw } : bare;
}

/** One line of evidence: its figures, pairs and versions. */
interface EvidenceLine {
  text: string;
  figures: Figure[];
  pairs: Pair[];
  /** A line of the period's figures (fig-…): never summed, and a bare count must name what it counts. */
  report: boolean;
}

function readLine(text: string, report: boolean): EvidenceLine {
  const figures = findFigures(text);
  return { text, figures, pairs: findPairs(blank(text), figures), report };
}

/** The word right after a figure when it names what is counted ("13 wins" → "wins"); null before a small word, a number or the end. */
function nextWord(text: string, figure: Figure): string | null {
  const word = text.slice(figure.index + figure.raw.length).trim().split(/\s+/)[0] ?? '';
  const w = word.toLowerCase().replace(/[^\p{L}-]/gu, '');
  return !w || /\d/.test(word) || STOP.has(w) ? null : w;
}

const STOP = new Set('a an and are as at be by each for from had has have in into is it its more less my of on or our out over per so some than that the their them then these this those to up was were which while with still all about around nearly almost across through during since until under above below against between among via within without toward towards versus vs'.split(' '));

// Words of figure lines that are statuses, not subjects ("on track" is no evidence about tracking).
const STATUS_WORDS = /\b(?:on track|off track|at risk|achieved|green|yellow|red|without data|tied to)\b/gi;

/** Stems (first 4 letters) of the content words of a text, e.g. "tracking customers" → trac, cust. */
function stems(text: string): Set<string> {
  const words = text.toLowerCase().match(/\p{L}[\p{L}-]*/gu) ?? [];
  return new Set(words.filter((w) => w.length >= 3 && !STOP.has(w)).map((w) => w.slice(0, 4)));
}

/** Up to three content words on each side of a figure, within its sentence. */
function around(text: string, figure: Figure): Set<string> {
  const before = text.slice(0, figure.index).split(/[.;!?]\s/).at(-1)!.match(/\p{L}[\p{L}-]*/gu) ?? [];
  const after = text.slice(figure.index + figure.raw.length).split(/[.;!?](?:\s|$)/)[0].match(/\p{L}[\p{L}-]*/gu) ?? [];
  const content = (ws: string[]) => ws.filter((w) => w.length >= 3 && !STOP.has(w.toLowerCase()));
  return stems([...content(before).slice(-3), ...content(after).slice(0, 3)].join(' '));
}

/**
 * Whether a figure line the statement did not cite speaks of what the figure is about: "13 wins" agrees
 * with "Wins: 13 …", "fell 87%" does not with "Objectives: … mean progress 87%". Cited lines always agree.
 */
function agrees(claim: Figure, claimText: string, line: EvidenceLine, cited: readonly EvidenceLine[]): boolean {
  if (!line.report) return true;
  const lineWords = stems(line.text.replace(STATUS_WORDS, ' '));
  if (cited.includes(line)) {
    if (claim.dimension !== 'count' || !Number.isInteger(claim.value)) return true;
    // A cited figure line: the noun right after the figure, if any, must be one the line speaks of ("twelve pilot customers").
    const next = nextWord(claimText.replace(STATUS_WORDS, (m) => ' '.repeat(m.length)), claim);
    return next === null || lineWords.has(next.slice(0, 4));
  }
  const words = around(claimText.replace(STATUS_WORDS, (m) => ' '.repeat(m.length)), claim);
  if (words.size === 0) return true;
  return [...words].some((w) => lineWords.has(w));
}

/** What a draft's statements may rest on: the text of each citable entry, and the period's report figures. */
export class Evidence {
  readonly #byId = new Map<string, EvidenceLine[]>();
  readonly #report: EvidenceLine[] = [];

  /** Adds the text of a citable entry (several lines may name one id); `report` for a line of the period's figures. */
  addEntry(id: string, text: string, report = false): this {
    const lines = this.#byId.get(id) ?? [];
    lines.push(readLine(text, report));
    this.#byId.set(id, lines);
    return this;
  }

  /** Adds a report figure line: evidence for every statement of the draft, cited or not. */
  addReport(text: string): this {
    this.#report.push(readLine(text, true));
    return this;
  }

  has(id: string): boolean {
    return this.#byId.has(id);
  }

  /** The evidence lines of the cited ids (those without text are skipped). */
  lines(ids: readonly string[]): EvidenceLine[] {
    return ids.flatMap((id) => this.#byId.get(id) ?? []);
  }

  /** Checks one text written with `ids` cited; returns its spans, each figure and version verified or not. */
  check(text: string, ids: readonly string[]): CheckedText {
    const cited = this.lines(ids);
    const lines = [...cited, ...this.#report];
    const figures = findFigures(text);
    const versions = findVersions(text);
    const spans: (Figure & { verified: boolean })[] = figures.map((f) => ({ ...f, verified: verify(f, lines, cited, text) }));
    const evidenceText = lines.map((l) => l.text).join('\n');
    const checkedVersions = versions.map((v) => ({ ...v, verified: new RegExp(`(?<![\\w.])${v.raw.replace(/\./g, '\\.')}(?![\\w]|\\.\\d)`, 'i').test(evidenceText) }));
    // The cited entries hold none of the figures: the citation does not support the statement.
    const unsupported = figures.length > 0 && cited.length > 0 && !figures.some((f) => verify(f, cited, cited, text));
    return { figures: spans, versions: checkedVersions, unsupported };
  }
}

/** A checked text: every figure and version with whether the evidence holds it. */
export interface CheckedText {
  figures: (Figure & { verified: boolean })[];
  versions: { raw: string; index: number; verified: boolean }[];
  /** True when the text has figures, cites entries, and none of those entries holds any of them. */
  unsupported: boolean;
}

/** The same figure at the claim's precision, units and kind agreeing (no derivation). */
function sameFigure(claim: Figure, e: Figure): boolean {
  return claim.dimension === e.dimension && claim.currency === e.currency && close(claim, e.value);
}

/** True when `value` matches the claim as written, with its hedge. */
function close(claim: Figure, value: number): boolean {
  const c = Math.abs(claim.value);
  const v = Math.abs(value);
  const eps = claim.tolerance + 1e-9 * Math.max(1, v);
  switch (claim.hedge) {
    case 'about': return Math.abs(v - c) <= Math.max(eps, 0.1 * c);
    case 'nearly': return v <= c + eps && v >= 0.9 * c - eps;
    case 'more': return v >= c - eps && v <= 1.25 * c + eps;
    case 'less': return v <= c + eps && v >= 0.75 * c - eps;
    default: return Math.abs(v - c) <= eps;
  }
}

/** Whether the claim's figure is in the evidence, or follows from it by an accepted derivation. */
function verify(claim: Figure, lines: readonly EvidenceLine[], cited: readonly EvidenceLine[], text: string): boolean {
  const all = lines.flatMap((l) => l.figures);
  if (lines.some((l) => agrees(claim, text, l, cited) && l.figures.some((e) => sameFigure(claim, e)))) return true;
  // A count of the entries the statement cites: "11 earlier items of feedback", citing those eleven.
  const citedEntries = cited.filter((l) => !l.report).length;
  if (claim.dimension === 'count' && claim.hedge === null && citedEntries > 1 && claim.value === citedEntries) return true;
  // A bare number takes the unit of another figure of the same statement: "14 min, down from 38", "from 38 to 14 minutes".
  if (claim.dimension === 'count') {
    for (const other of findFigures(text)) {
      if (other.dimension === 'count') continue;
      const typed = withUnitOf(claim, other, text);
      if (typed.dimension !== 'count' && all.some((e) => sameFigure({ ...typed, hedge: claim.hedge, per: claim.per }, e))) return true;
    }
  }
  const pairs = lines.flatMap((l) => l.pairs);
  // The difference, percent change or ratio of a before → after.
  for (const { before, after } of pairs) {
    const diff = Math.abs(after.value - before.value);
    if (claim.dimension === before.dimension && claim.currency === before.currency && close(claim, diff)) return true;
    if (before.value !== 0 && claim.dimension === 'percent' && close(claim, (diff / Math.abs(before.value)) * 100)) return true;
    if (claim.dimension === 'ratio' && before.value !== 0 && after.value !== 0 &&
      (close(claim, before.value / after.value) || close(claim, after.value / before.value))) return true;
  }
  if (claim.dimension === 'percent') {
    // A fraction as a percentage, and a share of two figures of one line ("211 of 214").
    if (all.some((e) => e.dimension === 'count' && e.value > 0 && e.value <= 1 && close(claim, e.value * 100))) return true;
    for (const line of lines) {
      for (const [i, a] of line.figures.entries()) {
        const b = line.figures[i + 1];
        const between = b ? line.text.slice(a.index + a.raw.length, b.index) : '';
        // Whole counts only, and not a score "of 100" (87.1 of 100 is no 87%).
        const counts = b && a.dimension === 'count' && b.dimension === 'count' && Number.isInteger(a.value) && Number.isInteger(b.value) && b.value !== 100;
        if (counts && b.value > 0 && /^\s*(?:[a-z]+\s+)?(?:of|out of|\/)\s*$/i.test(between) && close(claim, (a.value / b.value) * 100)) return true;
      }
    }
  }
  // A month ↔ a year, for money said to recur.
  if (claim.dimension === 'money' && claim.per) {
    const factor = claim.per === 'year' ? 12 : 1 / 12;
    if (all.some((e) => e.dimension === 'money' && e.currency === claim.currency && e.per !== claim.per && close(claim, e.value * factor))) return true;
  }
  // Sums of cited amounts of money or time: one amount from each of two or more cited entries.
  if (claim.dimension === 'money' || claim.dimension === 'time') {
    const yearly = claim.dimension === 'money' && claim.per === 'year';
    const choices = cited.filter((l) => !l.report).map((l) => l.figures.filter((e) => e.dimension === claim.dimension && e.currency === claim.currency)
      .map((e) => (yearly && e.per === 'month' ? e.value * 12 : e.value))).filter((values) => values.length > 0);
    if (sumsOfOnePerEntry(choices).some((sum) => close(claim, sum))) return true;
  }
  return false;
}

/** Sums taking at most one value from each entry, from two or more entries (capped at 50,000 sums). */
function sumsOfOnePerEntry(entries: readonly number[][]): number[] {
  let partial: { sum: number; parts: number }[] = [{ sum: 0, parts: 0 }];
  for (const values of entries) {
    const next = [...partial];
    for (const p of partial) for (const v of values) next.push({ sum: p.sum + v, parts: p.parts + 1 });
    partial = next.length > 50_000 ? next.slice(0, 50_000) : next;
  }
  return partial.filter((p) => p.parts >= 2).map((p) => p.sum);
}
