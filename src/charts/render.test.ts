import { describe, expect, it } from 'vitest';
import { renderChart } from './render.ts';

const week = ['Mon 03', 'Tue 04', 'Wed 05', 'Thu 06', 'Fri 07'].map((day, i) => ({ day, hours: 7 + i * 0.5, deep_work: 2 + i * 0.5, energy: 2 + (i % 3) }));

describe('renderChart', () => {
  it('renders an accessible SVG with data marks and no script', async () => {
    const svg = await renderChart('week-hours', week, { label: 'Hours, deep work and energy, 2025-W06' });
    expect(svg).toMatch(/^<svg role="img" aria-label="Hours, deep work and energy, 2025-W06"/);
    expect(svg).toContain('<title>Hours, deep work and energy, 2025-W06</title>');
    expect(svg.match(/role-mark/g)?.length).toBeGreaterThanOrEqual(3);
    expect(svg).toContain('Energy (diamonds)');
    expect(svg).not.toMatch(/<script|on\w+=/i);
  });

  it.each([
    ['score-trend', [{ week: '2025-W05', composite: 72, status: 'green' }, { week: '2025-W06', composite: 41, status: 'red' }]],
    ['kr-history', [{ date: '2025-01-20', value: 99.91, series: 'check-in' }, { date: '2025-03-31', value: 99.95, series: 'target' }]],
    ['velocity', [{ sprint: 'S1', velocity: 0.95 }]],
    ['weekdays', [{ weekday: 'Mon', value: 3, measure: 'Deep work (h)' }]],
  ] as const)('renders %s', async (kind, rows) => {
    const svg = await renderChart(kind, rows, { label: kind });
    expect(svg).toContain('<svg');
    expect(svg).toMatch(/role-mark/);
  });

  it('scales to its column: a viewBox, no width or height of its own', async () => {
    const svg = await renderChart('week-hours', week, { label: 'week' });
    const root = /^<svg[^>]*>/.exec(svg)![0];
    expect(root).toMatch(/viewBox="0 0 [\d.]+ [\d.]+"/);
    expect(root).not.toMatch(/\s(width|height)=/);
  });

  it('names statuses in the legend as pages do, not by their codes', async () => {
    const svg = await renderChart('score-trend', [{ week: '05', composite: 72, status: 'green' }, { week: '06', composite: null, status: 'no_data' }], { label: 'trend' });
    expect(svg).toContain('>No data</text>');
    expect(svg).toContain('>Green</text>');
    expect(svg).not.toContain('no_data');
  });

  it('escapes what Vega writes from the rows and the spec, in text and in attributes', async () => {
    const svg = await renderChart('velocity', [{ sprint: 'R&D', velocity: 1 }, { sprint: '<b>"2"</b>', velocity: 0.5 }], { label: 'velocity' });
    expect(svg).toContain('>R&amp;D</text>');
    expect(svg).toContain('>&lt;b&gt;"2"&lt;/b&gt;</text>');
    expect(svg).toContain('font-family="system-ui, -apple-system, &quot;Segoe UI&quot;, sans-serif"');
    expect(svg).not.toContain('<b>');
    expect(svg.replace(/"[^"]*"/g, '')).not.toMatch(/&(?!amp;|lt;|gt;|quot;|#x[\dA-F]+;)/);
  });

  it('escapes the label', async () => {
    const svg = await renderChart('velocity', [{ sprint: 'S1', velocity: 1 }], { label: '"><script>x</script>' });
    expect(svg).not.toContain('<script>');
  });
});
