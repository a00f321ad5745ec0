/**
 * The database handle: the only module that talks to neo4j-driver. Reads go through executeRead (routed
 * to followers in a cluster), writes through executeWrite; every statement gets the configured timeout;
 * records are converted at this boundary (Neo4j integers -> numbers, temporals -> ISO strings).
 */
import neo4j, { type Driver, type ManagedTransaction, type QueryResult } from 'neo4j-driver';
import { cypher, GeneratedCypher, splitStatements, type CypherSlots } from './cypher-registry.ts';

/** Parameters of a statement: user values always travel here, never in the statement text. */
export type Params = Record<string, unknown>;
/** One result row as a plain object with converted values. */
export type Row = Record<string, unknown>;

/** Options of createDatabase. */
export interface DatabaseOptions {
  uri: string;
  user?: string;
  password?: string;
  /** @default the server's default database */
  database?: string;
  /** Client-side and server-side limit for one transaction. @default 15000 */
  txTimeoutMs?: number;
  /** How long to wait for a connection, and to retry transient failures, before SERVICE_UNAVAILABLE. @default 1000 */
  connectTimeoutMs?: number;
}

/** Called for every statement the handle runs: counts round trips in tests and metrics. */
export type StatementListener = (event: { name: string; mode: 'read' | 'write'; durationMs: number }) => void;

/** A connection to Neo4j with named-statement helpers. Create one per process; it is safe to share. */
export interface Database {
  /** Runs the named statement from cypher/ in a read transaction. */
  read(name: string, params?: Params, slots?: CypherSlots): Promise<Row[]>;
  /** Runs a statement the planner generated (its text already whitelisted) in a read transaction. */
  readGenerated(statement: GeneratedCypher, params?: Params): Promise<Row[]>;
  /** Runs the named statement in a write transaction. */
  write(name: string, params?: Params, slots?: CypherSlots): Promise<Row[]>;
  /** Runs several statements (text already whitelisted) in one write transaction: all or nothing. */
  writeTransaction<T>(work: (tx: WriteTx) => Promise<T>): Promise<T>;
  /** Applies a multi-statement file (schema.cypher), one auto-commit statement each. */
  runScript(name: string): Promise<number>;
  /** Runs the named (or generated) statement under PROFILE and returns the operators of its plan (for index checks). */
  profile(name: string | GeneratedCypher, params?: Params, slots?: CypherSlots): Promise<PlanOperator[]>;
  /** True while Neo4j answers a trivial query. */
  ping(): Promise<boolean>;
  /** Registers a listener for every statement; returns a function that removes it. */
  onStatement(listener: StatementListener): () => void;
  close(): Promise<void>;
}

/** One operator of an executed plan: its type (e.g. NodeUniqueIndexSeek) and details. */
export interface PlanOperator {
  operatorType: string;
  details: string;
}

/** A write transaction handed to writeTransaction's callback. */
export interface WriteTx {
  run(name: string, params?: Params, slots?: CypherSlots): Promise<Row[]>;
}

