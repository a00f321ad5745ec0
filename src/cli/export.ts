/**
 * `npm run export > graph.jsonl`: the whole graph as JSON Lines in the seed's record format (entities,
 * then relationships), from the configured Neo4j. Needs NEO4J_URI, or the app's embedded data dir free.
 */
import { runWithDatabase } from './run-with-database.ts';
import { exportGraph } from '../records/export-graph.ts';

await runWithDatabase(
  async (db) => {
    const { entities, relationships } = await exportGraph(db);
    for (const record of [...entities, ...relationships]) process.stdout.write(`${JSON.stringify(record)}\n`);
    return 0;
  },
  { quiet: true },
);
