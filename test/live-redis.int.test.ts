/**
 * Many instances: two server processes (as `npm start` runs them, on the test Neo4j) and one real
 * Redis. A subscriber on one gets the writes made through the other, in order; a cached answer on one is
 * dropped by a write through the other; with Redis killed, reads go on uncached and subscribers get an
 * error event; when Redis is back both recover without a restart.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createClient, type Client } from 'graphql-sse';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { removeEntities } from '../src/records/write-records.ts';
import { connectTestDatabase } from './helpers.ts';
import { startTestRedis, type TestRedis } from './redis-server.ts';

const EDITOR_KEY = 'redis-editor-key-0123456789abcdef';
const editor = { authorization: `Bearer ${EDITOR_KEY}` };
const SOURCE = 'source:test-redis-report';
const IDS = ['actor:test-redis-a', 'actor:test-redis-probe', SOURCE];

interface Instance {
  child: ChildProcess;
  url: string;
}

let redis: TestRedis;
let one: Instance;
let other: Instance;
const clients: Client[] = [];
const db = connectTestDatabase();

function startInstance(): Promise<Instance> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/start.ts'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      HOST: '127.0.0.1',
      PORT: '0',
      NEO4J_URI: inject('neo4jUri'),
      NEO4J_USER: inject('neo4jUser'),
      NEO4J_PASSWORD: inject('neo4jPassword'),
      SEED_ON_EMPTY: 'false',
      REDIS_URL: redis.url,
      RESPONSE_CACHE_TTL_MS: '60000',
      API_KEYS: `redis-editor:editor:${EDITOR_KEY}`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const serving = /"url":"(http:\/\/[^"]+)\/graphql"/.exec(output);
      if (serving?.[1]) resolve({ child, url: serving[1] });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the server exited with ${code} before serving:\n${output}`)));
  });
}

async function post(instance: Instance, query: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${instance.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
}

async function data(instance: Instance, query: string, headers: Record<string, string> = {}): Promise<any> {
  const body = (await (await post(instance, query, headers)).json()) as { data?: unknown; errors?: unknown[] };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data;
}

const rename = (instance: Instance, id: string, name: string) =>
  data(
    instance,
    `mutation { upsertEntity(input: { type: Actor, id: "${id}", name: "${name}", confidence: LOW, properties: { kind: "company", side: "EU" } },
                evidence: { newSource: { id: "${SOURCE}", title: "Test redis report", url: "https://example.org/redis", language: "en", confidence: HIGH } }) { changed } }`,
    editor,
  );

/**
 * Subscribes on `instance` to changes of the probe and `ids`, and returns once the subscription is
 * proven open: a probe write (through `writer`) has come back as an event. Probe events are skipped after.
 */
async function subscribeProven(instance: Instance, writer: Instance, ids: string[]) {
  const client = createClient({ url: `${instance.url}/graphql`, retryAttempts: 0 });
  clients.push(client);
  const iterator = client.iterate<{ entityChanged: { id: string; change: string; by: string } }>({
    query: `subscription { entityChanged(ids: ${JSON.stringify(['actor:test-redis-probe', ...ids])}) { id change by } }`,
  });
  const first = iterator.next();
  let arrived = false;
  void first.then(
    () => (arrived = true),
    () => (arrived = true),
  );
  for (let round = 0; !arrived && round < 100; round++) {
    await rename(writer, 'actor:test-redis-probe', `Probe ${Date.now()} ${round}`);
    await Promise.race([first, new Promise((resolve) => setTimeout(resolve, 100))]);
  }
  const firstEvent = await first;
  expect(firstEvent.value, 'the probe event').toMatchObject({ data: { entityChanged: { id: 'actor:test-redis-probe' } } });
  return {
    iterator,
    /** The next event that is not about the probe. */
    async next() {
      for (;;) {
        const next = await iterator.next();
        if (next.done || next.value.data?.entityChanged.id !== 'actor:test-redis-probe') return next;
      }
    },
  };
}

