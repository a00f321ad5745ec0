/**
 * `npm run neo4j`: the embedded Neo4j alone in the foreground, for tools and for debugging.
 * Port from NEO4J_BOLT_PORT (default 7687), data under NEO4J_DATA_DIR (default .data/neo4j), memory from
 * NEO4J_HEAP_MB and NEO4J_PAGECACHE_MB, transaction timeout from NEO4J_TX_TIMEOUT_MS (validated by
 * loadConfig, like the server's).
 */
import { ConfigError, loadConfig } from '../config.ts';
import { startEmbeddedNeo4j } from '../db/embedded-neo4j.ts';
import { embeddedNeo4jOptions } from '../db/open-database.ts';

const port = Number(process.env.NEO4J_BOLT_PORT ?? 7687);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`NEO4J_BOLT_PORT must be a port between 1 and 65535, but got "${process.env.NEO4J_BOLT_PORT}".`);
  process.exit(1);
}
try {
  const config = loadConfig();
  const neo4j = await startEmbeddedNeo4j({ port, ...embeddedNeo4jOptions(config) });
  console.error(`Neo4j is running at ${neo4j.uri} (heap ${config.neo4jHeapMb} MB, page cache ${config.neo4jPageCacheMb} MB). Stop it with Ctrl-C.`);
  const stop = () => void neo4j.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : (error as Error).message);
  process.exit(1);
}
