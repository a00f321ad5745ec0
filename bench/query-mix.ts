/**
 * The fixed query mix: seven queries, each written three ways (this server's GraphQL, @neo4j/graphql's
 * GraphQL, hand-written Cypher; the raw-http contender serves the hand-written Cypher over HTTP) with a function per way that reduces the answer to one comparable shape,
 * so the correctness gate can tell that all three return the same thing. Parameters are chosen from the
 * generated graph with a seeded PRNG and used round-robin under load, so no contender answers one
 * cached question over and over.
 */
import { sdlEnumName } from '../src/model/enums.ts';
import { buildSearchQuery } from '../src/search/search-query.ts';
import type { GeneratedGraph } from './generate-graph.ts';
import { createRandom } from './random.ts';
import { ACTOR_PAGE, FANOUT, NEIGHBORHOOD, NESTED, NODE_BY_ID, SEARCH, SHORTEST_PATH } from './raw-statements.ts';

/** The queries of the mix, in report order. */
export const QUERY_NAMES = ['node', 'page', 'nested', 'fanout', 'path', 'neighborhood', 'search'] as const;
export type QueryName = (typeof QUERY_NAMES)[number];

/**
 * The contenders, in report order: raw Cypher through the driver in-process (the floor), the same
 * statements behind a bare node:http JSON endpoint (raw-http, the floor for any HTTP API), this server,
 * and @neo4j/graphql.
 */
export const CONTENDERS = ['raw', 'raw-http', 'ours', 'peer'] as const;
export type ContenderName = (typeof CONTENDERS)[number];

/** One parameter set of a query, as plain JSON. */
export type QueryParams = Record<string, unknown>;
/** A GraphQL response's data or a statement's rows, as parsed JSON. */
type Json = any;

/** A query as one contender asks it: the request for a parameter set, and its answer in comparable form. */
export interface GraphQLForm {
  document: string;
  variables(params: QueryParams): Record<string, unknown>;
  answer(data: Json): unknown;
}

/** The hand-written form: a statement, its parameters, and the answer from its rows. */
export interface CypherForm {
  statement: string;
  params(params: QueryParams): Record<string, unknown>;
  answer(rows: Json[]): unknown;
}

/** One query of the mix in all three forms. */
export interface BenchQuery {
  name: QueryName;
  title: string;
  params: QueryParams[];
  ours: GraphQLForm;
  peer: GraphQLForm;
  raw: CypherForm;
}

/** The hand-written statement of each query: the raw contender runs it in-process, raw-http behind HTTP. */
export const RAW_STATEMENTS: Record<QueryName, string> = {
  node: NODE_BY_ID,
  page: ACTOR_PAGE,
  nested: NESTED,
  fanout: FANOUT,
  path: SHORTEST_PATH,
  neighborhood: NEIGHBORHOOD,
  search: SEARCH,
};

/** The raw form of a query as the raw-http contender is asked it: the query's name and the raw parameters. */
export function rawHttpForm(query: BenchQuery): GraphQLForm {
  return { document: query.name, variables: (params) => query.raw.params(params), answer: (data) => query.raw.answer(data.rows) };
}

/** Parameter sets per query. */
export const PARAMETER_SETS = 16;

