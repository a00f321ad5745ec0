/**
 * The record of which named statements actually ran, for test/cypher-files.test.ts: when the environment
 * variable STATEMENT_LOG_ENV names a file (the int test setup sets it), the database handle appends the
 * name of each cypher/ statement the first time this process runs it successfully. Appends are single
 * short lines to a file opened for appending, so the test workers and the app processes the tests spawn
 * can share one file. Off (and free) when the variable is not set.
 */
import { appendFileSync } from 'node:fs';

/** The environment variable that names the log file. */
export const STATEMENT_LOG_ENV = 'VCG_STATEMENT_LOG';

const recorded = new Set<string>();

/** Notes that the named statement ran in this process, once per name. */
export function recordStatementRan(name: string): void {
  const file = process.env[STATEMENT_LOG_ENV];
  if (!file || recorded.has(name)) return;
  recorded.add(name);
  appendFileSync(file, `${name}\n`);
}
