import pg from "pg";
import type { Logger } from "../../core/logger.ts";
import type { SqlDatabase, SqlExecutor, SqlRow, SqlValue } from "./sql-database.ts";

/** Options for {@link createPostgresDatabase}. */
export interface PostgresDatabaseOptions {
  /** `postgres://user:password@host:5432/db`, usually `DATABASE_URL`. */
  connectionString: string;
  /** Schema to put first on the search path (multi-tenant installs, test isolation). */
  schema?: string;
  /** Pool size (default 10). */
  maxConnections?: number;
  /** How long to wait for a connection, in ms (default 5000). */
  connectionTimeoutMs?: number;
  /** Receives idle-connection errors, which would otherwise crash the process. */
  logger?: Logger;
}

const INT8_OID = 20;

/**
 * Timestamps are epoch-ms BIGINTs and pg returns BIGINT as a string by default; epoch ms stay far
 * below 2^53, so parse them as numbers for this pool only (not process-wide).
 */
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === INT8_OID
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format ?? "text")) as typeof pg.types.getTypeParser,
};

const placeholderCache = new Map<string, string>();

/** Rewrites `?` placeholders to `$1, $2, …`, leaving quoted literals and identifiers alone. */
function toPostgresPlaceholders(sql: string): string {
  const cached = placeholderCache.get(sql);
  if (cached !== undefined) return cached;
  let out = "";
  let index = 0;
  let quote: string | undefined;
  for (const char of sql) {
    if (quote) {
      if (char === quote) quote = undefined;
      out += char;
    } else if (char === "'" || char === '"') {
      quote = char;
      out += char;
    } else if (char === "?") {
      index += 1;
      out += `$${index}`;
    } else {
      out += char;
    }
  }
  placeholderCache.set(sql, out);
  return out;
}

/** Removes the password from a connection string so it can appear in messages and logs. */
export function redactConnectionString(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    if (url.password) url.password = "***";
    return url.toString();
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}

function executorFor(client: pg.Pool | pg.PoolClient): SqlExecutor {
  return {
    dialect: "postgres",
    async query(sql: string, params: readonly SqlValue[] = []) {
      const result = await client.query(toPostgresPlaceholders(sql), [...params]);
      return result.rows as SqlRow[];
    },
    async execute(sql: string, params: readonly SqlValue[] = []) {
      const result = await client.query(toPostgresPlaceholders(sql), [...params]);
      return result.rowCount ?? 0;
    },
  };
}

/**
 * A {@link SqlDatabase} on a PostgreSQL connection pool. The pool connects lazily: the first query
 * (normally the migrations) is where an unreachable server shows up.
 */
export function createPostgresDatabase(options: PostgresDatabaseOptions): SqlDatabase {
  const config: pg.PoolConfig = {
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 5_000,
    types,
  };
  if (options.schema !== undefined) {
    if (!/^[a-z_][a-z0-9_]*$/.test(options.schema)) {
      throw new Error(`Invalid schema name "${options.schema}": use lower-case letters, digits and _.`);
    }
    config.options = `-c search_path=${options.schema}`;
  }
  const pool = new pg.Pool(config);
  pool.on("error", (error) => {
    options.logger?.warn({ err: error }, "idle PostgreSQL connection failed; the pool will replace it");
  });
  const direct = executorFor(pool);
  let closing: Promise<void> | undefined;

  return {
    dialect: "postgres",
    query: direct.query,
    execute: direct.execute,
    async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query("BEGIN");
        try {
          const result = await fn(executorFor(client));
          await client.query("COMMIT");
          return result;
        } catch (error) {
          await client.query("ROLLBACK").catch((rollbackError: Error) => {
            broken = rollbackError;
          });
          throw error;
        }
      } finally {
        // A connection whose ROLLBACK failed is in an unknown state: destroy it, don't reuse it.
        client.release(broken);
      }
    },
    close() {
      closing ??= pool.end();
      return closing;
    },
  };
}
