import { describe, expect, it } from 'vitest';
import { relativeLink, renderCitations, rewriteLinksForSite, siteRoute, SourceRegistry } from './citations.ts';

describe('citations', () => {
  it('links relative to the draft, with the line', () => {
    expect(relativeLink('assessments/weeks/2025-W06.md', { path: 'daily/2025/2025-02-07.md', line: 12 })).toBe('../../daily/2025/2025-02-07.md#L12');
    expect(relativeLink('assessments/years/2025.md', { path: 'assessments/quarters/2025-Q1.md', line: null })).toBe('../quarters/2025-Q1.md');
  });

  it('maps journal paths to site routes', () => {
    expect(siteRoute('daily/2025/2025-02-07.md')).toBe('/days/2025-02-07/');
    expect(siteRoute('okrs/2025-Q1/reliability.md')).toBe('/okrs/2025-Q1/reliability/');
    expect(siteRoute('one-on-ones/sarah-chen/2025-02-07.md')).toBe('/one-on-ones/sarah-chen/');
    expect(siteRoute('achievements/2025-03-12-latency.md')).toBe('/achievements/#2025-03-12-latency');
    expect(siteRoute('sprints/2025-S06.md')).toBe('/sprints/#2025-S06');
    expect(siteRoute('weekly/2025-W06.md', '/journal')).toBe('/journal/weeks/2025-W06/');
    expect(siteRoute('assessments/quarters/2025-Q1.md')).toBe('/quarters/2025-Q1/');
    expect(siteRoute('notes/random.md')).toBeNull();
  });

  it('rewrites a draft\'s links for the site and leaves others alone', () => {
    const md = '- Win ([2025-02-07](../../daily/2025/2025-02-07.md#L12), [ach](../../achievements/2025-02-03-x.md)) [web](https://example.com/a.md)';
    expect(rewriteLinksForSite(md, 'assessments/weeks/2025-W06.md')).toBe('- Win ([2025-02-07](/days/2025-02-07/#L12), [ach](/achievements/#2025-02-03-x)) [web](https://example.com/a.md)');
  });

  it('drops and records unknown ids; a colliding id gets a suffix', () => {
    const reg = new SourceRegistry();
    const a = reg.add({ id: 'win-2025-02-07-1', path: 'daily/2025/2025-02-07.md', line: 9, label: '2025-02-07' });
    const b = reg.add({ id: 'win-2025-02-07-1', path: 'daily/2025/extra/2025-02-07.md', line: 9, label: '2025-02-07' });
    expect(b.id).not.toBe(a.id);
    expect(reg.resolve(['win-2025-02-07-1', '[win-2025-02-07-1]', 'made-up'])).toEqual([a]);
    expect([...reg.unknown]).toEqual(['made-up']);
    expect(renderCitations('assessments/weeks/2025-W06.md', [a])).toBe(' ([2025-02-07](../../daily/2025/2025-02-07.md#L9))');
  });
});
