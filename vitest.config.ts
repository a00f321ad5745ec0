import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // One graphql module for the app and its libraries, as under Node: without this, Vite would hand the
    // app graphql's ESM build while Yoga loads the CommonJS one, and `instanceof GraphQLError` would lie.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts', 'seed/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    // Browser tests poll the page for what a request draws; on a loaded 2-core machine that can take seconds.
    expect: { poll: { timeout: 15_000 } },
    hookTimeout: 240_000,
    pool: 'forks',
    maxWorkers: 2,
    // One Neo4j serves the whole run; some suites reload or stop it, so files run one after another.
    fileParallelism: false,
    reporters: ['default'],
  },
});
