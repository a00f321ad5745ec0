/**
 * The asOf rule on the integration views (issue #14 item 1): `valueChain(asOf, includeUncertain)` and
 * `timeline(asOf, includeUncertain)`, through HTTP against the real Neo4j with the curated data. The
 * expectations are derived from the API's own relationship fields with the same asOf (the rule's reference
 * answer), never from counts of the curated graph, so growing data keeps them true; each test also checks the
 * dated answer differs from the undated one, so it fails if the rule were not applied.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cypher } from '../src/db/cypher-registry.ts';
import { startTestServer, type TestServer } from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

type Validity = 'STATED' | 'ATTESTED' | 'UNCERTAIN' | null;
const DAYS = ['2019-06-01', '2023-05-19', '2024-03-01', '2025-10-01'];

/**
 * The validity on `day` of every link of the given types leaving `ids`, by the relationship fields (the
 * loaders' statement of the rule), keyed by link id; links known not to hold are absent.
 */
async function validityByRelationshipFields(ids: string[], types: string[], day: string): Promise<Map<string, Validity>> {
  const holding = new Map<string, Validity>();
  for (let start = 0; start < ids.length; start += 50) {
    const data = await server.data(
      `query ($ids: [ID!]!, $types: [RelationshipType!], $day: Date) { nodes(ids: $ids) { ... on Entity { id
        relationships(types: $types, direction: OUT, asOf: $day, includeUncertain: true, first: 100) {
          pageInfo { hasNextPage } edges { type key validity node { id } } } } } }`,
      { ids: ids.slice(start, start + 50), types, day },
    );
    for (const node of data.nodes as {
      id: string;
      relationships: { pageInfo: { hasNextPage: boolean }; edges: { type: string; key: string | null; validity: Validity; node: { id: string } }[] };
    }[]) {
      expect(node.relationships.pageInfo.hasNextPage, `links of ${node.id} fit one page`).toBe(false);
      for (const edge of node.relationships.edges) holding.set(`${node.id}|${edge.type}|${edge.node.id}${edge.key ? `|${edge.key}` : ''}`, edge.validity);
    }
  }
  return holding;
}

