/**
 * Assessment drafts from journal/assessments/ for the period pages, with citations rewritten from
 * relative file links to site routes. The site data renders them as fragments, through the
 * sanitizer (model output is untrusted).
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { rewriteLinksForSite } from './routes.ts';
import { DRAFT_FOLDERS, readDraft } from '../assess/store.ts';
import type { AssessmentView } from './pages.ts';

/** A draft as read: its Markdown, not yet rendered. */
export type Draft = Omit<AssessmentView, 'body'> & { markdown: string };

/**
 * Every draft, keyed "<kind>:<period>", e.g. "week:2026-W06". A period's draft is the file named for
 * it (store.ts's draftPath): side files (*.new.md) and copies (2026-W06.orig.md, whose front matter
 * still says period: 2026-W06) are left out, so no copy stands in for the draft that a --public
 * build checked is current.
 */
export async function readAssessments(journalDir: string, base: string): Promise<Map<string, Draft>> {
  const views = new Map<string, Draft>();
  for (const [kind, folder] of Object.entries(DRAFT_FOLDERS)) {
    const names = await readdir(join(journalDir, 'assessments', folder)).catch(() => [] as string[]);
    for (const name of names.filter((n) => n.endsWith('.md') && !n.endsWith('.new.md')).sort()) {
      const path = `assessments/${folder}/${name}`;
      const draft = await readDraft(journalDir, path);
      if (!draft) continue;
      const period = name.replace(/\.md$/, '');
      if (draft.meta && draft.meta.period !== period) continue;
      views.set(`${kind}:${period}`, {
        kind,
        period,
        generator: draft.meta?.generator ?? 'unknown',
        markdown: rewriteLinksForSite(draft.body, path, base),
        unverified: draft.meta?.unverified_numbers ?? [],
        path,
        edited: draft.edited,
      });
    }
  }
  return views;
}