beforeAll(async () => {
  redis = await startTestRedis();
  await removeEntities(db, IDS);
  [one, other] = await Promise.all([startInstance(), startInstance()]);
}, 120_000);
afterAll(async () => {
  for (const client of clients) client.dispose();
  for (const instance of [one, other]) instance?.child.kill('SIGTERM');
  await redis?.stop();
  await removeEntities(db, IDS);
  await db.close();
});

describe('two instances and one Redis', () => {
  it('a subscriber on one instance receives the writes made through the other, in order', async () => {
    const subscription = await subscribeProven(one, other, ['actor:test-redis-a']);
    for (const name of ['Test Redis A', 'Test Redis A1', 'Test Redis A2']) await rename(other, 'actor:test-redis-a', name);
    const events = [await subscription.next(), await subscription.next(), await subscription.next()].map((next) => next.value?.data?.entityChanged);
    expect(events).toEqual([
      { id: 'actor:test-redis-a', change: 'CREATED', by: 'api-key:redis-editor' },
      { id: 'actor:test-redis-a', change: 'UPDATED', by: 'api-key:redis-editor' },
      { id: 'actor:test-redis-a', change: 'UPDATED', by: 'api-key:redis-editor' },
    ]);
    await subscription.iterator.return?.();
  });

  it('a cached answer on one instance is dropped by a write through the other', async () => {
    const query = '{ entity(id: "actor:test-redis-a") { id name } }';
    await rename(other, 'actor:test-redis-a', 'Cached Name');
    const etag = await cachedEtag(one, query);
    expect(await data(one, query)).toEqual({ entity: { id: 'actor:test-redis-a', name: 'Cached Name' } });

    await rename(other, 'actor:test-redis-a', 'Fresh Name');
    expect((await post(one, query, { 'if-none-match': etag })).status).toBe(200);
    expect(await data(one, query)).toEqual({ entity: { id: 'actor:test-redis-a', name: 'Fresh Name' } });
  });

  it('with Redis killed, reads go on uncached and subscribers get an error; both recover when it is back', async () => {
    const query = '{ entity(id: "actor:test-redis-a") { id name } }';
    const subscription = await subscribeProven(one, other, ['actor:test-redis-a']);
    const pending = subscription.next();

    await redis.kill();
    const ended = await pending.then(
      (next) => next.value,
      (error: unknown) => ({ thrown: String(error) }),
    );
    expect(JSON.stringify(ended)).toMatch(/SERVICE_UNAVAILABLE|change feed is unavailable/);

    await rename(other, 'actor:test-redis-a', 'Written During Outage');
    expect(await data(one, query)).toEqual({ entity: { id: 'actor:test-redis-a', name: 'Written During Outage' } });
    const response = await post(one, query);
    expect(response.status).toBe(200);
    const etag = response.headers.get('etag') ?? 'none';
    expect((await post(one, query, { 'if-none-match': etag })).status, 'answers are not cached while Redis is down').toBe(200);

    await redis.restart();
    const recovered = await subscribeWhenBack(one, other);
    await rename(other, 'actor:test-redis-a', 'After Outage');
    expect((await recovered.next()).value?.data?.entityChanged).toEqual({ id: 'actor:test-redis-a', change: 'UPDATED', by: 'api-key:redis-editor' });
    expect(await cachedEtag(one, query)).toBeTruthy();
    expect(await data(one, query)).toEqual({ entity: { id: 'actor:test-redis-a', name: 'After Outage' } });
    await recovered.iterator.return?.();
  });
});

// Private: asks until the answer is cached (the first read stores it; the cache may still be coming back)
// and returns its ETag, proven by a 304 for If-None-Match.
async function cachedEtag(instance: Instance, query: string): Promise<string> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const etag = (await post(instance, query)).headers.get('etag');
    if (etag && (await post(instance, query, { 'if-none-match': etag })).status === 304) return etag;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`"${query}" was never answered from the cache of ${instance.url}.`);
}

// Private: subscribes again until the instance accepts (it refuses while its Redis is not back).
async function subscribeWhenBack(instance: Instance, writer: Instance) {
  let lastError: unknown;
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      return await subscribeProven(instance, writer, ['actor:test-redis-a']);
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw lastError;
}
