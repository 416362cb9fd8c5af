import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Command } from './command.ts';
import { writeNewFile } from '../files.ts';
import { EDITOR_SCHEMAS, renderJsonSchema } from '../ingest/schema.ts';

const TEMPLATES = ['daily', 'weekly', '1on1', 'series', 'okr', 'achievement', 'sprint'];
const FOLDERS = ['daily', 'weekly', 'okrs', 'one-on-ones', 'achievements', 'sprints', 'assessments'];
const here = (name: string) => new URL(name, import.meta.url);

export const init: Command = {
  name: 'init',
  summary: 'scaffold a new journal: settings, templates, folders and the weekly workflow',
  help: `Usage: turbowork init [DIR]

Creates a journal in DIR (default: ./journal): journal.yml with every setting explained, the entry
templates in templates/ for you to edit, the entry folders, the JSON Schemas editors use to complete
and check journal.yml and front matter (schemas/; journal.yml names its schema in a
yaml-language-server comment), and .github/workflows/weekly.yml beside DIR (a weekly build that
opens a pull request with the assessment drafts).
Existing files are left as they are; the files created are printed.
`,
  options: {},
  async run(_values, positionals, { io }) {
    const dir = positionals[0] ?? 'journal';
    const files: [string, string][] = [
      [join(dir, 'journal.yml'), await readFile(here('./templates/journal.yml'), 'utf8')],
      ...(await Promise.all(TEMPLATES.map(async (name): Promise<[string, string]> => [join(dir, 'templates', `${name}.md`), await readFile(here(`./templates/${name}.md`), 'utf8')]))),
      ...FOLDERS.map((folder): [string, string] => [join(dir, folder, '.gitkeep'), '']),
      ...Object.entries(EDITOR_SCHEMAS).map(([name, schema]): [string, string] => [join(dir, 'schemas', name), JSON.stringify(renderJsonSchema(schema), null, 2) + '\n']),
      [join(dirname(resolve(dir)), '.github/workflows/weekly.yml'), await readFile(here('../../.github/workflows/weekly.yml'), 'utf8')],
    ];
    let created = 0;
    for (const [path, content] of files) {
      if (await writeNewFile(path, content)) {
        io.stdout.write(`${path}\n`);
        created++;
      }
    }
    io.stderr.write(created > 0 ? `Created ${created} files. Next: turbowork new daily --journal ${dir}\n` : `Nothing to do: ${dir} is already set up.\n`);
    return 0;
  },
};
