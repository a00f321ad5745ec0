/**
 * `npm run data-report`: prints the data report (src/records/data-report.ts) of the configured Neo4j (the
 * embedded one, in NEO4J_DATA_DIR, when NEO4J_URI is not set): entities and links by type, links without
 * any date, links with a single source, entities without a Russian or German name, entities with no link,
 * and the sources cited most and least. It reads only; an empty database gives a report of zeros.
 * Exit codes: 0 printed, 1 the database failed, 2 bad usage or configuration.
 */
import { runWithDatabase } from './run-with-database.ts';
import { buildDataReport, formatDataReport } from '../records/data-report.ts';

const unknown = process.argv.slice(2);
if (unknown.length > 0) {
  console.error(`Unknown argument ${JSON.stringify(unknown[0])}; usage: npm run data-report`);
  process.exit(2);
}

await runWithDatabase(
  async (db) => {
    console.log(formatDataReport(await buildDataReport(db)));
    return 0;
  },
  { quiet: true },
);
