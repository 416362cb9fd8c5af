import { describe, expect, it } from 'vitest';
import { rewriteLinksForSite, siteRoute } from './routes.ts';

describe('site routes', () => {
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

  it('keeps key result and meeting anchors, and gives a draft\'s own figure anchors the sanitizer\'s prefix', () => {
    const md = '[kr](../../okrs/2025-Q1/reliability.md#kr-latency) [fb](../../one-on-ones/sam/2025-02-04.md#m-2025-02-04) [wins](#fig-wins) [W06](../weeks/2025-W06.md#fig-score)';
    expect(rewriteLinksForSite(md, 'assessments/quarters/2025-Q1.md')).toBe(
      '[kr](/okrs/2025-Q1/reliability/#kr-latency) [fb](/one-on-ones/sam/#m-2025-02-04) [wins](#md-fig-wins) [W06](/weeks/2025-W06/#md-fig-score)',
    );
  });
});
