import { describe, expect, it } from 'vitest';
import { hashBody, planWrite, type StoredDraft } from './store.ts';

const meta = (generator: string, inputs: string) => ({ period: '2025-W06', kind: 'week' as const, generator, inputs_hash: inputs, body_hash: hashBody('body'), tokens: { prompt: 0, completion: 0 }, calls: 0, generated: '2025-02-09', unverified_numbers: [], citation_problems: [] });
const draft = (generator: string, inputs: string, edited = false): StoredDraft => ({ meta: meta(generator, inputs), body: edited ? 'changed' : 'body', edited });
const path = 'assessments/weeks/2025-W06.md';

describe('planWrite', () => {
  it('writes a new draft, skips unchanged inputs, rewrites changed ones', () => {
    expect(planWrite(path, null, null, { inputsHash: 'a', generator: 'm', force: false }).action).toBe('write');
    expect(planWrite(path, draft('m', 'a'), null, { inputsHash: 'a', generator: 'm', force: false }).action).toBe('fresh');
    expect(planWrite(path, draft('m', 'a'), null, { inputsHash: 'b', generator: 'm', force: false })).toMatchObject({ action: 'write', path });
    expect(planWrite(path, draft('m', 'a'), null, { inputsHash: 'a', generator: 'm', force: true })).toMatchObject({ action: 'write', path });
  });

  it('sends a refresh of an edited draft to .new.md, even when forced', () => {
    expect(planWrite(path, draft('m', 'a', true), null, { inputsHash: 'b', generator: 'm', force: true })).toMatchObject({ action: 'write', path: 'assessments/weeks/2025-W06.new.md' });
    expect(planWrite(path, draft('m', 'a', true), draft('m', 'b'), { inputsHash: 'b', generator: 'm', force: false }).action).toBe('fresh');
  });

  it('does not replace a model draft with an offline one unless forced', () => {
    expect(planWrite(path, draft('gpt-4o-mini', 'a'), null, { inputsHash: 'b', generator: 'offline', force: false }).action).toBe('keep');
    expect(planWrite(path, draft('gpt-4o-mini', 'a'), null, { inputsHash: 'b', generator: 'offline', force: true }).action).toBe('write');
  });

  it('hashes bodies ignoring line endings and trailing space', () => {
    expect(hashBody('a\r\nb\n\n')).toBe(hashBody('a\nb'));
    expect(hashBody('a\nb')).not.toBe(hashBody('a\nc'));
  });
});
