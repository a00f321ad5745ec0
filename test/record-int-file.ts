/**
 * Setup of every int file: appends `# file <path>` to the statement log, so the after-int check in
 * test/cypher-files.test.ts knows whether the whole int suite ran in this run.
 */
import { appendFileSync } from 'node:fs';
import { relative } from 'node:path';
import { beforeAll, expect } from 'vitest';
import { STATEMENT_LOG_ENV } from '../src/db/statement-log.ts';

beforeAll(() => {
  const log = process.env[STATEMENT_LOG_ENV];
  const testPath = expect.getState().testPath;
  if (log && testPath) appendFileSync(log, `# file ${relative(process.cwd(), testPath)}\n`);
});
