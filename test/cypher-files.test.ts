/**
 * Every file in cypher/ must actually run: a statement nothing runs drifts from the ones that do. The int
 * suite records each statement the database handle ran (src/db/statement-log.ts, from the test workers,
 * the global setup and the app processes the tests spawn) and each int file that ran; this file runs after
 * all of them (project after-int, `sequence.groupOrder` 1) and fails on a statement that never ran.
 *
 * It judges only a whole int run of this same vitest process: run it with `npm test` or `npm run test:int`.
 * Run alone, or after a subset of the int files, it fails and says so instead of judging half a run.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cypherNames } from '../src/db/cypher-registry.ts';
import { STATEMENT_LOG_ENV } from '../src/db/statement-log.ts';

/** The int files of the suite, as the int project includes them. */
function intFiles(): string[] {
  return readdirSync('test')
    .filter((name) => name.endsWith('.int.test.ts') || name.endsWith('.e2e.test.ts'))
    .map((name) => `test/${name}`)
    .sort();
}

/** This run's record: the vitest process that wrote it, the int files and the statements that ran. */
function readStatementLog(): { runBy: number | undefined; files: Set<string>; statements: Set<string> } {
  const path = process.env[STATEMENT_LOG_ENV];
  if (!path) throw new Error(`${STATEMENT_LOG_ENV} is not set: run this file through vitest.config.ts (project after-int).`);
  let lines: string[];
  try {
    lines = readFileSync(path, 'utf8').split('\n').filter(Boolean);
  } catch {
    lines = [];
  }
  const runBy = /^# run (\d+)$/.exec(lines[0] ?? '')?.[1];
  return {
    runBy: runBy === undefined ? undefined : Number(runBy),
    files: new Set(lines.filter((line) => line.startsWith('# file ')).map((line) => line.slice('# file '.length))),
    statements: new Set(lines.filter((line) => !line.startsWith('#'))),
  };
}

describe('cypher/', () => {
  const log = readStatementLog();

  it('was run together with the whole int suite', () => {
    expect(log.runBy, 'No int run in this vitest run recorded statements: run `npm run test:int` or `npm test`.').toBe(process.ppid);
    expect(
      intFiles().filter((file) => !log.files.has(file)),
      'int files that did not run in this run',
    ).toEqual([]);
  });

  it('has no statement that never ran during the int suite', () => {
    const neverRan = cypherNames().filter((name) => !log.statements.has(name));
    expect(neverRan, 'cypher/ files that no test ran: test them, or delete them if no code runs them').toEqual([]);
  });

  it('records only statements that exist in cypher/', () => {
    const known = new Set(cypherNames());
    expect([...log.statements].filter((name) => !known.has(name))).toEqual([]);
  });
});
