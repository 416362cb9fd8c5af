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

/** Every draft, keyed "<kind>:<period>", e.g. "week:2026-W06". Side files (*.new.md) are left out. */
export async function readAssessments(journalDir: string, base: string): Promise<Map<string, Draft>> {
  const views = new Map<string, Draft>();
  for (const [kind, folder] of Object.entries(DRAFT_FOLDERS)) {
    const names = await readdir(join(journalDir, 'assessments', folder)).catch(() => [] as string[]);
    for (const name of names.filter((n) => n.endsWith('.md') && !n.endsWith('.new.md')).sort()) {
      const path = `assessments/${folder}/${name}`;
      const draft = await readDraft(journalDir, path);
      if (!draft) continue;
      const period = draft.meta?.period ?? name.replace(/\.md$/, '');
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
