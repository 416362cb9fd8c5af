import { describe, expect, it } from 'vitest';
import { relativeLink, renderCitations, SourceRegistry } from './citations.ts';

describe('citations', () => {
  it('links relative to the draft, with the line', () => {
    expect(relativeLink('assessments/weeks/2025-W06.md', { path: 'daily/2025/2025-02-07.md', line: 12 })).toBe('../../daily/2025/2025-02-07.md#L12');
    expect(relativeLink('assessments/years/2025.md', { path: 'assessments/quarters/2025-Q1.md', line: null })).toBe('../quarters/2025-Q1.md');
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

  it('links two sources in one place once: two action items of one meeting', () => {
    const reg = new SourceRegistry();
    const meeting = { path: 'one-on-ones/sam/2025-02-05.md', line: null, anchor: 'm-2025-02-05', label: '2025-02-05' };
    const a = reg.add({ id: 'item-1', ...meeting });
    const b = reg.add({ id: 'item-2', ...meeting });
    const c = reg.add({ id: 'sprint-1', path: 'sprints/2025-S03.md', line: null, label: '2025-S03' });
    expect(renderCitations('assessments/years/2025.md', [a, c, b])).toBe(' ([2025-02-05](../../one-on-ones/sam/2025-02-05.md#m-2025-02-05), [2025-S03](../../sprints/2025-S03.md))');
  });
});
