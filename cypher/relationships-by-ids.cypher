// The links of many parents in one statement. Per parent: the links of the given types (__TYPE__) in one
// direction (__LEFT__ / __RIGHT__ arrows), known to hold on $asOf when given (the rule of
// src/model/validity.ts, with the unknown ones when $includeUncertain), one page after a keyset cursor
// ($after) and the total. The edge key orders by stage position, other end's name and id, type, key.
UNWIND $keys AS key
MATCH (n:Entity {id: key})
CALL {
  // Without asOf the total is the typed degree, read from the node record without expanding any link.
  WITH n
  RETURN CASE
    WHEN $asOf IS NULL THEN COUNT { (n)__LEFT__[:__TYPE__]__RIGHT__() }
    ELSE COUNT {
      (n)__LEFT__[r:__TYPE__]__RIGHT__()
      WHERE __HOLDS_ON(r)__
    }
  END AS total
}
CALL {
  WITH n
  MATCH (n)__LEFT__[r:__TYPE__]__RIGHT__(m:Entity)
  WHERE __HOLDS_ON(r)__
  WITH n, r, m,
       right('00000' + toString(coalesce(m.position, 0)), 6) + '\u0001' + m.sortName + '\u0001' + m.id + '\u0001' +
       type(r) + '\u0001' + coalesce(r.key, '') + '\u0001' + CASE WHEN startNode(r) = n THEN 'o' ELSE 'i' END AS edgeKey
  WHERE $after IS NULL OR edgeKey > $after
  WITH n, r, m, edgeKey
  ORDER BY edgeKey
  LIMIT toInteger($limit)
  RETURN collect({
    edgeKey: edgeKey,
    type: type(r),
    outgoing: startNode(r) = n,
    properties: properties(r),
    validity: __VALIDITY(r)__,
    node: m { .*, __typename: [label IN labels(m) WHERE label <> 'Entity'][0] }
  }) AS edges
}
RETURN key, total, edges
