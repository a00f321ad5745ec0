/**
 * The application: configuration -> database (embedded or external) -> schema -> seed when empty ->
 * HTTP server. `startApp()` returns a handle whose `stop()` shuts everything down in reverse order.
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from './config.ts';
import { applySchema } from './db/apply-schema.ts';
import { createDatabase, type Database } from './db/database.ts';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from './db/embedded-neo4j.ts';
import type { Logger } from './logger.ts';
import { createServer } from './server.ts';
import { seedIfEmpty } from '../seed/load-seed.ts';

/** A running application. */
export interface App {
  readonly url: string;
  readonly db: Database;
  readonly neo4j: EmbeddedNeo4j | undefined;
  /** Stops accepting, finishes in-flight requests, closes the driver, stops the embedded JVM. */
  stop(): Promise<void>;
}

/** Starts everything `config` describes; resolves once /graphql is listening. */
export async function startApp(config: Config, logger: Logger): Promise<App> {
  let neo4j: EmbeddedNeo4j | undefined;
  let uri = config.neo4jUri;
  if (uri === undefined) {
    neo4j = await startEmbeddedNeo4j({
      dataDir: config.neo4jDataDir,
      heapMb: config.neo4jHeapMb,
      pageCacheMb: config.neo4jPageCacheMb,
      txTimeoutMs: config.neo4jTxTimeoutMs,
      log: (message) => logger.info(message),
    });
    uri = neo4j.uri;
  } else {
    logger.info({ uri }, 'Using the Neo4j at NEO4J_URI; no embedded Neo4j is started.');
  }

  const db = createDatabase({
    uri,
    user: config.neo4jUser,
    password: config.neo4jPassword,
    database: config.neo4jDatabase,
    txTimeoutMs: config.neo4jTxTimeoutMs,
  });
  let server: Server | undefined;
  try {
    const statements = await applySchema(db);
    logger.info({ statements }, 'Schema applied (constraints and indexes).');
    if (config.seedOnEmpty) {
      const summary = await seedIfEmpty(db);
      if (summary) logger.info({ nodes: summary.nodeCount, relationships: summary.relationshipCount }, 'Loaded the curated seed into an empty database.');
    }
    const yoga = createServer({
      db,
      logger,
      auth: config.auth,
      graphiql: config.graphiql,
      introspection: config.introspection,
      limits: { maxCost: config.maxQueryCost },
      observability: { slowStatementMs: config.slowStatementMs },
      trustedDocuments: { dir: config.persistedDocumentsDir, persistedOnly: config.persistedOnly },
    });
    server = createHttpServer(yoga);
    await new Promise<void>((resolve, reject) => {
      server!.once('error', reject);
      server!.listen(config.port, config.host, resolve);
    });
  } catch (error) {
    await db.close().catch(() => undefined);
    await neo4j?.stop();
    throw error;
  }
  const address = server.address() as AddressInfo;
  const url = `http://${config.host}:${address.port}`;
  logger.info({ url: `${url}/graphql` }, 'Value Chain Graph is serving GraphQL.');

  let stopping: Promise<void> | undefined;
  return {
    url,
    db,
    neo4j,
    stop() {
      stopping ??= (async () => {
        await new Promise<void>((resolve) => {
          server!.close(() => resolve());
          server!.closeIdleConnections();
        });
        await db.close();
        await neo4j?.stop();
      })();
      return stopping;
    },
  };
}
