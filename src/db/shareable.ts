/**
 * What may leave the machine, as a database of its own. The `shareable` views (shareable.sql)
 * decide privacy once; `openShareable` copies them into an in-memory database beside the journal's,
 * under the journal's own table names, and loads the score SQL there. Everything that leaves the
 * machine is computed from such a copy: the prompts and every draft's figures (src/assess), and the
 * whole of a --public site (src/site/build.ts). A figure computed there cannot count a private row,
 * because the copy holds none.
 */
import { hash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { JournalConfig } from '../ingest/schema.ts';
import { loadScores } from '../scores/sql.ts';
import type { Database } from './duckdb.ts';
import { renderViewsDdl, TABLES } from './tables.ts';

const SHAREABLE_SQL = readFileSync(new URL('./shareable.sql', import.meta.url), 'utf8');

const SHAREABLE_KEY = hash('sha1', SHAREABLE_SQL);

/** Creates (or refreshes) the `shareable` views over the journal's tables, unless this version of them is there (meta shareable_key). */
export async function loadShareableViews(db: Database): Promise<void> {
  await db.run(`CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)`);
  const [stored] = await db.all<{ value: string }>(`SELECT value FROM meta WHERE key = 'shareable_key'`);
  if (stored?.value === SHAREABLE_KEY) return;
  await db.run(SHAREABLE_SQL);
  await db.run(`INSERT OR REPLACE INTO meta VALUES ('shareable_key', $key)`, { key: SHAREABLE_KEY });
}

declare const shareableBrand: unique symbol;
/** A database that holds only what may leave the machine; what builds prompts asks for this type. */
export type ShareableDatabase = Database & { readonly [shareableBrand]: true };

let copies = 0;

/**
 * A database holding only what may leave the machine, with the score views and macros loaded: a
 * connection to an in-memory copy attached to `db`. Close it when done; the copy's memory is freed
 * when `db` closes.
 */
export async function openShareable(db: Database, config: JournalConfig): Promise<ShareableDatabase> {
  const name = `shareable_copy_${++copies}`;
  const tables = Object.keys(TABLES);
  await loadShareableViews(db);
  await db.run(`ATTACH ':memory:' AS ${name};\n${tables.map((t) => `CREATE TABLE ${name}.main.${t} AS SELECT * FROM shareable.${t};`).join('\n')}`);
  const copy = await db.connect(name);
  try {
    await copy.run(renderViewsDdl());
    await loadScores(copy, config);
    return copy as ShareableDatabase;
  } catch (error) {
    copy.close();
    throw error;
  }
}
