/**
 * `npm run seed [-- --reset]`: validates the curated seed and loads it into the configured Neo4j (the
 * embedded one when NEO4J_URI is not set), then prints nodes and relationships per type.
 * Exit codes: 0 loaded, 1 invalid seed (every problem listed, nothing written), 2 bad usage or configuration.
 */
import { runWithDatabase } from './run-with-database.ts';
import { loadSeed, type SeedSummary } from '../records/load-seed.ts';

const reset = process.argv.includes('--reset');
const unknown = process.argv.slice(2).filter((arg) => arg !== '--reset');
if (unknown.length > 0) {
  console.error(`Unknown argument ${JSON.stringify(unknown[0])}; usage: npm run seed [-- --reset]`);
  process.exit(2);
}

await runWithDatabase(async (db) => {
  console.log(formatSummary(await loadSeed(db, { reset }), reset));
  return 0;
});

// Private: the table printed after a load.
function formatSummary(summary: SeedSummary, wasReset: boolean): string {
  const lines = [`Seed loaded${wasReset ? ' after reset' : ''}: ${summary.nodeCount} nodes, ${summary.relationshipCount} relationships in the database.`];
  for (const [title, counts] of [['Nodes', summary.nodesByType], ['Relationships', summary.relationshipsByType]] as const) {
    lines.push(`${title}:`);
    for (const [type, count] of Object.entries(counts)) lines.push(`  ${type.padEnd(20)} ${String(count).padStart(6)}`);
  }
  return lines.join('\n');
}
