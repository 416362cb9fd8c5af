/**
 * Writes the JSON Schemas editors use to complete and validate journal.yml and front matter
 * (schemas/*.schema.json), from the zod schemas in src/ingest/schema.ts. Run: npm run schemas
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { EDITOR_SCHEMAS, renderJsonSchema } from '../src/ingest/schema.ts';

const out = new URL('../schemas/', import.meta.url);
await mkdir(out, { recursive: true });
for (const [name, schema] of Object.entries(EDITOR_SCHEMAS)) {
  await writeFile(new URL(name, out), JSON.stringify(renderJsonSchema(schema), null, 2) + '\n');
}
console.error(`wrote ${Object.keys(EDITOR_SCHEMAS).length} schemas to schemas/`);
