/** The SQL engines the ticket store runs on. */
export type SqlDialect = "sqlite" | "postgres";

/**
 * A bind parameter. Booleans are stored as 0/1 and timestamps as epoch milliseconds so the same
 * value works on both engines.
 */
export type SqlValue = string | number | null;

/** One result row, column name → value; parse it with zod before use. */
export type SqlRow = Record<string, unknown>;

/**
 * Runs statements. SQL is written with `?` positional placeholders on every engine; the PostgreSQL
 * implementation rewrites them to `$1, $2, …`.
 */
export interface SqlExecutor {
  readonly dialect: SqlDialect;
  /** Runs a statement that returns rows (`SELECT`, or a write with `RETURNING`). */
  query(sql: string, params?: readonly SqlValue[]): Promise<SqlRow[]>;
  /** Runs a statement and returns how many rows it changed. */
  execute(sql: string, params?: readonly SqlValue[]): Promise<number>;
}

/**
 * The ticket store's whole view of a database: small on purpose, so each engine is a thin
 * translation that the shared store suite tests.
 */
export interface SqlDatabase extends SqlExecutor {
  /**
   * Runs `fn` in one write transaction: committed when it resolves, rolled back when it throws.
   * Use only `tx` inside `fn`; calling the database itself from there would wait for the
   * transaction to end (SQLite) or run outside it (PostgreSQL).
   */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /**
   * After an erasure on request: drops what the engine still keeps of erased rows outside the
   * table (SQLite's write-ahead log). Absent where the operator does it (PostgreSQL: VACUUM).
   */
  compactAfterErasure?(): Promise<void>;
  /** Releases connections (calling it again is harmless); further queries fail. */
  close(): Promise<void>;
}
