/**
 * Relation filters as analysts use them: by a related entity's id (anchored on that entity, page and total
 * in one pass) and by the related entity's own filter (`…Matching`), combined with AND/OR/NOT and asOf.
 * Expected answers come from the curated graph itself (readGraphFixture) and from the API's own simpler
 * questions; the plans are pinned with PROFILE on the real Neo4j.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanOperator } from '../src/db/database.ts';
import { compileAnchoredFilter } from '../src/filters/compile-filter.ts';
import { readGraphFixture, startTestServer, type GraphFixture, type TestServer } from './helpers.ts';

let server: TestServer;
let graph: GraphFixture;
beforeAll(async () => {
  server = await startTestServer();
  graph = await readGraphFixture(server.db);
});
afterAll(async () => {
  await server?.close();
});

const ACTORS = `query ($filter: ActorFilter, $first: Int, $after: String) {
  actors(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } }`;

/** Every page of `actors(filter:)`, `first` at a time: the ids in order and the totalCount of the first page. */
async function allActors(filter: Record<string, unknown>, first = 2): Promise<{ ids: string[]; totalCount: number }> {
  const ids: string[] = [];
  let after: string | null = null;
  let totalCount = -1;
  for (let pages = 0; pages < 100; pages++) {
    const data: any = await server.data(ACTORS, { filter, first, after });
    if (totalCount === -1) totalCount = data.actors.totalCount;
    else expect(data.actors.totalCount).toBe(totalCount);
    ids.push(...data.actors.nodes.map((node: { id: string }) => node.id));
    if (!data.actors.pageInfo.hasNextPage) return { ids, totalCount };
    after = data.actors.pageInfo.endCursor;
  }
  throw new Error('more than 100 pages');
}

/** Ids of the `from` ends of `type` links into `to`, from the curated graph. */
function sourcesOf(type: string, to: Iterable<string>): Set<string> {
  const targets = new Set(to);
  return new Set(graph.relationships.filter((link) => link.type === type && targets.has(link.to)).map((link) => link.from));
}

