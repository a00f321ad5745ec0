/**
 * `npm run bench`: this server vs raw Cypher vs @neo4j/graphql over the same Neo4j, at several graph
 * sizes, in one run. Per scale it starts a fresh embedded Neo4j in a temporary directory, loads a
 * generated graph through the normal loader, starts the three contenders (two GraphQL servers in child
 * processes over loopback HTTP, the raw-Cypher runner in a third), checks that all three give the same
 * answer to every query and parameter set (the correctness gate), then times each query at each
 * concurrency, contenders interleaved. Writes results.json and RESULTS.md (write-report.ts) to --out.
 *
 *   npm run bench                                   # 1k, 10k and 100k; about 20 minutes on 2 cores
 *   npm run bench -- --scales=1k,10k --duration=2 --out=/tmp/bench
 *
 * Options: --scales=1k,10k,100k  --duration=<seconds per run>  --requests=<max per run>
 * --concurrency=1,32  --warmup=<seconds>  --seed=<int>  --queries=node,page,...  --out=<dir>
 * --heap-mb=<Neo4j heap>  --pagecache-mb=<Neo4j page cache>. Not a test: nothing asserts on timings.
 */
import { spawn, spawnSync, fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { cpus, release, tmpdir, totalmem, type as osType } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { applySchema } from '../src/db/apply-schema.ts';
import { createDatabase } from '../src/db/database.ts';
import { startEmbeddedNeo4j } from '../src/db/embedded-neo4j.ts';
import { summarize } from '../src/records/summarize-graph.ts';
import type { ContenderStats } from './contender-server.ts';
import { generateGraph, parseScale, RELATIONSHIPS_PER_NODE } from './generate-graph.ts';
import { loadGraph, type LoadSummary } from './load-graph.ts';
import { runLoad, type LoadOptions, type LoadStats } from './load-loop.ts';
import { checkPlans, type PlanCheck } from './plan-check.ts';
import { CONTENDERS, countObjects, createQueryMix, QUERY_NAMES, rawHttpForm, type BenchQuery, type ContenderName, type QueryName } from './query-mix.ts';
import type { RawCommand, RawReply, RawRequest } from './raw-runner.ts';
import { writeReport } from './write-report.ts';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(BENCH_DIR, '..');

/** Everything one run measured; results.json holds it and RESULTS.md is written from it. */
export interface BenchResults {
  generatedAt: string;
  machine: Record<string, string | number>;
  config: {
    scales: string[];
    durationMs: number;
    maxRequests: number;
    warmupMs: number;
    concurrency: number[];
    seed: number;
    heapMb: number;
    pageCacheMb: number;
  };
  contenders: Record<ContenderName, string>;
  scales: ScaleResult[];
}

/** One graph size. */
export interface ScaleResult {
  scale: string;
  nodes: number;
  relationships: number;
  degree: { mean: number; median: number; p99: number; max: number };
  load: LoadSummary;
  plans: PlanCheck[];
  queries: QueryResult[];
  /** Per contender, after all its runs at this scale. */
  memory: Record<ContenderName, ContenderStats & { heapAfterGcBytes: number }>;
}

/** One query at one scale. */
export interface QueryResult {
  name: QueryName;
  title: string;
  /** Mean objects (entities, edges, hits) in this server's responses, and mean response bytes. */
  resultObjects: number;
  resultBytes: number;
  gate: { passed: boolean; mismatches: string[] };
  runs: (LoadStats & { contender: ContenderName; statementsPerRequest: number | null; distinctTexts: number; rssBytes: number; heapUsedBytes: number })[];
}

const { values: options } = parseArgs({
  options: {
    scales: { type: 'string', default: '1k,10k,100k' },
    duration: { type: 'string', default: '4' },
    requests: { type: 'string', default: '20000' },
    concurrency: { type: 'string', default: '1,32' },
    warmup: { type: 'string', default: '1' },
    seed: { type: 'string', default: '20240601' },
    queries: { type: 'string', default: QUERY_NAMES.join(',') },
    out: { type: 'string', default: BENCH_DIR },
    'heap-mb': { type: 'string', default: '4096' },
    'pagecache-mb': { type: 'string', default: '1024' },
  },
});

const config = {
  scales: options.scales.split(',').map((scale) => scale.trim()),
  durationMs: positive('duration', Number(options.duration) * 1000),
  maxRequests: positive('requests', Number(options.requests)),
  warmupMs: Number(options.warmup) * 1000,
  concurrency: options.concurrency.split(',').map((value) => positive('concurrency', Number(value))),
  seed: positive('seed', Number(options.seed)),
  heapMb: positive('heap-mb', Number(options['heap-mb'])),
  pageCacheMb: positive('pagecache-mb', Number(options['pagecache-mb'])),
};
const selectedQueries = options.queries.split(',').map((name) => name.trim());
for (const name of selectedQueries) {
  if (!(QUERY_NAMES as readonly string[]).includes(name)) fail(`Unknown query "${name}" in --queries; expected some of ${QUERY_NAMES.join(', ')}.`);
}
for (const scale of config.scales) parseScale(scale);

const log = (message: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
const results: BenchResults = {
  generatedAt: new Date().toISOString(),
  machine: describeMachine(),
  config,
  contenders: {
    raw: `raw Cypher through neo4j-driver ${packageVersion('neo4j-driver')} (hand-written statements, one auto-commit read transaction each, no HTTP)`,
    'raw-http':
      'the same hand-written statements behind a bare node:http JSON endpoint over loopback HTTP, auto-commit reads too (contender-server.ts raw-http)',
    ours: 'this server (createServer, src/server.ts) on graphql-yoga over loopback HTTP, auto-commit reads',
    peer: `@neo4j/graphql ${packageVersion('@neo4j/graphql')} on graphql-yoga over loopback HTTP (its reads are managed transactions, executeRead)`,
  },
  scales: [],
};

for (const scale of config.scales) results.scales.push(await benchScale(scale));
const outDir = resolve(options.out);
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
writeReport(results, join(outDir, 'RESULTS.md'));
log(`Wrote ${join(outDir, 'results.json')} and ${join(outDir, 'RESULTS.md')}.`);
const failedGates = results.scales.flatMap((scale) => scale.queries.filter((query) => !query.gate.passed).map((query) => `${scale.scale}/${query.name}`));
if (failedGates.length > 0) {
  log(`The correctness gate failed for ${failedGates.join(', ')}; those were not timed.`);
  process.exitCode = 1;
}

/** Runs the whole benchmark at one scale on a fresh Neo4j. */
async function benchScale(scale: string): Promise<ScaleResult> {
  const nodeCount = parseScale(scale);
  const dataDir = mkdtempSync(join(tmpdir(), 'vcg-bench-neo4j-'));
  log(`Scale ${scale}: starting Neo4j (heap ${config.heapMb} MB, page cache ${config.pageCacheMb} MB) in ${dataDir}.`);
  const neo4j = await startEmbeddedNeo4j({ dataDir, heapMb: config.heapMb, pageCacheMb: config.pageCacheMb, txTimeoutMs: 600_000, log });
  const db = createDatabase({ uri: neo4j.uri, txTimeoutMs: 600_000 });
  const children: ChildProcess[] = [];
  try {
    await applySchema(db);
    const graph = generateGraph(nodeCount, config.seed);
    log(
      `Scale ${scale}: generated ${graph.nodes.length} nodes and ${graph.relationships.length} relationships (${RELATIONSHIPS_PER_NODE} per node wanted); loading.`,
    );
    const load = await loadGraph(db, graph, log);
    await db.write('await-indexes');
    const stored = await summarize(db);
    log(
      `Scale ${scale}: loaded in ${(load.writeMs / 1000).toFixed(1)} s over ${load.transactions} transactions; Neo4j holds ${stored.nodeCount} nodes, ${stored.relationshipCount} relationships.`,
    );

    const degrees = graph.nodes.map((node) => graph.degree.get(String(node.id)) ?? 0).sort((a, b) => a - b);
    const mix = createQueryMix(graph, config.seed).filter((query) => selectedQueries.includes(query.name));
    const plans = await checkPlans(db, mix);

    const raw = await startRawRunner(neo4j.uri);
    children.push(raw.child);
    const rawHttp = await startContender('raw-http', neo4j.uri);
    children.push(rawHttp.child);
    const ours = await startContender('ours', neo4j.uri);
    children.push(ours.child);
    const peer = await startContender('peer', neo4j.uri);
    children.push(peer.child);
    const [component] = (
      await raw.call({ type: 'answer', statement: "CALL dbms.components() YIELD versions, edition RETURN versions[0] + ' ' + edition AS version", params: {} })
    ).rows as { version: string }[];
    results.machine.neo4j = component?.version ?? 'unknown';

    const contenders: Record<ContenderName, Contender> = { raw: raw.contender, 'raw-http': rawHttp.contender, ours: ours.contender, peer: peer.contender };
    const queries: QueryResult[] = [];
    for (const query of mix) {
      const gate = await checkAnswers(query, contenders);
      log(
        `Scale ${scale} ${query.name}: gate ${gate.passed ? 'passed' : `FAILED (${gate.mismatches.length})`}; ${gate.resultObjects.toFixed(1)} objects per answer.`,
      );
      const result: QueryResult = {
        name: query.name,
        title: query.title,
        resultObjects: round(gate.resultObjects),
        resultBytes: Math.round(gate.resultBytes),
        gate: { passed: gate.passed, mismatches: gate.mismatches.slice(0, 5) },
        runs: [],
      };
      queries.push(result);
      if (!gate.passed) continue;
      for (const name of CONTENDERS) await contenders[name].load(query, { concurrency: 4, durationMs: config.warmupMs, maxRequests: 200 });
      for (const concurrency of config.concurrency) {
        for (const name of CONTENDERS) {
          const contender = contenders[name];
          await contender.reset();
          const stats = await contender.load(query, { concurrency, durationMs: config.durationMs, maxRequests: config.maxRequests });
          const after = await contender.stats();
          result.runs.push({
            contender: name,
            ...stats,
            statementsPerRequest: stats.requests > 0 ? round(after.statements / stats.requests) : null,
            distinctTexts: after.distinctTexts,
            rssBytes: after.rssBytes,
            heapUsedBytes: after.heapUsedBytes,
          });
          log(
            `Scale ${scale} ${query.name} c=${concurrency} ${name}: p50 ${stats.p50} ms, p95 ${stats.p95} ms, ${stats.throughput} req/s, ` +
              `${stats.requests} requests, ${stats.errors} errors, ${round(after.statements / Math.max(1, stats.requests))} statements/request, ` +
              `${after.distinctTexts} distinct statement texts`,
          );
          if (stats.firstError) log(`  first error: ${stats.firstError}`);
        }
      }
    }

    const memory = {} as ScaleResult['memory'];
    for (const name of CONTENDERS) {
      const before = await contenders[name].stats();
      await contenders[name].reset();
      const after = await contenders[name].stats();
      memory[name] = { ...before, heapAfterGcBytes: after.heapUsedBytes };
    }
    return {
      scale,
      nodes: stored.nodeCount,
      relationships: stored.relationshipCount,
      degree: {
        mean: round(degrees.reduce((sum, value) => sum + value, 0) / Math.max(1, degrees.length)),
        median: degrees[Math.floor(degrees.length / 2)] ?? 0,
        p99: degrees[Math.floor(degrees.length * 0.99)] ?? 0,
        max: degrees.at(-1) ?? 0,
      },
      load,
      plans,
      queries,
      memory,
    };
  } finally {
    for (const child of children) await stopChild(child);
    await db.close();
    await neo4j.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** One contender as the benchmark drives it. */
interface Contender {
  /** The answer to one parameter set, reduced for comparison, and the raw response (for its size). */
  answer(query: BenchQuery, index: number): Promise<{ answer: unknown; body: unknown; bytes: number }>;
  load(query: BenchQuery, options: LoadOptions): Promise<LoadStats>;
  stats(): Promise<ContenderStats>;
  reset(): Promise<void>;
}

// Private: asks every contender every parameter set and compares each answer with the raw one.
async function checkAnswers(query: BenchQuery, contenders: Record<ContenderName, Contender>) {
  const mismatches: string[] = [];
  let objects = 0;
  let bytes = 0;
  for (let index = 0; index < query.params.length; index += 1) {
    const answers = {} as Record<ContenderName, string>;
    for (const name of CONTENDERS) {
      try {
        const { answer, body, bytes: size } = await contenders[name].answer(query, index);
        answers[name] = JSON.stringify(answer);
        if (name === 'ours') {
          objects += countObjects(body);
          bytes += size;
        }
      } catch (error) {
        answers[name] = `error: ${(error as Error).message.slice(0, 300)}`;
      }
    }
    for (const name of ['raw-http', 'ours', 'peer'] as const) {
      if (answers[name] !== answers.raw) {
        mismatches.push(
          `${name} differs from raw for ${JSON.stringify(query.params[index])}: ${answers[name]?.slice(0, 400)} vs ${answers.raw?.slice(0, 400)}`,
        );
      }
    }
  }
  return { passed: mismatches.length === 0, mismatches, resultObjects: objects / query.params.length, resultBytes: bytes / query.params.length };
}

// Private: spawns a GraphQL contender and waits for its port.
async function startContender(kind: 'ours' | 'peer' | 'raw-http', uri: string): Promise<{ child: ChildProcess; contender: Contender }> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--expose-gc', join(BENCH_DIR, 'contender-server.ts'), kind, uri], {
    cwd: ROOT,
    // As `npm start` runs the server: graphql-js then skips its development-only checks (both GraphQL servers).
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolvePort, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /CONTENDER_READY (\d+)/.exec(output);
      if (ready) resolvePort(Number(ready[1]));
    });
    child.once('exit', (code) => reject(new Error(`The ${kind} contender exited (${code}) before it was ready: ${output}`)));
  });
  const base = `http://127.0.0.1:${port}`;
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const form = (query: BenchQuery) => (kind === 'ours' ? query.ours : kind === 'peer' ? query.peer : rawHttpForm(query));
  const endpoint = kind === 'raw-http' ? '/query' : '/graphql';
  const bodies = new Map<BenchQuery, string[]>();
  const bodiesOf = (query: BenchQuery) => {
    let list = bodies.get(query);
    if (!list) {
      list = query.params.map((params) => JSON.stringify({ query: form(query).document, variables: form(query).variables(params) }));
      bodies.set(query, list);
    }
    return list;
  };
  const post = async (path: string, body?: string) => httpCall(agent, `${base}${path}`, body);
  return {
    child,
    contender: {
      async answer(query, index) {
        const { status, text } = await post(endpoint, bodiesOf(query)[index]!);
        const parsed = JSON.parse(text) as { data?: unknown; errors?: { message: string }[] };
        if (status !== 200 || parsed.errors) throw new Error(`HTTP ${status}: ${text.slice(0, 300)}`);
        return { answer: form(query).answer(parsed.data), body: parsed.data, bytes: Buffer.byteLength(text) };
      },
      async load(query, loadOptions) {
        const list = bodiesOf(query);
        return runLoad(async (index) => {
          const { status, text } = await post(endpoint, list[index % list.length]!);
          if (status !== 200 || text.includes('"errors"')) throw new Error(`HTTP ${status}: ${text.slice(0, 300)}`);
        }, loadOptions);
      },
      async stats() {
        return JSON.parse((await post('/bench/stats')).text) as ContenderStats;
      },
      async reset() {
        await httpCall(agent, `${base}/bench/reset`, '', 'POST');
      },
    },
  };
}

