/**
 * `node --import tsx bench/dashboard-mix.ts [-- --duration=20 --clients=32 --redis=redis://… --out=bench]`:
 * the dashboard mix of issue 15. `clients` clients poll a few entity-rooted dashboard queries as fast as
 * they are answered while one writer renames one entity every second and a graphql-sse subscriber listens;
 * run once with the response cache off and once on. Reports, per run: requests per second, p50/p99 latency,
 * cache hit rate, the largest age of any answer served after a write returned (an answer older than a write
 * acknowledged before the request was sent; must be 0), and the delay from a write's response to its event
 * at the subscriber (p50/p99; negative when the event arrives before the writer has its response, as the
 * feed publishes before the response is sent). Traffic goes to 127.0.0.1 only; every loop stops at the duration.
 *
 * Uses the Neo4j at NEO4J_URI, else starts the embedded one in a temporary directory with the curated
 * seed. Writes only `actor:bench-dashboard` and `source:bench-dashboard`, and removes them at the end.
 * A script, not a test: nothing asserts on its timings (the lead runs it at full scale alone).
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'graphql-sse';
import { applySchema } from '../src/db/apply-schema.ts';
import { createDatabase, type Database } from '../src/db/database.ts';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from '../src/db/embedded-neo4j.ts';
import { createChangeFeed } from '../src/live/change-feed.ts';
import { createLogger } from '../src/logger.ts';
import { removeEntities } from '../src/records/write-records.ts';
import { createServer } from '../src/server.ts';
import { loadSeed } from '../src/records/load-seed.ts';

const args = Object.fromEntries(process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=') as [string, string]));
const durationS = Number(args.duration ?? 20);
const clientCount = Number(args.clients ?? 32);
const redisUrl = args.redis;
const TARGET = 'actor:bench-dashboard';
const SOURCE = 'source:bench-dashboard';
const KEY = 'bench-dashboard-editor-key-0123456789';

/** The dashboard's queries; `fresh` ones show the target's name, from which an answer's age is read. */
const QUERIES: { name: string; query: string; fresh: boolean }[] = [
  {
    name: 'target-links',
    fresh: true,
    query: `{ entity(id: "${TARGET}") { id name ... on Actor { relationships(first: 20) { totalCount edges { type node { id name } } } } } }`,
  },
  { name: 'target-node', fresh: true, query: `{ node(id: "${TARGET}") { id ... on Actor { name side } } }` },
  {
    name: 'offices',
    fresh: false,
    query: '{ entity(id: "actor:maros-sefcovic") { id name ... on Actor { offices { edges { title validFrom node { id name } } } } } }',
  },
  {
    name: 'roadmap',
    fresh: false,
    query: '{ entity(id: "agreement:eu-kz-roadmap-2023-2024") { id name ... on Agreement { implements { nodes { id name } } } } }',
  },
];

interface RunResult {
  cache: boolean;
  requests: number;
  errors: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  hitRate: number | null;
  writes: number;
  maxStaleAgeMs: number;
  staleAnswers: number;
  eventDelayP50Ms: number | null;
  eventDelayP99Ms: number | null;
  eventsReceived: number;
}

const percentile = (values: number[], p: number) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
const round = (value: number) => Math.round(value * 100) / 100;