/** The mix for `graph`, with PARAMETER_SETS parameter sets per query drawn with `seed`. */
export function createQueryMix(graph: GeneratedGraph, seed: number): BenchQuery[] {
  const random = createRandom(seed ^ 0x5eed);
  const actors = graph.idsByType.Actor!;
  const participants = [...new Set(graph.relationships.filter((link) => link.type === 'PARTICIPATES_IN').map((link) => String(link.from)))].sort();
  const sample = <T>(items: readonly T[]) => Array.from({ length: PARAMETER_SETS }, () => random.pick(items));
  const names = graph.nodes.filter((node) => node.type !== 'Source').map((node) => String(node.name));

  const pageFilters = [
    { side: 'KZ', kind: 'company' },
    { side: 'EU', kind: 'person' },
    { side: 'EU', kind: 'company' },
    { side: 'KZ', kind: 'ministry' },
  ];
  const searchTexts = Array.from({ length: PARAMETER_SETS }, (_, index) => searchText(random.pick(names), index));

  return [
    {
      name: 'node',
      title: 'An actor by id: name, kind, side.',
      params: sample(actors).map((id) => ({ id })),
      ours: {
        document: 'query Node($id: ID!) { node(id: $id) { id ... on Actor { name kind side } } }',
        variables: (p) => p,
        answer: (data) => data.node && { id: data.node.id, name: data.node.name, kind: data.node.kind, side: data.node.side },
      },
      peer: {
        document: 'query Node($id: ID!) { actors(where: { id: { eq: $id } }) { id name kind side } }',
        variables: (p) => p,
        answer: (data) => {
          const node = data.actors[0];
          return node ? { id: node.id, name: node.name, kind: sdlEnumName(node.kind), side: node.side } : null;
        },
      },
      raw: {
        statement: RAW_STATEMENTS.node,
        params: (p) => p,
        answer: (rows) => {
          const node = rows[0]?.node;
          return node ? { id: node.id, name: node.name, kind: sdlEnumName(node.kind), side: node.side } : null;
        },
      },
    },
    {
      name: 'page',
      title: 'A filtered page: 50 actors of one side and kind by name, with totalCount and pageInfo.',
      params: Array.from({ length: PARAMETER_SETS }, (_, index) => pageFilters[index % pageFilters.length]!),
      ours: {
        document:
          'query Page($side: Side!, $kind: ActorKind!) { actors(filter: { side: [$side], kind: [$kind] }, first: 50) { totalCount edges { node { id name } } pageInfo { hasNextPage endCursor } } }',
        variables: (p) => ({ side: p.side, kind: sdlEnumName(String(p.kind)) }),
        answer: (data) => ({
          totalCount: data.actors.totalCount,
          ids: data.actors.edges.map((edge: Json) => edge.node.id),
          hasNextPage: data.actors.pageInfo.hasNextPage,
        }),
      },
      peer: {
        document:
          'query Page($side: Side!, $kind: String!) { actorsConnection(first: 50, where: { side: { eq: $side }, kind: { eq: $kind } }, sort: [{ sortName: ASC }, { id: ASC }]) { totalCount edges { node { id name } } pageInfo { hasNextPage endCursor } } }',
        variables: (p) => p,
        answer: (data) => ({
          totalCount: data.actorsConnection.totalCount,
          ids: data.actorsConnection.edges.map((edge: Json) => edge.node.id),
          hasNextPage: data.actorsConnection.pageInfo.hasNextPage,
        }),
      },
      raw: {
        statement: RAW_STATEMENTS.page,
        params: (p) => p,
        answer: ([row]) => ({ totalCount: row.totalCount, ids: row.nodes.map((node: Json) => node.id), hasNextPage: row.hasNextPage }),
      },
    },
    {
      name: 'nested',
      title: "3 levels: an actor's first 10 projects, their first 10 participants (with roles), their first 5 events.",
      params: sample(participants).map((id) => ({ id })),
      ours: {
        document: `query Nested($id: ID!) { node(id: $id) { id ... on Actor { name
            participatesIn(first: 10) { edges { role node { id name ... on Project {
              participants(first: 10) { edges { role node { id name ... on Actor {
                attended(first: 5) { nodes { id name } } } } } } } } } } } } }`,
        variables: (p) => p,
        answer: (data) =>
          data.node && {
            id: data.node.id,
            projects: data.node.participatesIn.edges.map((project: Json) => ({
              id: project.node.id,
              role: project.role,
              participants: project.node.participants.edges.map((participant: Json) => ({
                id: participant.node.id,
                role: participant.role,
                attended: participant.node.attended.nodes.map((event: Json) => event.id),
              })),
            })),
          },
      },
      peer: {
        document: `query Nested($id: ID!) { actors(where: { id: { eq: $id } }) { id name
            participatesInConnection(first: 10, sort: [{ node: { sortName: ASC } }, { node: { id: ASC } }]) { edges { properties { role } node { id name
              participantsConnection(first: 10, sort: [{ node: { sortName: ASC } }, { node: { id: ASC } }]) { edges { properties { role } node { id name
                attended(limit: 5, sort: [{ sortName: ASC }, { id: ASC }]) { id name } } } } } } } } }`,
        variables: (p) => p,
        answer: (data) => {
          const actor = data.actors[0];
          return (
            actor && {
              id: actor.id,
              projects: actor.participatesInConnection.edges.map((project: Json) => ({
                id: project.node.id,
                role: project.properties.role,
                participants: project.node.participantsConnection.edges.map((participant: Json) => ({
                  id: participant.node.id,
                  role: participant.properties.role,
                  attended: participant.node.attended.map((event: Json) => event.id),
                })),
              })),
            }
          );
        },
      },
      raw: {
        statement: RAW_STATEMENTS.nested,
        params: (p) => p,
        answer: (rows) => {
          const actor = rows[0]?.actor;
          return (
            actor && {
              id: actor.id,
              projects: actor.projects.map((project: Json) => ({
                id: project.id,
                role: project.role,
                participants: project.participants.map((participant: Json) => ({
                  id: participant.id,
                  role: participant.role,
                  attended: participant.attended.map((event: Json) => event.id),
                })),
              })),
            }
          );
        },
      },
    },
    {
      name: 'fanout',
      title: "A page of 20 actors of one side and kind by name, each with its first 10 links of any type and the other end's name.",
      params: Array.from({ length: PARAMETER_SETS }, (_, index) => pageFilters[index % pageFilters.length]!),
      ours: {
        document:
          'query Fanout($side: Side!, $kind: ActorKind!) { actors(filter: { side: [$side], kind: [$kind] }, first: 20) { nodes { id name relationships(first: 10) { edges { type node { id name } } } } } }',
        variables: (p) => ({ side: p.side, kind: sdlEnumName(String(p.kind)) }),
        answer: (data) =>
          data.actors.nodes.map((actor: Json) => ({
            id: actor.id,
            links: actor.relationships.edges.map((edge: Json) => `${edge.type}|${edge.node.id}|${edge.node.name}`),
          })),
      },
      peer: {
        document:
          'query Fanout($side: Side!, $kind: String!) { actors(limit: 20, where: { side: { eq: $side }, kind: { eq: $kind } }, sort: [{ sortName: ASC }, { id: ASC }]) { id name links { type id name } } }',
        variables: (p) => p,
        answer: (data) => data.actors.map((actor: Json) => ({ id: actor.id, links: actor.links.map((link: Json) => `${link.type}|${link.id}|${link.name}`) })),
      },
      raw: {
        statement: RAW_STATEMENTS.fanout,
        params: (p) => p,
        answer: (rows) => rows.map((row) => ({ id: row.actor.id, links: row.actor.links.map((link: Json) => `${link.type}|${link.id}|${link.name}`) })),
      },
    },
    {
      name: 'path',
      title: 'Shortest path between two actors, at most 4 links, any type: nodes and relationships.',
      params: Array.from({ length: PARAMETER_SETS }, () => {
        const from = random.pick(actors);
        let to = random.pick(actors);
        while (to === from) to = random.pick(actors);
        return { from, to };
      }),
      ours: {
        document:
          'query Path($from: ID!, $to: ID!) { shortestPath(from: $from, to: $to, maxHops: 4) { length nodes { id name } relationships { type from to } } }',
        variables: (p) => p,
        answer: (data) => pathAnswer(data.shortestPath),
      },
      peer: {
        document: 'query Path($from: ID!, $to: ID!) { shortestPath(from: $from, to: $to) { length nodes { id name } relationships { type from to } } }',
        variables: (p) => p,
        answer: (data) => pathAnswer(data.shortestPath),
      },
      raw: { statement: RAW_STATEMENTS.path, params: (p) => p, answer: (rows) => pathAnswer(rows[0]?.path ?? null) },
    },
    {
      name: 'neighborhood',
      title: 'Neighbourhood of depth 2 of an actor: the nearest 50, how many in reach, the links among them.',
      params: sample(actors).map((id) => ({ id })),
      ours: {
        document:
          'query Neighborhood($id: ID!) { neighborhood(id: $id, depth: 2, first: 50) { reachable truncated nodes { distance node { id name } } relationships { type from to } } }',
        variables: (p) => p,
        answer: (data) => subgraphAnswer(data.neighborhood),
      },
      peer: {
        document:
          'query Neighborhood($id: ID!) { neighborhood(id: $id) { reachable truncated nodes { distance node { id name } } relationships { type from to } } }',
        variables: (p) => p,
        answer: (data) => subgraphAnswer(data.neighborhood),
      },
      raw: { statement: RAW_STATEMENTS.neighborhood, params: (p) => p, answer: (rows) => subgraphAnswer(rows[0]?.subgraph ?? null) },
    },
    {
      name: 'search',
      title: 'Full-text search, 10 best hits: a name word, a prefix, a typo or two words.',
      params: searchTexts.map((text) => ({ text })),
      ours: {
        document: 'query Search($text: String!) { search(query: $text, first: 10) { score node { id name } } }',
        variables: (p) => ({ text: p.text }),
        answer: (data) => data.search.map((hit: Json) => hit.node.id),
      },
      peer: {
        document: 'query Search($lucene: String!, $spellings: [String!]!) { search(lucene: $lucene, spellings: $spellings) { id name } }',
        variables: (p) => searchParams(String(p.text)),
        answer: (data) => data.search.map((node: Json) => node.id),
      },
      raw: { statement: RAW_STATEMENTS.search, params: (p) => searchParams(String(p.text)), answer: (rows) => rows.map((row) => row.node.id) },
    },
  ];
}

