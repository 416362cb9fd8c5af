/**
 * Pure text edits of journal files, for `log` and `new daily`: insert one bullet into a section and change nothing
 * else, byte for byte (BOM, line endings and everything around the addition are kept).
 */
import { parseFrontMatter } from '../ingest/frontmatter.ts';
import { SECTIONS } from '../ingest/sections.ts';
import { parseSections } from '../ingest/markdown.ts';

/** The heading `log` (and `new daily`, for goals carried over) writes when a daily log lacks the section, by canonical name. */
export const DAILY_HEADINGS = { goals: 'Goals', wins: 'Wins', blockers: 'Blockers', learnings: 'Learnings' } as const;
export type LogSection = keyof typeof DAILY_HEADINGS;

/** Returns `text` with "- item" added at the end of the daily log's `section`, creating the section if needed. */
export function insertBullet(text: string, section: LogSection, item: string): string {
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const content = text.slice(bom.length);
  const eol = content.includes('\r\n') ? '\r\n' : '\n';
  const bullet = item.replace(/\s*\r?\n\s*/g, ' ').trim();
  const { body } = parseFrontMatter(content, '');
  const bodyStart = content.length - body.length;
  const target = parseSections(body, SECTIONS.daily).find((s) => s.name === section);

  if (!target) {
    const ending = content === '' || content.endsWith(eol + eol) ? '' : content.endsWith(eol) ? eol : eol + eol;
    return `${bom}${content}${ending}## ${DAILY_HEADINGS[section]}${eol}${eol}- ${bullet}${eol}`;
  }
  const marker = /^\s*([*+])\s/.exec(target.markdown)?.[1] ?? '-';
  const at = bodyStart + target.contentEnd;
  const addition = target.lastBlock === 'list' ? `${eol}${marker} ${bullet}` : `${eol}${eol}- ${bullet}`;
  return `${bom}${content.slice(0, at)}${addition}${content.slice(at)}`;
}
