/**
 * Where the time of one request goes: starts the whole app as `npm start` does (embedded Neo4j in a
 * temporary directory, the curated seed, every plugin at its default), sends `--requests` requests of one
 * query from a separate client process one after another (concurrency 1), and samples the server process
 * with V8's CPU profiler (node:inspector) during them. Each sample is charged to the nearest frame on its
 * stack that belongs to a known part (neo4j-driver, graphql's parser, validator or executor, a plugin, the
 * planner, Yoga and its fetch adapter, Node's HTTP); `(idle)` is the time the process waited, which at
 * concurrency 1 is mostly Neo4j and the loopback network. Prints a Markdown table and writes the figures to
 * `--out` (JSON). A script, not a test; run it alone on the machine.
 *
 * `--cpuprofile=file` also writes the raw profile (open it in Chrome's DevTools, or aggregate it by function).
 *
 *   node --import tsx bench/profile-request.ts [--query=node|nested|fanout|path|neighborhood] [--requests=3000] [--out=bench/profile-node.json] [--cpuprofile=file]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';

/** The documents profiled, by name. */
const DOCUMENTS: Record<string, { query: string; variables: Record<string, unknown> }> = {
  node: { query: 'query Node($id: ID!) { node(id: $id) { id ... on Actor { name kind side } } }', variables: { id: 'actor:maros-sefcovic' } },
  nested: {
    query:
      'query Nested($id: ID!) { node(id: $id) { id ... on Actor { name participatesIn(first: 10) { edges { role node { id name ... on Project { participants(first: 10) { edges { role node { id name } } } } } } } } } }',
    variables: { id: 'actor:maros-sefcovic' },
  },
  fanout: { query: '{ actors(first: 20) { nodes { id name relationships(first: 10) { edges { type node { id name } } } } } }', variables: {} },
  path: {
    query: 'query Path($from: ID!, $to: ID!) { shortestPath(from: $from, to: $to, maxHops: 4) { length nodes { id name } relationships { type from to } } }',
    variables: { from: 'actor:maros-sefcovic', to: 'actor:alatau-lithium' },
  },
  neighborhood: {
    query:
      'query Neighborhood($id: ID!) { neighborhood(id: $id, depth: 2, first: 50) { reachable nodes { distance node { id name } } relationships { type from to } } }',
    variables: { id: 'actor:marat-karabayev' },
  },
};

