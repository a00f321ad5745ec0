// The entities within __HOPS__ links of one entity (relationship types __TYPE__, direction ignored), the
// nearest $limit of them by distance then name, and every such relationship among the kept entities;
// with $asOf only over links known to hold that day (src/model/validity.ts).
// Only the kept entities are projected, the centre first, as the request selected them (links too); collecting
// inside the subqueries keeps one row for an entity with no neighbours. Every link of these types joins two
// entities (only upsert-relationships writes them), so the ends need no label check.
MATCH (centre:Entity {id: $id})
// The reach is a breadth-first search in rings: each ring expands the distinct entities of the one before
// (never the walks through them), and an entity's distance is the first ring it is in. On a hub of 1,227
// links this is 33 ms where ANY SHORTEST over a quantified path took 52 ms. Rings past __HOPS__ are empty.
CALL (centre) {
  OPTIONAL MATCH (centre)-[__REL(r1)__]-(a:Entity)
  WHERE a <> centre AND __HOLDS_ON(r1)__
  WITH centre, collect(DISTINCT a) AS ring1
  CALL (centre, ring1) {
    UNWIND CASE WHEN __HOPS__ >= 2 THEN ring1 ELSE [] END AS a
    MATCH (a)-[__REL(r2)__]-(b:Entity)
    WHERE b <> centre AND __HOLDS_ON(r2)__
    RETURN collect(DISTINCT b) AS ring2
  }
  CALL (centre, ring2) {
    UNWIND CASE WHEN __HOPS__ >= 3 THEN ring2 ELSE [] END AS b
    MATCH (b)-[__REL(r3)__]-(c:Entity)
    WHERE c <> centre AND __HOLDS_ON(r3)__
    RETURN collect(DISTINCT c) AS ring3
  }
  UNWIND [x IN ring1 | { entity: x, distance: 1 }] + [x IN ring2 | { entity: x, distance: 2 }] + [x IN ring3 | { entity: x, distance: 3 }] AS item
  WITH item.entity AS other, min(item.distance) AS distance
  ORDER BY distance, other.sortName, other.id
  RETURN collect({ entity: other, distance: distance }) AS reached
}
WITH centre, [{ entity: centre, distance: 0 }] + reached[0..toInteger($limit)] AS kept, size(reached) AS reachable
CALL (kept) {
  UNWIND range(0, size(kept) - 1) AS i
  WITH i, kept[i].entity AS n, kept[i].distance AS distance
  __NODE_SUBQUERIES__
  WITH i, { distance: distance, node: __NODE__ } AS item
  ORDER BY i
  RETURN collect(item) AS reached
}
WITH reachable, reached, [item IN kept | item.entity] AS members
CALL (members) {
  UNWIND members AS x
  MATCH (x)-[__REL(rel)__]->(y)
  WHERE y IN members AND __HOLDS_ON(rel)__
  RETURN collect({ type: type(rel), from: x.id, to: y.id, properties: __LINK_PROPERTIES(rel)__, validity: __VALIDITY(rel)__ }) AS relationships
}
RETURN reachable, reached, relationships
