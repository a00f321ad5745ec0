/**
 * `npm run load-check [-- --duration=SECONDS --connections=N]`: a bounded load check of the whole app.
 *
 * Starts the app in-process with startApp (the embedded Neo4j in a fresh temporary data directory unless
 * NEO4J_URI is set; the curated seed loaded into an empty database), checks that every request of a realistic
 * query mix answers without errors, then sends the mix with autocannon to 127.0.0.1 only, on `connections`
 * keep-alive connections for `duration` seconds. Reports latency percentiles, requests per second, non-2xx
 * responses, connection errors and GraphQL errors (every response body is parsed), overall and per query;
 * writes scripts/load-check-results.json and exits 1 when any request failed in any of those ways.
 *
 * autocannon runs in this process too, so its client work shares the event loop with the server: the numbers
 * are a conservative view of what the server alone would do.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { startApp, type App } from '../src/app.ts';
import { ConfigError, loadConfig } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';
import { exportGraph } from '../src/records/export-graph.ts';

/** Options from the command line. */
export interface LoadCheckOptions {
  /** How long the load runs. @default 60 */
  durationSeconds: number;
  /** Concurrent keep-alive connections. @default 32 */
  connections: number;
}

/** One request of the mix: which query, and its JSON body. */
interface MixRequest {
  query: QueryName;
  body: string;
}

/** The queries of the mix, in report order. */
const QUERY_NAMES = ['node', 'page', 'nested', 'search', 'shortestPath', 'neighborhood', 'timeline', 'valueChain'] as const;
type QueryName = (typeof QUERY_NAMES)[number];

/** Latency and error counts of one query, or of all of them. */
interface QueryReport {
  requests: number;
  graphqlErrors: number;
  non2xx: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number; mean: number };
}

/** Where the report is written. */
const RESULTS_PATH = join(dirname(fileURLToPath(import.meta.url)), 'load-check-results.json');
/** Parameter sets per query: requests cycle through them so no answer is the same one over and over. */
const PARAMETER_SETS = 6;
/** Most error messages kept in the report. */
const ERROR_SAMPLES = 5;

const options = readOptions(process.argv.slice(2));
const dataDir = process.env.NEO4J_URI ? undefined : mkdtempSync(join(tmpdir(), 'vcg-load-check-'));
let app: App | undefined;
let exitCode = 1;
try {
  const config = loadConfig({
    ...process.env,
    HOST: '127.0.0.1',
    PORT: '0',
    SEED_ON_EMPTY: 'true',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
    ...(dataDir ? { NEO4J_DATA_DIR: dataDir } : {}),
  });
  const logger = createLogger(config.logLevel);
  console.error(`Starting the app (${dataDir ? `embedded Neo4j in ${dataDir}` : 'Neo4j at NEO4J_URI'}) ...`);
  app = await startApp(config, logger);
  const mix = await createMix(app);
  await checkMix(app.url, mix);
  console.error(`Sending ${mix.length} requests round-robin on ${options.connections} connections for ${options.durationSeconds} s to ${app.url}/graphql ...`);
  const report = await runLoad(app.url, mix, options);
  writeFileSync(RESULTS_PATH, `${JSON.stringify(report, null, 2)}\n`);
  printReport(report);
  console.error(`Wrote ${RESULTS_PATH}.`);
  exitCode = report.failed ? 1 : 0;
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
} finally {
  await app?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
process.exit(exitCode);

/** Runs the mix under load and builds the report. */
async function runLoad(url: string, mix: MixRequest[], { durationSeconds, connections }: LoadCheckOptions) {
  const latencies = new Map<QueryName, number[]>(QUERY_NAMES.map((name) => [name, []]));
  const graphqlErrors = new Map<QueryName, number>(QUERY_NAMES.map((name) => [name, 0]));
  const non2xx = new Map<QueryName, number>(QUERY_NAMES.map((name) => [name, 0]));
  const errorSamples = new Set<string>();
  // autocannon calls a request's onResponse and then, synchronously, emits 'response' with the latency:
  // onResponse notes which query answered so the latency is filed under it.
  let answered: QueryName | undefined;
  const requests = mix.map(({ query, body }) => ({
    method: 'POST' as const,
    path: '/graphql',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
    body,
    onResponse(status: number, responseBody: string) {
      answered = query;
      if (status < 200 || status > 299) non2xx.set(query, non2xx.get(query)! + 1);
      const errors = errorsIn(responseBody);
      if (errors.length > 0) {
        graphqlErrors.set(query, graphqlErrors.get(query)! + 1);
        if (errorSamples.size < ERROR_SAMPLES) errorSamples.add(`${query}: ${errors.join(' | ')}`.slice(0, 300));
      }
    },
  }));
  const loadAverageBefore = loadavg();
  let client = 0;
  let instance: autocannon.Instance | undefined;
  const stop = () => instance?.stop();
  process.once('SIGINT', stop);
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: `${url}/graphql`,
        connections,
        duration: durationSeconds,
        timeout: 30,
        requests,
        // Each connection starts at a different place in the mix, so they do not ask the same query in step.
        setupClient(connection) {
          const offset = Math.floor((client++ * requests.length) / connections) % requests.length;
          connection.setRequests([...requests.slice(offset), ...requests.slice(0, offset)]);
        },
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      if (answered) latencies.get(answered)!.push(responseTime);
      answered = undefined;
    });
  });
  process.off('SIGINT', stop);

  const byQuery = Object.fromEntries(
    QUERY_NAMES.map((name) => [name, queryReport(latencies.get(name)!, graphqlErrors.get(name)!, non2xx.get(name)!)]),
  ) as Record<QueryName, QueryReport>;
  const overall = queryReport(
    QUERY_NAMES.flatMap((name) => latencies.get(name)!),
    sum(QUERY_NAMES.map((name) => graphqlErrors.get(name)!)),
    result.non2xx,
  );
  const failed = overall.graphqlErrors + overall.non2xx + result.errors + result.timeouts > 0;
  return {
    finishedAt: result.finish,
    durationSeconds: result.duration,
    connections,
    target: `${url}/graphql`,
    neo4j: dataDir ? 'embedded (fresh temporary data directory, curated seed)' : 'NEO4J_URI',
    requestsPerSecond: round(overall.requests / result.duration),
    ...overall,
    connectionErrors: result.errors,
    timeouts: result.timeouts,
    failed,
    byQuery,
    errorSamples: [...errorSamples],
    machine: describeMachine(loadAverageBefore),
  };
}

