/**
 * The analysts' API over HTTP on the curated data: collections, filters, keyset paging both ways, cursors
 * that survive inserts, relationship edges with properties and sources, asOf, batching, and error codes.
 * Expected answers are computed from the exported graph, not typed in, except where a fact is checked by hand.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase } from '../src/db/database.ts';
import { foldText } from '../src/model/fold.ts';
import type { ExportedEntity, ExportedRelationship } from '../src/records/export-graph.ts';
import { removeEntities, upsertRecords } from '../src/records/write-records.ts';
import { readGraphFixture, startTestServer, type TestServer } from './helpers.ts';

let server: TestServer;
let entities: ExportedEntity[];
let relationships: ExportedRelationship[];
let byId: Map<string, ExportedEntity>;

beforeAll(async () => {
  server = await startTestServer();
  ({ entities, relationships, byId } = await readGraphFixture(server.db));
});
afterAll(() => server.close());

const ofType = (type: string) => entities.filter((entity) => entity.type === type);
const sortByName = (list: ExportedEntity[]) =>
  [...list].sort((a, b) =>
    foldText(String(a.name)) < foldText(String(b.name)) ? -1 : foldText(String(a.name)) > foldText(String(b.name)) ? 1 : a.id < b.id ? -1 : 1,
  );
const ids = (list: { id: string }[]) => list.map((item) => item.id);

async function collect(field: string, type: string, filter: unknown): Promise<string[]> {
  const result = await server.data(`query ($filter: ${type}Filter) { ${field}(filter: $filter, first: 100) { totalCount nodes { id } } }`, { filter });
  expect(result[field].totalCount).toBe(result[field].nodes.length);
  return ids(result[field].nodes).sort();
}

describe('collections', () => {
  it.each([
    ['actors', 'Actor'],
    ['projects', 'Project'],
    ['materials', 'Material'],
    ['fundingInstruments', 'FundingInstrument'],
    ['agreements', 'Agreement'],
    ['events', 'Event'],
    ['places', 'Place'],
    ['valueChains', 'ValueChain'],
    ['sources', 'Source'],
  ])('%s lists every %s by name with totalCount', async (field, type) => {
    // More than one page (at most 100) of actors and sources: walk the pages with their cursors.
    const nodes: { id: string; __typename: string }[] = [];
    let after: string | null = null;
    let totalCount = 0;
    do {
      const result: Record<string, any> = await server.data(
        `query ($after: String) { ${field}(first: 100, after: $after) { totalCount nodes { id __typename } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      nodes.push(...result[field].nodes);
      totalCount = result[field].totalCount;
      after = result[field].pageInfo.hasNextPage ? result[field].pageInfo.endCursor : null;
    } while (after !== null);
    expect(totalCount).toBe(ofType(type).length);
    expect(ids(nodes)).toEqual(ids(sortByName(ofType(type))));
    expect(new Set(nodes.map((node) => node.__typename))).toEqual(new Set([type]));
  });

  it('exposes the shared Entity fields on every type', async () => {
    const result = await server.data(
      `{ entity(id: "actor:alikhan-smailov") { id name names { language value } description confidence sources { id title url language } } }`,
    );
    expect(result.entity).toMatchObject({ id: 'actor:alikhan-smailov', name: 'Alikhan Smailov', confidence: 'HIGH' });
    expect(result.entity.names).toContainEqual({ language: 'RU', value: 'Алихан Смаилов' });
    expect(result.entity.sources).toContainEqual(expect.objectContaining({ id: 'source:eu-kz-roadmap-2023-de', language: 'de' }));
  });
});

describe('filters', () => {
  it('by kind and side', async () => {
    const expected = ofType('Actor').filter((actor) => actor.kind === 'person' && actor.side === 'KZ');
    expect(expected.length).toBeGreaterThan(2);
    expect(await collect('actors', 'Actor', { kind: ['PERSON'], side: ['KZ'] })).toEqual(ids(expected).sort());
  });

  it('by the CRMA flags', async () => {
    const strategicOnlyCritical = ofType('Material').filter((m) => m.crmaCritical === true && m.crmaStrategic !== true);
    expect(await collect('materials', 'Material', { crmaCritical: true, crmaStrategic: false })).toEqual(ids(strategicOnlyCritical).sort());
    expect(await collect('materials', 'Material', { crmaStrategic: true })).toHaveLength(17);
  });

  it('name contains, ignoring case and diacritics, in any spelling', async () => {
    expect(await collect('actors', 'Actor', { nameContains: 'SEFCOVIC' })).toEqual(['actor:maros-sefcovic']);
    expect(await collect('actors', 'Actor', { nameContains: 'smailow' })).toEqual(['actor:alikhan-smailov']);
    expect(await collect('actors', 'Actor', { nameContains: 'Смаилов' })).toEqual(['actor:alikhan-smailov']);
    expect(await collect('places', 'Place', { nameContains: 'kasachstan' })).toContain('place:kazakhstan');
  });

  it('by place, including places within it', async () => {
    const inKazakhstan = await collect('events', 'Event', { place: 'place:kazakhstan' });
    expect(inKazakhstan).toContain('event:amm-2023');
    expect(inKazakhstan).not.toContain('event:cop27');
  });

  it('by date range, partial dates included', async () => {
    const expected = ofType('Agreement').filter(
      (agreement) => typeof agreement.date === 'string' && `${agreement.date}~` >= '2023-01-01' && agreement.date <= '2023-12-31',
    );
    const found = await collect('agreements', 'Agreement', { date: { from: '2023-01-01', to: '2023-12-31' } });
    expect(found).toEqual(ids(expected).sort());
    expect(found).toContain('agreement:eu-kz-roadmap-2023-2024');
    expect(found).not.toContain('agreement:eu-kz-mou-2022');
  });

  it('by relation: actors in a project, projects involving a material, agreements signed by an actor', async () => {
    const participants = relationships.filter((link) => link.type === 'PARTICIPATES_IN' && link.to === 'project:hyrasia-one').map((link) => link.from);
    expect(participants.length).toBeGreaterThan(0);
    expect(await collect('actors', 'Actor', { participatesIn: 'project:hyrasia-one' })).toEqual([...new Set(participants)].sort());

    const lithiumProjects = relationships.filter((link) => link.type === 'INVOLVES' && link.to === 'material:lithium').map((link) => link.from);
    expect(await collect('projects', 'Project', { involvesMaterial: 'material:lithium' })).toEqual([...new Set(lithiumProjects)].sort());

    const signed = await collect('agreements', 'Agreement', { signedBy: 'actor:alikhan-smailov' });
    expect(signed).toContain('agreement:eu-kz-mou-2022');
  });

  it('combines with AND, OR and NOT', async () => {
    const persons = ofType('Actor').filter((actor) => actor.kind === 'person');
    const result = await collect('actors', 'Actor', {
      OR: [{ side: ['EU'] }, { side: ['KZ'] }],
      NOT: { kind: ['PERSON'] },
      AND: [{ nameContains: 'a' }],
    });
    const expected = ofType('Actor').filter(
      (actor) =>
        (actor.side === 'EU' || actor.side === 'KZ') &&
        actor.kind !== 'person' &&
        (actor.names ? Object.values(actor.names as Record<string, string[]>).flat() : [])
          .concat(String(actor.name))
          .some((name) => foldText(name).includes('a')),
    );
    expect(result).toEqual(ids(expected).sort());
    expect(result.some((id) => persons.some((person) => person.id === id))).toBe(false);
  });
});

describe('keyset paging', () => {
  it('pages forward and backward through the same total order', async () => {
    const everything = ids(sortByName(ofType('Actor')));
    const pageCount = Math.ceil(everything.length / 7);
    const forward: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < pageCount; pages++) {
      const result: any = await server.data(
        'query ($after: String) { actors(first: 7, after: $after) { nodes { id } pageInfo { hasNextPage hasPreviousPage endCursor } } }',
        { after },
      );
      forward.push(...ids(result.actors.nodes));
      expect(result.actors.pageInfo.hasPreviousPage).toBe(after !== null);
      if (!result.actors.pageInfo.hasNextPage) break;
      after = result.actors.pageInfo.endCursor;
    }
    expect(forward).toEqual(everything);

    const backward: string[] = [];
    let before: string | null = null;
    for (let pages = 0; pages < pageCount; pages++) {
      const result: any = await server.data(
        'query ($before: String) { actors(last: 7, before: $before) { nodes { id } pageInfo { hasPreviousPage startCursor } } }',
        { before },
      );
      backward.unshift(...ids(result.actors.nodes));
      if (!result.actors.pageInfo.hasPreviousPage) break;
      before = result.actors.pageInfo.startCursor;
    }
    expect(backward).toEqual(everything);
  });

  it('orders by date, newest first, undated last', async () => {
    const result = await server.data('{ agreements(first: 100, orderBy: { field: DATE, direction: DESC }) { nodes { id date } } }');
    const dates = result.agreements.nodes.map((node: { date: string | null }) => node.date);
    const dated = dates.filter((date: string | null) => date !== null);
    expect(dated).toEqual([...dated].sort().reverse());
    expect(dates.slice(dated.length).every((date: string | null) => date === null)).toBe(true);
  });

  it('a cursor stays valid when an entity is inserted before it', async () => {
    const first = await server.data('{ actors(first: 5) { nodes { id } pageInfo { endCursor } } }');
    const expectedNext = await server.data('query ($after: String) { actors(first: 5, after: $after) { nodes { id } } }', {
      after: first.actors.pageInfo.endCursor,
    });
    await upsertRecords(
      server.db,
      [
        {
          type: 'Actor',
          id: 'actor:test-aaa-inserted',
          name: 'AAA inserted by test',
          kind: 'company',
          confidence: 'low',
          sourceIds: ['source:eu-kz-roadmap-2023-de'],
        },
      ],
      [],
      { by: 'test' },
    );
    try {
      const fromStart = await server.data('{ actors(first: 1) { nodes { id } } }');
      expect(fromStart.actors.nodes[0].id).toBe('actor:test-aaa-inserted');
      const next = await server.data('query ($after: String) { actors(first: 5, after: $after) { nodes { id } } }', { after: first.actors.pageInfo.endCursor });
      expect(next.actors.nodes).toEqual(expectedNext.actors.nodes);
    } finally {
      await removeEntities(server.db, ['actor:test-aaa-inserted']);
    }
  });
});

describe('relationship fields', () => {
  it('carry the relationship properties and its sources', async () => {
    const result = await server.data(`{
      entity(id: "actor:alikhan-smailov") {
        ... on Actor { offices { totalCount edges { type direction title validFrom validTo note confidence node { id } sources { id url } } } }
      }
    }`);
    const office = result.entity.offices.edges.find((edge: { node: { id: string } }) => edge.node.id === 'actor:government-of-kazakhstan');
    expect(office).toMatchObject({
      type: 'HOLDS_OFFICE',
      direction: 'OUT',
      title: 'Prime Minister of Kazakhstan',
      validFrom: '2022-01-11',
      validTo: '2024-02-05',
      confidence: 'HIGH',
    });
    const link = relationships.find(
      (item) => item.type === 'HOLDS_OFFICE' && item.from === 'actor:alikhan-smailov' && item.to === 'actor:government-of-kazakhstan',
    )!;
    expect(ids(office.sources)).toEqual(link.sourceIds);
    expect(office.sources.every((source: { url: string | null }) => source.url === null || source.url.startsWith('http'))).toBe(true);
  });

  it('the roadmap implements the MoU, and funding edges carry amounts', async () => {
    const result = await server.data(`{
      entity(id: "agreement:eu-kz-roadmap-2023-2024") { ... on Agreement { implements { nodes { id } } } }
    }`);
    expect(ids(result.entity.implements.nodes)).toContain('agreement:eu-kz-mou-2022');
    const funded = relationships.find((link) => link.type === 'FUNDS' && typeof link.amount === 'number')!;
    const target = byId.get(funded.to)!;
    const field = target.type === 'Project' ? 'funding' : 'fundedBy';
    const fundingQuery = `query ($id: ID!) { entity(id: $id) { ... on ${target.type} { ${field} { edges { node { id } amount currency } } } } }`;
    const edges = (await server.data(fundingQuery, { id: target.id })).entity[field].edges;
    expect(edges).toContainEqual({ node: { id: funded.from }, amount: funded.amount, currency: funded.currency ?? null });
  });

  it('pages links with a cursor', async () => {
    const all = await server.data(
      '{ entity(id: "agreement:eu-kz-roadmap-2023-2024") { relationships(first: 100) { totalCount edges { cursor node { id } type } } } }',
    );
    const total = all.entity.relationships.totalCount;
    expect(total).toBeGreaterThan(6);
    const firstPage = await server.data(
      '{ entity(id: "agreement:eu-kz-roadmap-2023-2024") { relationships(first: 4) { edges { node { id } type } pageInfo { hasNextPage endCursor } } } }',
    );
    expect(firstPage.entity.relationships.pageInfo.hasNextPage).toBe(true);
    const rest = await server.data(
      'query ($after: String) { entity(id: "agreement:eu-kz-roadmap-2023-2024") { relationships(first: 100, after: $after) { edges { node { id } type } } } }',
      {
        after: firstPage.entity.relationships.pageInfo.endCursor,
      },
    );
    const strip = (edges: { node: { id: string }; type: string }[]) => edges.map((edge) => `${edge.type}:${edge.node.id}`);
    expect([...strip(firstPage.entity.relationships.edges), ...strip(rest.entity.relationships.edges)]).toEqual(strip(all.entity.relationships.edges));
  });

  it('asOf: who was Prime Minister of Kazakhstan on 2023-05-19, and on 2024-03-01', async () => {
    const query =
      'query ($day: Date) { entity(id: "actor:government-of-kazakhstan") { ... on Actor { officeHolders(asOf: $day) { edges { title node { id } } } } } }';
    const primeMinisters = async (day: string) =>
      (await server.data(query, { day })).entity.officeHolders.edges
        .filter((edge: { title: string }) => edge.title === 'Prime Minister of Kazakhstan')
        .map((edge: { node: { id: string } }) => edge.node.id);
    expect(await primeMinisters('2023-05-19')).toEqual(['actor:alikhan-smailov']);
    expect(await primeMinisters('2024-03-01')).toEqual(['actor:olzhas-bektenov']);
  });

  it('asOf: Karabayev moves from Industry to Transport in September 2023', async () => {
    const query = 'query ($day: Date) { entity(id: "actor:marat-karabayev") { ... on Actor { offices(asOf: $day) { nodes { id } } } } }';
    expect(ids((await server.data(query, { day: '2023-06-01' })).entity.offices.nodes)).toEqual(['actor:ministry-of-industry-and-infrastructure-development']);
    expect(ids((await server.data(query, { day: '2024-01-01' })).entity.offices.nodes)).toEqual(['actor:ministry-of-transport-of-kazakhstan']);
  });
});

describe('batched loading', () => {
  it('a 3-level query over 60 parents runs one statement (planner) or one per level (loaders) and equals per-parent queries', async () => {
    const parents = [...ofType('Actor'), ...ofType('Material')].slice(0, 60).map((entity) => entity.id);
    expect(parents).toHaveLength(60);
    const selection = `... on Entity { relationships(first: 5) { totalCount edges { type node { id relationships(first: 3) { totalCount edges { type node { id relationships(first: 2, direction: OUT) { totalCount nodes { id } } } } } } } } }`;
    const loaders = await startTestServer({ planner: false });
    try {
      server.statements.length = 0;
      const batched = await server.data(`query ($ids: [ID!]!) { nodes(ids: $ids) { id ${selection} } }`, { ids: parents });
      expect(server.statements).toEqual(['planner:nodes']);
      const byLevel = await loaders.data(`query ($ids: [ID!]!) { nodes(ids: $ids) { id ${selection} } }`, { ids: parents });
      expect(loaders.statements).toEqual(['nodes-by-ids', 'relationships-by-ids', 'relationships-by-ids', 'relationships-by-ids']);
      expect(byLevel).toEqual(batched);

      // One parent at a time: 60 concurrent three-level reads outlast the stall bound on a loaded 2-core machine.
      const single = [];
      for (const id of parents) single.push((await loaders.data(`query ($id: ID!) { node(id: $id) { id ${selection} } }`, { id })).node);
      expect(batched.nodes).toEqual(single);
    } finally {
      await loaders.close();
    }
  });
});

describe('errors', () => {
  const firstError = async (query: string, variables?: Record<string, unknown>) => {
    const response = await server.query(query, variables);
    expect(response.errors).toBeDefined();
    return response.errors![0]!;
  };

  it.each([
    ['{ actors(first: 500) { totalCount } }', 'Argument "first" must be between 0 and 100, but got 500.'],
    ['{ actors(last: -1) { totalCount } }', 'Argument "last" must be between 0 and 100, but got -1.'],
    ['{ actors(first: 2, last: 2) { totalCount } }', 'Use "first"/"after" to page forward or "last"/"before" to page backward, not both.'],
    [
      '{ actors(after: "not-a-cursor") { totalCount } }',
      'Argument "after" is not a cursor of this collection ordered by NAME ASC; pass a cursor from this list\'s pageInfo or edges.',
    ],
    ['{ actors(filter: { nameContains: "  " }) { totalCount } }', '"filter.nameContains" must not be empty.'],
    [
      '{ agreements(filter: { date: { from: "2024-01-01", to: "2023-01-01" } }) { totalCount } }',
      '"filter.date.from" (2024-01-01) must not be after "filter.date.to" (2023-01-01).',
    ],
    ['{ entity(id: "actor:alikhan-smailov") { relationships(first: 101) { totalCount } } }', 'Argument "first" must be between 0 and 100, but got 101.'],
  ])('%s is BAD_USER_INPUT', async (query, message) => {
    const error = await firstError(query);
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.message).toBe(message);
  });

  it('an impossible date is BAD_USER_INPUT naming the variable and the format', async () => {
    const error = await firstError('query ($day: Date) { agreements(filter: { date: { from: $day } }) { totalCount } }', { day: '2023-02-30' });
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.message).toBe(
      'Variable "$day" got invalid value "2023-02-30"; A Date must be an ISO date such as "2023-05-19", "2023-05" or "2023", but got "2023-02-30".',
    );
  });

  it('a cursor from another ordering is rejected', async () => {
    const page = await server.data('{ actors(first: 1, orderBy: { field: ID }) { pageInfo { endCursor } } }');
    const error = await firstError('query ($after: String) { actors(after: $after) { totalCount } }', { after: page.actors.pageInfo.endCursor });
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.message).toContain('ordered by NAME ASC');
  });

  it('an unknown id in entity() is NOT_FOUND with suggestions', async () => {
    const error = await firstError('{ entity(id: "actor:sefcovic") { id } }');
    expect(error.extensions?.code).toBe('NOT_FOUND');
    expect(error.message).toBe('No entity has the id "actor:sefcovic". Did you mean "actor:maros-sefcovic", "source:agenzia-nova-sefcovic-materie-prime"?');
  });

  it('SERVICE_UNAVAILABLE while Neo4j cannot be reached', async () => {
    const down = await startTestServer({ db: createDatabase({ uri: 'bolt://127.0.0.1:9', connectTimeoutMs: 1000 }) });
    try {
      const started = Date.now();
      const response = await down.query('{ actors(first: 1) { totalCount } }');
      expect(response.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      expect(response.errors?.[0]?.message).toBe('The graph database is unavailable. Try again shortly.');
      expect(Date.now() - started).toBeLessThan(10_000);
      expect((await fetch(`${down.url}/readyz`)).status).toBe(503);
    } finally {
      await down.close();
    }
  });

  it('anything else is masked as INTERNAL_SERVER_ERROR without internals', async () => {
    const misconfigured = await startTestServer({ db: createDatabase({ uri: inject('neo4jUri'), database: 'no-such-database' }) });
    try {
      const response = await misconfigured.query('{ actors(first: 1) { totalCount } }');
      expect(response.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(response.errors?.[0]?.message).toBe('Unexpected error.');
      expect(JSON.stringify(response)).not.toContain('no-such-database');
    } finally {
      await misconfigured.close();
    }
  });
});
