/**
 * What a fragment is rendered from, and the rendering itself: Markdown to sanitized HTML, or a
 * chart to SVG. Sources are plain values, so a fragment renders the same on a worker thread
 * (render-pool.ts) as here.
 */
import type { ChartKind } from '../charts/specs.ts';
import { renderMarkdown } from './markdown.ts';
import { objectiveLinks } from './routes.ts';

export type FragmentSource =
  /** A block of journal Markdown; wiki links point under the site's base. */
  | { markdown: string; base: string }
  /** A chart of `kind` over `rows`, with an accessible name. */
  | { chart: ChartKind; rows: readonly Record<string, unknown>[]; label: string };

export async function renderFragment(source: FragmentSource): Promise<string> {
  if ('markdown' in source) return renderMarkdown(source.markdown, objectiveLinks(source.base));
  // Vega is loaded only by the thread that draws charts.
  const { renderChart } = await import('../charts/render.ts');
  return renderChart(source.chart, source.rows, { label: source.label });
}
