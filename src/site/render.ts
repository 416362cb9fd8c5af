/**
 * What a fragment is rendered from, and the rendering itself: Markdown to sanitized HTML, or a
 * chart to SVG. Sources are plain values, so a fragment renders the same in a render process
 * (render-pool.ts) as here.
 */
import type { ChartKind } from '../charts/specs.ts';
import { renderMarkdown, renderSimple, type LinkResolver } from './markdown.ts';
import { linkKey } from './links.ts';

export type FragmentSource =
  /** A block of journal Markdown, and where its wiki links go (links.ts: linksOf). */
  | { markdown: string; links: Record<string, string | null> }
  /** A chart of `kind` over `rows`, with an accessible name. */
  | { chart: ChartKind; rows: readonly Record<string, unknown>[]; label: string };

export async function renderFragment(source: FragmentSource): Promise<string> {
  if ('markdown' in source) return renderMarkdown(source.markdown, resolver(source.links));
  // Vega is loaded only by the thread that draws charts.
  const { renderChart } = await import('../charts/render.ts');
  return renderChart(source.chart, source.rows, { label: source.label });
}

/**
 * The HTML of a fragment that renders without a parser: a simple body (markdown.ts: renderSimple),
 * as renderFragment renders it; null for a chart or any other body.
 */
export function renderPlain(source: FragmentSource): string | null {
  return 'markdown' in source ? renderSimple(source.markdown, resolver(source.links)) : null;
}

function resolver(links: Record<string, string | null>): LinkResolver {
  return (target, anchor) => links[linkKey(target, anchor)] ?? null;
}
