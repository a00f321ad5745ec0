/**
 * `npm run seed [-- --reset]`: validates the curated seed and loads it into the configured Neo4j (the
 * embedded one when NEO4J_URI is not set), then prints nodes and relationships per type.
 * Exit codes: 0 loaded, 1 invalid seed (every problem listed, nothing written), 2 bad configuration.
 */
import { ConfigError, loadConfig } from '../src/config.ts';
import { applySchema } from '../src/db/apply-schema.ts';
import { createDatabase } from '../src/db/database.ts';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from '../src/db/embedded-neo4j.ts';
import { RecordValidationError } from '../src/records/write-records.ts';
import { loadSeed, type SeedSummary } from './load-seed.ts';

const reset = process.argv.includes('--reset');
const unknown = process.argv.slice(2).filter((arg) => arg !== '--reset');
if (unknown.length > 0) {
  console.error(`Unknown argument ${JSON.stringify(unknown[0])}; usage: npm run seed [-- --reset]`);
  process.exit(2);
}

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
  const uri = config.neo4jUri ?? (neo4j = await startEmbeddedNeo4j({ dataDir: config.neo4jDataDir, heapMb: config.neo4jHeapMb })).uri;
  const db = createDatabase({ uri, user: config.neo4jUser, password: config.neo4jPassword, database: config.neo4jDatabase });
  try {
    await applySchema(db);
    const summary = await loadSeed(db, { reset });
    console.log(formatSummary(summary, reset));
  } finally {
    await db.close();
  }
} catch (error) {
  console.error(error instanceof RecordValidationError ? error.message : error);
  exitCode = 1;
} finally {
  await neo4j?.stop();
}
process.exit(exitCode);

// Private: the table printed after a load.
function formatSummary(summary: SeedSummary, wasReset: boolean): string {
  const lines = [`Seed loaded${wasReset ? ' after reset' : ''}: ${summary.nodeCount} nodes, ${summary.relationshipCount} relationships in the database.`];
  for (const [title, counts] of [['Nodes', summary.nodesByType], ['Relationships', summary.relationshipsByType]] as const) {
    lines.push(`${title}:`);
    for (const [type, count] of Object.entries(counts)) lines.push(`  ${type.padEnd(20)} ${String(count).padStart(6)}`);
  }
  return lines.join('\n');
}
