/**
 * Subscriptions over SSE (a real graphql-sse client) and the response cache, in one server process with
 * the in-memory change feed: events only after commits, none for dry runs or failed writes; cached
 * answers dropped by exactly the entities a write touched; ETag and 304; limits and auth.
 */
import { createClient, type Client } from 'graphql-sse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSubscriptionLimiter } from '../src/live/subscription-limiter.ts';
import { removeEntities } from '../src/records/write-records.ts';
import { startTestServer, type TestServer } from './helpers.ts';

const EDITOR_KEY = 'live-editor-key-0123456789abcdef';
const VIEWER_KEY = 'live-viewer-key-0123456789abcdef';
const editor = { authorization: `Bearer ${EDITOR_KEY}` };
const auth = {
  apiKeys: [
    { name: 'live-editor', role: 'editor' as const, key: EDITOR_KEY },
    { name: 'live-viewer', role: 'viewer' as const, key: VIEWER_KEY },
  ],
};
const TEST_IDS = ['actor:test-live-a', 'actor:test-live-b', 'source:test-live-report'];
const newSource = { id: 'source:test-live-report', title: 'Test live report', url: 'https://example.org/live', language: 'en', confidence: 'HIGH' };

const UPSERT = `mutation ($input: EntityInput!, $evidence: EvidenceInput!) { upsertEntity(input: $input, evidence: $evidence) { changed } }`;
const actor = (id: string, name: string) => ({ type: 'Actor', id, name, confidence: 'MEDIUM', properties: { kind: 'company', side: 'KZ' } });

let server: TestServer;
const limiter = createSubscriptionLimiter({ perClient: 3, total: 100 });
const clients: Client[] = [];
beforeAll(async () => {
  server = await startTestServer({ auth, server: { responseCacheTtlMs: 60_000, subscriptionLimiter: limiter } });
  await removeEntities(server.db, TEST_IDS);
  const write = await server.query(UPSERT, { input: actor('actor:test-live-b', 'Test Live B'), evidence: { newSource } }, editor);
  expect(write.errors).toBeUndefined();
});
afterAll(async () => {
  for (const client of clients) client.dispose();
  await removeEntities(server.db, TEST_IDS);
  await server.close();
});

function sseClient(headers: Record<string, string> = {}): Client {
  const client = createClient({ url: `${server.url}/graphql`, headers, retryAttempts: 0 });
  clients.push(client);
  return client;
}

