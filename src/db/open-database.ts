/**
 * The start-up sequence every entry point shares (the server, seed, import, export): connect to the Neo4j
 * at NEO4J_URI or start the embedded one with the configured memory and timeout, create the driver with
 * every configured bound, and apply the schema. One function, so the entry points cannot drift apart.
 */
import type { Config } from '../config.ts';
import { applySchema } from './apply-schema.ts';
import { createDatabase, type Database } from './database.ts';
import { startEmbeddedNeo4j, type EmbeddedNeo4j, type EmbeddedNeo4jOptions } from './embedded-neo4j.ts';

/** Options of openDatabase. */
export interface OpenDatabaseOptions {
  /** Where the embedded Neo4j reports its progress. @default the embedded Neo4j's own (stderr) */
  log?: (message: string) => void;
}

/** An open database: the handle, the embedded Neo4j when one was started, and how many schema statements ran. */
export interface OpenDatabase {
  readonly db: Database;
  readonly neo4j: EmbeddedNeo4j | undefined;
  readonly schemaStatements: number;
  /** Closes the driver, then stops the embedded JVM. */
  close(): Promise<void>;
}

/** The embedded Neo4j's options from the configuration (`npm run neo4j` adds its port). */
export function embeddedNeo4jOptions(config: Config): Pick<EmbeddedNeo4jOptions, 'dataDir' | 'heapMb' | 'pageCacheMb' | 'txTimeoutMs'> {
  return { dataDir: config.neo4jDataDir, heapMb: config.neo4jHeapMb, pageCacheMb: config.neo4jPageCacheMb, txTimeoutMs: config.neo4jTxTimeoutMs };
}

/** Connects to the configured Neo4j (starting the embedded one when NEO4J_URI is not set) and applies the schema. */
export async function openDatabase(config: Config, options: OpenDatabaseOptions = {}): Promise<OpenDatabase> {
  const neo4j =
    config.neo4jUri === undefined ? await startEmbeddedNeo4j({ ...embeddedNeo4jOptions(config), ...(options.log ? { log: options.log } : {}) }) : undefined;
  const db = createDatabase({
    uri: neo4j?.uri ?? (config.neo4jUri as string),
    user: config.neo4jUser,
    password: config.neo4jPassword,
    database: config.neo4jDatabase,
    txTimeoutMs: config.neo4jTxTimeoutMs,
    stallTimeoutMs: config.neo4jStallTimeoutMs,
    analytics: config.analytics,
  });
  const close = async () => {
    try {
      await db.close();
    } finally {
      await neo4j?.stop();
    }
  };
  try {
    const schemaStatements = await applySchema(db);
    return { db, neo4j, schemaStatements, close };
  } catch (error) {
    await close();
    throw error;
  }
}
