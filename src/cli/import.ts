/**
 * `npm run import -- [--dry-run] [--batch-size=N] FILE...`: imports entities and relationships from JSON
 * Lines (.jsonl), JSON (.json) or CSV (.csv) files into the configured Neo4j (the embedded one when
 * NEO4J_URI is not set), all files as one unit: every record validates and everything is written, or
 * nothing. Up to 20,000 records (or N) go in one transaction; more are staged in batches of 5,000 (or N)
 * with a journal, progress on stderr, and rolled back on any failure or, after a kill, at the next start.
 * --dry-run reports what would be created or changed. Problems are printed as file:line:column.
 * Exit codes: 0 imported (or dry run clean), 1 problems (nothing written), 2 bad usage or configuration.
 */
import { readFileSync } from 'node:fs';
import { loadConfig } from '../config.ts';
import { runWithDatabase } from './run-with-database.ts';
import { createChangeFeed } from '../live/change-feed.ts';
import { formatProblem } from '../model/validate-records.ts';
import { importRecords, type ImportInput } from '../records/import-records.ts';
import { formatOfFile } from '../records/read-records.ts';

const args = process.argv.slice(2);
const dryRun = args.includes('--dry-run');
const batchArg = args.find((arg) => arg.startsWith('--batch-size='));
const batchSize = batchArg ? Number(batchArg.slice('--batch-size='.length)) : undefined;
const files = args.filter((arg) => arg !== '--dry-run' && arg !== batchArg);
const usage = 'usage: npm run import -- [--dry-run] [--batch-size=N] FILE.jsonl|FILE.json|FILE.csv ...';
if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000)) {
  console.error(`--batch-size must be a whole number from 1 to 100000, but got "${batchArg}".`);
  process.exit(2);
}
if (files.length === 0 || files.some((file) => file.startsWith('--'))) {
  console.error(files.length === 0 ? `No file given; ${usage}` : `Unknown option ${files.find((file) => file.startsWith('--'))}; ${usage}`);
  process.exit(2);
}
const inputs: ImportInput[] = [];
for (const file of files) {
  const format = formatOfFile(file);
  if (!format) {
    console.error(`Cannot tell the format of "${file}": name it .jsonl, .json or .csv.`);
    process.exit(2);
  }
  try {
    inputs.push({ file, format, text: readFileSync(file, 'utf8') });
  } catch (error) {
    console.error(`Cannot read "${file}": ${(error as Error).message}`);
    process.exit(2);
  }
}

await runWithDatabase(
  async (db) => {
    const started = performance.now();
    // With REDIS_URL, running servers hear of the import (events, cache invalidation) like of their own writes.
    const { redisUrl } = loadConfig().live;
    const changes = redisUrl && !dryRun ? await connectedFeed(redisUrl) : undefined;
    let outcome;
    try {
      outcome = await importRecords(db, inputs, {
        dryRun,
        stamp: { by: `import:${process.env.USER ?? 'cli'}`, changes },
        ...(batchSize ? { batchSize, singleTransactionMax: batchSize } : {}),
        onProgress: (written, total) =>
          console.error(
            `Wrote ${written} of ${total} records (${Math.floor((100 * written) / total)}%) in ${((performance.now() - started) / 1000).toFixed(1)} s; staged until all are written.`,
          ),
      });
    } finally {
      await changes?.close();
    }
    if (outcome.problems.length > 0) {
      console.error(`Found ${outcome.problems.length} problem(s); nothing was written:`);
      for (const problem of outcome.problems) console.error(`  ${formatProblem(problem)}`);
      return 1;
    }
    console.log(`${dryRun ? 'Dry run, nothing written. Would' : `Imported in ${((performance.now() - started) / 1000).toFixed(1)} s. Did`}:`);
    for (const field of ['created', 'updated', 'unchanged'] as const) {
      const counts = Object.entries(outcome[field]);
      console.log(`  ${field.padEnd(9)} ${counts.length ? counts.map(([type, count]) => `${type} ${count}`).join(', ') : '-'}`);
    }
    return 0;
  },
  { quiet: true },
);

// Private: a change feed over Redis once its connection is up (at most 5 s, else without; the import
// still runs, and says that servers will not hear of it).
async function connectedFeed(redisUrl: string) {
  const feed = createChangeFeed({ redisUrl });
  for (let waited = 0; waited < 5000 && !feed.available(); waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
  if (!feed.available()) console.error(`Redis at REDIS_URL is unreachable; running servers will not hear of this import until their cache entries expire.`);
  return feed;
}
