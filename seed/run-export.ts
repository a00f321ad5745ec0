/**
 * `npm run export > graph.jsonl`: the whole graph as JSON Lines in the seed's record format (entities,
 * then relationships), from the configured Neo4j. Needs NEO4J_URI, or the app's embedded data dir free.
 */
import { ConfigError, loadConfig } from '../src/config.ts';
import { createDatabase } from '../src/db/database.ts';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from '../src/db/embedded-neo4j.ts';
import { exportGraph } from './export-graph.ts';

let config;
try {
  config = loadConfig();
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(2);
}
let neo4j: EmbeddedNeo4j | undefined;
let exitCode = 0;
try {
  const uri = config.neo4jUri ?? (neo4j = await startEmbeddedNeo4j({ dataDir: config.neo4jDataDir, log: () => undefined })).uri;
  const db = createDatabase({ uri, user: config.neo4jUser, password: config.neo4jPassword, database: config.neo4jDatabase });
  try {
    const { entities, relationships } = await exportGraph(db);
    for (const record of [...entities, ...relationships]) process.stdout.write(`${JSON.stringify(record)}\n`);
  } finally {
    await db.close();
  }
} catch (error) {
  console.error((error as Error).message);
  exitCode = 1;
} finally {
  await neo4j?.stop();
}
process.exit(exitCode);
