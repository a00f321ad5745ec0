/**
 * Where a contender's time goes, without HTTP: for every query of the mix, each contender's own Cypher
 * (this server's captured from a real request through its schema, @neo4j/graphql's captured from its
 * driver, the raw statements as written) replayed through neo4j-driver one at a time, with its PROFILE
 * (database hits, rows) and its median round trip. A gap between this server and the peer that shows here is
 * in the statement; one that does not is in the layers above it. Not a test; prints a table.
 *
 *   node --import tsx bench/statement-cost.ts [--scale=10k] [--runs=200] [--uri=bolt://…] [--hold]
 *
 * Without --uri it starts an embedded Neo4j and loads the benchmark graph (seed 20240601); with --uri the
 * graph must already be loaded at that scale and seed. --hold keeps the started Neo4j up and prints its URI;
 * --dump=<dir> writes each contender's statements and parameters there as JSON.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Neo4jGraphQL } from '@neo4j/graphql';
import { graphql } from 'graphql';
import neo4j, { type Driver } from 'neo4j-driver';
import { applySchema } from '../src/db/apply-schema.ts';
import { GeneratedCypher, cypher } from '../src/db/cypher-registry.ts';
import { createDatabase, type Database } from '../src/db/database.ts';
import { startEmbeddedNeo4j } from '../src/db/embedded-neo4j.ts';
import { createLogger } from '../src/logger.ts';
import { createServer } from '../src/server.ts';
import { generateGraph, parseScale } from './generate-graph.ts';
import { loadGraph } from './load-graph.ts';
import { PEER_TYPE_DEFS } from './peer-type-defs.ts';
import { createQueryMix, type BenchQuery } from './query-mix.ts';
import { watchStatements } from './watch-statements.ts';

const { values: options } = parseArgs({
  options: {
    scale: { type: 'string', default: '10k' },
    runs: { type: 'string', default: '200' },
    seed: { type: 'string', default: '20240601' },
    uri: { type: 'string' },
    hold: { type: 'boolean', default: false },
    queries: { type: 'string' },
    dump: { type: 'string' },
  },
});
const runs = Number(options.runs);
const seed = Number(options.seed);
const graph = generateGraph(parseScale(options.scale), seed);
let uri = options.uri;
let stop: () => Promise<void> = async () => undefined;
if (!uri) {
  const started = await startEmbeddedNeo4j({ dataDir: mkdtempSync(join(tmpdir(), 'vcg-cost-neo4j-')), heapMb: 4096, pageCacheMb: 1024, log: console.error });
  uri = started.uri;
  stop = () => started.stop();
  const db = createDatabase({ uri, txTimeoutMs: 600_000 });
  await applySchema(db);
  await loadGraph(db, graph, console.error);
  await db.write('await-indexes');
  await db.close();
}
const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', ''), { maxConnectionPoolSize: 8 });
const mix = createQueryMix(graph, seed).filter((query) => !options.queries || options.queries.split(',').includes(query.name));

type Captured = { text: string; params: Record<string, unknown> };

console.log('| query | contender | statements | db hits | rows | median ms | p90 ms |');
console.log('|---|---|--:|--:|--:|--:|--:|');
for (const query of mix) {
  const forms: [string, Captured[]][] = [
    ['raw', [{ text: query.raw.statement, params: query.raw.params(query.params[0]!) }]],
    ['ours', await captureOurs(uri, query)],
    ['peer', await capturePeer(driver, query)],
  ];
  if (options.dump) {
    mkdirSync(options.dump, { recursive: true });
    for (const [contender, statements] of forms)
      writeFileSync(
        join(options.dump, `${query.name}-${contender}.json`),
        JSON.stringify(statements.map((statement, index) => ({ name: `${contender}${index}`, ...statement }))),
      );
  }
  for (const [contender, statements] of forms) {
    let hits = 0;
    let rows = 0;
    for (const statement of statements) {
      const profile = await profileOf(driver, statement);
      hits += profile.hits;
      rows += profile.rows;
    }
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
      const started = performance.now();
      for (const statement of statements) await readOnce(driver, statement);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(times.length * q))]!.toFixed(2);
    console.log(`| ${query.name} | ${contender} | ${statements.length} | ${hits} | ${rows} | ${at(0.5)} | ${at(0.9)} |`);
  }
}
if (process.env.VCG_PRINT_STATEMENTS) {
  for (const query of mix) for (const statement of await captureOurs(uri, query)) console.error(`--- ours ${query.name}\n${statement.text}\n`);
}
await driver.close();
if (options.hold) console.error(`Neo4j is up at ${uri}; Ctrl-C stops it.`);
else await stop();

// Private: the statements this server runs for the query's first parameter set, with their parameters.
async function captureOurs(boltUri: string, query: BenchQuery): Promise<Captured[]> {
  const db = createDatabase({ uri: boltUri, txTimeoutMs: 60_000 });
  const captured: Captured[] = [];
  const capturing: Database = {
    ...db,
    read: (name, params = {}, slots) => {
      captured.push({ text: cypher(name, slots), params });
      return db.read(name, params, slots);
    },
    readGenerated: (statement, params = {}) => {
      if (statement instanceof GeneratedCypher) captured.push({ text: statement.text, params });
      return db.readGenerated(statement, params);
    },
  };
  const yoga = createServer({ db: capturing, logger: createLogger('silent'), graphiql: false });
  const response = await yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: query.ours.document, variables: query.ours.variables(query.params[0]!) }),
  });
  const body = (await response.json()) as { errors?: unknown[] };
  if (body.errors) throw new Error(`ours ${query.name}: ${JSON.stringify(body.errors)}`);
  await db.close();
  return captured;
}

// Private: the statements @neo4j/graphql runs for the query's first parameter set (executed in-process).
async function capturePeer(boltDriver: Driver, query: BenchQuery): Promise<Captured[]> {
  const captured: Captured[] = [];
  const recording = watchStatements(boltDriver, (text, params) => captured.push({ text, params: params ?? {} }));
  const schema = await new Neo4jGraphQL({ typeDefs: PEER_TYPE_DEFS, driver: recording }).getSchema();
  const result = await graphql({ schema, source: query.peer.document, variableValues: query.peer.variables(query.params[0]!), contextValue: {} });
  if (result.errors) throw new Error(`peer ${query.name}: ${JSON.stringify(result.errors)}`);
  return captured;
}

// Private: one read transaction running the statement.
async function readOnce(boltDriver: Driver, statement: Captured) {
  const session = boltDriver.session({ defaultAccessMode: neo4j.session.READ });
  try {
    return await session.executeRead((tx) => tx.run(statement.text, statement.params));
  } finally {
    await session.close();
  }
}

// Private: the statement's PROFILE: database hits summed over its plan, and the rows it returned.
async function profileOf(boltDriver: Driver, statement: Captured): Promise<{ hits: number; rows: number }> {
  const result = await readOnce(boltDriver, { ...statement, text: `PROFILE ${statement.text}` });
  let hits = 0;
  const walk = (plan: { dbHits: number; children: unknown[] }) => {
    hits += Number(plan.dbHits);
    for (const child of plan.children) walk(child as typeof plan);
  };
  walk(result.summary.profile as never);
  return { hits, rows: result.records.length };
}
