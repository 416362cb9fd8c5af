/**
 * Redaction of journal text before it goes into any prompt. Personal data and secrets become stable
 * placeholders the model can still write around: "[EMAIL]", "[PHONE]", "[SECRET]", and "[REDACTED]"
 * for the words listed under `redact:` in journal.yml.
 *
 * The patterns are deliberately greedy about secrets (a redacted commit hash costs nothing, a leaked
 * key costs a rotation) and careful about numbers, because metrics such as "from 850ms to 120ms",
 * "$1,200,000", "99.95%" or dates must survive: the draft's figures are checked against them.
 */

/** The placeholders, by what they replace. */
export const PLACEHOLDERS = { email: '[EMAIL]', phone: '[PHONE]', secret: '[SECRET]', word: '[REDACTED]' } as const;
export type RedactionKind = keyof typeof PLACEHOLDERS;

interface Rule {
  kind: RedactionKind;
  pattern: RegExp;
  /** Replacement; defaults to the kind's placeholder. */
  replace?: string;
}

// Order matters: credentials inside URLs before e-mail addresses (user:pass@host looks like one),
// and secrets before phone numbers (a key can hold digit runs).
const RULES: Rule[] = [
  // PEM private keys, whole.
  { kind: 'secret', pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g },
  // e.g. "https://deploy:hunter2@git.example.com/repo" → "https://[SECRET]@git.example.com/repo"
  { kind: 'secret', pattern: /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+:[^\s/@]+@/gi, replace: '$1[SECRET]@' },
  // e.g. "password=hunter2", "api_key: abc123…", "?token=…" → the key stays, the value goes.
  {
    kind: 'secret',
    pattern: /\b((?:pass(?:word|wd)?|pwd|secret|token|api[_-]?key|access[_-]?key|client[_-]?secret|auth[_-]?token)\s*[:=]\s*)["']?[^\s"',;&]{6,}["']?/gi,
    replace: '$1[SECRET]',
  },
  // Provider key formats: OpenAI/Anthropic, GitHub, AWS, Slack, Google, JWTs.
  { kind: 'secret', pattern: /\bsk-[A-Za-z0-9_-]{16,}/g },
  { kind: 'secret', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/g },
  { kind: 'secret', pattern: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g },
  { kind: 'secret', pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}/g },
  { kind: 'secret', pattern: /\bAIza[0-9A-Za-z_-]{35}/g },
  { kind: 'secret', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
  // Long hex (≥ 32 digits) and long base64-like runs (≥ 40 characters mixing letters and digits).
  { kind: 'secret', pattern: /\b[0-9a-f]{32,}\b/gi },
  { kind: 'secret', pattern: /(?<![\w/+=-])(?=[A-Za-z0-9+/_-]*\d)(?=[A-Za-z0-9+/_-]*[A-Za-z])[A-Za-z0-9+/_-]{40,}={0,2}(?![\w/+=-])/g },
  { kind: 'email', pattern: /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/g },
  // e.g. "+1 (555) 123-4567", "+44 20 7946 0958", "tel:+15551234567"
  { kind: 'phone', pattern: /(?:\btel:)?(?<![\w+])\+\d{1,3}(?:[\s.-]?\(\d{1,4}\))?(?:[\s.-]?\d{2,5}){2,5}(?![\w-])/g },
  // e.g. "(555) 123-4567", "555-123-4567", "555.123.4567" (NANP: 3-3-4 with separators)
  { kind: 'phone', pattern: /(?<![\w.,$€£-])(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?![\w-]|[.,]\d)/g },
  // e.g. "020 7946 0958", "0171-555 0199" (national numbers with a trunk 0)
  { kind: 'phone', pattern: /(?<![\w.,$€£-])0\d{2,4}[\s-]\d{3,4}[\s-]?\d{3,4}(?![\w-]|[.,]\d)/g },
];

/** Replaces personal data, secrets and configured words in text, counting what it replaced. */
export interface Redactor {
  redact(text: string): string;
  /** How many replacements of each kind so far, e.g. { email: 2, phone: 1, secret: 0, word: 3 }. */
  readonly counts: Record<RedactionKind, number>;
}

/** A redactor for the `redact:` words of journal.yml (matched case-insensitively, as whole words). */
export function createRedactor(words: readonly string[]): Redactor {
  const counts: Record<RedactionKind, number> = { email: 0, phone: 0, secret: 0, word: 0 };
  const wordRule = wordPattern(words);
  const rules = wordRule ? [...RULES, { kind: 'word' as const, pattern: wordRule }] : RULES;
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

/** One alternation of the configured words, longest first so "Project Falcon" wins over "Falcon". */
function wordPattern(words: readonly string[]): RegExp | null {
  const cleaned = [...new Set(words.map((w) => w.trim()).filter((w) => w.length > 0))].sort((a, b) => b.length - a.length);
  if (cleaned.length === 0) return null;
  const escaped = cleaned.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'));
  return new RegExp(`(?<![\\p{L}\\p{N}_])(?:${escaped.join('|')})(?![\\p{L}\\p{N}_])`, 'giu');
}
