import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

/** Tests of pure code: no Neo4j, no Java, run in parallel (`npm run test:unit`). */
const UNIT_TESTS = ['test/**/*.test.ts', 'src/**/*.test.ts'];
/** Tests against the real Neo4j started once by test/global-setup.ts, through HTTP or a browser. */
const INT_TESTS = ['test/**/*.int.test.ts', 'test/**/*.e2e.test.ts'];

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
        test: { name: 'unit', include: UNIT_TESTS, exclude: INT_TESTS },
      },
      {
        extends: true,
        test: {
          name: 'int',
          include: INT_TESTS,
          globalSetup: ['test/global-setup.ts'],
          // One Neo4j serves the whole run; some suites reload or stop it, so files run one after another.
          fileParallelism: false,
        },
      },
    ],
  },
});
