/**
 * The application: configuration -> database (embedded or external) -> schema -> seed when empty ->
 * HTTP server. `startApp()` returns a handle whose `stop()` shuts everything down in reverse order.
 */
import { createServer as createPlainHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import type { EmbeddedNeo4j } from './db/embedded-neo4j.ts';
import { openDatabase } from './db/open-database.ts';
import type { Logger } from './logger.ts';
import { createHttpServer } from './create-http-server.ts';
import { createServer } from './server.ts';
import { Registry } from 'prom-client';
import { createChangeFeed, type ChangeFeed } from './live/change-feed.ts';
import { bearerMatches, sha256 } from './plugins/use-observability.ts';
import { seedIfEmpty } from './records/load-seed.ts';
import { buildDataReport, formatDataReportLine } from './records/data-report.ts';
import { recoverImports, STALE_IMPORT_MS } from './records/staged-import.ts';

// Private: recoverImports, logged; a failure (Neo4j down) is logged and retried at the next sweep.
async function recoverUnfinishedImports(db: Database, logger: Logger): Promise<void> {
  try {
    const { rolledBack, cleanedUp } = await recoverImports(db);
    if (rolledBack + cleanedUp > 0) logger.warn({ rolledBack, cleanedUp }, 'Recovered staged imports a killed importer left unfinished.');
  } catch (error) {
    logger.warn({ err: error }, 'Could not check for unfinished staged imports; will try again.');
  }
}

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
  if (config.neo4jUri !== undefined) logger.info({ uri: config.neo4jUri }, 'Using the Neo4j at NEO4J_URI; no embedded Neo4j is started.');
  const { db, neo4j, schemaStatements, close } = await openDatabase(config, { log: (message) => logger.info(message) });
  let server: Server | undefined;
  let metricsServer: Server | undefined;
  let changes: ChangeFeed | undefined;
  try {
    logger.info({ statements: schemaStatements }, 'Schema applied (constraints and indexes).');
    await recoverUnfinishedImports(db, logger);
    if (config.seedOnEmpty) {
      const summary = await seedIfEmpty(db);
      if (summary) {
        logger.info({ nodes: summary.nodeCount, relationships: summary.relationshipCount }, 'Loaded the curated seed into an empty database.');
        logger.info(formatDataReportLine(await buildDataReport(db)));
      }
    }
    const registry = new Registry();
    changes = createChangeFeed({ redisUrl: config.live.redisUrl, logger });
    const yoga = createServer({
      changes,
      responseCacheTtlMs: config.live.responseCacheTtlMs,
      subscriptionLimits: { total: config.live.maxSubscriptions, perClient: config.live.maxSubscriptionsPerClient },
      db,
      logger,
      auth: config.auth,
      graphiql: config.graphiql,
      introspection: config.introspection,
      limits: { maxCost: config.maxQueryCost },
      observability: {
        slowStatementMs: config.slowStatementMs,
        registry,
        metricsPath: config.metrics.port ? false : '/metrics',
        metricsToken: config.metrics.token,
        trustedOperations: config.metrics.operations,
      },
      rateLimit: config.rateLimit,
      trustedDocuments: { dir: config.persistedDocumentsDir, persistedOnly: config.persistedOnly },
    });
    server = createHttpServer(yoga, config.http);
    await new Promise<void>((resolve, reject) => {
      server!.once('error', reject);
      server!.listen(config.port, config.host, resolve);
    });
    if (config.metrics.port) {
      metricsServer = createMetricsServer(registry, config.metrics.token);
      await new Promise<void>((resolve, reject) => {
        metricsServer!.once('error', reject);
        metricsServer!.listen(config.metrics.port, config.host, resolve);
      });
      logger.info({ url: `http://${config.host}:${config.metrics.port}/metrics` }, 'Serving Prometheus metrics on their own port.');
    }
  } catch (error) {
    server?.close();
    metricsServer?.close();
    await changes?.close();
    await close().catch(() => undefined);
    throw error;
  }
  const address = server.address() as AddressInfo;
  const url = `http://${config.host}:${address.port}`;
  logger.info({ url: `${url}/graphql` }, 'Value Chain Graph is serving GraphQL.');

  // A staged import killed while this server runs is rolled back by the next sweep (its heartbeat stops).
  const sweep = setInterval(() => void recoverUnfinishedImports(db, logger), STALE_IMPORT_MS);
  sweep.unref();
  let stopping: Promise<void> | undefined;
  return {
    url,
    db,
    neo4j,
    stop() {
      stopping ??= (async () => {
        clearInterval(sweep);
        await new Promise<void>((resolve) => {
          server!.close(() => resolve());
          server!.closeIdleConnections();
        });
        metricsServer?.close();
        await changes!.close();
        await close();
      })();
      return stopping;
    },
  };
}

// Private: GET /metrics on a port of its own (METRICS_PORT), behind METRICS_TOKEN when that is set.
function createMetricsServer(registry: Registry, token: string | undefined): Server {
  return createPlainHttpServer({ headersTimeout: 5000, requestTimeout: 10_000 }, (request, response) => {
    if (request.url !== '/metrics') {
      response.writeHead(404).end();
    } else if (!bearerMatches(token === undefined ? undefined : sha256(token), request.headers.authorization)) {
      response.writeHead(401, { 'www-authenticate': 'Bearer' }).end();
    } else {
      void registry.metrics().then((text) => response.writeHead(200, { 'content-type': registry.contentType }).end(text));
    }
  });
}
