import { readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Command } from './command.ts';
import { writeNewFile } from '../files.ts';
import { EDITOR_SCHEMAS, renderJsonSchema } from '../ingest/schema.ts';

const TEMPLATES = ['daily', 'weekly', '1on1', 'series', 'okr', 'achievement', 'sprint'];
const FOLDERS = ['daily', 'weekly', 'okrs', 'one-on-ones', 'achievements', 'sprints', 'assessments'];
const here = (name: string) => new URL(name, import.meta.url);

export const init: Command = {
  name: 'init',
  help: `Usage: turbowork init [DIR]

Creates a journal in DIR (default: ./journal): journal.yml with every setting explained, the entry
templates in templates/ for you to edit, the entry folders, the JSON Schemas editors use to
complete and check journal.yml and front matter (schemas/; journal.yml names its schema in a
yaml-language-server comment), and a .gitignore for the lock and temporary files an interrupted
command can leave. Existing files are left as they are; the files created are printed.

When the folder above DIR is a turbowork checkout (its package.json is turbowork's), init also writes
.github/workflows/weekly.yml there, set to DIR: each week it refreshes the assessment drafts and
opens a pull request for you to review (see docs/review.md). Anywhere else it writes no workflow, as
the workflow runs turbowork's npm scripts, and says so: clone turbowork and keep the journal in it.
`,
  options: {},
  async run(_values, positionals, { io, program }) {
    const dir = positionals[0] ?? 'journal';
    const files: [string, string][] = [
      [join(dir, 'journal.yml'), await readFile(here('./templates/journal.yml'), 'utf8')],
      [join(dir, '.gitignore'), await readFile(here('./templates/journal.gitignore'), 'utf8')],
      ...(await Promise.all(TEMPLATES.map(async (name): Promise<[string, string]> => [join(dir, 'templates', `${name}.md`), await readFile(here(`./templates/${name}.md`), 'utf8')]))),
      ...FOLDERS.map((folder): [string, string] => [join(dir, folder, '.gitkeep'), '']),
      ...Object.entries(EDITOR_SCHEMAS).map(([name, schema]): [string, string] => [join(dir, 'schemas', name), JSON.stringify(renderJsonSchema(schema), null, 2) + '\n']),
    ];
    const checkout = dirname(resolve(dir));
    const workflow = await workflowFor(checkout, basename(resolve(dir)));
    if (workflow) files.push([join(dirname(dir), '.github/workflows/weekly.yml'), workflow]);
    let created = 0;
    for (const [path, content] of files) {
      if (await writeNewFile(path, content)) {
        io.stdout.write(`${path}\n`);
        created++;
      }
    }
    io.stderr.write(created > 0 ? `Created ${created} files. Next: ${program} new daily --journal ${dir}\n` : `Nothing to do: ${dir} is already set up.\n`);
    if (!workflow) {
      io.stderr.write(`No weekly workflow written: ${checkout} is not a turbowork checkout, and the workflow runs turbowork's npm scripts. To have the weekly pull request, clone turbowork (it is a template), put this journal in its journal/ folder and push that repository; its .github/workflows/weekly.yml is ready (docs/review.md).\n`);
    }
    return 0;
  },
};

/**
 * The weekly workflow for a journal in `folder` of `checkout`, or null when `checkout` is not a
 * turbowork checkout: the workflow runs `npm ci` and `npm run tw`, which only turbowork's
 * package.json provides.
 */
async function workflowFor(checkout: string, folder: string): Promise<string | null> {
  try {
    const pkg = JSON.parse(await readFile(join(checkout, 'package.json'), 'utf8')) as { name?: string; scripts?: Record<string, string> };
    if (pkg.name !== 'turbowork' || !pkg.scripts?.tw) return null;
  } catch {
    return null;
  }
  const text = await readFile(here('../../.github/workflows/weekly.yml'), 'utf8');
  return text.replace(/^(  TURBOWORK_JOURNAL: ).*$/m, `$1${JSON.stringify(folder)}`);
}