// Private: forks the raw-Cypher runner and wraps its IPC in the Contender interface.
async function startRawRunner(uri: string): Promise<{ child: ChildProcess; contender: Contender; call(request: RawCommand): Promise<RawReply> }> {
  const child = fork(join(BENCH_DIR, 'raw-runner.ts'), [uri], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    cwd: ROOT,
    stdio: ['pipe', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, (reply: RawReply) => void>();
  let nextId = 1;
  await new Promise<void>((resolveReady, reject) => {
    child.once('message', () => resolveReady());
    child.once('exit', (code) => reject(new Error(`The raw-Cypher runner exited (${code}) before it was ready.`)));
  });
  child.on('message', (reply: RawReply) => pending.get(reply.id)?.(reply));
  const call = (request: RawCommand) =>
    new Promise<RawReply>((resolveReply, reject) => {
      const id = nextId++;
      pending.set(id, (reply) => {
        pending.delete(id);
        if (reply.error) reject(new Error(reply.error));
        else resolveReply(reply);
      });
      child.send({ ...request, id } as RawRequest);
    });
  return {
    child,
    call,
    contender: {
      async answer(query, index) {
        const { rows = [] } = await call({ type: 'answer', statement: query.raw.statement, params: query.raw.params(query.params[index]!) });
        return { answer: query.raw.answer(rows), body: rows, bytes: Buffer.byteLength(JSON.stringify(rows)) };
      },
      async load(query, loadOptions) {
        return (
          await call({ type: 'load', statement: query.raw.statement, paramSets: query.params.map((params) => query.raw.params(params)), options: loadOptions })
        ).load!;
      },
      async stats() {
        return (await call({ type: 'stats' })).stats!;
      },
      async reset() {
        await call({ type: 'reset' });
      },
    },
  };
}

// Private: one HTTP request on loopback; POST with a JSON body when one is given.
function httpCall(agent: Agent, url: string, body?: string, method = body === undefined ? 'GET' : 'POST'): Promise<{ status: number; text: string }> {
  return new Promise((resolveCall, reject) => {
    const request = httpRequest(
      url,
      {
        method,
        agent,
        headers:
          body === undefined
            ? {}
            : { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolveCall({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

// Private: SIGTERM and wait for the exit (SIGKILL after 10 s).
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolveExit) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolveExit();
    });
    child.kill('SIGTERM');
  });
}

// Private: the machine the numbers come from.
function describeMachine(): Record<string, string | number> {
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  return {
    os: `${osType()} ${release()}`,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    java: (java.stderr || java.stdout || '').split('\n')[0]?.trim() ?? 'unknown',
  };
}

// Private: the installed version of a dependency.
function packageVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) fail(`--${name} must be a positive number, but got "${value}".`);
  return value;
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
