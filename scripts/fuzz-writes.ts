/**
 * `npm run fuzz-writes -- [RUNS] [SEED]`: the long run of the write-path fuzzer (scripts/fuzz-writes-cases.ts),
 * default 10,000 generated mutations and imports. Starts its own embedded Neo4j in a temporary directory
 * (or uses NEO4J_URI), loads the curated seed, serves the API in-process on a free loopback port with an
 * editor API key, sends every case over HTTP, and prints what held, per operation. Exit code 1 when any
 * case failed (the first ones are printed with their variables to replay them).
 */
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { applySchema } from '../src/db/apply-schema.ts';
import { createDatabase } from '../src/db/database.ts';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from '../src/db/embedded-neo4j.ts';
import { createLogger } from '../src/logger.ts';
import { removeEntities } from '../src/records/write-records.ts';
import { createServer } from '../src/server.ts';
import { loadSeed } from '../src/records/load-seed.ts';
import { checkCase, FUZZ_IDS, mutationCase } from './fuzz-writes-cases.ts';

const runs = Number(process.argv[2] ?? 10_000);
const seed = Number(process.argv[3] ?? 20_261_201);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed)) {
  console.error('usage: npm run fuzz-writes -- [RUNS] [SEED]');
  process.exit(2);
}
const EDITOR_KEY = 'fuzz-editor-key-0123456789abcdefghij';
let neo4j: EmbeddedNeo4j | undefined;
let dataDir: string | undefined;
let uri = process.env.NEO4J_URI;
if (!uri) {
  dataDir = mkdtempSync(join(tmpdir(), 'vcg-fuzz-writes-'));
  neo4j = await startEmbeddedNeo4j({ dataDir, heapMb: 1024, pageCacheMb: 128, log: () => undefined });
  uri = neo4j.uri;
}
const db = createDatabase({ uri, user: process.env.NEO4J_USER ?? 'neo4j', password: process.env.NEO4J_PASSWORD ?? '' });
const http = createHttpServer(createServer({ db, logger: createLogger('silent'), auth: { apiKeys: [{ name: 'fuzzer', role: 'editor', key: EDITOR_KEY }] } }));
let exitCode = 0;
try {
  await applySchema(db);
  await loadSeed(db);
  await removeEntities(db, FUZZ_IDS);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const tally = new Map<string, { runs: number; failed: number }>();
  const failures: string[] = [];
  const started = performance.now();
  const samples = fc.sample(mutationCase, { seed, numRuns: runs });
  for (const [index, testCase] of samples.entries()) {
    const failure = await checkCase(db, url, { authorization: `Bearer ${EDITOR_KEY}` }, testCase);
    const entry = tally.get(testCase.operation) ?? { runs: 0, failed: 0 };
    entry.runs += 1;
    if (failure) {
      entry.failed += 1;
      if (failures.length < 10)
        failures.push(`#${index} ${testCase.operation}: ${failure}\n    variables: ${JSON.stringify(testCase.variables).slice(0, 500)}`);
    }
    tally.set(testCase.operation, entry);
    if ((index + 1) % 1000 === 0) console.error(`${index + 1} of ${runs} cases in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  const healthy = (await fetch(`${url}/healthz`)).status === 200;
  const failed = [...tally.values()].reduce((sum, entry) => sum + entry.failed, 0);
  console.log(
    `fuzz-writes: ${runs} cases, seed ${seed}, ${((performance.now() - started) / 1000).toFixed(0)} s; ${failed} failed; /healthz ${healthy ? 'ok' : 'DOWN'}`,
  );
  for (const [operation, entry] of [...tally].sort()) console.log(`  ${operation.padEnd(14)} ${String(entry.runs).padStart(6)} cases, ${entry.failed} failed`);
  for (const failure of failures) console.log(`  ${failure}`);
  exitCode = failed > 0 || !healthy ? 1 : 0;
  await removeEntities(db, FUZZ_IDS);
} finally {
  http.closeAllConnections();
  await new Promise<void>((resolve) => http.close(() => resolve()));
  await db.close();
  await neo4j?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
process.exit(exitCode);
