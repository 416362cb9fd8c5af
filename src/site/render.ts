/**
 * What a fragment is rendered from, and the rendering itself: Markdown to sanitized HTML, or a
 * chart to SVG. Sources are plain values, so a fragment renders the same on a worker thread
 * (render-pool.ts) as here.
 */
import type { ChartKind } from '../charts/specs.ts';
import { renderMarkdown } from './markdown.ts';
import { linkKey } from './links.ts';

export type FragmentSource =
  /** A block of journal Markdown, and where its wiki links go (links.ts: linksOf). */
  | { markdown: string; links: Record<string, string | null> }
  /** A chart of `kind` over `rows`, with an accessible name. */
  | { chart: ChartKind; rows: readonly Record<string, unknown>[]; label: string };

export async function renderFragment(source: FragmentSource): Promise<string> {
  if ('markdown' in source) {
    const links = source.links;
    return renderMarkdown(source.markdown, (target, anchor) => links[linkKey(target, anchor)] ?? null);
  }
  // Vega is loaded only by the thread that draws charts.
  const { renderChart } = await import('../charts/render.ts');
  return renderChart(source.chart, source.rows, { label: source.label });
}
