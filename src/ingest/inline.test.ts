import { describe, expect, it } from 'vitest';
import { parseActionTokens, parseTags, parseWikiLinks } from './inline.ts';

describe('parseTags', () => {
  it.each([
    ['Cut latency #perf #Highlight', ['perf', 'highlight']],
    ['Fixed bug (#backend) and #front-end/ui', ['backend', 'front-end/ui']],
    ['Merged PR #1234 and issue#9', []],
    ['See [[2025-Q1/reliability#uptime]] and `#not-a-tag` and https://x.io/#frag', []],
    ['#perf twice #perf', ['perf']],
  ])('%s', (text, tags) => expect(parseTags(text)).toEqual(tags));
});

describe('parseWikiLinks', () => {
  it('reads objective and key-result links, with aliases', () => {
    expect(parseWikiLinks('Did [[2025-Q1/reliability]] and [[2025-Q1/reliability#uptime|the SLA]]')).toEqual([
      { objective: '2025-Q1/reliability', kr: null, index: 4 },
      { objective: '2025-Q1/reliability', kr: 'uptime', index: 32 },
    ]);
  });
  it('finds nothing in plain text', () => expect(parseWikiLinks('[not] [[ ]] a link')).toEqual([]));
});

describe('parseActionTokens', () => {
  it('reads owner and due date, and derives the identity', () => {
    expect(parseActionTokens('Share  draft with Sarah @me due:2025-02-10')).toEqual({ owner: 'me', due: '2025-02-10', dueColumn: 28, done: null, key: 'share draft with sarah' });
  });
  it('defaults the owner to me and leaves due empty', () => {
    expect(parseActionTokens('Book the design review')).toEqual({ owner: 'me', due: null, dueColumn: -1, done: null, key: 'book the design review' });
  });
  it('reads Obsidian Tasks due (📅) and done (✅) dates', () => {
    expect(parseActionTokens('Renew the cert 📅 2025-03-10 ✅ 2025-03-09')).toMatchObject({ due: '2025-03-10', done: '2025-03-09', key: 'renew the cert' });
  });
  it('reads an @name inside the sentence as a mention, and one among the trailing tokens as the owner', () => {
    expect(parseActionTokens('Ask @sam for a review of the RFC')).toMatchObject({ owner: 'me', key: 'ask @sam for a review of the rfc' });
    expect(parseActionTokens('Send the RFC to Sam @lee due:2025-03-01')).toMatchObject({ owner: 'lee', key: 'send the rfc to sam' });
    expect(parseActionTokens('Write the runbook @sam #ops')).toMatchObject({ owner: 'sam' });
  });
  it('gives the same identity whatever the owner and due date', () => {
    expect(parseActionTokens('Book the Design review @sarah due:2025-03-01').key).toBe(parseActionTokens('book the design  review').key);
  });
});
