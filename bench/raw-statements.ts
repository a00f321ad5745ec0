/**
 * The hand-written Cypher of the benchmark: what a developer would write against the driver to get the
 * same answers as the GraphQL queries of the mix, with the same result sizes. They are the raw-Cypher
 * contender (the floor), and the path, neighbourhood and search ones are also the @cypher fields of the
 * @neo4j/graphql contender (peer-type-defs.ts), so that peer does the same database work as the floor.
 * Depth and page sizes are fixed per query of the mix, as a hand-written statement would fix them.
 */

/** An actor by id, with the fields the mix asks for. */
export const NODE_BY_ID = `
MATCH (n:Entity {id: $id})
RETURN n { .id, .name, .kind, .side, __typename: [label IN labels(n) WHERE label <> 'Entity'][0] } AS node`;

/** One page of 50 actors of one side and kind, by name then id, with the total and whether more follow. */
export const ACTOR_PAGE = `
CALL () {
  MATCH (n:Actor) WHERE n.side = $side AND n.kind = $kind
  RETURN count(n) AS totalCount
}
CALL () {
  MATCH (n:Actor) WHERE n.side = $side AND n.kind = $kind
  WITH n ORDER BY n.sortName, n.id LIMIT 51
  RETURN collect(n { .id, .name }) AS rows
}
RETURN totalCount, rows[0..50] AS nodes, size(rows) > 50 AS hasNextPage`;

/** Three levels: an actor's first 10 projects, their first 10 participants, their first 5 events. */
export const NESTED = `
MATCH (a:Entity {id: $id})
CALL (a) {
  MATCH (a)-[r1:PARTICIPATES_IN]->(p:Entity)
  WITH r1, p ORDER BY p.sortName, p.id LIMIT 10
  CALL (p) {
    MATCH (p)<-[r2:PARTICIPATES_IN]-(b:Entity)
    WITH r2, b ORDER BY b.sortName, b.id LIMIT 10
    CALL (b) {
      MATCH (b)-[:ATTENDED]->(e:Entity)
      WITH e ORDER BY e.sortName, e.id LIMIT 5
      RETURN collect(e { .id, .name }) AS attended
    }
    RETURN collect(b { .id, .name, role: r2.role, attended: attended }) AS participants
  }
  RETURN collect(p { .id, .name, role: r1.role, participants: participants }) AS projects
}
RETURN a { .id, .name, projects: projects } AS actor`;

/** One shortest path of at most 4 links, direction ignored, any relationship type. */
export const SHORTEST_PATH = `
MATCH (a:Entity {id: $from})
MATCH (b:Entity {id: $to})
MATCH p = SHORTEST 1 (a)-[]-{1,4}(b)
RETURN { length: length(p),
         nodes: [node IN nodes(p) | node { .id, .name }],
         relationships: [rel IN relationships(p) | { type: type(rel), from: startNode(rel).id, to: endNode(rel).id }] } AS path`;

/**
 * Everything within 2 links of an entity: how many, the nearest 50 by distance then name then id, and the
 * links among those and the centre. Distance 2 is "reached through a neighbour and not a neighbour itself".
 */
export const NEIGHBORHOOD = `
MATCH (centre:Entity {id: $id})
CALL (centre) {
  MATCH (centre)--(other:Entity) WHERE other <> centre
  RETURN DISTINCT other, 1 AS distance
  UNION
  MATCH (centre)--(:Entity)--(other:Entity)
  WHERE other <> centre AND NOT EXISTS { (centre)--(other) }
  RETURN DISTINCT other, 2 AS distance
}
WITH centre, other, distance ORDER BY distance, other.sortName, other.id
WITH centre, count(other) AS reachable, collect({ entity: other, distance: distance, node: other { .id, .name } }) AS reached
WITH centre, reachable, reached[0..50] AS kept
WITH centre, reachable, kept, [centre] + [item IN kept | item.entity] AS members
CALL (members) {
  UNWIND members AS x
  MATCH (x)-[rel]->(y:Entity) WHERE y IN members
  RETURN collect({ type: type(rel), from: x.id, to: y.id }) AS relationships
}
RETURN { reachable: reachable,
         truncated: reachable > size(kept),
         nodes: [{ distance: 0, node: centre { .id, .name } }] + [item IN kept | { distance: item.distance, node: item.node }],
         relationships: relationships } AS subgraph`;

/**
 * Full-text search (index entity_search) with the server's Lucene query and rescoring: an exact spelling
 * comes first and scores double; the 10 best, then the shortest name, then id. SEARCH returns them projected, SEARCH_NODES
 * as nodes (for @neo4j/graphql, which projects them itself).
 */
const SEARCH_HITS = `
CALL db.index.fulltext.queryNodes('entity_search', $lucene) YIELD node, score
WITH node, score, any(spelling IN $spellings WHERE spelling IN node.foldedNames) AS exact
// An exact hit's score is doubled and raised by the best other score, so it ranks above every other hit and
// the scores still fall from the first hit to the last.
WITH collect({ node: node, score: score, exact: exact }) AS hits
WITH hits, reduce(top = 0.0, hit IN hits | CASE WHEN NOT hit.exact AND hit.score > top THEN hit.score ELSE top END) AS top
UNWIND hits AS hit
WITH hit.node AS node, CASE WHEN hit.exact THEN 2 * hit.score + top ELSE hit.score END AS score
ORDER BY score DESC, size(node.name), node.id
LIMIT 10`;
export const SEARCH = `${SEARCH_HITS}
RETURN node { .id, .name } AS node, score`;
export const SEARCH_NODES = `${SEARCH_HITS}
RETURN node`;

/**
 * The first 10 links of any type of one entity (`this`), in the server's edge order (stage position, the
 * other end's name and id, type, key, direction), with the other end's id and name. FANOUT runs it for a
 * page of 20 actors of one side and kind; FANOUT_LINKS is the same per actor, as a @cypher field of the peer.
 */
const LINKS_OF_THIS = `
  MATCH (this)-[r]-(m:Entity)
  WITH r, m, right('00000' + toString(coalesce(m.position, 0)), 6) + '\\u0001' + m.sortName + '\\u0001' + m.id + '\\u0001' +
       type(r) + '\\u0001' + coalesce(r.key, '') + '\\u0001' + CASE WHEN startNode(r) = this THEN 'o' ELSE 'i' END AS edgeKey
  ORDER BY edgeKey
  LIMIT 10`;
export const FANOUT = `
MATCH (this:Actor) WHERE this.sortName >= '' AND this.side = $side AND this.kind = $kind
WITH this ORDER BY this.sortName, this.id LIMIT 20
CALL (this) {${LINKS_OF_THIS}
  RETURN collect({ type: type(r), id: m.id, name: m.name }) AS links
}
RETURN this { .id, .name, links: links } AS actor`;
export const FANOUT_LINKS = `${LINKS_OF_THIS}
RETURN { type: type(r), id: m.id, name: m.name } AS link`;
