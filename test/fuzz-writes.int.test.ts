/**
 * The fixed-seed slice of the write-path fuzzer (scripts/fuzz-writes-cases.ts; the long run is
 * `npm run fuzz-writes`): every mutation and importRecords over HTTP with an editor token and hostile
 * variables; never INTERNAL_SERVER_ERROR, never a change from refused input. Writes only "fuzzw" ids.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCase, FUZZ_IDS, mutationCase } from '../scripts/fuzz-writes-cases.ts';
import { removeEntities } from '../src/records/write-records.ts';
import { startTestServer, type TestServer } from './helpers.ts';

/** Fixed so a failure reproduces; change it to explore. */
const SEED = 20_261_201;
const RUNS = 200;
const EDITOR_KEY = 'fuzz-editor-key-0123456789abcdefghij';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ auth: { apiKeys: [{ name: 'fuzzer', role: 'editor', key: EDITOR_KEY }] } });
  await removeEntities(server.db, FUZZ_IDS);
});
afterAll(async () => {
  await removeEntities(server.db, FUZZ_IDS);
  await server.close();
});

describe('fuzzed writes', () => {
  it(`${RUNS} generated mutations and imports: clean codes only, refused input changes nothing`, async () => {
    await fc.assert(
      fc.asyncProperty(mutationCase, async (testCase) => {
        expect(await checkCase(server.db, server.url, { authorization: `Bearer ${EDITOR_KEY}` }, testCase)).toBeUndefined();
      }),
      { seed: SEED, numRuns: RUNS },
    );
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  }, 240_000);
});
