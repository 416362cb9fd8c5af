/**
 * `turbowork import SOURCE …`: one command, one module per source. This file only dispatches; each
 * source parses its own positionals and options.
 */
import { choiceError, type Command, type ImportSource } from './command.ts';
import { EVIDENCE_SOURCES } from './import-evidence.ts';
import { NOTE_SOURCES, NOTES_HELP } from './import-notes.ts';

const SOURCES: Record<string, ImportSource> = { ...NOTE_SOURCES, ...EVIDENCE_SOURCES };

export const importCommand: Command = {
  name: 'import',
  help: `Usage:
${Object.values(SOURCES).map((s) => `  turbowork ${s.usage}`).join('\n')}

${NOTES_HELP}
git   Reads your commits (git log, read only) from each repository and adds the new ones to
      evidence/commits/<repository>.jsonl in the journal: date, subject, files changed, insertions,
      deletions and the pull request the subject names. Run it again to add only new commits
      (the cache folder keeps the HEAD it listed: a repository that did not move costs one rev-parse).
      Without REPO, reads evidence.repos from journal.yml (paths relative to the journal).
      --author EMAIL   your commit email (repeatable; default evidence.authors, else the
                       repository's user.email)
      --since DATE     skip commits before DATE (default evidence.since)
ics   Expands an iCalendar export (recurrences, moved and cancelled occurrences, time zones) into
      evidence/calendar/<name>.jsonl, replacing the previous import of that file.
      --since DATE     skip events before DATE
      --until DATE     expand recurring events up to DATE (default today)

The files are plain JSON Lines: commit them with the journal. \`check\` then compares calendar
meeting hours with your logged meetings: and lists 1:1s with no notes; pages show the commits.
`,
  options: { 'dry-run': { type: 'boolean' }, author: { type: 'string', multiple: true }, since: { type: 'string' }, until: { type: 'string' } },
  async run(values, positionals, ctx) {
    const [name, ...args] = positionals;
    const source = name ? SOURCES[name] : undefined;
    if (!source) throw choiceError('import', 'source', name, Object.keys(SOURCES));
    return source.run(values, args, ctx);
  },
};
