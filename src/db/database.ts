/**
 * The database handle: the only module that talks to neo4j-driver. Reads are auto-commit transactions in
 * READ sessions (routed to followers in a cluster; one round trip each), writes explicit write transactions;
 * every statement gets the configured timeout;
 * records are converted at this boundary (Neo4j integers -> numbers, temporals -> ISO strings).
 */
import { Sema } from 'async-sema';
import neo4j, { type BookmarkManager, type Driver, type QueryResult, type Session, type Transaction } from 'neo4j-driver';
import { cypher, GeneratedCypher, splitStatements, type CypherSlots } from './cypher-registry.ts';
import { recordStatementRan } from './statement-log.ts';

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
  /**
   * A statement still unanswered after this long makes the handle probe Neo4j on a connection of its own;
   * if the probe is not answered within the same time either, the statement fails as unavailable (a
   * frozen or unreachable Neo4j), instead of hanging for the whole freeze. A slow statement on a Neo4j
   * that answers probes runs on. @default 1000
   */
  stallTimeoutMs?: number;
  /** Connections in the driver's pool. @default 64 */
  maxPoolSize?: number;
  /** The time budget and pool share of expensive analytics statements. @default see AnalyticsBudget */
  analytics?: AnalyticsBudget;
}

/** Expensive whole-graph statements run under their own timeout and may hold only a share of the pool. */
export interface AnalyticsBudget {
  /** Names of the statements this budget applies to. @default ['brokers', 'corridors'] */
  statements?: readonly string[];
  /** Time for one such statement (waiting for a slot included), server- and client-side. @default txTimeoutMs */
  timeoutMs?: number;
  /** Most such statements running at once: the pool share analytics cannot exceed. @default 16 */
  maxConcurrent?: number;
}

/** Raised when a statement ran out of its time budget; the API answers it with the TIMEOUT code. */
export class StatementTimeoutError extends Error {
  override name = 'StatementTimeoutError';
  constructor(
    readonly statement: string,
    readonly timeoutMs: number,
  ) {
    super(`Statement "${statement}" ran out of its ${timeoutMs} ms budget.`);
  }
}

