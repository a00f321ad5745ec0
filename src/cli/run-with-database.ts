/**
 * The frame of every command-line tool (seed, import, export): read the configuration, connect to the
 * configured Neo4j or start the embedded one, apply the schema, roll back imports a killed importer left
 * unfinished (recoverImports), run the tool's work, and always close the
 * driver and stop the JVM. The work's return value is the exit code.
 * Exit codes: 2 bad configuration, 1 the work failed (message printed), else what the work returned.
 */
import { ConfigError, loadConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import { openDatabase } from '../db/open-database.ts';
import { recoverImports } from '../records/staged-import.ts';

/** Runs `work` against the configured database and exits the process with its exit code. */
export async function runWithDatabase(work: (db: Database) => Promise<number>, options: { quiet?: boolean } = {}): Promise<never> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(2);
  }
  let exitCode: number;
  try {
    const { db, close } = await openDatabase(config, options.quiet ? { log: () => undefined } : {});
    try {
      const recovered = await recoverImports(db);
      if (recovered.rolledBack > 0) console.error(`Rolled back ${recovered.rolledBack} import(s) that a killed importer left unfinished.`);
      exitCode = await work(db);
    } finally {
      await close();
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    exitCode = 1;
  }
  process.exit(exitCode);
}
