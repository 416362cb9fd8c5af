/**
 * The one module that talks to the `openai` SDK: Chat Completions with a strict JSON-schema
 * response_format against any OpenAI-compatible endpoint (OpenAI, Ollama, vLLM, LM Studio).
 *
 * Retries are ours, not the SDK's (it runs with maxRetries: 0): 429 waits for Retry-After
 * (or retry-after-ms), 408/409/5xx and network errors and timeouts back off exponentially, other
 * errors fail at once. The model gets no tools. Errors never carry the API key: the SDK keeps it in
 * a header, and we only ever report status codes and the server's message.
 */
import OpenAI, { APIConnectionError, APIError } from 'openai';
import { estimateTokens } from './budget.ts';
import type { LlmSettings } from './settings.ts';

/** One chat message; the prompt's journal data travels only in `user` messages, delimited. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** A request for one JSON object following `schema`. */
export interface ChatRequest {
  messages: ChatMessage[];
  /** The response format's name, e.g. "week_assessment". */
  schemaName: string;
  /** A JSON Schema that strict mode accepts (every key required, no additional properties). */
  schema: Record<string, unknown>;
  /** A cap on the answer's tokens. */
  maxOutputTokens: number;
}

/** Tokens a call used, as the server reported them. */
export interface Usage {
  prompt: number;
  completion: number;
}

/** The model's answer, unparsed: the caller validates it. */
export interface ChatAnswer {
  content: string | null;
  /** Set when the model declined to answer. */
  refusal: string | null;
  /** "stop", or "length" when the answer was cut off at maxOutputTokens. */
  finishReason: string | null;
  usage: Usage;
}

/** What drafts depend on: a model id and a way to ask it. Tests and --dry-run can swap it. */
export interface LlmClient {
  readonly model: string;
  complete(request: ChatRequest): Promise<ChatAnswer>;
}

/** A call that failed for good (after retries, or at once for a non-retryable error). */
export class LlmError extends Error {}

/** Side effects of the client, injected so tests need not wait. */
export interface ClientEffects {
  /** Waits between attempts; default setTimeout. */
  sleep?: (ms: number) => Promise<void>;
  /** Progress notes, e.g. "HTTP 429; retrying in 2 s". */
  log?: (message: string) => void;
  /** Retries after the first attempt; default 3. */
  retries?: number;
  /** The current time, for Retry-After dates; default Date.now. */
  now?: () => number;
}

const MAX_WAIT_MS = 60_000;

/**
 * The most a server's answer may hold, read as it arrives: the longest answer asked for (a year's
 * draft, 6,000 tokens) is under 100 KB even with every character JSON-escaped, and a server that
 * sends more is cut off before the answer is kept in memory, let alone written.
 */
export const MAX_ANSWER_BYTES = 1_000_000;

