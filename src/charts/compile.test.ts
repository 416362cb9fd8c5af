import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { compileSpecs } from './compile.ts';
import { vegaSpec } from './render.ts';
import { CHART_SPECS, type ChartKind } from './specs.ts';

describe('the Vega specs the build draws from', () => {
  it('are what vega-lite compiles from the chart specs (after a change to specs.ts or vega-lite: npm run charts)', async () => {
    const committed: unknown = JSON.parse(await readFile(new URL('./vega-specs.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(compileSpecs())));
    for (const kind of Object.keys(CHART_SPECS) as ChartKind[]) expect(vegaSpec(kind), kind).toEqual(compileSpecs()[kind]);
  });
});