/** How many objects (entities, edges, hits, links) a GraphQL response holds: its result size. */
export function countObjects(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + countObjects(item), 0);
  if (value !== null && typeof value === 'object') {
    return 1 + Object.values(value).reduce((sum: number, item) => sum + countObjects(item), 0);
  }
  return 0;
}

// Private: what the server computes from the search text (src/search), as parameters for the hand-written forms.
function searchParams(text: string): { lucene: string; spellings: string[] } {
  const search = buildSearchQuery(text);
  if (!search) throw new Error(`The search text "${text}" holds no word.`);
  return { lucene: search.lucene, spellings: search.spellings };
}

// Private: a search text from a name: one word whole, a prefix of it, one typo in it, or two words.
function searchText(name: string, index: number): string {
  const words = name.split(' ');
  const word = words[0]!.toLowerCase();
  switch (index % 4) {
    case 0:
      return word;
    case 1:
      return word.slice(0, Math.max(3, word.length - 2));
    case 2:
      return word.length >= 5 ? word.slice(0, 2) + word[3] + word[2] + word.slice(4) : `${word}x`;
    default:
      return words.slice(0, 2).join(' ');
  }
}

// Private: a path reduced to what every shortest path between the same ends shares (several may tie).
function pathAnswer(path: Json): unknown {
  if (!path) return null;
  return { length: path.length, from: path.nodes[0]?.id, to: path.nodes.at(-1)?.id, nodeCount: path.nodes.length, links: path.relationships.length };
}

// Private: a subgraph as (distance, id) in order, and its links as a sorted list.
function subgraphAnswer(subgraph: Json): unknown {
  if (!subgraph) return null;
  return {
    reachable: subgraph.reachable,
    truncated: subgraph.truncated,
    nodes: subgraph.nodes.map((item: Json) => `${item.distance}:${item.node.id}`),
    relationships: subgraph.relationships.map((link: Json) => `${link.from}|${link.type}|${link.to}`).sort(),
  };
}