describe('subscriptions over SSE', () => {
  it('sends entity and relationship events after each commit, with kind, author, time and sources', async () => {
    const client = sseClient();
    const entities = client.iterate<Record<string, any>>({
      query: 'subscription { entityChanged(ids: ["actor:test-live-a"]) { change id type by at sourceIds } }',
    });
    const links = client.iterate<Record<string, any>>({
      query: 'subscription { relationshipChanged(types: [MET], ids: ["actor:test-live-a"]) { change id type from to key by sourceIds } }',
    });
    const nextEntity = entities.next();
    const nextLink = links.next();
    await waitForSubscribers(2);

    // A dry run and a failing write send nothing: the first event is the real write that follows.
    const dryRun = await server.query(
      `mutation { importRecords(format: JSONL, dryRun: true, data: ${JSON.stringify(JSON.stringify({ ...actor('actor:test-live-a', 'Dry'), confidence: 'medium', kind: 'company', side: 'KZ', sourceIds: ['source:test-live-report'] }))}) { dryRun } }`,
      {},
      editor,
    );
    expect(dryRun.errors).toBeUndefined();
    const failing = await server.query(UPSERT, { input: actor('actor:test-live-a', 'A'), evidence: { sourceIds: ['source:no-such-source'] } }, editor);
    expect(failing.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const created = await server.query(
      UPSERT,
      { input: actor('actor:test-live-a', 'Test Live A'), evidence: { sourceIds: ['source:test-live-report'] } },
      editor,
    );
    expect(created.errors).toBeUndefined();
    const event = (await nextEntity).value;
    expect(event.data.entityChanged).toEqual({
      change: 'CREATED',
      id: 'actor:test-live-a',
      type: 'Actor',
      by: 'api-key:live-editor',
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      sourceIds: ['source:test-live-report'],
    });

    await server.query(UPSERT, { input: actor('actor:test-live-a', 'Test Live A renamed'), evidence: { sourceIds: ['source:test-live-report'] } }, editor);
    expect((await entities.next()).value.data.entityChanged).toMatchObject({ change: 'UPDATED', id: 'actor:test-live-a' });

    const link = await server.query(
      'mutation { link(input: { type: MET, from: "actor:test-live-a", to: "actor:test-live-b", confidence: LOW, properties: { topic: "test" } }, evidence: { sourceIds: ["source:test-live-report"] }) { created } }',
      {},
      editor,
    );
    expect(link.errors).toBeUndefined();
    expect((await nextLink).value.data.relationshipChanged).toEqual({
      change: 'CREATED',
      id: 'actor:test-live-a|MET|actor:test-live-b',
      type: 'MET',
      from: 'actor:test-live-a',
      to: 'actor:test-live-b',
      key: null,
      by: 'api-key:live-editor',
      sourceIds: ['source:test-live-report'],
    });

    const deleted = await server.query('mutation { deleteEntity(id: "actor:test-live-a") { relationshipsDeleted } }', {}, editor);
    expect(deleted.data?.deleteEntity).toEqual({ relationshipsDeleted: 1 });
    expect((await entities.next()).value.data.entityChanged).toMatchObject({ change: 'DELETED', id: 'actor:test-live-a' });
    expect((await links.next()).value.data.relationshipChanged).toMatchObject({ change: 'DELETED', id: 'actor:test-live-a|MET|actor:test-live-b' });
    await entities.return?.();
    await links.return?.();
  });

  it('caps open subscriptions per caller', async () => {
    const client = sseClient({ authorization: `Bearer ${VIEWER_KEY}` });
    const open = [1, 2, 3].map(() => client.iterate({ query: 'subscription { entityChanged { id } }' }));
    const pending = open.map((iterator) => iterator.next());
    await waitForSubscribers(3);
    // A plain SSE request gets the error as its one event; graphql-sse's client sees the HTTP 429.
    const refused = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${VIEWER_KEY}` },
      body: JSON.stringify({ query: 'subscription { entityChanged { id } }' }),
    });
    const message = '"api-key:live-viewer" already has 3 open subscriptions, the most one caller may have (MAX_SUBSCRIPTIONS_PER_CLIENT=3); close one first.';
    const body = await refused.text();
    expect(body).toContain(JSON.stringify(message));
    expect(body).toContain('"code":"TOO_MANY_SUBSCRIPTIONS"');
    await expect(client.iterate({ query: 'subscription { entityChanged { id } }' }).next()).rejects.toThrow('429');
    for (const iterator of open) await iterator.return?.();
    void pending;
  });

  it('needs a token when reads do', async () => {
    const closed = await startTestServer({ auth: { ...auth, readsRequireAuth: true } });
    try {
      const refused = await fetch(`${closed.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({ query: 'subscription { entityChanged { id } }' }),
      });
      expect(refused.status).toBe(401);
      expect(await refused.text()).toContain('Reads need a bearer token (an API key or a JWT) on this server.');
      const client = createClient({ url: `${closed.url}/graphql`, retryAttempts: 0, headers: { authorization: `Bearer ${VIEWER_KEY}` } });
      const iterator = client.iterate({ query: 'subscription { entityChanged { id } }' });
      const next = iterator.next();
      await new Promise((resolve) => setTimeout(resolve, 0));
      await iterator.return?.();
      await next.catch(() => undefined);
      client.dispose();
    } finally {
      await closed.close();
    }
  });
});

describe('response cache', () => {
  const QUERY = '{ entity(id: "actor:test-live-b") { id name ... on Actor { relationships { totalCount } } } }';

  it('answers a repeated entity query from the cache and drops it when a write touches one of its entities', async () => {
    const first = await server.data(QUERY);
    server.statements.length = 0;
    expect(await server.data(QUERY)).toEqual(first);
    expect(server.statements).toEqual([]);

    // A link to B (from an entity not in the answer) touches B: the answer is computed again.
    await server.query(UPSERT, { input: actor('actor:test-live-a', 'Test Live A'), evidence: { sourceIds: ['source:test-live-report'] } }, editor);
    await server.query(
      'mutation { link(input: { type: MET, from: "actor:test-live-a", to: "actor:test-live-b", confidence: LOW }, evidence: { sourceIds: ["source:test-live-report"] }) { created } }',
      {},
      editor,
    );
    server.statements.length = 0;
    const after = await server.data(QUERY);
    expect(server.statements.length).toBeGreaterThan(0);
    expect(after.entity.relationships.totalCount).toBe(first.entity.relationships.totalCount + 1);
  });

  it('answers If-None-Match with 304 while the answer is cached', async () => {
    await server.data(QUERY);
    const cached = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: QUERY }),
    });
    const etag = cached.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'if-none-match': etag! },
      body: JSON.stringify({ query: QUERY }),
    });
    expect(again.status).toBe(304);
  });

  it('never caches errors, unknown ids, or collections', async () => {
    for (const query of [
      '{ entity(id: "actor:test-live-none") { id } }',
      '{ node(id: "actor:test-live-none") { id } }',
      '{ actors(first: 1) { nodes { id } } }',
    ]) {
      await server.query(query);
      server.statements.length = 0;
      await server.query(query);
      expect(server.statements.length, query).toBeGreaterThan(0);
    }
  });
});

/** Resolves once the server has `count` subscriptions open (the limiter counts them as they start). */
async function waitForSubscribers(count: number): Promise<void> {
  while (limiter.open() < count) await new Promise((resolve) => setTimeout(resolve, 10));
}