/** Connects to Neo4j; does not wait for it to answer (see ping). */
export function createDatabase(options: DatabaseOptions): Database {
  const { uri, user = 'neo4j', password = '', database, txTimeoutMs = 15000, connectTimeoutMs = 1000 } = options;
  const driver: Driver = neo4j.driver(uri, password ? neo4j.auth.basic(user, password) : neo4j.auth.basic(user, ''), {
    connectionTimeout: connectTimeoutMs,
    connectionAcquisitionTimeout: connectTimeoutMs + 500,
    // No driver retries: its first retry waits about a second, which would hold every request for that
    // long while Neo4j is down. Writes retry transient errors (deadlocks) themselves, see retryTransient.
    maxTransactionRetryTime: 0,
    maxConnectionPoolSize: 64,
    userAgent: 'value-chain-graph/0.1',
  });
  const listeners = new Set<StatementListener>();
  const sessionConfig = { database, defaultAccessMode: neo4j.session.READ };
  const txConfig = { timeout: txTimeoutMs };

  const notify = (name: string, mode: 'read' | 'write', started: number) => {
    const durationMs = performance.now() - started;
    for (const listener of listeners) listener({ name, mode, durationMs });
  };

  const runIn = async (tx: ManagedTransaction, name: string, params: Params, mode: 'read' | 'write', slots?: CypherSlots, text?: string) => {
    const started = performance.now();
    try {
      const result: QueryResult = await tx.run(text ?? cypher(name, slots), params);
      return result.records.map((record) => toPlain(record.toObject()) as Row);
    } finally {
      notify(name, mode, started);
    }
  };

  return {
    async read(name, params = {}, slots) {
      const session = driver.session(sessionConfig);
      try {
        return await session.executeRead((tx) => runIn(tx, name, params, 'read', slots), txConfig);
      } finally {
        await session.close();
      }
    },
    async readGenerated(statement, params = {}) {
      if (!(statement instanceof GeneratedCypher)) throw new Error('readGenerated takes only a GeneratedCypher.');
      const session = driver.session(sessionConfig);
      try {
        return await session.executeRead((tx) => runIn(tx, statement.name, params, 'read', undefined, statement.text), txConfig);
      } finally {
        await session.close();
      }
    },
    write(name, params = {}, slots) {
      return retryTransient(async () => {
        const session = driver.session({ database, defaultAccessMode: neo4j.session.WRITE });
        try {
          return await session.executeWrite((tx) => runIn(tx, name, params, 'write', slots), txConfig);
        } finally {
          await session.close();
        }
      });
    },
    writeTransaction(work) {
      return retryTransient(async () => {
        const session = driver.session({ database, defaultAccessMode: neo4j.session.WRITE });
        try {
          return await session.executeWrite((tx) => work({ run: (name, params = {}, slots) => runIn(tx, name, params, 'write', slots) }), {
            timeout: Math.max(txTimeoutMs, 120_000),
          });
        } finally {
          await session.close();
        }
      });
    },
    async runScript(name) {
      const statements = splitStatements(cypher(name));
      const session = driver.session({ database, defaultAccessMode: neo4j.session.WRITE });
      try {
        for (const statement of statements) await session.run(statement);
        return statements.length;
      } finally {
        await session.close();
      }
    },
    async profile(name, params = {}, slots) {
      const session = driver.session(sessionConfig);
      try {
        const text = name instanceof GeneratedCypher ? name.text : cypher(name, slots);
        const result = await session.executeRead((tx) => tx.run(`PROFILE ${text}`, params), txConfig);
        const operators: PlanOperator[] = [];
        const walk = (plan: { operatorType: string; arguments: Record<string, unknown>; children: unknown[] } | false | undefined) => {
          if (!plan) return;
          operators.push({ operatorType: plan.operatorType.replace(/@.*$/, ''), details: String(plan.arguments.Details ?? '') });
          for (const child of plan.children) walk(child as typeof plan);
        };
        walk(result.summary.profile as never);
        return operators;
      } finally {
        await session.close();
      }
    },
    async ping() {
      const session = driver.session(sessionConfig);
      try {
        await session.executeRead((tx) => tx.run('RETURN 1'), { timeout: connectTimeoutMs });
        return true;
      } catch {
        return false;
      } finally {
        await session.close().catch(() => undefined);
      }
    },
    onStatement(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => driver.close(),
  };
}

/**
 * Runs a write again when Neo4j reports a transient error (a deadlock between concurrent writers, a lock
 * timeout), at most 4 attempts with a short jittered backoff. A write transaction either committed or
 * rolled back as a whole, so running it again is safe. Unreachable databases are not retried.
 */
export async function retryTransient<T>(work: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      if (attempt >= attempts || !code.startsWith('Neo.TransientError')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt * (0.5 + Math.random())));
    }
  }
}

/** Converts driver values to plain JSON-friendly values: integers to numbers, temporals to ISO strings. */
export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (neo4j.isInt(value)) return value.inSafeRange() ? value.toNumber() : value.toString();
  if (
    neo4j.isDate(value) ||
    neo4j.isDateTime(value) ||
    neo4j.isLocalDateTime(value) ||
    neo4j.isTime(value) ||
    neo4j.isLocalTime(value) ||
    neo4j.isDuration(value)
  ) {
    return value.toString();
  }
  if (Array.isArray(value)) return value.map(toPlain);
  if (typeof value === 'object') {
    if ('labels' in value && 'properties' in value) return toPlain((value as { properties: unknown }).properties);
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, toPlain(item)]));
  }
  return value;
}

/** True when the error means Neo4j cannot be reached (as opposed to a bad statement). */
export function isUnavailableError(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code ?? '';
  return (
    code === 'ServiceUnavailable' ||
    code === 'SessionExpired' ||
    code.startsWith('Neo.TransientError') ||
    /connect|ECONNREFUSED|acquisition/i.test((error as Error | null)?.message ?? '')
  );
}