/** Called for every statement the handle runs: counts round trips in tests and metrics. */
export type StatementListener = (event: {
  name: string;
  mode: 'read' | 'write';
  durationMs: number;
  analyticsRunning?: number /** The Cypher text sent, slots filled. */;
  text: string;
}) => void;

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
  const { uri, user = 'neo4j', password = '', database, txTimeoutMs = 15000, connectTimeoutMs = 1000, stallTimeoutMs = 1000, maxPoolSize = 64 } = options;
  const analyticsStatements = new Set(options.analytics?.statements ?? ['brokers', 'corridors']);
  const analyticsTimeoutMs = options.analytics?.timeoutMs ?? txTimeoutMs;
  const analyticsSlots = new Sema(options.analytics?.maxConcurrent ?? 16);
  let analyticsRunning = 0;
  const driver: Driver = neo4j.driver(uri, password ? neo4j.auth.basic(user, password) : neo4j.auth.basic(user, ''), {
    connectionTimeout: connectTimeoutMs,
    connectionAcquisitionTimeout: connectTimeoutMs + 500,
    // No driver retries: its first retry waits about a second, which would hold every request for that
    // long while Neo4j is down. Writes retry transient errors (deadlocks) themselves, see retryTransient.
    maxTransactionRetryTime: 0,
    maxConnectionPoolSize: maxPoolSize,
    userAgent: 'value-chain-graph/0.1',
  });
  const probeDriver: Driver = neo4j.driver(uri, neo4j.auth.basic(user, password), {
    connectionTimeout: stallTimeoutMs,
    connectionAcquisitionTimeout: stallTimeoutMs,
    maxTransactionRetryTime: 0,
    maxConnectionPoolSize: 2,
    userAgent: 'value-chain-graph/0.1 (probe)',
  });
  const probe = createProbe(probeDriver, database, stallTimeoutMs);
  const listeners = new Set<StatementListener>();
  // One bookmark manager for every session of this process: on a cluster, a read waits until the
  // follower it lands on has applied every write this process committed before (read-your-writes).
  const bookmarkManager = neo4j.bookmarkManager();
  const sessionConfig = { database, defaultAccessMode: neo4j.session.READ, bookmarkManager };
  const txConfig = { timeout: txTimeoutMs };

  // A read is one auto-commit transaction: RUN and PULL go out together and the answer ends it, one round
  // trip to Neo4j, where a managed transaction (executeRead) adds BEGIN and a COMMIT round trip (measured
  // on this machine: 1.2 ms against 2.0 ms for a one-node statement). Reads have nothing to roll back, and
  // the driver retries nothing here (maxTransactionRetryTime 0), so nothing else changes.
  const autoCommit = (session: Session): Pick<Transaction, 'run'> => ({
    run: (statement, params) => session.run(statement, params, txConfig),
  });

  const notify = (name: string, mode: 'read' | 'write', started: number, text: string) => {
    const durationMs = performance.now() - started;
    for (const listener of listeners) listener({ name, mode, durationMs, text });
  };

  const runIn = async (tx: Pick<Transaction, 'run'>, name: string, params: Params, mode: 'read' | 'write', slots?: CypherSlots, text?: string) => {
    const started = performance.now();
    const statement = text ?? cypher(name, slots);
    try {
      const result: QueryResult = await tx.run(statement, params);
      if (text === undefined) recordStatementRan(name);
      return result.records.map((record) => toPlain(record.toObject()) as Row);
    } finally {
      notify(name, mode, started, statement);
    }
  };

  // Every write, one statement or many, is one explicit transaction that tells "not applied" from "unknown".
  // Multi-statement writes (imports) get at least 120 s; single statements the configured timeout.
  const writeTransaction = <T>(work: (tx: WriteTx) => Promise<T>, timeoutMs = Math.max(txTimeoutMs, 120_000)): Promise<T> =>
    retryTransient(() => {
      const state: WriteState = { abandoned: false, committing: false };
      const run = runWriteTransaction(driver, { database, timeoutMs, state, bookmarkManager }, (tx) =>
        work({ run: (name, params = {}, slots) => runIn(tx, name, params, 'write', slots) }),
      );
      // A stalled Neo4j fails the write within the stall bound; the abandoned transaction then rolls back
      // instead of committing when Neo4j wakes, unless the stall came during the commit (outcome unknown).
      return guardStall(run, probe, stallTimeoutMs).catch((error: unknown) => {
        if (!(error instanceof StalledError)) throw error;
        run.catch(() => undefined);
        state.abandoned = true;
        throw state.committing ? new WriteOutcomeUnknownError(error) : error;
      });
    });

  // Private: a read of an analytics statement: waits for one of its slots, then runs under its budget.
  // The client gives up at the budget; the slot is held until Neo4j has ended the transaction (its own
  // timeout), so abandoned statements still count against the pool share.
  const readAnalytics = async (name: string, params: Params, slots?: CypherSlots): Promise<Row[]> => {
    const deadline = Date.now() + analyticsTimeoutMs;
    const slot = analyticsSlots.acquire();
    const acquired = await settleWithin(
      slot.then(() => true),
      analyticsTimeoutMs,
      () => false,
    );
    if (!acquired) {
      void slot.then(() => analyticsSlots.release());
      throw new StatementTimeoutError(name, analyticsTimeoutMs);
    }
    analyticsRunning++;
    const started = performance.now();
    const remaining = Math.max(1, deadline - Date.now());
    const session = driver.session(sessionConfig);
    const text = cypher(name, slots);
    const work = session
      .executeRead(
        async (tx) => {
          const result = await tx.run(text, params);
          recordStatementRan(name);
          return result.records.map((record) => toPlain(record.toObject()) as Row);
        },
        { timeout: remaining },
      )
      .finally(() => {
        analyticsRunning--;
        analyticsSlots.release();
        return session.close().catch(() => undefined);
      });
    const running = analyticsRunning;
    try {
      return await settleWithin(guardStall(work, probe, stallTimeoutMs), remaining, () => {
        throw new StatementTimeoutError(name, analyticsTimeoutMs);
      });
    } catch (error) {
      throw isTimeoutError(error) ? new StatementTimeoutError(name, analyticsTimeoutMs) : error;
    } finally {
      work.catch(() => undefined);
      const durationMs = performance.now() - started;
      for (const listener of listeners) listener({ name, mode: 'read', durationMs, analyticsRunning: running, text });
    }
  };

  return {
    async read(name, params = {}, slots) {
      if (analyticsStatements.has(name)) return readAnalytics(name, params, slots);
      const session = driver.session(sessionConfig);
      const work = runIn(autoCommit(session), name, params, 'read', slots).finally(() => session.close().catch(() => undefined));
      return guardStall(work, probe, stallTimeoutMs);
    },
    readGenerated(statement, params = {}) {
      if (!(statement instanceof GeneratedCypher)) throw new Error('readGenerated takes only a GeneratedCypher.');
      const session = driver.session(sessionConfig);
      const work = runIn(autoCommit(session), statement.name, params, 'read', undefined, statement.text)
        .then((rows) => {
          for (const template of statement.templates) recordStatementRan(template);
          return rows;
        })
        .finally(() => session.close().catch(() => undefined));
      return guardStall(work, probe, stallTimeoutMs);
    },
    write: (name, params = {}, slots) => writeTransaction((tx) => tx.run(name, params, slots), txTimeoutMs),
    writeTransaction: (work) => writeTransaction(work),
    async runScript(name) {
      const statements = splitStatements(cypher(name));
      const session = driver.session({ database, defaultAccessMode: neo4j.session.WRITE, bookmarkManager });
      try {
        for (const statement of statements) await session.run(statement);
        recordStatementRan(name);
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
        if (!(name instanceof GeneratedCypher)) recordStatementRan(name);
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
    close: async () => {
      await Promise.all([driver.close(), probeDriver.close()]);
    },
  };
}

/** Settles like `work`, or after `ms` with what `onTimeout` returns (or throws). */
function settleWithin<T>(work: Promise<T>, ms: number, onTimeout: () => T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve, reject) => {
    timer = setTimeout(() => {
      try {
        resolve(onTimeout());
      } catch (error) {
        reject(error);
      }
    }, ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Raised for a statement whose Neo4j stopped answering (frozen, partitioned); mapped to SERVICE_UNAVAILABLE. */
class StalledError extends Error {
  override name = 'StalledError';
  readonly code = 'ServiceUnavailable';
}

// Private: `work`, but failed as unavailable once it has been pending `stallMs` and a probe of Neo4j on
// another connection goes unanswered for `stallMs` too. Checked again every `stallMs` while Neo4j answers.
function guardStall<T>(work: Promise<T>, probe: () => Promise<boolean>, stallMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    let timer: NodeJS.Timeout;
    const check = () => {
      void probe().then((alive) => {
        if (settled) return;
        if (alive) timer = setTimeout(check, stallMs);
        else {
          settled = true;
          reject(new StalledError(`Neo4j did not answer within ${2 * stallMs} ms (frozen or unreachable).`));
        }
      });
    };
    timer = setTimeout(check, stallMs);
    work.then(
      (value) => {
        settled = true;
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        settled = true;
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

// Private: one shared `RETURN 1` on the probe driver at a time, answered within `timeoutMs` or false.
function createProbe(driver: Driver, database: string | undefined, timeoutMs: number): () => Promise<boolean> {
  let inFlight: Promise<boolean> | undefined;
  return () => {
    inFlight ??= (async () => {
      const session = driver.session({ database, defaultAccessMode: neo4j.session.READ });
      const answer = session
        .executeRead((tx) => tx.run('RETURN 1'), { timeout: timeoutMs })
        .then(
          () => true,
          () => false,
        );
      try {
        return await settleWithin(answer, timeoutMs, () => false);
      } finally {
        void session.close().catch(() => undefined);
        inFlight = undefined;
      }
    })();
    return inFlight;
  };
}

/** True when Neo4j stopped a statement for running past its transaction timeout. */
export function isTimeoutError(error: unknown): boolean {
  if (error instanceof StatementTimeoutError) return true;
  const code = (error as { code?: string } | null)?.code ?? '';
  return /TransactionTimedOut/.test(code);
}

/**
 * Thrown when the connection failed while a write transaction was being committed: it may or may not have
 * been applied. Every write of this API is idempotent, so the client can send it again.
 */
export class WriteOutcomeUnknownError extends Error {
  override name = 'WriteOutcomeUnknownError';
  readonly code = 'WRITE_OUTCOME_UNKNOWN';
  constructor(override readonly cause: unknown) {
    super(
      `The connection to Neo4j failed while a write was being committed, so whether it was applied is unknown: ${(cause as Error)?.message ?? String(cause)}`,
    );
  }
}

/** Where a write transaction is: abandoned by its caller (stalled Neo4j), or sending its commit. */
interface WriteState {
  abandoned: boolean;
  committing: boolean;
}

// Private: one explicit write transaction, so that a failure can be told apart: before commit (Neo4j rolls
// the transaction back: certainly not applied) or during commit without an answer from the server (outcome
// unknown). An answer refusing the commit (a Neo.ClientError or Neo.TransientError) means not applied.
async function runWriteTransaction<T>(
  driver: Driver,
  options: { database: string | undefined; timeoutMs: number; state: WriteState; bookmarkManager: BookmarkManager },
  work: (tx: Transaction) => Promise<T>,
): Promise<T> {
  const session = driver.session({ database: options.database, defaultAccessMode: neo4j.session.WRITE, bookmarkManager: options.bookmarkManager });
  try {
    const tx = session.beginTransaction({ timeout: options.timeoutMs });
    let result: T;
    try {
      result = await work(tx);
    } catch (error) {
      await tx.rollback().catch(() => undefined);
      throw error;
    }
    if (options.state.abandoned) {
      await tx.rollback().catch(() => undefined);
      throw new StalledError('The write was abandoned while Neo4j did not answer; it was rolled back.');
    }
    options.state.committing = true;
    try {
      await tx.commit();
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      if (code.startsWith('Neo.ClientError') || code.startsWith('Neo.TransientError')) throw error;
      throw new WriteOutcomeUnknownError(error);
    }
    return result;
  } finally {
    await session.close().catch(() => undefined);
  }
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
      if (attempt >= attempts || !isRetryableWriteError(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt * (0.5 + Math.random())));
    }
  }
}

/**
 * True for failures after which running the same write transaction again is safe and may succeed: Neo4j's
 * transient errors (deadlocks, lock timeouts) except running out of transaction memory (the same write would
 * run out again), and a node that a concurrent transaction deleted while this one waited for its lock (the
 * next attempt sees it gone and reports the missing reference as a problem).
 */
export function isRetryableWriteError(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code ?? '';
  if (code === 'Neo.TransientError.General.MemoryPoolOutOfMemoryError') return false;
  if (code.startsWith('Neo.TransientError')) return true;
  return (
    /EntityNotFound|has been deleted|not found/i.test(code) ||
    (code.startsWith('Neo.') && /(node|relationship) with id \S+ (has been deleted|not found)|unable to load node/i.test((error as Error).message ?? ''))
  );
}

const TEMPORAL_TYPES = [neo4j.types.Date, neo4j.types.DateTime, neo4j.types.LocalDateTime, neo4j.types.Time, neo4j.types.LocalTime, neo4j.types.Duration];

/**
 * Converts driver values to plain JSON-friendly values: integers to numbers, temporals to ISO strings, nodes
 * to their properties. The lists and maps the driver has just unpacked are converted in place (a fanout page
 * is a few thousand values, and copying each map cost five times the conversion); pass only values that
 * nothing else holds, such as a record's `toObject()`.
 */
export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) value[index] = toPlain(value[index]);
    return value;
  }
  if (Object.getPrototypeOf(value) === Object.prototype) {
    const map = value as Record<string, unknown>;
    for (const key of Object.keys(map)) map[key] = toPlain(map[key]);
    return map;
  }
  if (neo4j.isInt(value)) return value.inSafeRange() ? value.toNumber() : value.toString();
  if (TEMPORAL_TYPES.some((type) => value instanceof type)) return String(value);
  if ('labels' in value && 'properties' in value) return toPlain((value as { properties: unknown }).properties);
  // Other driver objects (relationships, points) may be frozen: copied, not converted in place.
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, toPlain(item)]));
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