describe('timeline(asOf)', () => {
  const TIMELINE = `query ($kinds: [TimelineKind!], $day: Date, $all: Boolean) { timeline(kinds: $kinds, asOf: $day, includeUncertain: $all, first: 200) {
    hasMore entries { date kind validity subject { id } object { id } relationship { id type validity } } } }`;
  interface Entry {
    date: string;
    kind: string;
    validity: Validity;
    subject: { id: string };
    object: { id: string } | null;
    relationship: { id: string; type: string; validity: Validity } | null;
  }
  const timeline = async (kinds: string[], day: string | null, includeUncertain = false): Promise<Entry[]> => {
    const data = await server.data(TIMELINE, { kinds, day, all: includeUncertain });
    expect(data.timeline.hasMore, `the ${kinds.join(', ')} entries fit one page`).toBe(false);
    return data.timeline.entries;
  };
  const key = (entry: Entry) => `${entry.kind}|${entry.date}|${entry.relationship?.id ?? entry.subject.id}|${entry.validity}`;

  for (const kinds of [
    ['OFFICE_START', 'OFFICE_END'],
    ['SIGNING', 'FUNDING', 'MEETING', 'ANNOUNCEMENT'],
  ]) {
    it(`${kinds.join(', ')}: an entry is listed on a day exactly when its link holds then, with the link's validity`, async () => {
      const undated = await timeline(kinds, null);
      expect(undated.length).toBeGreaterThan(0);
      expect(new Set(undated.map((entry) => entry.validity))).toEqual(new Set([null]));
      const subjects = [...new Set(undated.map((entry) => entry.subject.id))];
      const types = [...new Set(undated.map((entry) => entry.relationship!.type))];
      let differs = false;
      for (const day of DAYS) {
        const holding = await validityByRelationshipFields(subjects, types, day);
        const expected = undated
          .filter((entry) => holding.has(entry.relationship!.id))
          .map((entry) => ({ ...entry, validity: holding.get(entry.relationship!.id)! }));
        const all = await timeline(kinds, day, true);
        expect(all.map(key), `${kinds} on ${day}, includeUncertain`).toEqual(expected.map(key));
        for (const entry of all) expect(entry.relationship!.validity).toBe(entry.validity);
        const known = await timeline(kinds, day);
        expect(known.map(key), `${kinds} on ${day}`).toEqual(expected.filter((entry) => entry.validity !== 'UNCERTAIN').map(key));
        if (known.length !== undated.length) differs = true;
      }
      expect(differs, 'some day leaves entries out').toBe(true);
    });
  }

  it('events and agreements are listed once their date is not after the day, as STATED', async () => {
    const undated = await timeline(['EVENT', 'AGREEMENT'], null);
    for (const day of DAYS) {
      const dated = await timeline(['EVENT', 'AGREEMENT'], day, true);
      expect(dated.map(key)).toEqual(undated.filter((entry) => entry.date <= day).map((entry) => key({ ...entry, validity: 'STATED' })));
    }
    expect((await timeline(['EVENT', 'AGREEMENT'], '2019-06-01')).length).toBeLessThan(undated.length);
  });

  it('on 2025-10-01 the offices of the Government of Kazakhstan: Nurtleu succeeded by Kosherbayev, as officeHolders says', async () => {
    const day = '2025-10-01';
    const government = (entries: Entry[]) =>
      entries.filter((entry) => entry.object?.id === 'actor:government-of-kazakhstan').map((entry) => `${entry.subject.id}:${entry.validity}`);
    const undated = government(await timeline(['OFFICE_START'], null));
    expect(undated).toContain('actor:murat-nurtleu:null');
    expect(undated).toContain('actor:yermek-kosherbayev:null');
    for (const includeUncertain of [false, true]) {
      const data = await server.data(
        `query ($day: Date, $all: Boolean) { entity(id: "actor:government-of-kazakhstan") { ... on Actor {
          officeHolders(asOf: $day, includeUncertain: $all, first: 100) { edges { validity validFrom node { id } } } } } }`,
        { day, all: includeUncertain },
      );
      // Every term in force that day with a stated start is an OFFICE_START entry, with the same validity.
      const expected = (data.entity.officeHolders.edges as { validity: Validity; validFrom: string | null; node: { id: string } }[])
        .filter((edge) => edge.validFrom !== null)
        .map((edge) => `${edge.node.id}:${edge.validity}`)
        .sort();
      const entries = government(await timeline(['OFFICE_START'], day, includeUncertain)).sort();
      expect(entries).toEqual(expected);
      // Kosherbayev's appointment ended Nurtleu's term as foreign minister: known not to hold, so absent unless
      // another of his terms is uncertain that day.
      if (!includeUncertain) expect(entries.some((entry) => entry.startsWith('actor:murat-nurtleu:'))).toBe(false);
      expect(entries.some((entry) => entry.startsWith('actor:yermek-kosherbayev:'))).toBe(true);
    }
  });
});

