/**
 * Starts one real Neo4j for the whole run (or uses NEO4J_URI when set), applies the schema and loads the
 * curated seed once. Tests get the Bolt URI with `inject('neo4jUri')`. Never a mock.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { applySchema } from '../src/db/apply-schema.ts';
import { createDatabase } from '../src/db/database.ts';
import { STATEMENT_LOG_ENV } from '../src/db/statement-log.ts';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from '../src/db/embedded-neo4j.ts';
import { loadSeed } from '../src/records/load-seed.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4jUri: string;
    neo4jUser: string;
    neo4jPassword: string;
  }
}

export default async function setup(project: TestProject) {
  // A fresh statement log for this run, marked with this vitest process (the workers' parent), so the
  // after-int check reads this run's record, never an older one. The setup's own statements count too.
  const statementLog = project.config.env?.[STATEMENT_LOG_ENV];
  if (statementLog) {
    mkdirSync(dirname(statementLog), { recursive: true });
    writeFileSync(statementLog, `# run ${process.pid}\n`);
    process.env[STATEMENT_LOG_ENV] = statementLog;
  }
  let neo4j: EmbeddedNeo4j | undefined;
  let dataDir: string | undefined;
  let uri = process.env.NEO4J_URI;
  if (!uri) {
    dataDir = mkdtempSync(join(tmpdir(), 'vcg-test-neo4j-'));
    neo4j = await startEmbeddedNeo4j({ dataDir, heapMb: 1024, pageCacheMb: 128, txTimeoutMs: 30_000 });
    uri = neo4j.uri;
  }
  const user = process.env.NEO4J_USER ?? 'neo4j';
  const password = process.env.NEO4J_PASSWORD ?? '';
  // A generous stall bound: on a loaded machine the first load may pause Neo4j for seconds; tests keep their own bounds.
  const db = createDatabase({ uri, user, password, database: process.env.NEO4J_DATABASE, stallTimeoutMs: 10_000 });
  try {
    await applySchema(db);
    await loadSeed(db);
  } finally {
    await db.close();
  }
  project.provide('neo4jUri', uri);
  project.provide('neo4jUser', user);
  project.provide('neo4jPassword', password);

  return async () => {
    await neo4j?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
}
