/**
 * Problems in the user's files are values, never exceptions. Every diagnostic has a permanent
 * kebab-case code: users grep for them. Every text a diagnostic shows lives in CATALOGUE below:
 * the message (filled in with the particulars), the hint, and the explanation that
 * docs/diagnostics.md is generated from (`npm run docs:diagnostics`; a test checks it is current).
 */
import { suggestNames as suggestNamesOf } from './suggest.ts';

type Severity = 'error' | 'warning' | 'info';

interface CatalogueEntry {
  /** The usual severity; "error / warning" when the place decides (see the explanation). */
  severity: Severity | 'error / warning';
  /** One line: what the code means, for `check --help`. */
  summary: string;
  /** What turbowork did about it, for docs/diagnostics.md. */
  explanation: string;
  /** What happened, with the particulars. */
  message: (p: never) => string;
  /** What to do about it. */
  hint: string | ((p: never) => string);
  /** What to do, for the docs, when the hint depends on the case. */
  todo?: string;
}

/** A did-you-mean suffix: " Did you mean deep_work?" or "". */
const suggest = (candidates: readonly string[] | undefined) => (candidates && candidates.length > 0 ? ` Did you mean ${candidates.join(' or ')}?` : '');

/** Every code turbowork can report, with all of its texts. */
export const CATALOGUE = {
  'file-empty': {
    severity: 'warning',
    summary: 'The file has no content at all.',
    explanation: 'The file has no content (or only white space), so it adds nothing.',
    message: () => 'The file is empty, so it adds nothing',
    hint: 'Write the entry, or delete the file; `turbowork new` creates one from a template.',
  },
  'file-not-text': {
    severity: 'error',
    summary: 'The file is not UTF-8 text (binary, or invalid byte sequences).',
    explanation: 'The file is not UTF-8 text: it has NUL bytes or invalid byte sequences. It is not read.',
    message: (p: { reason: 'nul' | 'utf8' }) => (p.reason === 'nul' ? 'The file contains NUL bytes: it looks binary, not text' : 'The file is not valid UTF-8'),
    hint: 'Journal files must be UTF-8 text; move other files out of the journal.',
  },
  'file-unreadable': {
    severity: 'error',
    summary: 'The file could not be read (permissions, or it vanished); it is not loaded.',
    explanation: 'The file could not be read (no read permission, or it vanished while the journal was read). It is not loaded; the others are.',
    message: (p: { reason: string }) => `The file could not be read (${p.reason}), so it is not loaded`,
    hint: 'Give yourself read permission on it (chmod u+r), or move it out of the journal.',
  },
  'file-symlink': {
    severity: 'warning',
    summary: 'A symbolic link in the journal: links are not followed.',
    explanation: 'A symbolic link (to a file or a folder) inside the journal. Links are not followed: one could lead out of the journal, or in a circle. `log` refuses to write through a link that leads out of the journal.',
    message: () => 'This is a symbolic link, which turbowork does not follow, so what it points to is not read',
    hint: 'Move the file or folder itself into the journal, or remove the link.',
  },
  'markdown-too-deep': {
    severity: 'error',
    summary: 'Lists or quotes nest too deeply to read; the file is not loaded.',
    explanation: 'Lists or quotes nest more than 100 columns deep (about 50 levels of list; indentation and `>` markers before a line\'s text count). Parsing such nesting takes time that grows with its square, so the file is not loaded.',
    message: (p: { columns: number; limit: number }) => `Lists or quotes nest ${p.columns} columns deep here, deeper than the ${p.limit} turbowork reads, so the file is not loaded`,
    hint: 'Flatten the nesting; a journal entry rarely needs more than a few levels.',
  },
  'yaml-too-large': {
    severity: 'error',
    summary: 'Front matter or journal.yml is too long, or its aliases expand to too many values.',
    explanation: 'Front matter or `journal.yml` is longer than 1,000,000 characters, holds more than 1,000 aliases (`*name`), or expands to more than 100,000 values once its aliases are expanded (a "billion laughs"). It is ignored, as broken YAML is (so an entry that mentions private is private); the entry still loads from its body and file name.',
    message: (p: { what: string }) => `The YAML ${p.what}, so it is ignored`,
    hint: 'Front matter and journal.yml hold a few settings: move long text into the Markdown body, and write values out instead of repeating aliases.',
  },
  'config-unreadable': {
    severity: 'error',
    summary: 'journal.yml exists but could not be read (a folder, or no permission): every setting is the default.',
    explanation: '`journal.yml` exists but cannot be read: it is a folder, or you lack read permission. Every setting is the default and no model is called, as `redact:` and `llm:` cannot be known; this is loud because those settings matter. A missing `journal.yml` is no problem: the defaults apply silently.',
    message: (p: { reason: string }) => `journal.yml could not be read (${p.reason}), so every setting is the default and no model is called`,
    hint: 'Make journal.yml a readable file (chmod u+r journal.yml), or remove it to use the defaults on purpose.',
  },
  'file-unrecognized': {
    severity: 'warning',
    summary: 'A Markdown file sits outside the folders turbowork reads.',
    explanation: 'A `.md` file sits outside the folders turbowork reads. `README.md` files, `templates/`, `assessments/`, hidden folders and files that are not `.md` are skipped silently.',
    message: () => 'This file is not in a folder turbowork reads, so it is ignored',
    hint: 'Move it under daily/, weekly/, yearly/, okrs/, one-on-ones/, achievements/ or sprints/, or name it README.md; `turbowork import` converts notes from other tools.',
  },
  'yaml-syntax': {
    severity: 'error',
    summary: 'Front matter or journal.yml is not valid YAML.',
    explanation: 'Front matter or `journal.yml` is not valid YAML (including a key written twice). The entry still loads from its body and file name.',
    message: (p: { reason: string }) => `Invalid YAML: ${p.reason}`,
    hint: 'Quote values that contain ": " or " #", indent nested keys consistently, and write each key once.',
  },
  'frontmatter-unterminated': {
    severity: 'error',
    summary: 'Front matter opens with --- but never closes.',
    explanation: 'The file starts with `---` but no closing `---` line follows. The whole file is read as body.',
    message: () => 'Front matter opens with --- on line 1 but is never closed',
    hint: 'Add a line with only --- after the last front-matter key.',
  },
  'frontmatter-invalid': {
    severity: 'error',
    summary: 'A known front-matter key has the wrong type or value.',
    explanation: 'A known key has the wrong type or value, e.g. `energy: high`. The key is ignored; the rest of the entry loads.',
    message: (p: { key: string; found?: string; expected: string }) =>
      p.found === undefined ? `Missing ${p.key || 'front matter'}, ${p.expected}` : `Unexpected ${p.found} for ${p.key || 'front matter'}, ${p.expected}`,
    hint: (p: { key: string; found?: string }) => (p.found === undefined ? `Add ${p.key}.` : `Correct ${p.key}, or remove it.`),
    todo: 'Correct the value, or remove the key.',
  },
  'config-invalid': {
    severity: 'error',
    summary: 'A setting in journal.yml has the wrong type or value.',
    explanation: 'A setting in `journal.yml` has the wrong type or value. Its default is used instead. When the setting is `llm:` or `redact:` (or either key is written in another case), no model is called until it is fixed: the drafts are offline and the CLI says why.',
    message: (p: { key: string; found?: string; expected: string }) =>
      p.found === undefined ? `Missing ${p.key || 'settings'}, ${p.expected}` : `Unexpected ${p.found} for ${p.key || 'settings'}, ${p.expected}`,
    hint: (p: { key: string; found?: string }) => (p.found === undefined ? `Add ${p.key}.` : `Correct ${p.key}, or remove it.`),
    todo: 'Correct the setting.',
  },
  'private-unclear': {
    severity: 'warning',
    summary: 'A private key is not written as private: true or false, so the entry is treated as private.',
    explanation: 'A `private` key is not written as `private: true` or `private: false` (`private: yes`, `private: "true"`, `Private: true`, `PRIVATE: false`), is misspelt or written with a look-alike letter (`privte:`, `privacy:`, anything within two edits of `private`), sits below the top of the front matter (`meta: { private: true }`, a YAML 1.1 merge key), or a key says private (`private_notes:`, `is_private:`). The entry is treated as private.',
    message: (p: { key: string; written: string; reason: 'value' | 'case' | 'misspelt' | 'says' | 'nested' }) => {
      switch (p.reason) {
        case 'value': return `${p.written} is not true or false, so this entry is treated as private`;
        case 'case': return `The key "${p.key}" is taken for private (written in lower case), so this entry is treated as private`;
        case 'misspelt': return `The key "${p.key}" is taken for a misspelt private, so this entry is treated as private`;
        case 'says': return `The key "${p.key}" says private, so this entry is treated as private`;
        case 'nested': return `"${p.key}" sets privacy below the top of the front matter, so this entry is treated as private`;
      }
    },
    hint: (p: { reason: string }) => (p.reason === 'nested'
      ? 'Write private: true (or private: false) as a key of its own at the top of the front matter.'
      : 'Write private: true to keep the entry private, or private: false to share it.'),
    todo: 'Write `private: true`, or `private: false` to share the entry, as a key of its own at the top of the front matter.',
  },
  'private-unreadable': {
    severity: 'warning',
    summary: 'Front matter that cannot be read mentions private, so the entry is treated as private.',
    explanation: 'The front matter cannot be read (a YAML error, an unclosed block, a list instead of keys) and mentions "private" somewhere, or the file has no front matter on its first line but a line that reads like a privacy setting (`private: true` below a blank line, `private = true` in TOML\'s `+++`). The entry is treated as private until it reads cleanly.',
    message: (p: { outside?: boolean }) => (p.outside
      ? 'This line reads like a privacy setting outside front matter, so this entry is treated as private'
      : 'The front matter cannot be read and mentions "private", so this entry is treated as private'),
    hint: (p: { outside?: boolean }) => (p.outside
      ? 'Front matter opens with --- on the very first line of the file; move the setting there as private: true or private: false.'
      : 'Fix the front matter; the entry is public again only once it reads private: false or has no private key.'),
    todo: 'Fix the front matter; it opens with `---` on the first line.',
  },
  'key-unknown': {
    severity: 'warning',
    summary: 'A front-matter key or journal.yml setting turbowork does not know (often a typo).',
    explanation: 'A key that is not part of the format, in front matter or in `journal.yml`, e.g. `deepwork: 4` or `treshholds:`. Its value is kept (in the `extra` column) but not read. The hint suggests the nearest known key, by edit distance and by known synonyms (`focus` → `deep_work`). Keys other tools write (`aliases`, `cssclasses`, `created`, …) are kept without a word.',
    message: (p: { key: string; where: string }) => `Unknown key "${p.key}" in ${p.where}; its value is kept but not read`,
    hint: (p: { known: readonly string[]; suggestions: readonly string[] }) =>
      `${suggest(p.suggestions).trim() || `Known keys: ${p.known.join(', ')}.`} Rename it, or remove it.`,
    todo: 'Rename the key as the hint suggests, or remove it.',
  },
  'key-case': {
    severity: 'warning',
    summary: 'A known key written in another case, e.g. Date: for date:.',
    explanation: 'A known key written in another case or with spaces or dashes, e.g. `Date:`, `Tags:` or `deep-work:`. It is read as the known key.',
    message: (p: { key: string; known: string }) => `"${p.key}" is read as ${p.known}`,
    hint: (p: { known: string }) => `Write ${p.known}: as the format spells it.`,
    todo: 'Write the key as the format spells it.',
  },
  'heading-unknown': {
    severity: 'warning',
    summary: 'A heading with content under it matches no section of its entry kind.',
    explanation: 'A heading that holds content matches none of the entry kind\'s sections, nor their synonyms (built in, or added under `sections:` in `journal.yml`). Headings match at any level, ignoring case, emoji, markup and trailing punctuation: `### ✅ Wins:` is Wins. The content stays in the entry\'s body and on its page, but is not counted (for example, not as wins). The message names the nearest section.',
    message: (p: { heading: string; kind: string; nearest: string | null }) =>
      `"${p.heading}" matches no section of ${p.kind}, so what is under it is not counted${p.nearest ? `; nearest: ${p.nearest}` : ''}`,
    hint: (p: { nearest: string | null; known: readonly string[] }) =>
      p.nearest
        ? `Rename the heading to ${p.nearest} if that is what it holds, or add it under sections: in journal.yml.`
        : `Sections of this kind: ${p.known.join(', ')}. Add a synonym under sections: in journal.yml if this heading means one of them.`,
    todo: 'Rename the heading to the section it holds, or add the heading under `sections:` in `journal.yml`.',
  },
  'date-missing': {
    severity: 'error',
    summary: 'An entry needs a date and neither its front matter nor its file name gives one.',
    explanation: 'A daily log or 1:1 meeting has neither `date:` nor a `YYYY-MM-DD` (or `YYYY_MM_DD`) file name. It is not loaded.',
    message: () => 'This entry has no date: none in the front matter and none in the file name',
    hint: 'Add date: YYYY-MM-DD to the front matter, or name the file YYYY-MM-DD.md.',
  },
  'date-invalid': {
    severity: 'error / warning',
    summary: 'A date that does not exist on the calendar, such as 2025-02-30.',
    explanation: 'A date that does not exist, e.g. `2025-02-30`, in a file name or a date key (error), or in an action item\'s `due:` or 📅 (warning; the item loads with no due date).',
    message: (p: { where: 'file-name' | 'due' | 'key'; date: string }) =>
      p.where === 'file-name' ? `The file name's date ${p.date} does not exist on the calendar`
        : p.where === 'due' ? `The due date ${p.date} is not a date YYYY-MM-DD that exists, so the item has no due date`
        : `${p.date} is not a date that exists on the calendar`,
    hint: (p: { where: 'file-name' | 'due' | 'key' }) =>
      p.where === 'file-name' ? 'Rename the file to a real date, or set date: in the front matter.' : p.where === 'due' ? 'Write the due date as due:YYYY-MM-DD.' : 'Correct the date.',
    todo: 'Correct the date.',
  },
  'date-mismatch': {
    severity: 'warning',
    summary: 'The front-matter date differs from the date in the file name.',
    explanation: '`date:` differs from the date in the file name; `date:` wins.',
    message: (p: { declared: string; fromName: string }) => `date: ${p.declared} differs from the file name's ${p.fromName}; using ${p.declared}`,
    hint: 'Rename the file or correct date: so they agree.',
  },
  'date-outlier': {
    severity: 'warning',
    summary: 'An entry is dated far outside the span of the rest of the journal.',
    explanation: 'A dated entry lies more than a year before or after the months that hold the journal\'s other entries (a stray 2006 file in a 2022 journal, a typo\'d year). It loads, but the journal\'s span, and with it week pages and "work days without a log", starts with the first month that holds real entries, so one stray file cannot add years of empty weeks.',
    message: (p: { date: string; from: string; to: string }) => `${p.date} lies far outside the journal's span (${p.from} to ${p.to})`,
    hint: 'Check the year in the file name or date:; gaps and week pages count from the first month with real entries.',
  },
  'date-range-invalid': {
    severity: 'error',
    summary: 'An end date falls before its start date.',
    explanation: 'An objective\'s or sprint\'s `end` is before its `start`.',
    message: (p: { start: string; end: string }) => `end ${p.end} is before start ${p.start}`,
    hint: 'Swap or correct the dates.',
  },
  'day-duplicate': {
    severity: 'error',
    summary: 'Two daily logs describe the same day.',
    explanation: 'Two daily logs are for the same day (reported on the later path). Both load, so the day counts twice until fixed.',
    message: (p: { date: string; first: string }) => `Another log for ${p.date} already exists: ${p.first}`,
    hint: 'Merge the two files into one; scores would count the day twice.',
  },
  'period-invalid': {
    severity: 'error',
    summary: 'A weekly check-in\'s week or a year\'s file\'s year is missing, or the week does not exist.',
    explanation: 'A weekly check-in\'s week is not an ISO week `YYYY-Www` that exists (e.g. `2025-W54`), or a year\'s file (`yearly/`) has no year: none in `year:` and no `YYYY.md` file name. It is not loaded.',
    message: (p: { kind: 'week' | 'year'; period: string | null }) =>
      p.period ? `${p.period} is not a week of its year` : p.kind === 'week' ? 'This check-in has no week: none in the front matter and none in the file name' : 'This year\'s file has no year: none in the front matter and none in the file name',
    hint: (p: { kind: 'week' | 'year' }) => (p.kind === 'week' ? 'Name the file YYYY-Www.md (an ISO week), or set week: in the front matter.' : 'Name the file YYYY.md, or set year: in the front matter.'),
    todo: 'Name the file YYYY-Www.md (a week) or YYYY.md (a year), or set week: or year: in the front matter.',
  },
  'objective-period-missing': {
    severity: 'error',
    summary: 'An objective has neither a quarter nor start and end dates.',
    explanation: 'An objective has no `quarter:` (nor a `okrs/YYYY-Qn/` folder) and not both `start:` and `end:`. It loads without a period, so it has no pace.',
    message: () => 'This objective has no period: no quarter, and not both start and end',
    hint: 'Add quarter: YYYY-Qn, or keep the file under okrs/YYYY-Qn/.',
  },
  'rating-competency-unknown': {
    severity: 'warning',
    summary: 'A self-rating names a competency that journal.yml\'s competencies: does not list.',
    explanation: 'A self-rating, in `journal.yml`\'s `self_ratings:` or a year\'s file (`yearly/YYYY.md`), names a competency that `competencies:` in `journal.yml` does not list (often a typo). The STAR table has one row per listed competency, so the rating is not shown. Names match ignoring case, spaces, `_` and `-`.',
    message: (p: { competency: string; year: string }) => `The ${p.year} self-rating of "${p.competency}" names no competency of journal.yml, so it is not shown`,
    hint: (p: { known: readonly string[]; suggestions: readonly string[] }) =>
      `${suggest(p.suggestions).trim() || `The competencies are: ${p.known.join(', ')}.`} Rename it, or add the competency to competencies: in journal.yml.`,
    todo: 'Rename the competency as the hint suggests, or add it to competencies: in journal.yml.',
  },
  'objective-unknown': {
    severity: 'warning',
    summary: 'A day\'s or achievement\'s okrs: list names an objective that does not exist.',
    explanation: 'A day\'s `okrs:` or an achievement\'s `okrs:` names an objective that does not exist. (A wiki link that points nowhere is `link-unresolved`.)',
    message: (p: { objective: string }) => `No objective "${p.objective}" exists`,
    hint: (p: { objective: string }) => `Create okrs/${p.objective}.md, or fix the id.`,
    todo: 'Create the objective or fix the id.',
  },
  'kr-unknown': {
    severity: 'warning',
    summary: 'A wiki link names a key result its objective does not have.',
    explanation: 'A wiki link `[[objective#kr]]` names a key result its objective does not have.',
    message: (p: { objective: string; kr: string }) => `Objective "${p.objective}" has no key result "${p.kr}"`,
    hint: (p: { objective: string }) => `Use one of the ids under key_results in okrs/${p.objective}.md.`,
    todo: 'Use one of the objective\'s key-result ids.',
  },
  'kr-duplicate': {
    severity: 'error',
    summary: 'Two key results in one objective share an id.',
    explanation: 'Two key results of one objective share an id; the second is ignored.',
    message: (p: { id: string }) => `Key result id "${p.id}" is used twice in this objective; the second is ignored`,
    hint: 'Give each key result its own id.',
  },
  'link-unresolved': {
    severity: 'warning',
    summary: 'A wiki link points at nothing in the journal.',
    explanation: 'A wiki link `[[target]]` names no day, objective, key result, 1:1 series or achievement. It is shown as plain text on the site. Links resolve by what they point at: a date `[[2025-03-04]]` to its day, `[[2025-Q1/reliability]]` (or its last part, `[[reliability]]`, when only one objective has it) to its objective, `[[objective#kr]]` to the key result, a series folder name to its 1:1 page, an achievement\'s file name to its card. `[[target|label]]` shows the label; `[[target#heading]]` keeps the heading as an anchor where the target is a page.',
    message: (p: { target: string }) => `The wiki link [[${p.target}]] points at nothing in the journal`,
    hint: (p: { suggestions: readonly string[] }) => `${suggest(p.suggestions).trim() || 'Link a date, an objective id, a 1:1 series or an achievement.'} It is shown as plain text.`,
    todo: 'Fix the link as the did-you-mean suggests, or create what it names.',
  },
  'series-missing': {
    severity: 'warning',
    summary: 'A 1:1 meeting folder has no _series.md describing the series.',
    explanation: 'A 1:1 meeting\'s folder has no `_series.md`, or one that does not load. The meetings load, but the series has no name or cadence, and its meetings, feedback and action items are kept private (out of prompts and `--public` sites): nothing says they may be shared.',
    message: (p: { series: string }) => `The 1:1 folder "${p.series}" has no _series.md that loads, so its meetings are kept private`,
    hint: (p: { series: string }) => `Add one-on-ones/${p.series}/_series.md with with:, relationship: and cadence: (and private: false to share them).`,
    todo: 'Add `_series.md` (`turbowork new 1on1 SERIES` creates one).',
  },
  'star-section-missing': {
    severity: 'warning',
    summary: 'An achievement lacks one of its Situation, Task, Action or Result sections.',
    explanation: 'An achievement lacks a `## Situation`, `## Task`, `## Action` or `## Result` section.',
    message: (p: { heading: string }) => `This achievement has no ## ${p.heading} section`,
    hint: 'STAR write-ups need Situation, Task, Action and Result to read well in a review.',
  },
  'metric-incomplete': {
    severity: 'warning',
    summary: 'An achievement metric has a before or an after, but not both.',
    explanation: 'An achievement\'s `metric` has `before` without `after`, or the reverse.',
    message: (p: { name: string; missing: 'before' | 'after' }) => `The metric "${p.name}" has ${p.missing === 'before' ? 'an after but no before' : 'a before but no after'}`,
    hint: 'Give both before and after, or a single value.',
  },
  'evidence-invalid': {
    severity: 'warning',
    summary: 'A line of an imported evidence file (evidence/**/*.jsonl) is not a valid record.',
    explanation: 'A line of `evidence/commits/*.jsonl` or `evidence/calendar/*.jsonl` (written by `turbowork import git|ics`) is not a record of the expected shape. The line is skipped; the rest of the file loads.',
    message: (p: { reason: string }) => p.reason,
    hint: 'Fix or delete the line; running the import again re-adds a commit that is missing.',
  },
  'meetings-gap': {
    severity: 'info',
    summary: 'Info: the calendar\'s meeting hours for a day differ widely from the meetings: logged.',
    explanation: 'The calendar imported with `import ics` has 1.5 hours of meetings more or less than the day\'s `meetings:`, and the gap is more than half of the larger. Info only: it never fails `check`.',
    message: (p: { date: string; calendar: string; logged: string }) => `The calendar has ${p.calendar} h of meetings on ${p.date}; the log says meetings: ${p.logged}`,
    hint: 'Correct meetings: if the calendar is right; declined or skipped events also count in the calendar.',
  },
  'one-on-one-unrecorded': {
    severity: 'info',
    summary: 'Info: the calendar has a 1:1 of a series on a day with no notes for it.',
    explanation: 'An imported calendar event matches a 1:1 series (its title names the person, or the person is among at most two attendees) on a day with no meeting notes in that series. Info only.',
    message: (p: { person: string; date: string }) => `The calendar has a 1:1 with ${p.person} on ${p.date} and no notes for it yet`,
    hint: (p: { series: string; date: string }) => `Write them with: turbowork new 1on1 ${p.series} --date ${p.date}`,
    todo: 'Write the meeting\'s notes with `turbowork new 1on1 SERIES --date D`.',
  },
  'win-unquantified': {
    severity: 'info',
    summary: 'Info (a nudge): a highlight win or an achievement has no figure.',
    explanation: 'A `#highlight` win from which no figure was read, or an achievement whose `metric` has no number. A nudge, off with `nudges: false` in journal.yml.',
    message: (_p: { what: 'win' | 'achievement' }) => 'Quantify this win: before → after?',
    hint: (p: { what: 'win' | 'achievement' }) =>
      p.what === 'win' ? 'A figure makes a highlight hold in a review: "from 850ms to 120ms", "by 30%", "$40K", "2h".' : 'Add metric: { name, unit, before, after } (or value) to the front matter.',
    todo: 'Add a figure: before → after, a percentage, an amount or a duration.',
  },
  'team-member-duplicate': {
    severity: 'error',
    summary: 'team.yml lists two members with one id.',
    explanation: 'Two members of `team.yml` share an `id`. The first is kept; the second is not loaded.',
    message: (p: { id: string }) => `The member id "${p.id}" is listed twice; the second is not loaded`,
    hint: 'Give each member an id of their own.',
  },
  'team-journal-missing': {
    severity: 'error',
    summary: 'A member\'s journal folder named in team.yml does not exist.',
    explanation: 'A member\'s `journal:` in `team.yml` names no folder (a submodule not checked out, a typo). The member appears on the team site without journal figures; the others load.',
    message: (p: { id: string; path: string }) => `No journal folder at ${p.path} for ${p.id}, so their journal figures are missing`,
    hint: 'Check out the member\'s journal there (git submodule update --init), or correct journal: in team.yml.',
  },
  'csv-unreadable': {
    severity: 'error',
    summary: 'A CSV source named in team.yml cannot be read, or is not CSV.',
    explanation: 'A file under `sources:` in `team.yml` does not exist, cannot be read, or cannot be parsed as CSV (an unclosed quote, a row with more fields than the header). Its figures are missing from the team site; everything else loads.',
    message: (p: { reason: string }) => `The CSV could not be read (${p.reason}), so its figures are missing`,
    hint: 'Export the file again as CSV with a header row, or correct file: under sources: in team.yml.',
  },
  'csv-column-missing': {
    severity: 'error',
    summary: 'A CSV source lacks a column its contract needs.',
    explanation: 'The header row of a CSV source has no column for one of its contract\'s columns (docs/team.md), under the contract\'s name or the one `columns:` maps it to. Headers match ignoring case and spaces. No row of the file is loaded.',
    message: (p: { column: string; header: string; found: readonly string[] }) => `No column "${p.header}" for ${p.column}; the header has ${p.found.join(', ') || 'no columns'}`,
    hint: (p: { column: string }) => `Add the column, or map it under columns: in team.yml, e.g. ${p.column}: "Your header".`,
    todo: 'Add the column, or map the export\'s header to it under `columns:` in team.yml.',
  },
  'csv-row-invalid': {
    severity: 'error',
    summary: 'A row of a CSV source has a value its contract does not accept; the row is skipped.',
    explanation: 'A value in a CSV source row does not fit its column (a date that is not YYYY-MM-DD, hours that are not a number, an acknowledgement before the opening). The row is skipped and counted nowhere; the other rows load.',
    message: (p: { column: string; value: string; expected: string }) => `Unexpected ${JSON.stringify(p.value.slice(0, 60))} for ${p.column}, expected ${p.expected}; the row is skipped`,
    hint: 'Correct the value in the export, or delete the row.',
  },
  'csv-person-unknown': {
    severity: 'warning',
    summary: 'A CSV row names somebody who is not a member in team.yml; the row is skipped.',
    explanation: 'A row\'s person is neither a member\'s id, name nor one of their `aliases:` (ignoring case). The row is skipped: exports often hold people from other teams.',
    message: (p: { person: string }) => `"${p.person}" is not a member of the team, so the row is skipped`,
    hint: (p: { suggestions: readonly string[] }) => `${suggest(p.suggestions).trim() || 'Add the name under aliases: of the member it is.'}`,
    todo: 'Add the name under `aliases:` of the member it is, or ignore it for people of other teams.',
  },
  'note-member-unknown': {
    severity: 'warning',
    summary: 'A manager\'s note in the team repository names no member of team.yml.',
    explanation: 'A file `notes/<week>/<member>.md` whose file name is not the id of a member in `team.yml` (renamed, or left from a former member). It is not read.',
    message: (p: { person: string }) => `"${p.person}" is not the id of a member in team.yml, so this note is not read`,
    hint: (p: { person: string; known: readonly string[] }) => `${suggest(suggestNamesOf(p.person, p.known)).trim() || `Members: ${p.known.join(', ')}.`} Rename the file to the member's id.`,
    todo: 'Rename the file to the member\'s id.',
  },
} as const satisfies Record<string, CatalogueEntry>;

