import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

/** Tests of pure code: no Neo4j, no Java, run in parallel (`npm run test:unit`). */
const UNIT_TESTS = ['test/**/*.test.ts', 'src/**/*.test.ts'];
/** Tests against the real Neo4j started once by test/global-setup.ts, through HTTP or a browser. */
const INT_TESTS = ['test/**/*.int.test.ts', 'test/**/*.e2e.test.ts'];
/** Checks of what the int files did, run after all of them: which cypher/ statements never ran. */
const AFTER_INT_TESTS = ['test/cypher-files.test.ts'];
/** Where the int run records the statements that ran (src/db/statement-log.ts) and the int files that ran. */
const STATEMENT_LOG = resolve('test-results/statements-ran.log');

export default defineConfig({
  resolve: {
    // One graphql module for the app and its libraries, as under Node: without this, Vite would hand the
    // app graphql's ESM build while Yoga loads the CommonJS one, and `instanceof GraphQLError` would lie.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    testTimeout: 60_000,
    // Browser tests poll the page for what a request draws; on a loaded 2-core machine that can take seconds.
    expect: { poll: { timeout: 15_000 } },
    hookTimeout: 240_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: UNIT_TESTS, exclude: [...INT_TESTS, ...AFTER_INT_TESTS] },
      },
      {
        extends: true,
        test: {
          name: 'int',
          include: INT_TESTS,
          globalSetup: ['test/global-setup.ts'],
          setupFiles: ['test/record-int-file.ts'],
          env: { VCG_STATEMENT_LOG: STATEMENT_LOG },
          // One Neo4j serves the whole run; some suites reload or stop it, so files run one after another.
          fileParallelism: false,
          // After the unit files. An explicit order, because vitest runs a sequential project with the
          // default order 0 after every numbered group, which would put it after after-int.
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        // groupOrder 2: starts only when every unit and int file has finished.
        test: { name: 'after-int', include: AFTER_INT_TESTS, sequence: { groupOrder: 2 }, env: { VCG_STATEMENT_LOG: STATEMENT_LOG } },
      },
    ],
  },
});
