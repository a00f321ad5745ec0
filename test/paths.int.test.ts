/**
 * Integration as paths, over HTTP on the curated data: shortest and k shortest paths, neighbourhoods, the
 * value-chain view, EU–KZ corridors, the timeline, brokers and stats, with their caps. Hand-checked facts
 * come from the primary text and FACTS.md; the rest is recomputed from the exported graph.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportedEntity, ExportedRelationship } from '../src/records/export-graph.ts';
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

const PATH = 'length nodes { id __typename } relationships { id type from to date title sources { id } }';
const ids = (list: { id: string }[]) => list.map((item) => item.id);

/** Every relationship of a path joins the nodes before and after it, and no node repeats. */
function expectWellFormed(path: { length: number; nodes: { id: string }[]; relationships: { from: string; to: string }[] }) {
  expect(path.relationships).toHaveLength(path.length);
  expect(path.nodes).toHaveLength(path.length + 1);
  expect(new Set(ids(path.nodes)).size).toBe(path.nodes.length);
  path.relationships.forEach((rel, index) => {
    expect([rel.from, rel.to].sort()).toEqual([path.nodes[index]!.id, path.nodes[index + 1]!.id].sort());
  });
}

describe('shortestPath and paths', () => {
  it('Šefčovič and Karabayev met directly; through attendance they are linked by the June 2023 congress', async () => {
    const direct = await server.data(`{ shortestPath(from: "actor:maros-sefcovic", to: "actor:marat-karabayev") { ${PATH} } }`);
    expect(direct.shortestPath.length).toBe(1);
    expect(direct.shortestPath.relationships[0].type).toBe('MET');

    const viaCongress = await server.data(
      `{ shortestPath(from: "actor:maros-sefcovic", to: "actor:marat-karabayev", relationshipTypes: [ATTENDED]) { ${PATH} } }`,
    );
    expectWellFormed(viaCongress.shortestPath);
    expect(ids(viaCongress.shortestPath.nodes)).toEqual(['actor:maros-sefcovic', 'event:amm-2023', 'actor:marat-karabayev']);
    expect(viaCongress.shortestPath.relationships.map((rel: { from: string; to: string }) => [rel.from, rel.to])).toEqual([
      ['actor:maros-sefcovic', 'event:amm-2023'],
      ['actor:marat-karabayev', 'event:amm-2023'],
    ]);
    expect(viaCongress.shortestPath.relationships[0].sources.map((source: { id: string }) => source.id)).toContain('source:eu-kz-roadmap-2023-de');

    const onlyEvents = await server.data(
      `{ shortestPath(from: "actor:maros-sefcovic", to: "actor:marat-karabayev", nodeTypes: [Event], maxHops: 2) { ${PATH} } }`,
    );
    expect(onlyEvents.shortestPath.length).toBe(1);
  });

  it('the Roadmap 2023–2024 implements the MoU, which builds on the EPCA', async () => {
    const result = await server.data(
      `{ paths(from: "agreement:eu-kz-roadmap-2023-2024", to: "agreement:epca", first: 5, relationshipTypes: [IMPLEMENTS, BUILDS_ON]) { ${PATH} } }`,
    );
    const [path, ...longer] = result.paths;
    expect(ids(path.nodes)).toEqual(['agreement:eu-kz-roadmap-2023-2024', 'agreement:eu-kz-mou-2022', 'agreement:epca']);
    expect(path.relationships.map((rel: { type: string }) => rel.type)).toEqual(['IMPLEMENTS', 'BUILDS_ON']);
    for (const other of longer) expect(other.length).toBeGreaterThan(2);
  });

  it('k shortest paths come shortest first, simple and well formed, in one statement, and their sources load in one batch', async () => {
    server.statements.length = 0;
    const result = await server.data(`{ paths(from: "actor:valdis-dombrovskis", to: "place:kazakhstan", first: 10, maxHops: 4) { ${PATH} } }`);
    expect(result.paths.length).toBe(10);
    const lengths = result.paths.map((path: { length: number }) => path.length);
    expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
    result.paths.forEach(expectWellFormed);
    expect(new Set(result.paths.map((path: { nodes: { id: string }[] }) => ids(path.nodes).join('>') + JSON.stringify(path))).size).toBe(10);
    expect(server.statements).toEqual(['paths-between', 'nodes-by-ids']);
  });

  it('no path within the types asked is null, or an empty list, in one statement each', async () => {
    server.statements.length = 0;
    const result = await server.data(
      '{ shortestPath(from: "actor:maros-sefcovic", to: "actor:marat-karabayev", relationshipTypes: [NEXT]) { length } paths(from: "actor:maros-sefcovic", to: "actor:marat-karabayev", relationshipTypes: [NEXT]) { length } }',
    );
    expect(result).toEqual({ shortestPath: null, paths: [] });
    expect(server.statements).toEqual(['paths-between', 'paths-between']);
  });
});

