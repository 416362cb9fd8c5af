/**
 * Redaction of journal text before it goes into any prompt. Personal data and secrets become stable
 * placeholders the model can still write around: "[EMAIL]", "[PHONE]", "[SECRET]", a placeholder per
 * person the journal knows ("[ME]", "[MANAGER]", "[PERSON-A]"), and "[REDACTED]" for the words
 * listed under `redact:` in journal.yml.
 *
 * The patterns are deliberately greedy about secrets (a redacted commit hash costs nothing, a leaked
 * key costs a rotation) and careful about numbers, because metrics such as "from 850ms to 120ms",
 * "$1,200,000", "99.95%" or dates must survive: the draft's figures are checked against them.
 */

/** The placeholders, by what they replace; a person known to the journal gets one of their own (people()). */
export const PLACEHOLDERS = { email: '[EMAIL]', phone: '[PHONE]', secret: '[SECRET]', name: '[PERSON]', word: '[REDACTED]' } as const;
export type RedactionKind = keyof typeof PLACEHOLDERS;

interface Rule {
  kind: RedactionKind;
  pattern: RegExp;
  /** Replacement; defaults to the kind's placeholder. */
  replace?: string;
}

/** Keywords whose value is a secret: `password=…`, `api_key: …`, `AccountKey=…`. */
const SECRET_KEY = String.raw`[\w-]*(?:pass(?:word|wd|phrase|code)?|pwd|secret|token|api[_-]?key|access[_-]?key|account[_-]?key|private[_-]?key)[\w-]*`;
// A phone number never continues a word, an amount or a figure ("$1,200", "v1.2", "-3").
const NOT_AFTER = String.raw`(?<![\w.,$€£+-])`;
const NOT_BEFORE = String.raw`(?![\w-]|[.,]\d)`;

// Order matters: credentials inside URLs before e-mail addresses (user:pass@host looks like one),
// and secrets before phone numbers (a key can hold digit runs).
const RULES: Rule[] = [
  // PEM private keys, whole.
  { kind: 'secret', pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g },
  // e.g. "https://deploy:hunter2@git.example.com/repo" → "https://[SECRET]@git.example.com/repo"
  { kind: 'secret', pattern: /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+:[^\s/@]+@/gi, replace: '$1[SECRET]@' },
  // Webhook URLs are credentials: the path is the key.
  { kind: 'secret', pattern: /\bhttps:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/_-]+/g },
  // e.g. "password=hunter2", "api_key: abc123…", "?token=…", "AccountKey=…" → the key stays, the value goes.
  { kind: 'secret', pattern: new RegExp(String.raw`\b(${SECRET_KEY}\s*[:=]\s*)["']?[^\s"',;&]{6,}["']?`, 'gi'), replace: '$1[SECRET]' },
  // e.g. "the password is hunter2", "VPN passphrase for staging was Tr0ub4dor&3", "PIN is 4821"
  {
    kind: 'secret',
    pattern: /\b((?:pass(?:word|phrase|code)|pwd|PIN)(?:\s+(?:for|to|of|on)(?:\s+the)?\s+[\w.-]+){0,2}\s+(?:is|was|is now|=)\s+)["'“‘]?[^\s"'”’]{3,}["'”’]?/gi,
    replace: '$1[SECRET]',
  },
  // e.g. "Authorization: Bearer eyJ…", "bearer abc123…"
  { kind: 'secret', pattern: /\b(Bearer\s+)[A-Za-z0-9._~+/-]{16,}=*/gi, replace: '$1[SECRET]' },
  // Provider key formats: OpenAI/Anthropic, Stripe, GitHub, GitLab, Hugging Face, npm, PyPI, AWS,
  // Slack, Google, SendGrid, DigitalOcean, Shopify, Twilio, JWTs.
  { kind: 'secret', pattern: /\bsk-[A-Za-z0-9_-]{16,}/g },
  { kind: 'secret', pattern: /\b(?:[sprk]k|whsec)_(?:live|test)_[A-Za-z0-9]{10,}/g },
  { kind: 'secret', pattern: /\bwhsec_[A-Za-z0-9]{20,}/g },
  { kind: 'secret', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/g },
  { kind: 'secret', pattern: /\bgl(?:pat|dt|rt|ptt|cbt|oas|imt|ft|soat)-[A-Za-z0-9_-]{20,}/g },
  { kind: 'secret', pattern: /\bhf_[A-Za-z0-9]{20,}/g },
  { kind: 'secret', pattern: /\bnpm_[A-Za-z0-9]{36}\b/g },
  { kind: 'secret', pattern: /\bpypi-[A-Za-z0-9_-]{40,}/g },
  { kind: 'secret', pattern: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g },
  { kind: 'secret', pattern: /\bxox[abeprs]-[A-Za-z0-9-]{10,}|\bxapp-[A-Za-z0-9-]{10,}/g },
  { kind: 'secret', pattern: /\bAIza[0-9A-Za-z_-]{35}|\bya29\.[A-Za-z0-9_-]{20,}/g },
  { kind: 'secret', pattern: /\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/g },
  { kind: 'secret', pattern: /\bdo[por]_v1_[a-f0-9]{64}\b|\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\b|\bSK[0-9a-fA-F]{32}\b/g },
  { kind: 'secret', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
  // Long hex (≥ 32 digits) and long base64-like runs (≥ 40 characters mixing letters and digits).
  { kind: 'secret', pattern: /\b[0-9a-f]{32,}\b/gi },
  { kind: 'secret', pattern: /(?<![\w/+=-])(?=[A-Za-z0-9+/_-]*\d)(?=[A-Za-z0-9+/_-]*[A-Za-z])[A-Za-z0-9+/_-]{40,}={0,2}(?![\w/+=-])/g },
  { kind: 'email', pattern: /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/g },
  // International: "+1 (555) 123-4567", "+44 20 7946 0958", "+33 1 23 45 67 89", "+81-3-1234-5678",
  // "tel:+15551234567", and with the 00 prefix, "0049 30 1234567". At least 7 digits after the code.
  {
    kind: 'phone',
    pattern: new RegExp(String.raw`(?:\btel:)?(?<![\w+])(?:\+|${NOT_AFTER}00)[1-9]\d{0,2}(?=(?:[\s.()-]*\d){7})(?:[\s.-]?\(\d{1,4}\))?(?:[\s.-]?\d{1,5}){1,6}${NOT_BEFORE}`, 'g'),
  },
  // North American: "(555) 123-4567", "555-123-4567", "555.123.4567", "1-800-555-0199" (3-3-4 with separators)
  { kind: 'phone', pattern: new RegExp(String.raw`${NOT_AFTER}(?:1[\s.-])?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}${NOT_BEFORE}`, 'g') },
  // National numbers with a trunk 0: "020 7946 0958", "0171-555 0199", "(030) 1234567", "030 1234567",
  // "01 23 45 67 89", "07911123456".
  {
    kind: 'phone',
    pattern: new RegExp(String.raw`${NOT_AFTER}(?:\(0\d{1,4}\)\s?\d{3,8}(?:[\s-]\d{2,5})*|0\d{2,4}[\s-]\d{3,4}[\s-]?\d{3,4}|0\d(?:[\s.-]\d{2}){4}|0\d{9,10})${NOT_BEFORE}`, 'g'),
  },
];