/** Requests of each query with real ids, spellings and dates from the loaded graph. */
async function createMix({ db }: App): Promise<MixRequest[]> {
  const { entities, relationships } = await exportGraph(db);
  const degree = new Map<string, number>();
  for (const link of relationships) for (const id of [link.from, link.to]) degree.set(id, (degree.get(id) ?? 0) + 1);
  const busiest = (type: string) =>
    entities
      .filter((entity) => entity.type === type)
      .sort((a, b) => (degree.get(b.id) ?? 0) - (degree.get(a.id) ?? 0) || (a.id < b.id ? -1 : 1))
      .map((entity) => entity.id);
  const actorsOn = (side: string) => busiest('Actor').filter((id) => entities.find((entity) => entity.id === id)?.side === side);
  const take = <T>(items: readonly T[]) => Array.from({ length: PARAMETER_SETS }, (_, index) => items[index % items.length]!);
  const euActors = actorsOn('EU');
  const kzActors = actorsOn('KZ');
  const words = busiest('Actor')
    .concat(busiest('Material'))
    .map((id) => String(entities.find((entity) => entity.id === id)!.name).split(/\s+/)[0]!);
  const chains = entities.filter((entity) => entity.type === 'ValueChain').map((entity) => entity.id);
  if (euActors.length === 0 || kzActors.length === 0 || chains.length === 0)
    throw new Error('The graph holds no EU and KZ actors or no value chain; load the curated seed first.');

  const request = (query: QueryName, document: string, variables: Record<string, unknown>): MixRequest => ({
    query,
    body: JSON.stringify({ query: document, variables }),
  });
  const mix: MixRequest[][] = [
    take(busiest('Actor')).map((id) =>
      request('node', 'query Node($id: ID!) { node(id: $id) { id ... on Actor { name kind side sources { title url } } } }', { id }),
    ),
    take([
      { side: ['KZ'], kind: ['PERSON'] },
      { side: ['EU'] },
      { kind: ['COMPANY'], NOT: { side: ['EU'] } },
      { OR: [{ kind: ['MINISTRY'] }, { kind: ['EU_INSTITUTION'] }] },
    ]).map((filter, index) =>
      request(
        'page',
        'query Page($filter: ActorFilter, $first: Int) { actors(filter: $filter, first: $first) { totalCount edges { cursor node { id name } } pageInfo { hasNextPage endCursor } } }',
        { filter, first: 10 + index * 5 },
      ),
    ),
    take([5, 10, 20]).map((first) =>
      request(
        'nested',
        'query Nested($first: Int) { projects(first: $first) { nodes { id name participants(first: 10) { edges { role node { id name } sources { title } } } materials { nodes { id name } } } } }',
        { first },
      ),
    ),
    take(words).map((text, index) =>
      request('search', 'query Search($text: String!, $first: Int) { search(query: $text, first: $first) { score matchedName node { id name } } }', {
        text,
        first: 5 + index,
      }),
    ),
    take(euActors).map((from, index) =>
      request(
        'shortestPath',
        'query Path($from: ID!, $to: ID!) { shortestPath(from: $from, to: $to) { length nodes { id name } relationships { type from to sources { title } } } }',
        { from, to: kzActors[index % kzActors.length] },
      ),
    ),
    take(busiest('Event').concat(busiest('Project'))).map((id, index) =>
      request(
        'neighborhood',
        'query Around($id: ID!, $depth: Int) { neighborhood(id: $id, depth: $depth, first: 50) { truncated nodes { distance node { id name } } relationships { id type from to } } }',
        { id, depth: 1 + (index % 2) },
      ),
    ),
    take(['2021', '2022', '2023', '2024', '2025']).map((year) =>
      request(
        'timeline',
        'query Timeline($from: Date, $to: Date) { timeline(from: $from, to: $to, first: 50) { hasMore entries { date kind summary subject { id } } } }',
        { from: `${year}-01-01`, to: `${year}-12-31` },
      ),
    ),
    take(chains).map((id) =>
      request(
        'valueChain',
        'query Chain($id: ID!) { valueChain(id: $id) { gaps { id } stages { position stage { name } materials { id } euActors { name } kzActors { name } } } }',
        { id },
      ),
    ),
  ];
  // Interleaved, so every stretch of the round-robin holds every query.
  return Array.from({ length: PARAMETER_SETS }, (_, index) => mix.map((requests) => requests[index]!)).flat();
}

