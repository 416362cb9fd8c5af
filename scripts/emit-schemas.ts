/**
 * Writes the JSON Schemas editors use to complete and validate journal.yml and front matter
 * (schemas/*.schema.json), from the zod schemas in src/ingest/schema.ts, and team.yml's
 * (src/team/config.ts). Run: npm run schemas
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { EDITOR_SCHEMAS, renderJsonSchema } from '../src/ingest/schema.ts';
import { TeamConfig } from '../src/team/config.ts';

const out = new URL('../schemas/', import.meta.url);
await mkdir(out, { recursive: true });
// team.yml, the manager's settings for team mode (src/team/config.ts), beside the journal's.
const schemas = { ...EDITOR_SCHEMAS, 'team.schema.json': TeamConfig };
for (const [name, schema] of Object.entries(schemas)) {
  await writeFile(new URL(name, out), JSON.stringify(renderJsonSchema(schema), null, 2) + '\n');
}
console.error(`wrote ${Object.keys(schemas).length} schemas to schemas/`);
