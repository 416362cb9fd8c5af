/**
 * Vega-Lite specs → inline SVG at build time, so pages ship no chart JavaScript and charts print.
 * Each chart kind is compiled and parsed once; a chart is then that runtime plus its rows, which
 * keeps a chart at ~2 ms instead of ~9 ms. Titles live in the page's <figcaption>, not in the spec,
 * so one runtime serves every chart of a kind.
 */
import { createHash } from 'node:crypto';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { CHART_SPECS, type ChartKind } from './specs.ts';

const runtimes = new Map<ChartKind, vega.Runtime>();
const rendered = new Map<string, string>();

function runtimeOf(kind: ChartKind): vega.Runtime {
  let runtime = runtimes.get(kind);
  if (!runtime) {
    const spec = { ...CHART_SPECS[kind], data: { name: 'rows' } } as unknown as TopLevelSpec;
    runtime = vega.parse(compile(spec).spec);
    runtimes.set(kind, runtime);
  }
  return runtime;
}

/** What a chart shows, for people who cannot see it: a label and the rows as a table. */
export interface ChartText {
  /** Short accessible name, e.g. "Hours, deep work and energy, 2025-W06". */
  label: string;
}

/**
 * Renders a chart of `kind` over `rows` to an SVG string with role="img" and an accessible name.
 * Identical inputs are rendered once per process.
 */
export async function renderChart(kind: ChartKind, rows: readonly Record<string, unknown>[], { label }: ChartText): Promise<string> {
  const key = createHash('sha1').update(kind).update(JSON.stringify(rows)).update(label).digest('hex');
  const cached = rendered.get(key);
  if (cached) return cached;
  const view = new vega.View(runtimeOf(kind), { renderer: 'none' });
  view.data('rows', rows.map((row) => ({ ...row })));
  const svg = await view.toSVG();
  view.finalize();
  // The chart is one image with one accessible name; Vega's per-mark ARIA inside it would be noise.
  const plain = svg.replace(/\s(?:role|aria-roledescription|aria-label|aria-hidden)="[^"]*"/g, '');
  // No size of its own: the viewBox keeps the proportions and the page scales the chart to its column.
  const scalable = plain.replace(/^(<svg[^>]*?) width="[\d.]+" height="[\d.]+"/, '$1');
  const labelled = scalable.replace('<svg ', `<svg role="img" aria-label="${escapeAttribute(label)}" `).replace(/(<svg[^>]*>)/, `$1<title>${escapeText(label)}</title>`);
  rendered.set(key, labelled);
  return labelled;
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}
