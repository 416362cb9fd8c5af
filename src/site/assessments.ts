/**
 * Assessment drafts from journal/assessments/, rendered for the period pages: citations rewritten
 * from relative file links to site routes, then through the sanitizer (model output is untrusted).
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { rewriteLinksForSite } from './routes.ts';
import { DRAFT_FOLDERS, readDraft } from '../assess/store.ts';
import { renderMarkdown, type LinkResolver } from './markdown.ts';
import type { AssessmentView } from './pages.ts';

/** Every draft, keyed "<kind>:<period>", e.g. "week:2026-W06". Side files (*.new.md) are left out. */
export async function readAssessments(journalDir: string, base: string, resolve: LinkResolver): Promise<Map<string, AssessmentView>> {
  const views = new Map<string, AssessmentView>();
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
        html: renderMarkdown(rewriteLinksForSite(draft.body, path, base), resolve),
        unverified: draft.meta?.unverified_numbers ?? [],
        path,
        edited: draft.edited,
      });
    }
  }
  return views;
}