/** `fetch`, with every response body cut off past `limit` bytes (the read fails with AnswerTooLargeError). */
function limitedFetch(limit: number): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    if (!response.body) return response;
    let received = 0;
    const counted = response.body.pipeThrough(new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        received += chunk.byteLength;
        if (received > limit) controller.error(new AnswerTooLargeError(`the answer is larger than ${limit.toLocaleString('en')} bytes`));
        else controller.enqueue(chunk);
      },
    }));
    return new Response(counted, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

/** The server sent more than asked for; never retried. */
class AnswerTooLargeError extends Error {}

/** A client for the configured endpoint. */
export function createLlmClient(settings: LlmSettings, effects: ClientEffects = {}): LlmClient {
  const { sleep = (ms) => new Promise((r) => setTimeout(r, ms)), log = () => {}, retries = 3, now = Date.now } = effects;
  const sdk = new OpenAI({
    baseURL: settings.baseURL,
    // Local servers (Ollama, LM Studio, vLLM) need no key, but the SDK wants one; they ignore it.
    apiKey: settings.apiKey ?? 'no-key',
    timeout: settings.timeoutMs,
    maxRetries: 0,
    fetch: limitedFetch(MAX_ANSWER_BYTES),
    logLevel: 'off',
    organization: null,
    project: null,
  });
  const isOpenAi = new URL(settings.baseURL).hostname === 'api.openai.com';

  async function attempt(request: ChatRequest): Promise<ChatAnswer> {
    const completion = await sdk.chat.completions.create({
      model: settings.model,
      messages: request.messages,
      response_format: { type: 'json_schema', json_schema: { name: request.schemaName, strict: true, schema: request.schema } },
      // OpenAI's reasoning models take only max_completion_tokens; other servers know max_tokens.
      ...(isOpenAi ? { max_completion_tokens: request.maxOutputTokens } : { max_tokens: request.maxOutputTokens }),
    });
    const choice = completion.choices?.[0];
    const answer: ChatAnswer = {
      content: choice?.message?.content ?? null,
      refusal: choice?.message?.refusal ?? null,
      finishReason: choice?.finish_reason ?? null,
      usage: { prompt: completion.usage?.prompt_tokens ?? 0, completion: completion.usage?.completion_tokens ?? 0 },
    };
    // A server that ignores the token cap: its answer is not kept. The estimate runs high, so it
    // gets twice the cap before it counts against the answer.
    const tokens = Math.max(answer.usage.completion, estimateTokens(answer.content ?? '') / 2);
    if (tokens > request.maxOutputTokens) {
      throw new AnswerTooLargeError(`the answer has more than the ${request.maxOutputTokens} tokens asked for (the server ignored max_tokens)`);
    }
    return answer;
  }

  return {
    model: settings.model,
    async complete(request) {
      for (let n = 0; ; n++) {
        try {
          return await attempt(request);
        } catch (error) {
          const what = scrub(describeError(error), settings.apiKey);
          const wait = retryDelay(error, n, now);
          if (wait === null || n >= retries) throw new LlmError(`${settings.model} at ${settings.baseURL}: ${what}`, { cause: error });
          log(`${what}; retrying in ${Math.round(wait / 100) / 10} s (attempt ${n + 2} of ${retries + 1})`);
          await sleep(wait);
        }
      }
    },
  };
}

/** How long to wait before retrying after `error` on attempt `n` (0-based), or null to give up. */
export function retryDelay(error: unknown, n: number, now: () => number = Date.now): number | null {
  const backoff = Math.min(1000 * 2 ** n, 20_000);
  if (!(error instanceof APIError)) return null;
  if (error instanceof APIConnectionError) return backoff; // network errors and timeouts
  const status = error.status ?? 0;
  if (status !== 429 && status !== 408 && status !== 409 && status < 500) return null;
  const asked = retryAfterMs(error.headers, now);
  return asked === null ? backoff : Math.min(Math.max(asked, 0), MAX_WAIT_MS);
}

/** Retry-After as milliseconds: "retry-after-ms: 1500", "retry-after: 2" or an HTTP date. */
function retryAfterMs(headers: Headers | undefined, now: () => number): number | null {
  const ms = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms)) return ms;
  const value = headers?.get('retry-after');
  if (!value) return null;
  const seconds = Number.parseFloat(value);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isFinite(date) ? date - now() : null;
}

/** Removes the key, and anything shaped like one, from a message (servers echo masked keys). */
function scrub(message: string, apiKey: string | null): string {
  const cleaned = apiKey ? message.split(apiKey).join('[SECRET]') : message;
  return cleaned.replace(/\b(?:sk|ghp|gho|xox[abprs])[-_][^\s,;'"]*/g, '[SECRET]');
}

/** A one-line description without secrets, e.g. "HTTP 429 Rate limit reached" or "timed out". */
function describeError(error: unknown): string {
  if (error instanceof APIConnectionError) return error.message.toLowerCase().includes('timed out') ? 'the request timed out' : `connection failed (${error.message})`;
  if (error instanceof APIError) return `HTTP ${error.status ?? '?'} ${String((error.error as { message?: unknown } | undefined)?.message ?? error.message).slice(0, 200)}`;
  return error instanceof Error ? error.message : String(error);
}
