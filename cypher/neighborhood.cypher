// The entities within __HOPS__ links of one entity (relationship types __TYPE__, direction ignored), the
// nearest $limit of them by distance then name, and every such relationship among the kept entities;
// with $asOf only over links known to hold that day (src/model/validity.ts).
// Only the kept entities are projected; collecting inside the subqueries keeps one row for an entity with
// no neighbours.
MATCH (centre:Entity {id: $id})
CALL {
  WITH centre
  MATCH p = ANY SHORTEST (centre)(()-[r:__TYPE__]-() WHERE __HOLDS_ON(r)__){1,__HOPS__}(other:Entity)
  WHERE other <> centre
  WITH other, length(p) AS distance
  ORDER BY distance, other.sortName, other.id
  RETURN collect({ entity: other, distance: distance }) AS reached
}
WITH centre, reached[0..toInteger($limit)] AS kept, size(reached) AS reachable
CALL {
  WITH kept
  UNWIND kept AS item
  WITH item.entity AS other, item.distance AS distance
  RETURN collect({ distance: distance, node: other { .*, __typename: [label IN labels(other) WHERE label <> 'Entity'][0] } }) AS keptNodes
}
WITH centre, kept, keptNodes, reachable, [centre] + [item IN kept | item.entity] AS members
CALL {
  WITH members
  UNWIND members AS x
  MATCH (x)-[rel:__TYPE__]->(y:Entity)
  WHERE y IN members AND __HOLDS_ON(rel)__
  RETURN collect({ type: type(rel), from: x.id, to: y.id, properties: properties(rel), validity: __VALIDITY(rel)__ }) AS relationships
}
RETURN reachable,
       [{ distance: 0, node: centre { .*, __typename: [label IN labels(centre) WHERE label <> 'Entity'][0] } }] + keptNodes AS reached,
       relationships
