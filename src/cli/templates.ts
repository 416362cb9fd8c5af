/**
 * Entry templates for `new` and `log`. A journal may override any of them with
 * journal/templates/<name>.md; otherwise the built-in ones beside this file are used.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readTextOrNull } from '../files.ts';

export type TemplateName = 'daily' | 'weekly' | '1on1' | 'series' | 'okr' | 'achievement' | 'sprint';

/** The template with every {{key}} replaced; unknown keys become empty. */
export async function renderTemplate(journalDir: string, name: TemplateName, values: Record<string, string>): Promise<string> {
  const own = await readTextOrNull(join(journalDir, 'templates', `${name}.md`));
  const template = own ?? (await readFile(new URL(`./templates/${name}.md`, import.meta.url), 'utf8'));
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? '');
}
