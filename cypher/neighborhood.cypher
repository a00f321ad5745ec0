// The entities within __HOPS__ links of one entity (relationship types __TYPE__, direction ignored), the
// nearest $limit of them by distance then name, and every such relationship among the kept entities;
// with $asOf only over links known to hold that day (src/model/validity.ts).
// Only the kept entities are projected, the centre first, as the request selected them (links too); collecting
// inside the subqueries keeps one row for an entity with no neighbours. Every link of these types joins two
// entities (only upsert-relationships writes them), so the ends need no label check.
MATCH (centre:Entity {id: $id})
CALL (centre) {
  MATCH p = ANY SHORTEST (centre)(()-[__REL(r)__]-() WHERE __HOLDS_ON(r)__){1,__HOPS__}(other:Entity)
  WHERE other <> centre
  WITH other, length(p) AS distance
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
