/**
 * For tests only: an OpenAI-compatible server on 127.0.0.1 (node:http) that answers
 * POST /v1/chat/completions from a script of replies and records every request, so tests run the
 * real client (SDK, retries, timeouts) without network.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the server received it. */
export interface Recorded {
  path: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body. */
  body: { model: string; messages: { role: string; content: string }[]; response_format?: unknown; tools?: unknown; [key: string]: unknown };
  /** The raw body text, for "was X ever sent" checks. */
  text: string;
}

/** One scripted reply; `hang` never answers (the client must time out). */
export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  json?: unknown;
  hang?: boolean;
}

/** A chat completion whose message is `content` (or a refusal). */
export function completion(content: string | null, options: { finishReason?: string; refusal?: string | null; promptTokens?: number; completionTokens?: number } = {}): Reply {
  return {
    json: {
      id: 'chatcmpl-test', object: 'chat.completion', created: 1_700_000_000, model: 'test-model',
      choices: [{ index: 0, finish_reason: options.finishReason ?? 'stop', message: { role: 'assistant', content, refusal: options.refusal ?? null } }],
      usage: { prompt_tokens: options.promptTokens ?? 1000, completion_tokens: options.completionTokens ?? 200, total_tokens: (options.promptTokens ?? 1000) + (options.completionTokens ?? 200) },
    },
  };
}

/** An error reply, e.g. apiError(429, { 'retry-after': '2' }). */
export function apiError(status: number, headers: Record<string, string> = {}, message = `error ${status}`): Reply {
  return { status, headers, json: { error: { message, type: 'test_error', code: null } } };
}

export interface LlmServer {
  /** e.g. "http://127.0.0.1:54321/v1". */
  url: string;
  requests: Recorded[];
  close(): Promise<void>;
}

/**
 * Starts a server answering with `replies` in order; a function reply sees the request. Requests
 * beyond the script get a 500 "no scripted reply", which a test notices as an extra call.
 */
export async function startLlmServer(replies: (Reply | ((request: Recorded) => Reply))[]): Promise<LlmServer> {
  const requests: Recorded[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const recorded: Recorded = { path: req.url ?? '', headers: req.headers, body: text ? JSON.parse(text) : {}, text };
      requests.push(recorded);
      const next = replies[requests.length - 1];
      const reply = typeof next === 'function' ? next(recorded) : (next ?? apiError(500, {}, 'no scripted reply'));
      if (req.url !== '/v1/chat/completions') return void res.writeHead(404).end();
      if (reply.hang) return; // never answered: the client's timeout must fire
      res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
      res.end(JSON.stringify(reply.json ?? {}));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
