/**
 * One HTTP contender in its own process, so that its memory is its own: `ours` is this server
 * (createServer from src/server.ts, its own database handle), `peer` is @neo4j/graphql over the same
 * Neo4j, served by graphql-yoga too, and `raw-http` is the hand-written statements behind a bare
 * node:http JSON endpoint (POST /query with `{ query: <query name>, variables: <parameters> }`, answering
 * `{ data: { rows } }`): the floor for any HTTP API, with no GraphQL. Both listen on 127.0.0.1 on a free port and print
 * `CONTENDER_READY <port>` on stdout. Besides /graphql they answer GET /bench/stats (statements run since
 * the last reset, memory) and POST /bench/reset. Run by run-bench.ts:
 *
 *   node --import tsx --expose-gc bench/contender-server.ts ours|peer|raw-http bolt://127.0.0.1:7687
 */
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Neo4jGraphQL } from '@neo4j/graphql';
import { createYoga } from 'graphql-yoga';
import neo4j, { type Driver } from 'neo4j-driver';
import { createDatabase, toPlain } from '../src/db/database.ts';
import { createLogger } from '../src/logger.ts';
import { createServer } from '../src/server.ts';
import { PEER_TYPE_DEFS } from './peer-type-defs.ts';
import { RAW_STATEMENTS, type QueryName } from './query-mix.ts';
import { watchStatements } from './watch-statements.ts';

/** What GET /bench/stats answers. */
export interface ContenderStats {
  statements: number;
  /**
   * Distinct Cypher texts among those statements. Neo4j compiles each text once (its query cache holds
   * 1,000 by default), so every other statement was a plan-cache hit: hits = statements - distinct texts.
   */
  distinctTexts: number;
  rssBytes: number;
  heapUsedBytes: number;
  /** Peak resident set size of the process so far. */
  maxRssBytes: number;
}

/** Client-side transaction timeout of both contenders: generous, so slow answers are timed, not cut. */
const TX_TIMEOUT_MS = 60_000;

const [kind, uri] = process.argv.slice(2);
if ((kind !== 'ours' && kind !== 'peer' && kind !== 'raw-http') || !uri) {
  console.error('Usage: contender-server.ts ours|peer|raw-http <bolt uri>');
  process.exit(2);
}

let statements = 0;
const texts = new Set<string>();
let close: () => Promise<void>;
let handle: (request: IncomingMessage, response: ServerResponse) => void;

if (kind === 'ours') {
  const db = createDatabase({ uri, txTimeoutMs: TX_TIMEOUT_MS });
  db.onStatement(({ text }) => {
    statements += 1;
    texts.add(text);
  });
  handle = createServer({ db, logger: createLogger('silent'), graphiql: false });
  close = () => db.close();
} else if (kind === 'raw-http') {
  const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', ''), { maxConnectionPoolSize: 64, userAgent: 'vcg-bench-raw-http/1' });
  handle = (request, response) => void answerRaw(driver, request, response);
  close = () => driver.close();
} else {
  const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', ''), { maxConnectionPoolSize: 64, userAgent: 'vcg-bench-peer/1' });
  const count = (text: unknown) => {
    statements += 1;
    texts.add(String(text));
  };
  const schema = await new Neo4jGraphQL({ typeDefs: PEER_TYPE_DEFS, driver: countStatements(driver, count) }).getSchema();
  handle = createYoga({ schema, graphiql: false, landingPage: false, logging: false });
  close = () => driver.close();
}

const server = createHttpServer((request, response) => {
  if (request.url === '/bench/stats') {
    const memory = process.memoryUsage();
    const stats: ContenderStats = {
      statements,
      distinctTexts: texts.size,
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
    };
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(stats));
  } else if (request.url === '/bench/reset' && request.method === 'POST') {
    statements = 0;
    texts.clear();
    (globalThis as { gc?: () => void }).gc?.();
    response.writeHead(204).end();
  } else {
    handle(request, response);
  }
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => console.log(`CONTENDER_READY ${(server.address() as AddressInfo).port}`));

const stop = () => {
  server.closeAllConnections();
  server.close(() => void close().finally(() => process.exit(0)));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
// The parent holds our stdin: when it goes away, so do we.
process.stdin.on('end', stop).resume();

// Private: the raw-http endpoint: reads the JSON body, runs the query's hand-written statement in one
// auto-commit read transaction, answers its rows as JSON (toPlain, as raw-runner.ts does).
async function answerRaw(driver: Driver, request: IncomingMessage, response: ServerResponse): Promise<void> {
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const { query, variables } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { query: QueryName; variables: Record<string, unknown> };
    const statement = RAW_STATEMENTS[query];
    if (request.url !== '/query' || !statement) {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"errors":[{"message":"unknown query"}]}');
      return;
    }
    const session = driver.session({ defaultAccessMode: neo4j.session.READ });
    try {
      statements += 1;
      texts.add(statement);
      // One auto-commit transaction (RUN and PULL in one round trip), as this server's reads run.
      const result = await session.run(statement, variables, { timeout: TX_TIMEOUT_MS });
      const body = JSON.stringify({ data: { rows: result.records.map((record) => toPlain(record.toObject())) } });
      response.writeHead(200, { 'content-type': 'application/json' }).end(body);
    } finally {
      await session.close();
    }
  } catch (error) {
    response.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: (error as Error).message }] }));
  }
}

// Private: a driver that counts every statement its sessions run.
function countStatements(driver: Driver, count: (text: unknown) => void): Driver {
  return watchStatements(driver, (text) => count(text));
}
