/**
 * Whether an entry is private, read so that it fails closed. An entry is public only when its front
 * matter reads cleanly and says `private: false` or nothing at all. Everything else is private:
 * `private: true`; a value that is not a plain boolean (`yes`, `"true"`, `1`); the key in another
 * case, misspelt (`Private:`, `privte:`) or below the top (`meta: { private: true }`); a key that
 * says private (`private_notes:`, `is_private:`); and front matter that cannot be read (a YAML slip, an unclosed block, a list
 * instead of keys) when it mentions "private" anywhere; and a file with no front matter found where
 * one is looked for (a blank line above the opening ---, TOML's +++) whose line reads like a privacy
 * setting (`private: true`, `private = true`). Each guess is a diagnostic, so the user learns what
 * was decided and how to say it plainly.
 *
 * What this decides for one file, the `shareable` views (src/db/shareable.sql) extend across files:
 * a 1:1 series that is private makes its meetings, feedback and action items private.
 */
import { diagnose, type Diagnostic } from './diagnostics.ts';
import type { SplitFile } from './frontmatter.ts';

export interface Privacy {
  private: boolean;
  diagnostics: Diagnostic[];
}

/**
 * The keys that are read as `private`: in any case, with spaces around, in full-width letters or
 * with invisible characters, and misspelt or written with a look-alike letter (within two edits:
 * `privte`, `pirvate`, `prіvate` with a Cyrillic і, `privacy`). A key meant as privacy is read as
 * privacy, and warned about.
 */
export function isPrivacyKey(key: string): boolean {
  let known = privacyKeys.get(key);
  if (known === undefined) {
    const plain = key.normalize('NFKC').replace(/\p{Cf}/gu, '').trim().toLowerCase();
    known = plain === 'private' || (plain.length >= 5 && editDistance(plain, 'private') <= 2);
    privacyKeys.set(key, known);
  }
  return known;
}

/** isPrivacyKey's answers: a journal's files use a few dozen keys, asked about in every file. */
const privacyKeys = new Map<string, boolean>();

/** A key with "private" as one of its words: `private_notes`, `is_private`, `privateNotes`, `Private Info`. */
function saysPrivate(key: string): boolean {
  let says = keysSayingPrivate.get(key);
  if (says === undefined) {
    says = key.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2').toLowerCase().split(/[^a-z]+/).includes('private');
    keysSayingPrivate.set(key, says);
  }
  return says;
}

/** saysPrivate's answers, kept as isPrivacyKey's are. */
const keysSayingPrivate = new Map<string, boolean>();

/** Edits (insert, delete, replace, swap two neighbours) that turn `a` into `b`. */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

const MENTIONS_PRIVATE = /private/i;

/** Reads the privacy of one file from its split front matter. */
export function readPrivacy(split: SplitFile, file: string): Privacy {
  const unclosed = split.yaml === null && split.diagnostics.some((d) => d.code === 'frontmatter-unterminated');
  if (unclosed || (split.yaml && (!split.yaml.readable || !isMapping(split.yaml.data)))) {
    // The keys cannot be read: any mention of "private" may have been meant as the key.
    const text = split.yaml?.text ?? split.body;
    if (!MENTIONS_PRIVATE.test(text)) return { private: false, diagnostics: [] };
    // The YAML's text and an unclosed file's body both start on the file's line 1.
    const line = 1 + (text.slice(0, text.search(MENTIONS_PRIVATE)).match(/\n/g)?.length ?? 0);
    return {
      private: true,
      diagnostics: [diagnose('private-unreadable', { file, line, column: 1 }, {})],
    };
  }
  if (!split.yaml) return settingOutsideFrontMatter(split, file);
  const data = split.yaml.data as Record<string, unknown>;
  const diagnostics: Diagnostic[] = [];
  let isPrivate = false;
  for (const [key, value] of Object.entries(data)) {
    // A blank key is not given.
    if (!(isPrivacyKey(key) || saysPrivate(key)) || value === null) continue;
    if (value === false && key === 'private') continue;
    isPrivate = true;
    if (value === true && key === 'private') continue;
    const at = split.yaml.locate([key]);
    const written = `${key}: ${JSON.stringify(value)?.slice(0, 40)}`;
    const reason = key === 'private' ? 'value' : key.trim().toLowerCase() === 'private' ? 'case' : isPrivacyKey(key) ? 'misspelt' : 'says';
    diagnostics.push(diagnose('private-unclear', { file, ...at }, { key, written, reason }));
  }
  const nested = nestedPrivacyKey(data);
  if (nested) {
    isPrivate = true;
    diagnostics.push(diagnose('private-unclear', { file, ...split.yaml.locate(nested) }, { key: nested.join('.'), written: '', reason: 'nested' }));
  }
  return { private: isPrivate, diagnostics };
}

/**
 * The path of a privacy key inside a value of the front matter (`meta: { private: true }`, YAML 1.1's
 * `<<: { private: true }`), or null: one that says anything but false or nothing was meant to count.
 */
function nestedPrivacyKey(data: Record<string, unknown>): PropertyKey[] | null {
  const stack: { value: unknown; path: PropertyKey[] }[] = Object.entries(data).map(([key, value]) => ({ value, path: [key] }));
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { value, path } = next;
    if (Array.isArray(value)) value.forEach((item, i) => stack.push({ value: item, path: [...path, i] }));
    else if (isMapping(value)) {
      for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
        if (isPrivacyKey(key) && inner !== null && inner !== false) return [...path, key];
        stack.push({ value: inner, path: [...path, key] });
      }
    }
  }
  return null;
}

/** A line that reads like a privacy setting in YAML or TOML, e.g. `private: true`, `"Private" = false`. */
const PRIVACY_SETTING = /^[ \t]*["']?private["']?[ \t]*[:=]/im;

/**
 * A file with no front matter is public unless its text holds a line that reads like a privacy
 * setting: front matter that is not where it is looked for (below a blank line, in TOML's +++) was
 * still meant as one, and which value it gives cannot be read.
 */
function settingOutsideFrontMatter(split: SplitFile, file: string): Privacy {
  const match = PRIVACY_SETTING.exec(split.body);
  if (!match) return { private: false, diagnostics: [] };
  const line = split.bodyLine + (split.body.slice(0, match.index).match(/\n/g)?.length ?? 0);
  return {
    private: true,
    diagnostics: [diagnose('private-unreadable', { file, line, column: 1 }, { outside: true })],
  };
}

function isMapping(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
