/**
 * Whether an entry is private, read so that it fails closed. An entry is public only when its front
 * matter reads cleanly and says `private: false` or nothing at all. Everything else is private:
 * `private: true`; a value that is not a plain boolean (`yes`, `"true"`, `1`); the key in another
 * case (`Private:`); and front matter that cannot be read (a YAML slip, an unclosed block, a list
 * instead of keys) when it mentions "private" anywhere. Each guess is a diagnostic, so the user
 * learns what was decided and how to say it plainly.
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

/** The keys that are read as `private`, whatever their case or surrounding spaces. */
export const isPrivacyKey = (key: string): boolean => key.trim().toLowerCase() === 'private';

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
      diagnostics: [diagnose('private-unreadable', { file, line, column: 1 })],
    };
  }
  if (!split.yaml) return { private: false, diagnostics: [] };
  const data = split.yaml.data as Record<string, unknown>;
  const diagnostics: Diagnostic[] = [];
  let isPrivate = false;
  for (const [key, value] of Object.entries(data)) {
    if (!isPrivacyKey(key) || value === null) continue; // a blank key is not given
    if (value === false && key === 'private') continue;
    isPrivate = true;
    if (value === true && key === 'private') continue;
    const at = split.yaml.locate([key]);
    const written = `${key}: ${JSON.stringify(value)?.slice(0, 40)}`;
    diagnostics.push(diagnose('private-unclear', { file, ...at }, { key, written }));
  }
  return { private: isPrivate, diagnostics };
}

function isMapping(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
