/**
 * Vega-Lite → Vega: a chart kind's Vega spec, its rows left out (they are the data set "rows"). Run
 * when the specs or vega-lite change (`npm run charts` writes vega-specs.json, which render.ts
 * reads): the build draws with Vega alone and never loads vega-lite (0.15 s of CPU in each render
 * process). compile.test.ts fails while vega-specs.json is not what this gives.
 */
import { compile, type TopLevelSpec } from 'vega-lite';
import type * as vega from 'vega';
import { CHART_SPECS, type ChartKind } from './specs.ts';

export function compileSpec(kind: ChartKind): vega.Spec {
  return compile({ ...CHART_SPECS[kind], data: { name: 'rows' } } as unknown as TopLevelSpec).spec;
}

/** Every kind's Vega spec, as vega-specs.json holds them. */
export function compileSpecs(): Record<ChartKind, vega.Spec> {
  return Object.fromEntries(Object.keys(CHART_SPECS).map((kind) => [kind, compileSpec(kind as ChartKind)])) as Record<ChartKind, vega.Spec>;
}
