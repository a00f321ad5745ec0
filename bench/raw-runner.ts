/**
 * The raw-Cypher contender (the floor) in its own process: the hand-written statements of
 * raw-statements.ts through neo4j-driver, one auto-commit read transaction per request, the fastest way
 * a minimal application can run them. There is no HTTP server, so the load loop runs here and run-bench.ts drives it over
 * IPC (`fork`). It imports neo4j-driver itself on purpose: the point is the driver without this project.
 */
import neo4j from 'neo4j-driver';
import { toPlain } from '../src/db/database.ts';
import type { ContenderStats } from './contender-server.ts';
import { runLoad, type LoadOptions, type LoadStats } from './load-loop.ts';

/** What run-bench.ts asks: one answer (for the gate), a load run, memory stats, or a reset of the counters. */
export type RawCommand =
  | { type: 'answer'; statement: string; params: Record<string, unknown> }
  | { type: 'load'; statement: string; paramSets: Record<string, unknown>[]; options: LoadOptions }
  | { type: 'stats' }
  | { type: 'reset' };
/** A command with the id its reply carries back. */
export type RawRequest = RawCommand & { id: number };

/** Replies: rows (as plain JSON), load stats, memory stats, or an error message. */
export type RawReply = { id: number; rows?: unknown[]; load?: LoadStats; stats?: ContenderStats; error?: string };

const uri = process.argv[2];
if (!uri || !process.send) {
  console.error('Usage: fork("bench/raw-runner.ts", [<bolt uri>]) from run-bench.ts.');
  process.exit(2);
}
const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', ''), { maxConnectionPoolSize: 64, userAgent: 'vcg-bench-raw/1' });
let statements = 0;
const texts = new Set<string>();

const run = async (statement: string, params: Record<string, unknown>) => {
  const session = driver.session({ defaultAccessMode: neo4j.session.READ });
  try {
    statements += 1;
    texts.add(statement);
    // One auto-commit transaction: RUN and PULL in one round trip, as this server's reads run (a managed
    // transaction, executeRead, adds a BEGIN and a COMMIT round trip).
    return await session.run(statement, params, { timeout: 60_000 });
  } finally {
    await session.close();
  }
};

process.on('message', async (request: RawRequest) => {
  const reply = (body: Omit<RawReply, 'id'>) => process.send!({ id: request.id, ...body });
  try {
    switch (request.type) {
      case 'answer': {
        const result = await run(request.statement, request.params);
        reply({ rows: result.records.map((record) => toPlain(record.toObject())) });
        break;
      }
      case 'load': {
        const { statement, paramSets, options } = request;
        const load = await runLoad(async (index) => {
          const result = await run(statement, paramSets[index % paramSets.length]!);
          result.records.map((record) => record.toObject());
        }, options);
        reply({ load });
        break;
      }
      case 'stats': {
        const memory = process.memoryUsage();
        reply({
          stats: {
            statements,
            distinctTexts: texts.size,
            rssBytes: memory.rss,
            heapUsedBytes: memory.heapUsed,
            maxRssBytes: process.resourceUsage().maxRSS * 1024,
          },
        });
        break;
      }
      case 'reset':
        statements = 0;
        texts.clear();
        (globalThis as { gc?: () => void }).gc?.();
        reply({});
        break;
    }
  } catch (error) {
    reply({ error: (error as Error).message });
  }
});
process.on('disconnect', () => void driver.close().finally(() => process.exit(0)));
process.send({ id: 0, ready: true });