const options = Object.fromEntries(process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=') as [string, string]));
const queryName = options.query ?? 'node';
const requests = Number(options.requests ?? 3000);
const out = options.out ?? `bench/profile-${queryName}.json`;
const document = DOCUMENTS[queryName];
if (!document || !Number.isInteger(requests) || requests < 1) {
  console.error(`Usage: profile-request.ts [--query=${Object.keys(DOCUMENTS).join('|')}] [--requests=N] [--out=file.json]`);
  process.exit(2);
}

const dataDir = mkdtempSync(join(tmpdir(), 'vcg-profile-neo4j-'));
const config = loadConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1', NEO4J_DATA_DIR: dataDir, LOG_LEVEL: 'silent', NEO4J_URI: '' });
const app = await startApp(config, createLogger('silent'));
let statements = 0;
let statementMs = 0;
app.db.onStatement(({ durationMs }) => {
  statements += 1;
  statementMs += durationMs;
});
const body = JSON.stringify(document);
try {
  await runClient(app.url, body, 300);
  statements = 0;
  statementMs = 0;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  const started = performance.now();
  await runClient(app.url, body, requests);
  const wallMs = performance.now() - started;
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  if (options.cpuprofile) writeFileSync(options.cpuprofile, JSON.stringify(profile));
  const parts = chargeSamples(profile as CpuProfile);
  const totalUs = Object.values(parts).reduce((sum, value) => sum + value, 0);
  const rows = Object.entries(parts)
    .sort((a, b) => b[1] - a[1])
    .map(([part, us]) => ({ part, msPerRequest: us / 1000 / requests, share: us / totalUs }));
  const result = {
    query: queryName,
    document: document.query,
    requests,
    wallMsPerRequest: wallMs / requests,
    statementsPerRequest: statements / requests,
    statementRoundTripMsPerRequest: statementMs / requests,
    rows,
  };
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(
    `\`${queryName}\`: ${requests} requests at concurrency 1, ${result.wallMsPerRequest.toFixed(3)} ms per request (wall, client included); ` +
      `${result.statementsPerRequest.toFixed(2)} statements per request, ${result.statementRoundTripMsPerRequest.toFixed(3)} ms of statement round trips (driver + Bolt + Neo4j) per request.\n`,
  );
  console.log('| part | ms per request | share of samples |');
  console.log('|---|--:|--:|');
  for (const row of rows) console.log(`| ${row.part} | ${row.msPerRequest.toFixed(3)} | ${(row.share * 100).toFixed(1)}% |`);
} finally {
  await app.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

/** The parts of a V8 CPU profile this script reads. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

// Private: microseconds per part: each sample goes to the nearest frame (leaf first) that names a part.
function chargeSamples(profile: CpuProfile): Record<string, number> {
  const parent = new Map<number, number>();
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const partOf = new Map<number, string>();
  const resolve = (id: number): string => {
    const known = partOf.get(id);
    if (known) return known;
    let part: string | null = null;
    for (let at: number | undefined = id; at !== undefined && part === null; at = parent.get(at)) part = classify(byId.get(at)!.callFrame);
    partOf.set(id, part ?? 'Node runtime (timers, streams, sockets)');
    return partOf.get(id)!;
  };
  const totals: Record<string, number> = {};
  profile.samples.forEach((id, index) => {
    const part = resolve(id);
    totals[part] = (totals[part] ?? 0) + (profile.timeDeltas[index] ?? 0);
  });
  return totals;
}

// Private: the part a frame belongs to, or null to look at its caller.
function classify({ functionName, url }: { functionName: string; url: string }): string | null {
  if (functionName === '(idle)') return 'idle: waiting for Neo4j and the network';
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (functionName === '(program)') return 'V8 and native code outside JavaScript';
  if (!url || url.startsWith('node:')) return null;
  const module = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(url);
  if (module) {
    const [, name, path] = module as unknown as [string, string, string];
    if (name === 'graphql') {
      if (path.includes('language/')) return 'graphql: parse';
      if (path.includes('validation/')) return 'graphql: validate';
      if (path.includes('execution/')) return 'graphql: execute';
      return 'graphql: types and utilities';
    }
    if (name === 'neo4j-driver' || name.startsWith('neo4j-driver-')) return 'neo4j-driver: Bolt and records';
    if (name === 'graphql-yoga' || name.startsWith('@whatwg-node/') || name === '@graphql-yoga/logger')
      return 'Yoga and its fetch adapter (HTTP to Request/Response)';
    if (
      name.startsWith('@envelop/') ||
      name.startsWith('@graphql-yoga/plugin-') ||
      name === '@escape.tech/graphql-armor' ||
      name === 'graphql-query-complexity' ||
      name === 'prom-client' ||
      name === 'rate-limiter-flexible'
    ) {
      return `plugin: ${name}`;
    }
    if (name === 'pino' || name.startsWith('pino-')) return 'logging (pino)';
    if (name === 'dataloader') return 'src: resolvers and loaders';
    if (name === 'tsx' || name === 'esbuild') return null;
    return `library: ${name}`;
  }
  const source = /\/src\/(.*)$/.exec(url);
  if (source) {
    const path = source[1]!;
    if (path.startsWith('plugins/') || path.startsWith('auth/') || path.startsWith('live/')) return `plugin: src/${path}`;
    if (path.startsWith('planner/')) return 'src: planner';
    if (path.startsWith('resolvers/') || path.startsWith('loaders/')) return 'src: resolvers and loaders';
    if (path.startsWith('db/')) return 'src: db (statements, toPlain)';
    return `src: ${path}`;
  }
  return null;
}

// Private: a client in its own process, so its work is not in the profile: `count` requests one after another.
function runClient(url: string, payload: string, count: number): Promise<void> {
  const script = `
    const [url, payload, count] = process.argv.slice(1);
    for (let i = 0; i < Number(count); i++) {
      const response = await fetch(url + '/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: payload });
      const text = await response.text();
      if (response.status !== 200 || text.includes('"errors"')) { console.error(text.slice(0, 300)); process.exit(1); }
    }`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script, url, payload, String(count)], { stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`The client exited with ${code}.`))));
  });
}
