/**
 * One structured answer from the model: request, parse, validate with zod, and at most one repair.
 * An answer that is prose, truncated (finish_reason "length") or does not fit the schema gets one
 * repair request quoting the error; a JSON object wrapped in a Markdown fence is unwrapped locally
 * (local models often fence even under a JSON response format), so it costs no second call. A
 * refusal is final. Whatever fails here becomes a warning and the period's offline draft.
 */
import { z } from 'zod';
import { LlmError, type ChatMessage, type ChatRequest, type LlmClient, type Usage } from './client.ts';
import { fillTemplate, readPromptTemplate } from './prompt.ts';

/** The outcome of asking for one object. */
export type Structured<T> =
  | { ok: true; value: T; usage: Usage; calls: number; notes: string[] }
  | { ok: false; reason: string; usage: Usage; calls: number; /** The endpoint failed (network, timeout, 5xx, 429), not the answer. */ transport: boolean };

/**
 * The JSON Schema strict mode takes for a zod schema (objects closed, every key required). Every
 * `sources` array must hold at least one id (minItems 1): the schema says so to the model, while the
 * answer is validated without it, so an uncited item gets its own repair request (uncitedItems) and
 * is marked rather than costing the whole draft.
 */
export function renderResponseSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _, ...json } = z.toJSONSchema(schema, { io: 'output', target: 'draft-7' }) as Record<string, unknown>;
  const requireSources = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(requireSources);
    else if (node && typeof node === 'object') {
      const properties = (node as { properties?: Record<string, Record<string, unknown>> }).properties;
      if (properties?.sources?.type === 'array') properties.sources.minItems = 1;
      Object.values(node).forEach(requireSources);
    }
  };
  requireSources(json);
  return json;
}

/** The items of an answer that cite nothing: objects whose `sources` is empty, by their text. */
export function uncitedItems(value: unknown): string[] {
  const found: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (Array.isArray(record.sources) && record.sources.length === 0) {
        const text = [record.text, record.title, record.competency, record.result].find((t) => typeof t === 'string' && t.trim());
        found.push(oneLine(String(text ?? '(an item without text)')).slice(0, 80));
      }
      Object.values(record).forEach(walk);
    }
  };
  walk(value);
  return found;
}

/** Asks `client` for an object matching `schema`; never throws for the model's mistakes. */
export async function requestStructured<T>(client: LlmClient, request: ChatRequest, schema: z.ZodType<T>, options: { allowRepair?: boolean } = {}): Promise<Structured<T>> {
  const usage: Usage = { prompt: 0, completion: 0 };
  let calls = 0;
  const ask = async (messages: ChatMessage[]) => {
    calls += 1;
    const answer = await client.complete({ ...request, messages });
    usage.prompt += answer.usage.prompt;
    usage.completion += answer.usage.completion;
    return answer;
  };
  try {
    const first = await ask(request.messages);
    if (first.refusal) return { ok: false, reason: `the model refused: ${oneLine(first.refusal)}`, usage, calls, transport: false };
    const parsed = parseAnswer(first.content, first.finishReason, schema);
    if (parsed.ok) {
      // Items that cite nothing get one repair request; whatever it brings, the draft marks what is still uncited.
      const uncited = uncitedItems(parsed.value);
      if (uncited.length === 0 || options.allowRepair === false) return { ok: true, value: parsed.value, usage, calls, notes: parsed.notes };
      const error = `has ${uncited.length} item${uncited.length === 1 ? '' : 's'} with no sources (${uncited.map((u) => `"${u}"`).join(', ')}); every item must cite at least one id from the data`;
      const again = await ask([...request.messages, { role: 'assistant', content: first.content ?? '' }, { role: 'user', content: fillTemplate(await readPromptTemplate('repair'), { error }) }])
        .catch((failure: unknown) => { if (failure instanceof LlmError) return null; throw failure; });
      const repaired = again && !again.refusal ? parseAnswer(again.content, again.finishReason, schema) : null;
      if (repaired?.ok) return { ok: true, value: repaired.value, usage, calls, notes: [`first answer ${error}; asked once to cite them`, ...parsed.notes, ...repaired.notes] };
      return { ok: true, value: parsed.value, usage, calls, notes: [`first answer ${error}; the repair was unusable, so the first answer is kept`, ...parsed.notes] };
    }
    if (options.allowRepair === false) return { ok: false, reason: `the answer ${parsed.error} (no repair: the run reached its --max-calls limit)`, usage, calls, transport: false };

    const repairText = fillTemplate(await readPromptTemplate('repair'), { error: parsed.error });
    const second = await ask([...request.messages, { role: 'assistant', content: first.content ?? '' }, { role: 'user', content: repairText }]);
    if (second.refusal) return { ok: false, reason: `the model refused: ${oneLine(second.refusal)}`, usage, calls, transport: false };
    const repaired = parseAnswer(second.content, second.finishReason, schema);
    if (repaired.ok) return { ok: true, value: repaired.value, usage, calls, notes: [`first answer ${parsed.error}; repaired on the second call`, ...repaired.notes] };
    return { ok: false, reason: `the answer ${parsed.error}, and the repair ${repaired.error}`, usage, calls, transport: false };
  } catch (error) {
    if (error instanceof LlmError) return { ok: false, reason: error.message, usage, calls, transport: true };
    throw error;
  }
}

type Parsed<T> = { ok: true; value: T; notes: string[] } | { ok: false; error: string };

/** Reads one answer; `error` says in a few words what was wrong, e.g. "was prose, not JSON". */
export function parseAnswer<T>(content: string | null, finishReason: string | null, schema: z.ZodType<T>): Parsed<T> {
  if (finishReason === 'length') return { ok: false, error: 'was cut off at the output limit (finish_reason "length")' };
  if (content === null || content.trim() === '') return { ok: false, error: 'was empty' };
  const notes: string[] = [];
  let text = content.trim();
  const fence = /^```[a-z]*\s*\n([\s\S]*?)\n?```$/i.exec(text);
  if (fence) {
    text = fence[1].trim();
    notes.push('the answer came in a Markdown fence; it was unwrapped');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const what = text.startsWith('{') || text.startsWith('[') ? `was not valid JSON (${(error as Error).message})` : 'was prose, not JSON';
    return { ok: false, error: what };
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const issues = result.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    return { ok: false, error: `did not match the schema (${issues.join('; ')})` };
  }
  return { ok: true, value: result.data, notes };
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 200);
}
