// The __COUNT__ shortest simple paths between two entities over relationships of the types in __TYPE__,
// direction ignored, at most __HOPS__ long. The predicate inside the pattern is applied during the
// search: no entity twice on a path, intermediate entities only of the labels in $nodeTypes (if set), and
// with $asOf only links known to hold that day (src/model/validity.ts).
MATCH (a:Entity {id: $from})
MATCH (b:Entity {id: $to})
MATCH p = SHORTEST __COUNT__ ((a)(()-[r:__TYPE__]-(x:Entity) WHERE __HOLDS_ON(r)__){1,__HOPS__}(b)
  WHERE NOT a IN x
    AND size(x) = size(reduce(seen = [], node IN x | CASE WHEN node IN seen THEN seen ELSE seen + [node] END))
    AND ($nodeTypes IS NULL OR all(node IN x[0..-1] WHERE any(label IN labels(node) WHERE label IN $nodeTypes))))
WITH p, length(p) AS length, [node IN nodes(p) | node.id] AS ids
ORDER BY length, ids
RETURN length,
       [node IN nodes(p) | node { .*, __typename: [label IN labels(node) WHERE label <> 'Entity'][0] }] AS nodes,
       [rel IN relationships(p) | { type: type(rel), from: startNode(rel).id, to: endNode(rel).id, properties: properties(rel), validity: __VALIDITY(rel)__ }] AS relationships