type Catalogue = typeof CATALOGUE;
export type DiagnosticCode = keyof Catalogue;
/** Every code with its one-line meaning, as `check --help` lists them. */
export const DIAGNOSTIC_CODES = Object.fromEntries(Object.entries(CATALOGUE).map(([code, entry]) => [code, entry.summary])) as Record<DiagnosticCode, string>;

/**
 * One problem, as `check --json` prints it. A plain interface, not a zod schema: nothing validates
 * diagnostics at run time, and zod is the largest module `log` would load otherwise.
 */
export interface Diagnostic {
  /** Path relative to the journal root, with forward slashes, e.g. "daily/2025/2025-03-14.md". */
  file: string;
  /** 1-based line; 1 when the problem concerns the whole file. */
  line: number;
  /** 1-based column. */
  column: number;
  /** Errors make `check` exit 1; warnings are advice; info is a nudge or a comparison with evidence. */
  severity: 'error' | 'warning' | 'info';
  /** Permanent kebab-case code. */
  code: DiagnosticCode;
  /** What happened and what was expected. */
  message: string;
  /** What to do about it. */
  hint?: string;
}

/** A position in a file, 1-based, as diagnostics report it. */
export interface Position {
  line: number;
  column: number;
}

type Params<C extends DiagnosticCode> = Parameters<Catalogue[C]['message']>[0] &
  (Catalogue[C]['hint'] extends (p: infer H) => string ? H : unknown);