/** The project with the most participants, so the tests page through several entities. */
function busiestProject(): string {
  const counts = new Map<string, number>();
  for (const link of graph.relationships.filter((item) => item.type === 'PARTICIPATES_IN')) counts.set(link.to, (counts.get(link.to) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
}

describe('a relation filter by id', () => {
  it('anchored on the project, pages and counts exactly as the same condition under OR (which cannot anchor)', async () => {
    const project = busiestProject();
    const expected = [...sourcesOf('PARTICIPATES_IN', [project])].filter((id) => graph.byId.get(id)?.type === 'Actor');
    expect(expected.length).toBeGreaterThan(2);
    for (const extra of [{}, { side: ['EU'] }, { asOf: '2024-01-01', includeUncertain: true }]) {
      const anchored = await allActors({ participatesIn: project, ...extra });
      const scanned = await allActors({ OR: [{ participatesIn: project }], ...extra });
      expect(anchored).toEqual(scanned);
      expect(anchored.ids.length).toBe(anchored.totalCount);
      if (Object.keys(extra).length === 0) expect(new Set(anchored.ids)).toEqual(new Set(expected));
    }
  });

  it("runs one statement for the page and its total, starting at the related entity's id index", async () => {
    server.statements.length = 0;
    await server.data(ACTORS, { filter: { participatesIn: busiestProject() }, first: 5 });
    expect(server.statements).toEqual(['entities-page-anchored']);

    const params: Record<string, unknown> = {};
    const { anchor, where } = compileAnchoredFilter('Actor', { participatesIn: busiestProject(), side: ['EU'], asOf: '2024-01-01' }, params);
    expect(anchor).not.toBeNull();
    const plan = await server.db.profile(
      'entities-page-anchored',
      { ...params, label: 'Actor', missingDate: '~', fromKey: '', cursor: null, limit: 6 },
      { label: 'Actor', where, anchor: anchor!, sort: 'NAME', dir: 'ASC' },
    );
    const operators = plan.map((operator: PlanOperator) => operator.operatorType);
    expect(operators).toContain('NodeUniqueIndexSeek');
    expect(operators.filter((type) => /Scan/.test(type))).toEqual([]);
  });

  it('stays in the predicate under OR and NOT, where it cannot anchor', () => {
    for (const filter of [{ OR: [{ participatesIn: 'project:x' }, { side: ['EU'] }] }, { NOT: { participatesIn: 'project:x' } }]) {
      const { anchor, where } = compileAnchoredFilter('Actor', filter, {});
      expect(anchor).toBeNull();
      expect(where.text).toContain('PARTICIPATES_IN');
    }
    const { anchor, where } = compileAnchoredFilter('Actor', { AND: [{ side: ['EU'] }, { participatesIn: 'project:x' }] }, {});
    expect(anchor?.text).toBe('MATCH (n:Actor)-[:PARTICIPATES_IN]->(anchor:Project {id: $f1})');
    expect(where.text).toBe('(n.side IN $f0 AND true)');
  });
});

describe("a relation filter on the related entity's own filter", () => {
  it('finds the actors in projects whose name contains a word, as the two simpler questions do', async () => {
    // The longest word of the busiest project's name, so the answer is not empty whatever the data holds.
    const word = String(graph.byId.get(busiestProject())!.name)
      .split(/\W+/)
      .sort((a, b) => b.length - a.length)[0]!;
    const projects = await server.data('query ($word: String) { projects(filter: {nameContains: $word}, first: 100) { nodes { id } } }', { word });
    const projectIds = projects.projects.nodes.map((node: { id: string }) => node.id);
    const expected = [...sourcesOf('PARTICIPATES_IN', projectIds)].filter((id) => graph.byId.get(id)?.type === 'Actor').sort();
    expect(expected.length).toBeGreaterThan(2);
    const { ids, totalCount } = await allActors({ participatesInMatching: { nameContains: word } }, 3);
    expect([...ids].sort()).toEqual(expected);
    expect(totalCount).toBe(expected.length);
  });

  it('nests: projects with an EU participant that holds an office in a Kazakh body, and combines with NOT', async () => {
    const kzBodies = graph.entities.filter((entity) => entity.type === 'Actor' && entity.side === 'KZ').map((entity) => entity.id);
    const officeHolders = sourcesOf('HOLDS_OFFICE', kzBodies);
    const participants = new Map<string, Set<string>>();
    for (const link of graph.relationships.filter((item) => item.type === 'PARTICIPATES_IN')) {
      if (!participants.has(link.to)) participants.set(link.to, new Set());
      participants.get(link.to)!.add(link.from);
    }
    const projectIds = graph.entities.filter((entity) => entity.type === 'Project').map((entity) => entity.id);
    const withKazakhOfficial = projectIds.filter((id) => [...(participants.get(id) ?? [])].some((actor) => officeHolders.has(actor)));

    const query = 'query ($filter: ProjectFilter) { projects(filter: $filter, first: 100) { totalCount nodes { id } } }';
    const nested = await server.data(query, { filter: { participantMatching: { holdsOfficeInMatching: { side: ['KZ'] } } } });
    expect(nested.projects.nodes.map((node: { id: string }) => node.id).sort()).toEqual(withKazakhOfficial.sort());
    const negated = await server.data(query, { filter: { NOT: { participantMatching: { holdsOfficeInMatching: { side: ['KZ'] } } } } });
    expect(negated.projects.totalCount).toBe(projectIds.length - withKazakhOfficial.length);
  });

  it('by ids in the nested filter answers as the id form', async () => {
    const project = busiestProject();
    expect(await allActors({ participatesInMatching: { ids: [project] } })).toEqual(await allActors({ participatesIn: project }));
  });

  it("follows only links known to hold on the level's asOf", async () => {
    // Office holders in bodies of side KZ on a day, asked two ways: as a relation filter, and through the
    // bodies' officeHolders field with the same asOf.
    const day = '2023-05-19';
    const bodies = await server.data(
      'query ($day: Date) { actors(filter: {side: [KZ]}, first: 100) { nodes { ... on Actor { officeHolders(asOf: $day, first: 100) { nodes { id } } } } } }',
      { day },
    );
    const expected = new Set<string>(
      bodies.actors.nodes.flatMap((body: { officeHolders: { nodes: { id: string }[] } }) => body.officeHolders.nodes.map((node) => node.id)),
    );
    const { ids } = await allActors({ holdsOfficeInMatching: { side: ['KZ'] }, asOf: day }, 10);
    expect(new Set(ids)).toEqual(expected);
    const undated = await allActors({ holdsOfficeInMatching: { side: ['KZ'] } }, 10);
    expect(undated.ids.length).toBeGreaterThan(ids.length);
  });

  it('refuses an unknown nested field and counts nested levels against the depth limit', async () => {
    const unknown = await server.query(ACTORS, { filter: { participatesInMatching: { bogus: 1 } } });
    expect(unknown.errors?.[0]?.message).toContain('bogus');
    const deep = await server.query(ACTORS, {
      filter: { partOfMatching: { partOfMatching: { partOfMatching: { partOfMatching: { partOfMatching: { side: ['EU'] } } } } } },
    });
    expect(deep.errors?.[0]?.message).toBe(
      'Argument "filter.partOfMatching.partOfMatching.partOfMatching.partOfMatching.partOfMatching" nests AND/OR/NOT and …Matching filters deeper than 5 levels.',
    );
  });
});
