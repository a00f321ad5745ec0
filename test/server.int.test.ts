import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('the GraphQL endpoint over HTTP', () => {
  it('answers { __typename }', async () => {
    const response = await server.query('{ __typename }');
    expect(response.status).toBe(200);
    expect(response.data).toEqual({ __typename: 'Query' });
  });

  it('resolves node(id) to the typed entity with its sources', async () => {
    const response = await server.query(`{
      node(id: "actor:maros-sefcovic") {
        __typename id
        ... on Actor { name kind side sources { id } }
      }
    }`);
    expect(response.errors).toBeUndefined();
    expect(response.data?.node).toMatchObject({ __typename: 'Actor', id: 'actor:maros-sefcovic', kind: 'PERSON', side: 'EU' });
    expect(response.data?.node.name).toMatch(/Šefčovič/);
    expect(response.data?.node.sources.length).toBeGreaterThan(0);
  });

  it('returns null for an unknown id', async () => {
    const response = await server.query('{ node(id: "actor:nobody") { id } }');
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ node: null });
  });

  it('batches nodes(ids) into one (planned) statement and keeps the order asked, null for unknown ids', async () => {
    server.statements.length = 0;
    const ids = ['place:kazakhstan', 'actor:nobody', 'agreement:epca', 'actor:valdis-dombrovskis'];
    const response = await server.query('query ($ids: [ID!]!) { nodes(ids: $ids) { id __typename } }', { ids });
    expect(response.data?.nodes).toEqual([
      { id: 'place:kazakhstan', __typename: 'Place' },
      null,
      { id: 'agreement:epca', __typename: 'Agreement' },
      { id: 'actor:valdis-dombrovskis', __typename: 'Actor' },
    ]);
    expect(server.statements).toEqual(['planner:nodes']);
  });

  it('rejects more than 100 ids with BAD_USER_INPUT naming the argument', async () => {
    const ids = Array.from({ length: 101 }, (_, index) => `actor:a${index}`);
    const response = await server.query('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids });
    expect(response.errors?.[0]?.message).toBe('Argument "ids" takes at most 100 ids, but got 101.');
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('serves /healthz and /readyz', async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('serves GraphiQL to a browser', async () => {
    const page = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/graphiql/i);
  });
});
