// EU–KZ corridors (see Query.corridors in schema.graphql): per pair of a KZ actor and an EU actor, one
// shortest path of at most __HOPS__ value-chain links (__TYPE__) whose intermediate entities are projects,
// agreements, funding instruments or materials, and which passes through $material when given; ranked by
// length, then by the number of distinct sources behind the path, then by its weakest confidence, then by
// the actors' ids.
MATCH (kz:Actor {side: 'KZ'})
MATCH (eu:Actor {side: 'EU'})
MATCH p = ANY SHORTEST ((kz)(()-[:__TYPE__]-(x:Entity)){1,__HOPS__}(eu)
  WHERE all(node IN x[0..-1] WHERE node:Project OR node:Agreement OR node:FundingInstrument OR node:Material)
    AND ($material IS NULL OR any(node IN x WHERE node.id = $material)))
WITH kz, eu, p, nodes(p) + relationships(p) AS items
WITH kz, eu, p,
     size(reduce(seen = [], id IN reduce(all = [], item IN items | all + coalesce(item.sourceIds, [])) |
       CASE WHEN id IN seen THEN seen ELSE seen + [id] END)) AS sourceCount,
     reduce(weakest = 3, item IN items |
       CASE WHEN item.confidence = 'low' THEN 1 WHEN item.confidence = 'medium' AND weakest > 2 THEN 2 ELSE weakest END) AS weakest
ORDER BY length(p), sourceCount DESC, weakest DESC, kz.id, eu.id
LIMIT toInteger($limit)
RETURN kz { .*, __typename: 'Actor' } AS kzActor,
       eu { .*, __typename: 'Actor' } AS euActor,
       sourceCount,
       CASE weakest WHEN 3 THEN 'high' WHEN 2 THEN 'medium' ELSE 'low' END AS weakestConfidence,
       {
         length: length(p),
         nodes: [node IN nodes(p) | node { .*, __typename: [label IN labels(node) WHERE label <> 'Entity'][0] }],
         relationships: [rel IN relationships(p) | { type: type(rel), from: startNode(rel).id, to: endNode(rel).id, properties: properties(rel) }]
       } AS path