describe('valueChain(asOf)', () => {
  const CHAIN = `query ($id: ID!, $day: Date, $all: Boolean) { valueChain(id: $id, asOf: $day, includeUncertain: $all) {
    gaps { id }
    stages { linked stage { id } euActors { id } kzActors { id } links { id type from to validity } funding { id validity } } } }`;
  interface StageView {
    linked: boolean;
    stage: { id: string };
    euActors: { id: string }[];
    kzActors: { id: string }[];
    links: { id: string; type: string; from: string; to: string; validity: Validity }[];
    funding: { id: string; validity: Validity }[];
  }
  const chain = async (id: string, day: string | null, includeUncertain = false): Promise<{ gaps: { id: string }[]; stages: StageView[] }> =>
    (await server.data(CHAIN, { id, day, all: includeUncertain })).valueChain;
  const ids = (items: { id: string }[]) => items.map((item) => item.id).sort();

  it('every lane, link, funding and gap on a day is what the links holding that day give', async () => {
    const { valueChains } = await server.data('{ valueChains(first: 50) { nodes { id } } }');
    expect(valueChains.nodes.length).toBeGreaterThan(0);
    let differs = false;
    let uncertainSeen = false;
    for (const { id } of valueChains.nodes as { id: string }[]) {
      const undated = await chain(id, null);
      for (const stage of undated.stages) {
        expect(new Set([...stage.links, ...stage.funding].map((link) => link.validity))).toEqual(
          stage.links.length + stage.funding.length ? new Set([null]) : new Set(),
        );
        // Every actor in a lane stands there through one of the stage's links.
        expect([...new Set(stage.links.map((link) => link.from))].sort()).toEqual(ids([...stage.euActors, ...stage.kzActors]));
      }
      const sides = new Map(
        undated.stages.flatMap((stage) => [...stage.euActors.map((a) => [a.id, 'EU'] as const), ...stage.kzActors.map((a) => [a.id, 'KZ'] as const)]),
      );
      const linkFroms = [...new Set(undated.stages.flatMap((stage) => [...stage.links, ...stage.funding].map((link) => link.id.split('|')[0]!)))];
      const types = [...new Set(undated.stages.flatMap((stage) => [...stage.links, ...stage.funding].map((link) => link.id.split('|')[1]!)))];
      if (linkFroms.length === 0) continue;
      for (const day of DAYS) {
        const holding = await validityByRelationshipFields(linkFroms, types, day);
        for (const includeUncertain of [true, false]) {
          const dated = await chain(id, day, includeUncertain);
          const kept = (link: { id: string }) => holding.has(link.id) && (includeUncertain || holding.get(link.id) !== 'UNCERTAIN');
          const expectedStages = undated.stages.map((stage) => {
            const links = stage.links.filter(kept).map((link) => ({ ...link, validity: holding.get(link.id)! }));
            const actors = new Set(links.map((link) => link.from));
            const euActors = stage.euActors.filter((actor) => actors.has(actor.id));
            const kzActors = stage.kzActors.filter((actor) => actors.has(actor.id));
            return {
              linked: euActors.length > 0 && kzActors.length > 0,
              stage: stage.stage,
              euActors: ids(euActors),
              kzActors: ids(kzActors),
              links: links.map((link) => `${link.id}:${link.validity}`).sort(),
              funding: stage.funding
                .filter(kept)
                .map((link) => `${link.id}:${holding.get(link.id)}`)
                .sort(),
            };
          });
          const got = dated.stages.map((stage) => ({
            linked: stage.linked,
            stage: stage.stage,
            euActors: ids(stage.euActors),
            kzActors: ids(stage.kzActors),
            links: stage.links.map((link) => `${link.id}:${link.validity}`).sort(),
            funding: stage.funding.map((link) => `${link.id}:${link.validity}`).sort(),
          }));
          expect(got, `${id} on ${day}, includeUncertain ${includeUncertain}`).toEqual(expectedStages);
          expect(ids(dated.gaps)).toEqual(
            expectedStages
              .filter((stage) => !stage.linked)
              .map((stage) => stage.stage.id)
              .sort(),
          );
          for (const stage of dated.stages) for (const actor of [...stage.euActors, ...stage.kzActors]) expect(sides.has(actor.id)).toBe(true);
          if (
            JSON.stringify(got.map((stage) => [stage.euActors, stage.kzActors])) !==
            JSON.stringify(undated.stages.map((stage) => [ids(stage.euActors), ids(stage.kzActors)]))
          )
            differs = true;
          if (got.some((stage) => stage.links.some((link) => link.endsWith(':UNCERTAIN')))) uncertainSeen = true;
        }
      }
    }
    expect(differs, 'some chain on some day loses an actor').toBe(true);
    expect(uncertainSeen, 'includeUncertain brings in links marked UNCERTAIN').toBe(true);
  });

  it('a value chain that does not exist is NOT_FOUND with asOf too', async () => {
    const response = await server.query('{ valueChain(id: "chain:nowhere", asOf: "2023-01-01") { gaps { id } } }');
    expect(response.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(response.errors?.[0]?.message).toBe('No value chain has the id "chain:nowhere".');
  });
});

describe('whether asOf is given is part of the statement', () => {
  it('without asOf the value-chain and timeline statements carry no date rule; with it they do', () => {
    const statement = (name: string, dated: boolean) =>
      cypher(name, { dated })
        .split('\n')
        .filter((line) => !line.trim().startsWith('//'))
        .join('\n');
    for (const name of ['value-chain-stages', 'timeline']) {
      expect(statement(name, false), name).not.toMatch(/asOf|includeUncertain|attestedOn/);
      expect(statement(name, true), name).toMatch(/\$asOf[\s\S]*attestedOn[\s\S]*\$includeUncertain/);
    }
  });

  it('a fragment for links of known types carries only what those types need', () => {
    const timeline = cypher('timeline', { dated: true });
    const signing = timeline.split('\n').find((line) => line.includes("'SIGNING' IN $kinds"))!;
    const office = timeline.split('\n').find((line) => line.includes("'OFFICE_START' IN $kinds"))!;
    expect(signing).toContain('$asOf');
    // A signing has no succession and no type tests; an office carries the succession check over the post's holders.
    expect(signing).not.toMatch(/vNext|type\(r\)/);
    expect(office).toContain('[(vBody)<-[vNext:HOLDS_OFFICE]-() WHERE vNext <> r AND vNext.post = r.post');
    expect(cypher('value-chain-stages', { dated: true })).not.toContain("type(r) IN ['BUILDS_ON'");
  });
});