/** Sends every request of the mix once; throws naming the first one that does not answer cleanly. */
async function checkMix(url: string, mix: MixRequest[]): Promise<void> {
  for (const { query, body } of mix) {
    const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const text = await response.text();
    const errors = errorsIn(text);
    if (response.status !== 200 || errors.length > 0) {
      throw new Error(
        `The ${query} request of the mix does not answer cleanly (HTTP ${response.status}): ${errors.join(' | ') || text.slice(0, 300)}\n${body}`,
      );
    }
  }
}

/** Reads --duration=SECONDS and --connections=N; exits 2 with a message on anything else. */
function readOptions(args: string[]): LoadCheckOptions {
  const read: LoadCheckOptions = { durationSeconds: 60, connections: 32 };
  const bounds = { duration: [1, 3600], connections: [1, 1024] } as const;
  for (const arg of args) {
    const match = /^--(duration|connections)=(\d+)$/.exec(arg);
    const name = match?.[1] as keyof typeof bounds | undefined;
    const value = Number(match?.[2]);
    if (!name || value < bounds[name][0] || value > bounds[name][1]) {
      console.error(`Expected --duration=SECONDS (1 to 3600) or --connections=N (1 to 1024), but got "${arg}".`);
      process.exit(2);
    }
    if (name === 'duration') read.durationSeconds = value;
    else read.connections = value;
  }
  return read;
}

// Private: the messages of a GraphQL response's errors; a body that is not JSON counts as one error.
function errorsIn(body: string): string[] {
  try {
    const parsed = JSON.parse(body) as { errors?: { message?: string; extensions?: { code?: string } }[] };
    return (parsed.errors ?? []).map((error) => `${error.extensions?.code ?? 'no code'}: ${error.message ?? ''}`);
  } catch {
    return [`not JSON: ${body.slice(0, 100)}`];
  }
}

// Private: percentiles by nearest rank over every recorded latency.
function queryReport(latencies: number[], graphqlErrors: number, non2xx: number): QueryReport {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (percentile: number) => (sorted.length === 0 ? 0 : round(sorted[Math.min(sorted.length - 1, Math.ceil((percentile / 100) * sorted.length) - 1)]!));
  return {
    requests: sorted.length,
    graphqlErrors,
    non2xx,
    latencyMs: { p50: at(50), p95: at(95), p99: at(99), max: at(100), mean: sorted.length === 0 ? 0 : round(sum(sorted) / sorted.length) },
  };
}

// Private: what the numbers were measured on; the machine is shared, so its load average says how busy.
function describeMachine(loadAverageBefore: number[]) {
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  return {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGiB: round(totalmem() / 2 ** 30),
    node: process.version,
    java: java.error ? 'not found' : java.stderr.split('\n')[0]!.trim(),
    loadAverage1mBefore: round(loadAverageBefore[0]!),
    loadAverage1mAfter: round(loadavg()[0]!),
  };
}

// Private: the short table on stdout.
function printReport(report: Awaited<ReturnType<typeof runLoad>>): void {
  const rows = [
    ['query', 'requests', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'errors'],
    ...[...QUERY_NAMES, 'all'].map((name) => {
      const row = name === 'all' ? report : report.byQuery[name as QueryName];
      return [
        name,
        String(row.requests),
        ...[row.latencyMs.p50, row.latencyMs.p95, row.latencyMs.p99, row.latencyMs.max].map(String),
        String(row.graphqlErrors + row.non2xx),
      ];
    }),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  for (const row of rows) console.log(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  '));
  console.log(
    `${report.requestsPerSecond} requests/s over ${report.durationSeconds} s on ${report.connections} connections; ` +
      `non-2xx ${report.non2xx}, GraphQL errors ${report.graphqlErrors}, connection errors ${report.connectionErrors}, timeouts ${report.timeouts}.`,
  );
}

// Private: two decimals are plenty for milliseconds and rates.
function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
