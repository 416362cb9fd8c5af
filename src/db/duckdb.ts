/**
 * The one module that talks to @duckdb/node-api. Everything else sees `Database`: SQL in, plain
 * JSON-safe rows out (BIGINT as number, DATE as "YYYY-MM-DD"), so no BigInt escapes to callers.
 */
import {
  BOOLEAN, DATE, DOUBLE, DuckDBDataChunk, DuckDBDateValue, DuckDBInstance, DuckDBTypeId, INTEGER, JsonDuckDBValueConverter, LIST, listValue,
  StatementType, VARCHAR,
  type DuckDBConnection, type DuckDBValue, type DuckDBValueConverter, type Json,
} from '@duckdb/node-api';
import { toEpochDay } from '../ingest/dates.ts';
import { TABLES, type ColumnType, type Row, type TableName } from './tables.ts';

/** A row as callers see it: JSON values only. */
export type PlainRow = Record<string, Json>;
/** Values bound to `$name` parameters. */
export type Params = Record<string, string | number | boolean | null>;

const toPlain: DuckDBValueConverter<Json> = (value, type, converter) => {
  if (value === null) return null; // else Number(null) would turn a NULL BIGINT into 0
  switch (type.typeId) {
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.UHUGEINT: {
      const n = Number(value as bigint);
      return Number.isSafeInteger(n) ? n : String(value);
    }
    case DuckDBTypeId.DECIMAL:
      return Number(JsonDuckDBValueConverter(value, type, converter));
    default:
      return JsonDuckDBValueConverter(value, type, converter);
  }
};

/** A statement that would change the database, refused by readOnlyTable. */
export class ReadOnlyError extends Error {}

export class Database {
  readonly #instance: DuckDBInstance;
  readonly #connection: DuckDBConnection;
  /** False for a second connection (connect): closing it leaves the database open. */
  readonly #ownsInstance: boolean;

  private constructor(instance: DuckDBInstance, connection: DuckDBConnection, ownsInstance = true) {
    this.#instance = instance;
    this.#connection = connection;
    this.#ownsInstance = ownsInstance;
  }

  /**
   * Opens a database file, or an in-memory database for ":memory:"; `readOnly` refuses every write to the file.
   * DuckDB runs each query on one thread (`threads`: DuckDB's default is one per core): a journal's
   * tables are a few thousand rows, too few for parallel operators to repay what splitting and
   * merging their work costs. On the ten-year journal the reports took about 40% less CPU on one
   * thread, and a parallel sum of doubles came out in a different last digit from run to run
   * (docs/benchmarks.md, issue 15y).
   */
  static async open(path = ':memory:', { readOnly = false } = {}): Promise<Database> {
    const instance = await DuckDBInstance.create(path, { threads: '1', ...(readOnly ? { access_mode: 'READ_ONLY' } : {}) });
    return new Database(instance, await instance.connect());
  }

  /**
   * Runs one statement that only reads (SELECT, EXPLAIN, DESCRIBE, SHOW, SUMMARIZE) and returns its
   * columns and rows; anything else is refused with ReadOnlyError before it runs.
   */
  async readOnlyTable(sql: string): Promise<{ columns: string[]; rows: PlainRow[] }> {
    const extracted = await this.#connection.extractStatements(sql);
    if (extracted.count !== 1) throw new ReadOnlyError(`expected one SQL statement, got ${extracted.count}`);
    const prepared = await extracted.prepare(0);
    const type = prepared.statementType;
    if (type !== StatementType.SELECT && type !== StatementType.EXPLAIN) {
      throw new ReadOnlyError(`${StatementType[type] ?? 'this'} statements are refused: the tables are a cache of the journal, read-only to queries`);
    }
    const reader = await prepared.runAndReadAll();
    return { columns: reader.columnNames(), rows: reader.convertRowObjects(toPlain) as PlainRow[] };
  }

  /**
   * Another connection to the same database, with temporary tables and transactions of its own;
   * unqualified names resolve in the attached database `catalog` (USE) when one is named. Closing it
   * closes only this connection.
   */
  async connect(catalog?: string): Promise<Database> {
    const connection = await this.#instance.connect();
    if (catalog) await connection.run(`USE ${catalog}`);
    return new Database(this.#instance, connection, false);
  }

  /** Runs statements for their effect. */
  async run(sql: string, params?: Params): Promise<void> {
    await this.#connection.run(sql, params as Record<string, DuckDBValue> | undefined);
  }

  /** Runs a query and returns its rows as plain objects. */
  async all<T = PlainRow>(sql: string, params?: Params): Promise<T[]> {
    const reader = await this.#connection.runAndReadAll(sql, params as Record<string, DuckDBValue> | undefined);
    return reader.convertRowObjects(toPlain) as T[];
  }

  /** Runs a query and returns its column names and rows, e.g. for printing a table. */
  async table(sql: string, params?: Params): Promise<{ columns: string[]; rows: PlainRow[] }> {
    const reader = await this.#connection.runAndReadAll(sql, params as Record<string, DuckDBValue> | undefined);
    return { columns: reader.columnNames(), rows: reader.convertRowObjects(toPlain) as PlainRow[] };
  }

  /**
   * Bulk-loads rows into one of the journal's tables with DuckDB's appender, a chunk of columns at a
   * time: a value at a time, each list became a DuckDB value made in native code, element by element,
   * which cost more than the rest of the load (docs/benchmarks.md, issue 15).
   */
  async append<T extends TableName>(table: T, rows: readonly Row<T>[]): Promise<void> {
    if (rows.length === 0) return;
    const appender = await this.#connection.createAppender(table);
    const columns = Object.entries(TABLES[table]) as [keyof Row<T>, ColumnType][];
    const types = columns.map(([, type]) => CHUNK_TYPES[type]);
    for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
      const slice = rows.slice(start, start + CHUNK_ROWS);
      const chunk = DuckDBDataChunk.create(types, slice.length);
      chunk.setColumns(columns.map(([column, type]) => slice.map((row) => chunkValue(type, row[column]))));
      appender.appendDataChunk(chunk);
    }
    appender.closeSync();
  }

  /** Appends raw rows to any table (bookkeeping tables), in its column order. */
  async appendRaw(table: string, rows: readonly (string | number | null)[][]): Promise<void> {
    if (rows.length === 0) return;
    const appender = await this.#connection.createAppender(table);
    for (const row of rows) {
      for (const value of row) {
        if (value === null) appender.appendNull();
        else if (typeof value === 'number') appender.appendInteger(value);
        else appender.appendVarchar(value);
      }
      appender.endRow();
    }
    appender.closeSync();
  }

  close(): void {
    this.#connection.closeSync();
    if (this.#ownsInstance) this.#instance.closeSync();
  }
}

/** Rows per chunk: DuckDB's vector size. */
const CHUNK_ROWS = 2048;

/** The chunk's type of each column type (JSON is text to DuckDB's appender). */
const CHUNK_TYPES = { VARCHAR, JSON: VARCHAR, DATE, DOUBLE, INTEGER, BOOLEAN, 'VARCHAR[]': LIST(VARCHAR) } satisfies Record<ColumnType, unknown>;

function chunkValue(type: ColumnType, value: unknown): DuckDBValue {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'DATE':
      return new DuckDBDateValue(toEpochDay(value as string));
    case 'VARCHAR[]':
      return listValue(value as string[]);
    default:
      return value as string | number | boolean;
  }
}