describe('neighborhood', () => {
  it('returns the centre, its neighbours and every link among them', async () => {
    const centre = 'event:amm-2023';
    const neighbours = new Set(relationships.flatMap((link) => (link.from === centre ? [link.to] : link.to === centre ? [link.from] : [])));
    const result = await server.data(`{ neighborhood(id: "${centre}") { reachable truncated nodes { distance node { id } } relationships { id from to } } }`);
    const { neighborhood } = result;
    expect(neighborhood.nodes[0]).toEqual({ distance: 0, node: { id: centre } });
    expect(new Set(neighborhood.nodes.slice(1).map((item: { node: { id: string } }) => item.node.id))).toEqual(neighbours);
    expect(neighborhood.reachable).toBe(neighbours.size);
    expect(neighborhood.truncated).toBe(false);
    const members = new Set([centre, ...neighbours]);
    const expected = relationships.filter((link) => members.has(link.from) && members.has(link.to));
    expect(neighborhood.relationships).toHaveLength(expected.length);
  });

  it('finds every entity within 1, 2 and 3 links at its shortest distance, as a BFS over the exported graph does', async () => {
    for (const [centre, types] of [
      ['actor:maros-sefcovic', null],
      ['material:lithium', null],
      ['agreement:epca', ['PARTY_TO', 'SIGNED']],
    ] as const) {
      for (const depth of [1, 2, 3]) {
        const allowed = types ? new Set<string>(types) : null;
        const distance = new Map<string, number>([[centre, 0]]);
        let ring = [centre as string];
        for (let step = 1; step <= depth; step++) {
          const next: string[] = [];
          for (const id of ring) {
            for (const link of relationships) {
              if (allowed && !allowed.has(link.type)) continue;
              const other = link.from === id ? link.to : link.to === id ? link.from : null;
              if (other && !distance.has(other)) {
                distance.set(other, step);
                next.push(other);
              }
            }
          }
          ring = next;
        }
        const typeArgument = types ? `, types: [${types.join(', ')}]` : '';
        const result = await server.data(
          `{ neighborhood(id: "${centre}", depth: ${depth}, first: 200${typeArgument}) { reachable nodes { distance node { id } } } }`,
        );
        const expected = [...distance].filter(([id]) => id !== centre);
        const label = `${centre} at depth ${depth}`;
        expect(result.neighborhood.reachable, label).toBe(expected.length);
        if (expected.length <= 200) {
          const found = new Map(result.neighborhood.nodes.slice(1).map((item: { distance: number; node: { id: string } }) => [item.node.id, item.distance]));
          expect(found, label).toEqual(new Map(expected));
        }
      }
    }
  });

  it('keeps the nearest `first` and says it truncated', async () => {
    const result = await server.data('{ neighborhood(id: "actor:maros-sefcovic", depth: 2, first: 3) { reachable truncated nodes { distance } } }');
    expect(result.neighborhood.nodes).toHaveLength(4);
    expect(result.neighborhood.truncated).toBe(true);
    expect(result.neighborhood.reachable).toBeGreaterThan(3);
    const distances = result.neighborhood.nodes.map((item: { distance: number }) => item.distance);
    expect(distances).toEqual([...distances].sort());
  });
});

