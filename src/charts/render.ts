/**
 * Vega-Lite specs → inline SVG at build time, so pages ship no chart JavaScript and charts print.
 * Each chart kind is compiled to Vega ahead of time (compile.ts, vega-specs.json), parsed once, and
 * draws every chart of that kind with one Vega View whose rows are swapped (ChartView): building a
 * View costs as much as drawing with it, and a ten-year journal draws 850 charts. Titles live in the page's <figcaption>, not in the spec, so one
 * View serves every chart of a kind.
 */
import { readFileSync } from 'node:fs';
import * as vega from 'vega';
import { CHART_SPECS, type ChartKind } from './specs.ts';

/** Each kind's Vega spec, compiled from its Vega-Lite spec by `npm run charts` (compile.ts). */
let specs: Record<ChartKind, vega.Spec> | undefined;

/** The Vega spec of a chart kind, its rows left out: they are the data set "rows". */
export function vegaSpec(kind: ChartKind): vega.Spec {
  specs ??= JSON.parse(readFileSync(new URL('./vega-specs.json', import.meta.url), 'utf8')) as Record<ChartKind, vega.Spec>;
  return specs[kind];
}

/**
 * One kind's View, drawing one chart at a time. Vega updates a View incrementally and keeps what
 * the rows before left behind where it can: a day on the x axis, a line's series or a status seen
 * before keeps its place, so the same rows would come out in another order than from a new View.
 * When the rows share such a value with the chart before, the View is emptied first (a run with no
 * rows), which drops all of it; when they share none (the days of two weeks), nothing is kept and
 * the run is skipped. Either way the chart comes out as a new View draws it
 * (render.property.test.ts compares the two on generated charts).
 */
class ChartView {
  readonly #runtime: vega.Runtime;
  /** The fields Vega groups rows by (discreteFields), e.g. ["day"]. */
  readonly #discrete: string[];
  #view: vega.View | null = null;
  /** The values of those fields in the View's rows, e.g. "Mon 03". */
  #shown = new Set<string>();
  /** Whether Vega logged an error in the View: it logs a failed run and goes on. */
  #failed = false;
  /** The chart being drawn: the next one starts when it is done. */
  #queue: Promise<unknown> = Promise.resolve();
  /** How many charts the View has drawn, this one included. */
  #draws = 0;

