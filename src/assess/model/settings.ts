/**
 * Which model, if any, drafts assessments: journal.yml's `llm:` settings plus the API key from the
 * environment. The key is read here and handed only to the client; it is never logged or written.
 *
 * A model is used when journal.yml names one (llm.model) or an endpoint (llm.base_url). An API key
 * lying in the environment is not enough on its own: sending a journal to a provider is a choice
 * the user makes in journal.yml, not a side effect of a shell variable set for something else.
 */
import type { JournalConfig } from '../../ingest/schema.ts';

/** Everything the client needs to call a model. */
export interface LlmSettings {
  /** e.g. "https://api.openai.com/v1", "http://localhost:11434/v1". */
  baseURL: string;
  /** e.g. "gpt-4o-mini", "llama3.1:8b". */
  model: string;
  /** The key from the environment, or null for local servers that need none. */
  apiKey: string | null;
  /** Per-request timeout in milliseconds. */
  timeoutMs: number;
  /** The most prompt tokens (messages and schema) one request may carry. */
  maxInputTokens: number;
}

/** Either settings to call a model with, or why drafts are offline. */
export type LlmResolution = { settings: LlmSettings; note: string | null } | { settings: null; reason: string };

export const OPENAI_BASE_URL = 'https://api.openai.com/v1';
const DEFAULT_TIMEOUT_S = 60;

/**
 * Resolves the model settings; `noLlm` (build --no-llm) forces offline drafts. `file` is where the
 * llm: settings were written, for the reasons given (team.yml for team coaching drafts).
 */
export function resolveLlmSettings(config: Pick<JournalConfig, 'llm'>, env: NodeJS.ProcessEnv, noLlm = false, file = 'journal.yml'): LlmResolution {
  const llm = config.llm;
  if (noLlm) return { settings: null, reason: 'model calls are turned off (--no-llm)' };
  const keyName = llm.api_key_env || 'OPENAI_API_KEY';
  const key = env[keyName]?.trim() || null;
  if (!llm.base_url && !llm.model) {
    const reason = key
      ? `$${keyName} is set but ${file} names no llm.model or llm.base_url, so nothing is sent`
      : `no model is configured (${file} llm.base_url / llm.model)`;
    return { settings: null, reason };
  }
  if (!llm.base_url && !key) return { settings: null, reason: `llm.model is set but $${keyName} is empty and there is no llm.base_url` };
  if (llm.base_url && !llm.model) return { settings: null, reason: `llm.base_url is set but llm.model is not; name the model to use` };
  const settings: LlmSettings = {
    baseURL: (llm.base_url ?? OPENAI_BASE_URL).replace(/\/+$/, ''),
    model: llm.model!,
    apiKey: key,
    timeoutMs: Math.round((llm.timeout_s ?? DEFAULT_TIMEOUT_S) * 1000),
    maxInputTokens: llm.max_input_tokens,
  };
  return { settings, note: null };
}