/** A person the journal knows, and the placeholder their name becomes. */
export interface Person {
  /** e.g. "Tomás Herrera". */
  name: string;
  /** e.g. "[MANAGER]", "[PERSON-B]". */
  placeholder: string;
  /** @owner handles that mean this person, e.g. ["tomas"]. */
  handles: string[];
}

/** Replaces personal data, secrets and configured words in text, counting what it replaced. */
export interface Redactor {
  redact(text: string): string;
  /** How many replacements of each kind so far, e.g. { email: 2, phone: 1, secret: 0, name: 4, word: 3 }. */
  readonly counts: Record<RedactionKind, number>;
}

/**
 * A redactor for the `redact:` words of journal.yml (matched case-insensitively, as whole words) and
 * the people the journal knows (people()).
 */
export function createRedactor(words: readonly string[], known: readonly Person[] = []): Redactor {
  const counts: Record<RedactionKind, number> = { email: 0, phone: 0, secret: 0, name: 0, word: 0 };
  const wordRule = wordPattern(words);
  const rules = [...RULES, ...known.flatMap(personRules), ...(wordRule ? [{ kind: 'word' as const, pattern: wordRule }] : [])];
  return {
    counts,
    redact(text) {
      let out = text;
      for (const rule of rules) {
        out = out.replace(rule.pattern, (...args: unknown[]) => {
          counts[rule.kind] += 1;
          const groups = args.slice(1, -2) as (string | undefined)[];
          return (rule.replace ?? PLACEHOLDERS[rule.kind]).replace(/\$(\d)/g, (_, i: string) => groups[Number(i) - 1] ?? '');
        });
      }
      return out;
    },
  };
}

