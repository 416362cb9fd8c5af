/**
 * Builds the chat messages for one draft: the system rules (prompts/system.md), the kind's template
 * (prompts/week.md, …) and the journal data as a delimited block. Every line of data is redacted,
 * then the lowest-priority lines are dropped until the whole request (messages and response schema)
 * fits llm.max_input_tokens, then the finished message is redacted once more as a safety net.
 *
 * Prompt templates are files in prompts/ at the repository root, so a prompt can be read, reviewed
 * and changed without reading code. A template's text is part of every draft's inputs hash: editing
 * a prompt refreshes the drafts. Placeholders are `{{name}}`.
 */
import { readFile } from 'node:fs/promises';
import type { ChatMessage } from './client.ts';
import { estimateRequestTokens, fitToBudget, type BudgetSection } from './budget.ts';
import { createRedactor, type Person, type RedactionKind } from './redact.ts';

/** What a draft kind puts into its prompt: template values and sections of data lines. */
export interface Material {
  /** Values for the template's {{placeholders}}, e.g. { period: "2025-W06", start: "2025-02-03" }. */
  values: Record<string, string>;
  /** Data lines, each "[id] text" or plain text for figures; priority decides what is dropped. */
  sections: BudgetSection[];
}

/** A request ready to send, and what went into it. */
export interface BuiltPrompt {
  messages: ChatMessage[];
  /** Estimated prompt tokens of the whole request, schema included. */
  tokens: number;
  /** Lines left out to fit the budget, per section title. */
  dropped: Record<string, number>;
  /** The redacted data block as sent: the numbers in it are the ones a draft may use. */
  data: string;
  /** How many emails, phones, secrets, names and configured words were replaced. */
  redactions: Record<RedactionKind, number>;
}

/** The prompt cannot fit even with every droppable line dropped. */
export class PromptTooLargeError extends Error {}

const OPEN = '<journal_data>';
const CLOSE = '</journal_data>';

/** Builds the messages for `template` within `maxInputTokens` (the schema's size counted). */
export async function buildPrompt(template: PromptName, material: Material, schemaJson: string, options: { maxInputTokens: number; redact: readonly string[]; people: readonly Person[] }): Promise<BuiltPrompt> {
  const redactor = createRedactor(options.redact, options.people);
  const system = await readPromptTemplate('system');
  const values = Object.fromEntries(Object.entries(material.values).map(([k, v]) => [k, redactor.redact(v)]));
  const instructions = fillTemplate(await readPromptTemplate(template), values);
  const sections = material.sections.map((s) => ({
    title: s.title,
    items: s.items.map((item) => ({ ...item, text: neutralize(redactor.redact(item.text)) })),
  }));

  const fixed = estimateRequestTokens([{ content: system }, { content: renderUser(instructions, []) }], schemaJson);
  let available = options.maxInputTokens - fixed;
  for (;;) {
    if (available <= 0) {
      throw new PromptTooLargeError(`llm.max_input_tokens (${options.maxInputTokens}) is smaller than the prompt's fixed part (${fixed} tokens)`);
    }
    const fitted = fitToBudget(sections, available);
    const user = renderUser(instructions, fitted.sections, fitted.dropped);
    const safety = createRedactor(options.redact, options.people);
    const messages: ChatMessage[] = [
      { role: 'system', content: system },
      { role: 'user', content: safety.redact(user) },
    ];
    const tokens = estimateRequestTokens(messages, schemaJson);
    if (tokens <= options.maxInputTokens) {
      const redactions = { ...redactor.counts };
      for (const [kind, n] of Object.entries(safety.counts)) redactions[kind as RedactionKind] += n;
      const data = messages[1].content.slice(messages[1].content.indexOf(OPEN));
      return { messages, tokens, dropped: fitted.dropped, data, redactions };
    }
    available -= tokens - options.maxInputTokens; // the notes about dropped lines cost a little more
  }
}

function renderUser(instructions: string, sections: readonly BudgetSection[], dropped: Record<string, number> = {}): string {
  const body = sections
    .filter((s) => s.items.length > 0 || dropped[s.title])
    .map((s) => {
      const left = dropped[s.title] ? ` (${dropped[s.title]} more left out to fit the input limit)` : '';
      return [`## ${s.title}${left}`, ...s.items.map((i) => `- ${i.text}`)].join('\n');
    })
    .join('\n\n');
  return `${instructions}\n\n${OPEN}\n${body || '(no entries in this period)'}\n${CLOSE}`;
}

/** Journal text cannot close the data block or open another one. */
function neutralize(text: string): string {
  return text.replace(/<\/?\s*journal_data\s*>/gi, '[tag removed]').replace(/\s*\n\s*/g, ' ');
}

/** The prompt files, by name without ".md". */
export type PromptName = 'system' | 'week' | 'quarter' | 'year' | '1on1' | 'repair';

const FOLDER = new URL('../../prompts/', import.meta.url);
const cache = new Map<PromptName, Promise<string>>();

/** The text of prompts/NAME.md (read once per process). */
export function readPromptTemplate(name: PromptName): Promise<string> {
  let text = cache.get(name);
  if (!text) {
    text = readFile(new URL(`${name}.md`, FOLDER), 'utf8').then((t) => t.replace(/\r\n/g, '\n').trim());
    cache.set(name, text);
  }
  return text;
}

/** Replaces every `{{name}}` with its value; a placeholder without a value is a programmer error. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (_, key: string) => {
    if (!(key in values)) throw new TypeError(`prompt template placeholder {{${key}}} has no value`);
    return values[key];
  });
}
