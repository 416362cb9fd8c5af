import { describe, expect, it } from 'vitest';
import { linksOf, siteLinks } from './links.ts';

const resolve = siteLinks({
  days: ['2025-03-04'],
  objectives: ['2025-Q1/reliability', '2025-Q1/growth', '2025-Q2/growth'],
  keyResults: ['2025-Q1/reliability#uptime'],
  series: ['sarah-chen'],
  achievements: ['2025-02-07-search-latency'],
}, '/j/');

describe('siteLinks', () => {
  it('sends each target where it points', () => {
    expect(resolve('2025-03-04', null)).toBe('/j/days/2025-03-04/');
    expect(resolve('daily/2025/2025_03_04', null)).toBe('/j/days/2025-03-04/');
    expect(resolve('2025-Q1/reliability', 'uptime')).toBe('/j/okrs/2025-Q1/reliability/#kr-uptime');
    expect(resolve('reliability', 'Some heading')).toBe('/j/okrs/2025-Q1/reliability/'); // a heading anchor is dropped, never broken
    expect(resolve('sarah-chen', null)).toBe('/j/one-on-ones/sarah-chen/');
    expect(resolve('2025-02-07-search-latency', null)).toBe('/j/achievements/#2025-02-07-search-latency');
  });

  it('resolves nothing it cannot name for sure', () => {
    expect(resolve('2025-03-05', null)).toBeNull(); // no log that day
    expect(resolve('growth', null)).toBeNull(); // two objectives end in "growth"
    expect(resolve('Project Phoenix', null)).toBeNull();
  });

  it('collects the links of a text for a worker to render', () => {
    expect(linksOf('x [[2025-03-04]] y [[reliability#uptime|up]] `[[z]]`', resolve)).toEqual({
      '2025-03-04': '/j/days/2025-03-04/', 'reliability#uptime': '/j/okrs/2025-Q1/reliability/#kr-uptime', z: null,
    });
  });
});
