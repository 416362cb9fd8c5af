/**
 * Writes src/charts/vega-specs.json: each chart kind's Vega-Lite spec (src/charts/specs.ts)
 * compiled to Vega, which the build draws from (src/charts/compile.ts). Run: npm run charts
 */
import { writeFile } from 'node:fs/promises';
import { compileSpecs } from '../src/charts/compile.ts';

const specs = compileSpecs();
await writeFile(new URL('../src/charts/vega-specs.json', import.meta.url), JSON.stringify(specs, null, 2) + '\n');
console.error(`wrote ${Object.keys(specs).length} Vega specs to src/charts/vega-specs.json`);
