/**
 * Reads a journal folder: the validated journal.yml here, and the entry files' listing and bytes
 * (list.ts, re-exported).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { diagnose, type Diagnostic } from './diagnostics.ts';
import { KEY_SYNONYMS, normalizeKeys, withoutBlankKeys } from './keys.ts';
import { SECTION_NAMES } from './sections.ts';
import { suggestNames } from './suggest.ts';
import { validateRatings } from './ratings.ts';
import { parseYaml, validateYaml, type YamlSource } from './frontmatter.ts';
import { decodeText } from './entry-file.ts';
import { JournalConfig } from './schema.ts';
import { describeReadError } from './list.ts';

export * from './list.ts';

/** journal.yml as read: the settings, their problems, and whether a model may be called at all. */
export interface ConfigResult {
  config: JournalConfig;
  diagnostics: Diagnostic[];
  /**
   * Why no model may be called, or null: the `llm:` or `redact:` settings cannot be read as written,
   * so turbowork cannot know which endpoint is meant or which words must not reach it.
   */
  modelBlocked: string | null;
}

/** Settings whose problems stop every model call. */
const MODEL_SETTINGS = ['llm', 'redact'] as const;

/** Reads journal.yml; a missing file means every default. Problems become diagnostics, never a crash. */
export async function readConfig(dir: string): Promise<ConfigResult> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(join(dir, 'journal.yml'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { config: JournalConfig.parse({}), diagnostics: [], modelBlocked: null };
    // Loud: journal.yml holds redact: and llm:, and losing them must not go unnoticed.
    return {
      config: JournalConfig.parse({}),
      diagnostics: [diagnose('config-unreadable', { file: 'journal.yml', line: 1, column: 1 }, { reason: describeReadError(error) })],
      modelBlocked: 'journal.yml cannot be read',
    };
  }
  const decoded = decodeText(bytes, 'journal.yml');
  if (decoded.text === null) return { config: JournalConfig.parse({}), diagnostics: decoded.diagnostics, modelBlocked: 'journal.yml is not UTF-8 text' };
  const parsed = parseYaml(decoded.text, 'journal.yml');
  // A setting left blank means its default, as a blank front-matter key means "not given".
  const keys = normalizeKeys(JournalConfig, withoutBlankKeys(parsed.source.data), { file: 'journal.yml', locate: parsed.source.locate, where: 'journal.yml', strict: true });
  const validated = validateYaml(JournalConfig, { ...parsed.source, data: keys.data }, 'journal.yml', 'config-invalid');
  const config = validated.value ?? JournalConfig.parse({});
  config.sections = Object.fromEntries(Object.entries(config.sections).map(([name, headings]) => [name.toLowerCase().replace(/[\s-]+/g, '_'), headings]));
  // sections: names a section of some entry kind; its headings are added to that section's.
  const sectionKeys = Object.keys(config.sections).filter((name) => !SECTION_NAMES.includes(name));
  const sectionDiagnostics = sectionKeys.map((key) =>
    diagnose('key-unknown', { file: 'journal.yml', ...parsed.source.locate(['sections', key]) }, { key, where: 'journal.yml, under sections', known: SECTION_NAMES, suggestions: suggestNames(key, SECTION_NAMES, { synonyms: KEY_SYNONYMS }) }),
  );
  const ratings = Object.entries(config.self_ratings).flatMap(([year, byCompetency]) =>
    Object.entries(byCompetency).map(([competency, rating]) => ({ year, competency, rating, file: 'journal.yml', ...parsed.source.locate(['self_ratings', year, competency]) })),
  );
  return {
    config,
    diagnostics: [...parsed.diagnostics, ...keys.diagnostics, ...validated.diagnostics, ...sectionDiagnostics, ...validateRatings(ratings, config.competencies)],
    modelBlocked: modelSettingsProblem(parsed.source),
  };
}

/** Why journal.yml's model settings cannot be trusted, or null when they read cleanly (or are absent). */
function modelSettingsProblem(source: YamlSource): string | null {
  if (!source.readable) return 'journal.yml is not valid YAML, so its llm: and redact: settings cannot be read';
  const data = source.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'journal.yml does not hold settings (key: value lines)';
  for (const [key, value] of Object.entries(data)) {
    const setting = MODEL_SETTINGS.find((name) => key.trim().toLowerCase() === name);
    if (!setting) continue;
    const { line } = source.locate([key]);
    if (key !== setting) return `journal.yml line ${line} writes "${key}:", which is not the setting ${setting}: (in lower case)`;
    if (!JournalConfig.shape[setting].safeParse(value).success) return `the ${setting}: setting of journal.yml (line ${line}) is not valid`;
  }
  return null;
}