async function run(db: Database, cache: boolean): Promise<RunResult> {
  const changes = createChangeFeed({ redisUrl });
  let hits = 0;
  let misses = 0;
  const get = changes.cache.get.bind(changes.cache);
  changes.cache.get = async (key) => {
    const answer = await get(key);
    if (answer) hits++;
    else misses++;
    return answer;
  };
  while (!changes.available()) await new Promise((resolve) => setTimeout(resolve, 50));
  const yoga = createServer({
    db,
    logger: createLogger('silent'),
    auth: { apiKeys: [{ name: 'bench', role: 'editor', key: KEY }] },
    changes,
    responseCacheTtlMs: cache ? 60_000 : 0,
  });
  const server: Server = createHttpServer(yoga);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  const post = (query: string, headers: Record<string, string> = {}) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
  const rename = async (version: number) => {
    const response = await post(
      `mutation { upsertEntity(input: { type: Actor, id: "${TARGET}", name: "Dashboard v${version}", confidence: LOW, properties: { kind: "company", side: "EU" } }, evidence: { sourceIds: ["${SOURCE}"] }) { changed } }`,
      { authorization: `Bearer ${KEY}` },
    );
    const body = (await response.json()) as { errors?: unknown };
    if (body.errors) throw new Error(`The benchmark's write failed: ${JSON.stringify(body.errors)}`);
  };

  let version = 0;
  await rename(version);
  // acked[v] = when the response of the write of version v arrived.
  const acked: number[] = [performance.now()];
  const eventAt = new Map<number, number>();
  const sse = createClient({ url, retryAttempts: 0 });
  const events = sse.iterate<{ entityChanged: { at: string } }>({ query: `subscription { entityChanged(ids: ["${TARGET}"]) { at } }` });
  const listening = (async () => {
    for await (const event of events) {
      if (!event.data) continue;
      eventAt.set(eventAt.size + 1, performance.now());
    }
  })().catch(() => undefined);
  await new Promise((resolve) => setTimeout(resolve, 200));

  // Warm-up, untimed: the first answers of a fresh process pay for JIT and cold pages.
  for (let round = 0; round < 3; round++) for (const { query } of QUERIES) await (await post(query)).text();
  const end = performance.now() + durationS * 1000;
  const latencies: number[] = [];
  let errors = 0;
  let staleAnswers = 0;
  let maxStaleAgeMs = 0;
  const writer = (async () => {
    while (performance.now() + 1000 < end) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      version++;
      await rename(version);
      acked[version] = performance.now();
    }
  })();
  const client = async (index: number) => {
    for (let n = index; performance.now() < end; n++) {
      const { query, fresh } = QUERIES[n % QUERIES.length]!;
      const sent = performance.now();
      const ackedBefore = acked.length - 1;
      try {
        const body = (await (await post(query)).json()) as { data?: Record<string, { name?: string } | null>; errors?: unknown };
        latencies.push(performance.now() - sent);
        if (body.errors || !body.data) {
          errors++;
          continue;
        }
        if (fresh) {
          const name = Object.values(body.data)[0]?.name ?? '';
          const served = Number(/v(\d+)$/.exec(name)?.[1] ?? -1);
          if (served < ackedBefore) {
            staleAnswers++;
            maxStaleAgeMs = Math.max(maxStaleAgeMs, sent - acked[served + 1]!);
          }
        }
      } catch {
        errors++;
      }
    }
  };
  await Promise.all([writer, ...Array.from({ length: clientCount }, (_, index) => client(index))]);
  await new Promise((resolve) => setTimeout(resolve, 200));
  await events.return?.();
  sse.dispose();
  await listening;
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await changes.close();

  // Events arrive in write order, so the i-th event belongs to write i (write 0 came before subscribing).
  const delays = [...eventAt.entries()].filter(([v]) => acked[v] !== undefined).map(([v, at]) => at - acked[v]!);
  return {
    cache,
    requests: latencies.length,
    errors,
    requestsPerSecond: round(latencies.length / durationS),
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
    hitRate: cache ? round(hits / Math.max(1, hits + misses)) : null,
    writes: version,
    maxStaleAgeMs: round(maxStaleAgeMs),
    staleAnswers,
    eventDelayP50Ms: delays.length ? round(percentile(delays, 50)) : null,
    eventDelayP99Ms: delays.length ? round(percentile(delays, 99)) : null,
    eventsReceived: eventAt.size,
  };
}

let neo4j: EmbeddedNeo4j | undefined;
let dataDir: string | undefined;
let uri = process.env.NEO4J_URI;
if (!uri) {
  dataDir = mkdtempSync(join(tmpdir(), 'vcg-bench-dashboard-'));
  neo4j = await startEmbeddedNeo4j({ dataDir, heapMb: 1024, pageCacheMb: 256, txTimeoutMs: 30_000, log: () => undefined });
  uri = neo4j.uri;
}
const db = createDatabase({ uri, user: process.env.NEO4J_USER ?? 'neo4j', password: process.env.NEO4J_PASSWORD ?? '' });
let exitCode = 0;
try {
  await applySchema(db);
  if (neo4j) await loadSeed(db);
  await db.write(
    'upsert-entities',
    {
      rows: [
        {
          id: SOURCE,
          name: 'Benchmark source',
          title: 'Benchmark source',
          url: 'https://example.org/bench',
          language: 'en',
          confidence: 'low',
          sourceIds: [SOURCE],
          sortName: 'benchmark source',
          foldedNames: ['benchmark source'],
        },
      ],
      now: new Date().toISOString(),
      by: 'bench',
    },
    { label: 'Source' },
  );
  const results = [await run(db, false), await run(db, true)];
  const [off, on] = results as [RunResult, RunResult];
  const report = { durationS, clients: clientCount, redis: Boolean(redisUrl), speedup: round(on.requestsPerSecond / off.requestsPerSecond), results };
  console.log(JSON.stringify(report, null, 2));
  if (args.out) writeFileSync(join(args.out, 'dashboard-results.json'), `${JSON.stringify(report, null, 2)}\n`);
  if (results.some((result) => result.staleAnswers > 0)) {
    console.error('Stale answers were served after a write returned.');
    exitCode = 1;
  }
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  await removeEntities(db, [TARGET, SOURCE]).catch(() => undefined);
  await db.close();
  await neo4j?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
process.exit(exitCode);
