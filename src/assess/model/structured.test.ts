import { APIConnectionTimeoutError, RateLimitError } from 'openai';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { retryDelay } from './client.ts';
import { parseAnswer, renderResponseSchema } from './structured.ts';

const Schema = z.object({ summary: z.string(), items: z.array(z.object({ text: z.string(), sources: z.array(z.string()) })) });
const good = JSON.stringify({ summary: 'ok', items: [] });

describe('parseAnswer', () => {
  it('accepts valid JSON, and unwraps a fenced block', () => {
    expect(parseAnswer(good, 'stop', Schema)).toMatchObject({ ok: true, notes: [] });
    expect(parseAnswer('```json\n' + good + '\n```', 'stop', Schema)).toMatchObject({ ok: true, notes: [expect.stringContaining('fence')] });
  });

  it.each([
    ['Here you go: all good', 'stop', 'was prose, not JSON'],
    ['{"summary": "ok", "items": [', 'stop', 'was not valid JSON'],
    [good, 'length', 'cut off'],
    ['{"summary": 3, "items": []}', 'stop', 'did not match the schema (summary:'],
    ['', 'stop', 'was empty'],
  ])('explains what is wrong with %j', (content, finish, error) => {
    const result = parseAnswer(content, finish, Schema);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain(error);
  });

  it('renders a schema strict mode accepts', () => {
    const json = renderResponseSchema(Schema);
    expect(json).not.toHaveProperty('$schema');
    expect(json).toMatchObject({ type: 'object', additionalProperties: false, required: ['summary', 'items'] });
  });
});

describe('retryDelay', () => {
  const headers = (h: Record<string, string>) => new Headers(h);
  it('honours Retry-After in seconds, as a date, and retry-after-ms', () => {
    expect(retryDelay(new RateLimitError(429, {}, 'slow down', headers({ 'retry-after': '3' })), 0)).toBe(3000);
    expect(retryDelay(new RateLimitError(429, {}, 'slow down', headers({ 'retry-after-ms': '250' })), 0)).toBe(250);
    const now = Date.parse('2025-02-12T12:00:00Z');
    expect(retryDelay(new RateLimitError(429, {}, 'x', headers({ 'retry-after': 'Wed, 12 Feb 2025 12:00:05 GMT' })), 0, () => now)).toBe(5000);
    expect(retryDelay(new RateLimitError(429, {}, 'x', headers({ 'retry-after': '3600' })), 0)).toBe(60_000); // capped
  });

  it('backs off exponentially on timeouts and 5xx, and gives up at once on other errors', () => {
    expect(retryDelay(new APIConnectionTimeoutError(), 0)).toBe(1000);
    expect(retryDelay(new APIConnectionTimeoutError(), 2)).toBe(4000);
    expect(retryDelay(new Error('boom'), 0)).toBeNull();
  });
});