  constructor(kind: ChartKind) {
    this.#runtime = vega.parse(vegaSpec(kind));
    this.#discrete = [...discreteFields(CHART_SPECS[kind])];
    matchTicksByTuple(this.#runtime.operators as unknown as RuntimeOperator[]);
  }

  /** Vega's SVG of a chart over `rows`. */
  draw(rows: readonly Record<string, unknown>[]): Promise<string> {
    const svg = this.#queue.then(() => this.#draw(rows));
    this.#queue = svg.catch(() => {});
    return svg;
  }

  async #draw(rows: readonly Record<string, unknown>[]): Promise<string> {
    // A View keeps something of every chart it draws (a thirty-year build's render process grew to
    // 95 MB of live heap, docs/benchmarks.md): after VIEW_DRAWS charts, the next starts a new View.
    if (this.#draws++ === VIEW_DRAWS) this.#drop();
    const view = (this.#view ??= this.#newView());
    this.#failed = false;
    // By value alone, not by field: one scale may take its values from two fields.
    const shown = new Set(rows.flatMap((row) => this.#discrete.map((field) => String(row[field]))));
    if ([...shown].some((value) => this.#shown.has(value))) await view.data('rows', []).runAsync();
    this.#shown = shown;
    // Vega fits a View to its content once unless asked again (autosize "pad": the axes' labels).
    const svg = await view.data('rows', copies(rows)).resize().toSVG();
    if (!this.#failed) return svg;
    // A View a run failed in is in no known state: this chart is drawn (and its error logged) by a
    // new View as it would be without reuse, and the next chart starts with another.
    this.#view = null;
    view.finalize();
    const fresh = new vega.View(this.#runtime, { renderer: 'none' });
    try {
      return await fresh.data('rows', copies(rows)).toSVG();
    } finally {
      fresh.finalize();
    }
  }

  #drop(): void {
    this.#view?.finalize();
    this.#view = null;
  }

  #newView(): vega.View {
    this.#draws = 1;
    this.#shown = new Set();
    const logger = vega.logger(vega.Error);
    logger.error = () => ((this.#failed = true), logger);
    return new vega.View(this.#runtime, { renderer: 'none', logger });
  }
}

/**
 * The fields a Vega-Lite spec encodes as ordinal, nominal or temporal, anywhere in its layers and
 * facets: the values Vega keys its groups, domains and facets by. E.g. {"day"} for "week-hours".
 */
function discreteFields(spec: unknown, fields = new Set<string>()): Set<string> {
  if (Array.isArray(spec)) for (const item of spec) discreteFields(item, fields);
  else if (spec !== null && typeof spec === 'object') {
    const { field, type } = spec as { field?: unknown; type?: unknown };
    if (typeof field === 'string' && (type === 'ordinal' || type === 'nominal' || type === 'temporal')) fields.add(field);
    for (const value of Object.values(spec)) discreteFields(value, fields);
  }
  return fields;
}

/** Vega marks the rows it is given: it gets copies, so a caller's rows stay as they are. */
function copies(rows: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  return rows.map((row) => ({ ...row }));
}

/**
 * Vega matches an axis's or legend's marks to its ticks by their value, so a tick that an empty
 * chart has too (the 0 of a scale that includes zero) keeps its mark, and its place before the
 * others: below zero, the ticks would come out of order. Matched by tuple, as the View makes new
 * ones whenever its scale changes, the marks follow the ticks' order. A new View draws the same
 * either way, ticks being distinct values.
 */
function matchTicksByTuple(operators: readonly RuntimeOperator[]): void {
  for (const operator of operators) {
    if (operator.type === 'datajoin' && operator.params?.key?.$field === 'value') delete operator.params.key;
    for (const param of Object.values(operator.params ?? {})) if (param?.$subflow) matchTicksByTuple(param.$subflow.operators);
  }
}

/** An operator of a parsed Vega spec (vega.parse), as far as matchTicksByTuple reads it. */
interface RuntimeOperator {
  type: string;
  params?: Record<string, { $field?: string; $subflow?: { operators: RuntimeOperator[] } } | undefined>;
}

/** The most charts one View draws (ChartView). */
const VIEW_DRAWS = 100;

const views = new Map<ChartKind, ChartView>();

/** Vega's SVG of a chart of `kind` over `rows`, as a new View would draw it. */
export function drawChart(kind: ChartKind, rows: readonly Record<string, unknown>[]): Promise<string> {
  let view = views.get(kind);
  if (!view) views.set(kind, (view = new ChartView(kind)));
  return view.draw(rows);
}

/** What a chart shows, for people who cannot see it: a label and the rows as a table. */
export interface ChartText {
  /** Short accessible name, e.g. "Hours, deep work and energy, 2025-W06". */
  label: string;
}

/**
 * Renders a chart of `kind` over `rows` to an SVG string with role="img" and an accessible name.
 * Nothing is kept here: a build renders each chart once, keyed by what it is drawn from, and keeps it
 * between builds (src/site/fragments.ts). A copy of every SVG kept in this module was 100 MB of a
 * thirty-year build's render process (docs/benchmarks.md).
 */
export async function renderChart(kind: ChartKind, rows: readonly Record<string, unknown>[], { label }: ChartText): Promise<string> {
  const svg = await drawChart(kind, rows);
  // The chart is one image with one accessible name; Vega's per-mark ARIA inside it would be noise.
  const plain = svg.replace(/\s(?:role|aria-roledescription|aria-label|aria-hidden)="[^"]*"/g, '');
  // No size of its own: the viewBox keeps the proportions and the page scales the chart to its column.
  const scalable = plain.replace(/^(<svg[^>]*?) width="[\d.]+" height="[\d.]+"/, '$1');
  const labelled = scalable.replace('<svg ', `<svg role="img" aria-label="${escapeAttribute(label)}" `).replace(/(<svg[^>]*>)/, `$1<title>${escapeText(label)}</title>`);
  return labelled;
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}
