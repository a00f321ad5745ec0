/**
 * The asOf rule (src/model/validity.ts) on the curated data: who held an office on a day across 2022–2025,
 * with and without includeUncertain, successions that end a term, attestations that fill a missing bound,
 * and timeless links that hold on every day. Through HTTP against the real Neo4j.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const HOLDERS = `query ($id: ID!, $day: Date, $all: Boolean) { entity(id: $id) { ... on Actor {
  officeHolders(asOf: $day, includeUncertain: $all, first: 100) { edges { validity node { id } } } } } }`;

/** The holders of offices in `body` on `day` as `id:VALIDITY`, sorted. */
async function holders(body: string, day: string, includeUncertain = false): Promise<string[]> {
  const data = await server.data(HOLDERS, { id: body, day, all: includeUncertain });
  return (data.entity.officeHolders.edges as { validity: string; node: { id: string } }[]).map((edge) => `${edge.node.id}:${edge.validity}`).sort();
}

describe('office holders of the Government of Kazakhstan', () => {
  const government = 'actor:government-of-kazakhstan';

  it("on 2023-05-19: Nurtleu's appointment (2023-04-03) ended Tileuberdi's and Idrissov's terms, even with includeUncertain", async () => {
    expect(await holders(government, '2023-05-19')).toEqual([
      'actor:alikhan-smailov:STATED',
      'actor:galymzhan-koishybayev:ATTESTED',
      'actor:kassym-jomart-tokayev:ATTESTED',
      'actor:murat-nurtleu:STATED',
    ]);
    expect(await holders(government, '2023-05-19', true)).toEqual([
      'actor:alikhan-smailov:STATED',
      'actor:bolat-akchulakov:UNCERTAIN',
      'actor:galymzhan-koishybayev:ATTESTED',
      'actor:kassym-jomart-tokayev:ATTESTED',
      'actor:murat-nurtleu:STATED',
    ]);
  });

  it("on 2024-03-01: Bektenov is PM by his appointment and an attestation of 2024-06-18; Smailov's term had ended", async () => {
    expect(await holders(government, '2024-03-01')).toEqual([
      'actor:galymzhan-koishybayev:ATTESTED',
      'actor:kassym-jomart-tokayev:ATTESTED',
      'actor:murat-nurtleu:STATED',
      'actor:olzhas-bektenov:ATTESTED',
    ]);
  });

  it('on 2025-10-01: Kosherbayev succeeded Nurtleu (2025-09-26); open terms with no later evidence are uncertain', async () => {
    expect(await holders(government, '2025-10-01')).toEqual([
      'actor:galymzhan-koishybayev:ATTESTED',
      'actor:kassym-jomart-tokayev:ATTESTED',
      'actor:yermek-kosherbayev:ATTESTED',
    ]);
    expect(await holders(government, '2025-10-01', true)).toEqual([
      'actor:bolat-akchulakov:UNCERTAIN',
      'actor:galymzhan-koishybayev:ATTESTED',
      'actor:kassym-jomart-tokayev:ATTESTED',
      'actor:murat-nurtleu:UNCERTAIN',
      'actor:olzhas-bektenov:UNCERTAIN',
      'actor:yermek-kosherbayev:ATTESTED',
    ]);
  });

  it('without asOf every link is returned and validity is null', async () => {
    const data = await server.data(
      '{ entity(id: "actor:government-of-kazakhstan") { ... on Actor { officeHolders(first: 100) { totalCount edges { validity } } } } }',
    );
    expect(data.entity.officeHolders.totalCount).toBe(12);
    expect(new Set(data.entity.officeHolders.edges.map((edge: { validity: null }) => edge.validity))).toEqual(new Set([null]));
  });
});

describe('office holders of EU posts', () => {
  it("the EU Delegation: Jankauskas until Simkić's appointment (September 2024), then Simkić by attestation", async () => {
    expect(await holders('actor:eu-delegation-to-kazakhstan', '2022-06-01')).toEqual(['actor:kestutis-jankauskas:STATED']);
    expect(await holders('actor:eu-delegation-to-kazakhstan', '2024-08-31')).toEqual(['actor:kestutis-jankauskas:STATED']);
    expect(await holders('actor:eu-delegation-to-kazakhstan', '2024-10-01')).toEqual(['actor:aleska-simkic:ATTESTED']);
    expect(await holders('actor:eu-delegation-to-kazakhstan', '2025-06-01', true)).toEqual(['actor:aleska-simkic:UNCERTAIN']);
  });

  it('the European Council: Michel (attested 2022-10-27) until Costa took office on 2024-12-01', async () => {
    expect(await holders('actor:european-council', '2023-06-01')).toEqual(['actor:charles-michel:ATTESTED']);
    expect(await holders('actor:european-council', '2024-11-30')).toEqual(['actor:charles-michel:ATTESTED']);
    expect(await holders('actor:european-council', '2025-01-15', true)).toEqual(['actor:antonio-costa:STATED']);
  });
});

describe('links of other temporalities', () => {
  it('timeless links (INPUT_TO) hold on every day, as STATED', async () => {
    const query = 'query ($day: Date) { entity(id: "material:lithium") { relationships(types: [INPUT_TO], asOf: $day) { edges { validity node { id } } } } }';
    const without = await server.data('{ entity(id: "material:lithium") { relationships(types: [INPUT_TO]) { edges { node { id } } } } }');
    const on = await server.data(query, { day: '2022-01-01' });
    expect(on.entity.relationships.edges.length).toBe(without.entity.relationships.edges.length);
    expect(on.entity.relationships.edges.length).toBeGreaterThan(0);
    expect(new Set(on.entity.relationships.edges.map((edge: { validity: string }) => edge.validity))).toEqual(new Set(['STATED']));
  });

  it('a path through an office is found only on days the office is known to hold', async () => {
    const query =
      'query ($day: Date) { shortestPath(from: "actor:mukhtar-tileuberdi", to: "actor:murat-nurtleu", relationshipTypes: [HOLDS_OFFICE], asOf: $day, maxHops: 2) { length relationships { validity } } }';
    expect((await server.data(query, { day: '2023-05-19' })).shortestPath).toBeNull();
    expect((await server.data(query, {})).shortestPath).toMatchObject({ length: 2, relationships: [{ validity: null }, { validity: null }] });
  });
});
