/**
 * The planner (src/planner): one statement per root field whatever the depth, the same answers as the
 * resolvers' loaders, and root fields of one shape batched into one statement. Through real HTTP against
 * the real Neo4j with the curated data; the fallback is the same server with the planner switched off.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers.ts';

let planned: TestServer;
let fallback: TestServer;
beforeAll(async () => {
  planned = await startTestServer();
  fallback = await startTestServer({ planner: false });
});
afterAll(async () => {
  await planned?.close();
  await fallback?.close();
});

/** Runs `query` on both servers; returns the planned response and the statements it ran. */
async function compare(query: string, variables?: Record<string, unknown>) {
  planned.statements.length = 0;
  const [mine, theirs] = await Promise.all([planned.query(query, variables), fallback.query(query, variables)]);
  expect(mine.errors, JSON.stringify(mine.errors)).toBeUndefined();
  expect(mine).toEqual(theirs);
  return { response: mine, statements: [...planned.statements] };
}

describe('the planner', () => {
  it('answers a nested node query like the loaders, in one statement', async () => {
    const { response, statements } = await compare(`{
      node(id: "actor:maros-sefcovic") {
        id __typename
        ... on Actor { name kind side confidence nameDe: name(lang: DE) names { language value } sources { id title url }
          offices(first: 2) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
            edges { cursor type direction title validFrom validTo key confidence sources { title } node { id name ... on Actor { kind } } } }
          relationships(first: 3) { totalCount nodes { __typename id name } edges { type node { id relationships(first: 2) { totalCount edges { node { id } } } } } } }
      } }`);
    expect(response.data?.node.id).toBe('actor:maros-sefcovic');
    expect(statements).toEqual(['planner:nodes']);
  });
});
