/**
 * The frame of every command-line tool (seed, import, export): read the configuration, connect to the
 * configured Neo4j or start the embedded one, apply the schema, roll back imports a killed importer left
 * unfinished (recoverImports), run the tool's work, and always close the
 * driver and stop the JVM. The work's return value is the exit code.
 * Exit codes: 2 bad configuration, 1 the work failed (message printed), else what the work returned.
 */
import { ConfigError, loadConfig } from '../config.ts';
import { applySchema } from './apply-schema.ts';
import { recoverImports } from '../records/staged-import.ts';
import { createDatabase, type Database } from './database.ts';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from './embedded-neo4j.ts';

/** Runs `work` against the configured database and exits the process with its exit code. */
export async function runWithDatabase(work: (db: Database) => Promise<number>, options: { quiet?: boolean } = {}): Promise<never> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(2);
  }
  let neo4j: EmbeddedNeo4j | undefined;
  let exitCode: number;
  try {
    const uri =
      config.neo4jUri ??
      (neo4j = await startEmbeddedNeo4j({
        dataDir: config.neo4jDataDir,
        heapMb: config.neo4jHeapMb,
        pageCacheMb: config.neo4jPageCacheMb,
        txTimeoutMs: config.neo4jTxTimeoutMs,
        ...(options.quiet ? { log: () => undefined } : {}),
      })).uri;
    const db = createDatabase({ uri, user: config.neo4jUser, password: config.neo4jPassword, database: config.neo4jDatabase, txTimeoutMs: config.neo4jTxTimeoutMs });
    try {
      await applySchema(db);
      const recovered = await recoverImports(db);
      if (recovered.rolledBack > 0) console.error(`Rolled back ${recovered.rolledBack} import(s) that a killed importer left unfinished.`);
      exitCode = await work(db);
    } finally {
      await db.close();
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    exitCode = 1;
  } finally {
    await neo4j?.stop();
  }
  process.exit(exitCode);
}
