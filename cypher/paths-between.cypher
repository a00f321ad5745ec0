// The __COUNT__ shortest simple paths between two entities over relationships of the types in __TYPE__,
// direction ignored, at most __HOPS__ long. The predicate inside the pattern is applied during the
// search: no entity twice on a path (implied for one shortest path), intermediate entities only
// of the labels in $nodeTypes (if set), and with $asOf only links known to hold that day
// (src/model/validity.ts). Every link of these types joins two entities (only upsert-relationships writes
// them), so the steps need no label check. Each path's entities, and the properties of its links, are projected as the request selected them.
// One row always: whether each end exists (so an unknown id is told apart from "no path" without a second
// statement), and the paths, shortest first, ties in the order of their entities' ids.
OPTIONAL MATCH (a:Entity {id: $from})
OPTIONAL MATCH (b:Entity {id: $to})
CALL (a, b) {
  MATCH p = SHORTEST __COUNT__ ((a)(()-[__REL(r)__]-(x) WHERE __HOLDS_ON(r)__){1,__HOPS__}(b)
    WHERE __SIMPLE(a, x)__
      AND ($nodeTypes IS NULL OR all(node IN x[0..-1] WHERE any(label IN labels(node) WHERE label IN $nodeTypes))))
  WITH p, length(p) AS length, [node IN nodes(p) | node.id] AS ids
  CALL (p) {
    UNWIND range(0, length(p)) AS i
    WITH i, nodes(p)[i] AS n
    __NODE_SUBQUERIES__
    WITH i, __NODE__ AS node
    ORDER BY i
    RETURN collect(node) AS nodes
  }
  WITH p, length, ids, nodes
  ORDER BY length, ids
  RETURN collect({
    length: length,
    nodes: nodes,
    relationships: [rel IN relationships(p) | { type: type(rel), from: startNode(rel).id, to: endNode(rel).id, properties: __LINK_PROPERTIES(rel)__, validity: __VALIDITY(rel)__ }]
  }) AS paths
}
RETURN a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound, paths
