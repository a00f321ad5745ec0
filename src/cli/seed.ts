/**
 * `npm run seed [-- --reset]`: validates the curated seed and loads it into the configured Neo4j (the
 * embedded one when NEO4J_URI is not set), then prints the data report as one summary line
 * (src/records/data-report.ts; `npm run data-report` prints it in full).
 * Exit codes: 0 loaded, 1 invalid seed (every problem listed, nothing written), 2 bad usage or configuration.
 */
import { runWithDatabase } from './run-with-database.ts';
import { buildDataReport, formatDataReportLine } from '../records/data-report.ts';
import { loadSeed } from '../records/load-seed.ts';

const reset = process.argv.includes('--reset');
const unknown = process.argv.slice(2).filter((arg) => arg !== '--reset');
if (unknown.length > 0) {
  console.error(`Unknown argument ${JSON.stringify(unknown[0])}; usage: npm run seed [-- --reset]`);
  process.exit(2);
}

await runWithDatabase(async (db) => {
  await loadSeed(db, { reset });
  console.log(formatDataReportLine(await buildDataReport(db), reset ? 'seed (after reset)' : 'seed'));
  return 0;
});