/**
 * The people of a journal with stable placeholders: the person themself is "[ME]", the manager
 * "[MANAGER]", everyone else (1:1 partners, @owners) "[PERSON-A]", "[PERSON-B]", … in alphabetical
 * order of their names, so a placeholder changes only when the set of people does. An @owner handle
 * that is the first or last name of a known person (accents aside: @tomas is Tomás Herrera) means
 * that person.
 */
export function people(input: { me?: string | null; manager?: string | null; partners: readonly string[]; owners: readonly string[] }): Person[] {
  const byKey = new Map<string, Person>();
  const add = (name: string, placeholder: string | null) => {
    const key = fold(name);
    if (!key || key === 'me' || byKey.has(key)) return;
    byKey.set(key, { name: name.trim(), placeholder: placeholder ?? '', handles: [] });
  };
  if (input.me) add(input.me, '[ME]');
  if (input.manager) add(input.manager, '[MANAGER]');
  for (const name of input.partners) add(name, null);
  const known = [...byKey.values()];
  const handleOf = (owner: string) => known.find((p) => fold(p.name).split(/\s+/).includes(fold(owner)));
  for (const owner of input.owners) {
    const person = handleOf(owner);
    if (person) person.handles.push(owner);
    else if (fold(owner) !== 'me') add(owner, null);
  }
  const others = [...byKey.values()].filter((p) => !p.placeholder).sort((a, b) => fold(a.name).localeCompare(fold(b.name)));
  others.forEach((p, i) => (p.placeholder = `[PERSON-${letters(i)}]`));
  for (const p of byKey.values()) if (!p.handles.includes(p.name) && /^[\p{L}\p{N}_.-]+$/u.test(p.name)) p.handles.push(p.name);
  return [...byKey.values()];
}

/** A, B, …, Z, AA, AB, …: placeholders hold no digits, so the grounding check never reads them as figures. */
function letters(i: number): string {
  return (i >= 26 ? letters(Math.floor(i / 26) - 1) : '') + String.fromCharCode(65 + (i % 26));
}

/** Lower case without accents, spaces collapsed: "Tomás  Herrera" → "tomas herrera". */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * A person's rules: "@handle" (any case), the full name (any case, any spacing), then each part of
 * it written as in the name ("Tomás", "Herrera"); accents are optional throughout.
 */
function personRules(person: Person): Rule[] {
  const rules: Rule[] = [];
  const handles = [...new Set(person.handles)].filter((h) => h.length >= 1).sort((a, b) => b.length - a.length);
  if (handles.length > 0) {
    rules.push({ kind: 'name', pattern: new RegExp(`(?<=^|[^\\p{L}\\p{N}_@.])@(?:${handles.map(loosely).join('|')})(?![\\p{L}\\p{N}_])`, 'giu'), replace: `@${person.placeholder}` });
  }
  // A handle-only person ("dana") is also found as a capitalized word ("Dana").
  const name = /^\p{Ll}[\p{L}]{2,}$/u.test(person.name) ? person.name[0].toUpperCase() + person.name.slice(1) : person.name;
  const parts = name.split(/\s+/).filter((part) => part.length >= 2 && /^\p{Lu}/u.test(part));
  if (parts.length > 1) rules.push({ kind: 'name', pattern: wholeWords([name], 'giu'), replace: person.placeholder });
  if (parts.length > 0) rules.push({ kind: 'name', pattern: wholeWords(parts, 'gu'), replace: person.placeholder });
  return rules;
}

/** A name as a pattern: special characters escaped, any white space between words, accents optional. */
function loosely(name: string): string {
  return [...name.trim()].map((c) => {
    if (/\s/.test(c)) return '\\s+';
    const base = c.normalize('NFD').replace(/\p{M}/gu, '');
    const escaped = c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    return base !== c && base.length > 0 ? `(?:${escaped}|${base.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')})` : escaped;
  }).join('').replace(/(?:\\s\+)+/g, '\\s+');
}

function wholeWords(names: readonly string[], flags: string): RegExp {
  const sorted = [...new Set(names)].sort((a, b) => b.length - a.length);
  return new RegExp(`(?<![\\p{L}\\p{N}_@])(?:${sorted.map(loosely).join('|')})(?![\\p{L}\\p{N}_])`, flags);
}

/** One alternation of the configured words, longest first so "Project Falcon" wins over "Falcon". */
function wordPattern(words: readonly string[]): RegExp | null {
  const cleaned = [...new Set(words.map((w) => w.trim()).filter((w) => w.length > 0))].sort((a, b) => b.length - a.length);
  if (cleaned.length === 0) return null;
  const escaped = cleaned.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'));
  return new RegExp(`(?<![\\p{L}\\p{N}_])(?:${escaped.join('|')})(?![\\p{L}\\p{N}_])`, 'giu');
}