/** Where a diagnostic stands; severity only where the catalogue leaves it to the place. */
export interface Place extends Position {
  file: string;
  severity?: Severity;
}

/**
 * A diagnostic with its texts from the catalogue: `diagnose('date-mismatch', at, { declared, fromName })`.
 * Codes whose message needs nothing take no parameters.
 */
export function diagnose<C extends DiagnosticCode>(code: C, at: Place, ...params: Params<C> extends undefined ? [] : [Params<C>]): Diagnostic {
  const entry: CatalogueEntry = CATALOGUE[code];
  const p = (params[0] ?? {}) as never;
  const severity = at.severity ?? (entry.severity === 'error / warning' ? 'error' : entry.severity);
  return {
    file: at.file,
    line: at.line,
    column: at.column,
    severity,
    code,
    message: entry.message(p),
    hint: typeof entry.hint === 'function' ? entry.hint(p) : entry.hint,
  };
}

/** Orders diagnostics as a compiler would print them: by file, then position. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.code.localeCompare(b.code);
}

/** The table of docs/diagnostics.md, generated from the catalogue. */
export function renderDiagnosticsTable(): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const hintOf = (entry: CatalogueEntry) => entry.todo ?? (typeof entry.hint === 'string' ? entry.hint : '');
  return [
    '| code | severity | what it means | what to do |',
    '| --- | --- | --- | --- |',
    ...Object.entries(CATALOGUE).map(([code, entry]: [string, CatalogueEntry]) => `| \`${code}\` | ${entry.severity} | ${cell(entry.explanation)} | ${cell(hintOf(entry))} |`),
  ].join('\n');
}