describe('valueChain', () => {
  it('lists the battery chain stage by stage and marks the stages with no EU–KZ link as gaps', async () => {
    const result = await server.data(`{ valueChain(id: "chain:batteries") {
      chain { id } gaps { id }
      stages { position linked stage { id } materials { id } projects { id } euActors { id side } kzActors { id side } funding { from to amount currency } }
    } }`);
    const view = result.valueChain;
    const stageIds = relationships
      .filter((link) => link.type === 'PART_OF_CHAIN' && link.to === 'chain:batteries' && byId.get(link.from)?.type === 'Stage')
      .map((link) => link.from);
    expect(view.stages.map((stage: { stage: { id: string } }) => stage.stage.id).sort()).toEqual(stageIds.sort());
    const positions = view.stages.map((stage: { position: number }) => stage.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    for (const [index, stage] of view.stages.slice(0, -1).entries()) {
      const next = view.stages[index + 1].stage.id;
      expect(
        relationships.some((link) => link.type === 'NEXT' && link.from === stage.stage.id && link.to === next),
        `${stage.stage.id} NEXT ${next}`,
      ).toBe(true);
    }
    for (const stage of view.stages) {
      expect(stage.euActors.every((actor: { side: string }) => actor.side === 'EU')).toBe(true);
      expect(stage.kzActors.every((actor: { side: string }) => actor.side === 'KZ')).toBe(true);
      expect(stage.linked).toBe(stage.euActors.length > 0 && stage.kzActors.length > 0);
    }
    expect(ids(view.gaps)).toEqual(view.stages.filter((stage: { linked: boolean }) => !stage.linked).map((stage: { stage: { id: string } }) => stage.stage.id));
    // Hand-checked: lithium extraction links HMS Bergbau (EU) and Tau-Ken Samruk (KZ, Aral Sea brine lithium).
    const extraction = view.stages.find((stage: { stage: { id: string } }) => stage.stage.id === 'stage:batteries-extraction');
    expect(ids(extraction.euActors)).toContain('actor:hms-bergbau');
    expect(ids(extraction.kzActors)).toContain('actor:tau-ken-samruk');
    expect(extraction.linked).toBe(true);
  });

  it('is NOT_FOUND for an id that is not a value chain', async () => {
    const response = await server.query('{ valueChain(id: "material:lithium") { chain { id } } }');
    expect(response.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(response.errors?.[0]?.message).toBe('"material:lithium" is a Material, not a ValueChain.');
  });
});

describe('corridors', () => {
  const CORRIDOR =
    'kzActor { id kind side } euActor { id kind side } sourceCount weakestConfidence path { length nodes { id __typename } relationships { type amount currency } }';

  it('finds the Kazakh development bank financed by the EIB, an EU financier (EUR 200m loan)', async () => {
    const result = await server.data(`{ corridors(first: 50) { ${CORRIDOR} } }`);
    const loan = result.corridors.find(
      (corridor: any) => corridor.kzActor.id === 'actor:development-bank-of-kazakhstan' && corridor.euActor.id === 'actor:eib',
    );
    expect(loan.path.relationships).toEqual([{ type: 'FUNDS', amount: 200000000, currency: 'EUR' }]);
    for (const corridor of result.corridors) {
      expect(corridor.kzActor.side).toBe('KZ');
      expect(corridor.euActor.side).toBe('EU');
      expect(
        corridor.path.nodes
          .slice(1, -1)
          .every((node: { __typename: string }) => ['Project', 'Agreement', 'FundingInstrument', 'Material'].includes(node.__typename)),
      ).toBe(true);
    }
  });

  it('ranks by length, then by the number of sources', async () => {
    const result = await server.data(`{ corridors(first: 50) { ${CORRIDOR} } }`);
    const keys = result.corridors.map((corridor: any) => [corridor.path.length, -corridor.sourceCount]);
    const sorted = [...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    expect(keys).toEqual(sorted);
  });

  it('through a material: every lithium corridor passes through lithium', async () => {
    const result = await server.data(`{ corridors(material: "material:lithium", first: 50) { ${CORRIDOR} } }`);
    expect(result.corridors.length).toBeGreaterThan(0);
    for (const corridor of result.corridors) expect(ids(corridor.path.nodes)).toContain('material:lithium');
    expect(result.corridors.some((corridor: any) => corridor.euActor.id === 'actor:hms-bergbau')).toBe(true);
  });
});

describe('timeline', () => {
  it('orders May–June 2023: the roadmap announced on 19 May, the congress from 1 June', async () => {
    const result = await server.data(
      '{ timeline(from: "2023-05-01", to: "2023-06-30") { hasMore entries { date kind summary subject { id } object { id } sources { id } } } }',
    );
    const entries = result.timeline.entries;
    const dates = entries.map((entry: { date: string }) => entry.date);
    expect(dates).toEqual([...dates].sort());
    expect(entries).toContainEqual(
      expect.objectContaining({
        date: '2023-05-19',
        kind: 'ANNOUNCEMENT',
        summary: 'Valdis Dombrovskis announced EU–Kazakhstan Roadmap 2023–2024',
        subject: { id: 'actor:valdis-dombrovskis' },
      }),
    );
    expect(entries).toContainEqual(expect.objectContaining({ date: '2023-06-01', kind: 'EVENT', subject: { id: 'event:amm-2023' } }));
    expect(entries.every((entry: { sources: unknown[] }) => entry.sources.length > 0)).toBe(true);
    expect(dates.every((date: string) => `${date}~` >= '2023-05-01' && date <= '2023-06-30')).toBe(true);
  });

  it('filters kinds, caps with hasMore, and shows offices taken up and left', async () => {
    const offices = await server.data('{ timeline(kinds: [OFFICE_START, OFFICE_END], first: 200) { hasMore entries { date kind subject { id } } } }');
    const expected = relationships.filter((link) => link.type === 'HOLDS_OFFICE').flatMap((link) => [link.validFrom, link.validTo].filter(Boolean));
    expect(offices.timeline.entries).toHaveLength(expected.length);
    expect(offices.timeline.entries).toContainEqual({ date: '2024-02-06', kind: 'OFFICE_START', subject: { id: 'actor:olzhas-bektenov' } });
    const capped = await server.data('{ timeline(first: 2) { hasMore entries { date } } }');
    expect(capped.timeline.entries).toHaveLength(2);
    expect(capped.timeline.hasMore).toBe(true);
  });
});

describe('brokers and stats', () => {
  it('scores brokers exactly as described: shares of EU–KZ shortest paths, recomputed here by BFS', async () => {
    const result = await server.data('{ brokers(first: 5, maxHops: 4) { actor { id } score pairs } }');
    const expected = betweenness(4);
    const top = [...expected.entries()].sort((a, b) => b[1].score - a[1].score || String(byId.get(a[0])!.name).localeCompare(String(byId.get(b[0])!.name)));
    expect(result.brokers.map((broker: { actor: { id: string } }) => broker.actor.id)).toEqual(top.slice(0, 5).map(([id]) => id));
    for (const broker of result.brokers) {
      expect(broker.score).toBeCloseTo(expected.get(broker.actor.id)!.score, 6);
      expect(broker.pairs).toBe(expected.get(broker.actor.id)!.pairs);
    }
  });

  it('counts entities by type and sides as the data holds them', async () => {
    const result = await server.data(
      '{ stats { entities { key count } sides { key count } materials(first: 5) { material { id } projects actors coveredBy } stages { stage { id } euActors kzActors } } }',
    );
    const byType: Record<string, number> = {};
    for (const entity of entities) byType[entity.type] = (byType[entity.type] ?? 0) + 1;
    expect(Object.fromEntries(result.stats.entities.map((count: { key: string; count: number }) => [count.key, count.count]))).toEqual(byType);
    const sides: Record<string, number> = {};
    for (const entity of entities.filter((item) => ['Actor', 'Project', 'Place'].includes(item.type)))
      sides[String(entity.side ?? 'NONE')] = (sides[String(entity.side ?? 'NONE')] ?? 0) + 1;
    expect(Object.fromEntries(result.stats.sides.map((count: { key: string; count: number }) => [count.key, count.count]))).toEqual(sides);
    const lithium = result.stats.materials.find((stat: { material: { id: string } }) => stat.material.id === 'material:lithium');
    expect(lithium.projects).toBe(relationships.filter((link) => link.type === 'INVOLVES' && link.to === 'material:lithium').length);
  });
});

describe('caps and errors', () => {
  it.each([
    ['{ shortestPath(from: "actor:maros-sefcovic", to: "place:kazakhstan", maxHops: 7) { length } }', 'Argument "maxHops" must be between 1 and 6, but got 7.'],
    ['{ paths(from: "actor:maros-sefcovic", to: "place:kazakhstan", first: 11) { length } }', 'Argument "first" must be between 1 and 10, but got 11.'],
    ['{ neighborhood(id: "place:kazakhstan", depth: 4) { reachable } }', 'Argument "depth" must be between 1 and 3, but got 4.'],
    ['{ neighborhood(id: "place:kazakhstan", first: 201) { reachable } }', 'Argument "first" must be between 1 and 200, but got 201.'],
    ['{ corridors(first: 51) { sourceCount } }', 'Argument "first" must be between 1 and 50, but got 51.'],
    ['{ timeline(first: 500) { hasMore } }', 'Argument "first" must be between 1 and 200, but got 500.'],
    ['{ brokers(first: 0) { score } }', 'Argument "first" must be between 1 and 50, but got 0.'],
    ['{ shortestPath(from: "place:kazakhstan", to: "place:kazakhstan") { length } }', 'Arguments "from" and "to" must name two different entities.'],
    [
      '{ shortestPath(from: "place:kazakhstan", to: "actor:maros-sefcovic", relationshipTypes: []) { length } }',
      'Argument "relationshipTypes" must name at least one relationship type, or be left out for all.',
    ],
  ])('%s is BAD_USER_INPUT', async (query, message) => {
    const response = await server.query(query);
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toBe(message);
  });

  it('unknown ids are NOT_FOUND, naming the argument, told by the path statement itself', async () => {
    server.statements.length = 0;
    const response = await server.query('{ shortestPath(from: "actor:nobody", to: "place:atlantis") { length } }');
    expect(response.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(response.errors?.[0]?.message).toBe('No entity has the id "actor:nobody" (argument "from"). No entity has the id "place:atlantis" (argument "to").');
    const oneEnd = await server.query('{ paths(from: "actor:maros-sefcovic", to: "place:atlantis") { length } }');
    expect(oneEnd.errors?.[0]?.message).toBe('No entity has the id "place:atlantis" (argument "to").');
    expect(server.statements).toEqual(['paths-between', 'paths-between']);
  });
});

/** Betweenness restricted to EU–KZ actor pairs, by BFS path counting over every relationship (direction ignored). */
function betweenness(maxHops: number): Map<string, { score: number; pairs: number }> {
  const adjacency = new Map<string, string[]>();
  for (const link of relationships) {
    (adjacency.get(link.from) ?? adjacency.set(link.from, []).get(link.from)!).push(link.to);
    (adjacency.get(link.to) ?? adjacency.set(link.to, []).get(link.to)!).push(link.from);
  }
  const bfs = (start: string) => {
    const distance = new Map([[start, 0]]);
    const count = new Map([[start, 1]]);
    let frontier = [start];
    for (let depth = 1; depth <= maxHops && frontier.length > 0; depth++) {
      const next: string[] = [];
      for (const node of frontier) {
        for (const neighbour of adjacency.get(node) ?? []) {
          if (!distance.has(neighbour)) {
            distance.set(neighbour, depth);
            next.push(neighbour);
          }
          if (distance.get(neighbour) === depth) count.set(neighbour, (count.get(neighbour) ?? 0) + count.get(node)!);
        }
      }
      frontier = next;
    }
    return { distance, count };
  };
  const actors = (side: string) => entities.filter((entity) => entity.type === 'Actor' && entity.side === side).map((entity) => entity.id);
  const kzActors = actors('KZ');
  const fromKz = new Map(kzActors.map((id) => [id, bfs(id)]));
  const result = new Map<string, { score: number; pairs: number }>();
  for (const eu of actors('EU')) {
    const fromEu = bfs(eu);
    for (const kz of kzActors) {
      const total = fromEu.distance.get(kz);
      if (total === undefined || total === 0) continue;
      const back = fromKz.get(kz)!;
      for (const [node, depth] of fromEu.distance) {
        if (node === eu || node === kz || byId.get(node)?.type !== 'Actor') continue;
        if (depth + (back.distance.get(node) ?? Infinity) !== total) continue;
        const share = (fromEu.count.get(node)! * back.count.get(node)!) / fromEu.count.get(kz)!;
        const entry = result.get(node) ?? { score: 0, pairs: 0 };
        entry.score += share;
        entry.pairs += 1;
        result.set(node, entry);
      }
    }
  }
  return result;
}
