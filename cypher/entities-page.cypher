// One page of a collection: entities of one label (__LABEL__) matching a compiled filter (__WHERE__),
// after a keyset cursor, in a total order: the sort key (__SORT__), then id, both __DIR__. The range
// condition on the sort key lets the planner walk the (sortName, id) index in order and stop early.
MATCH (n:__LABEL__)
WHERE __SORT__ __CMP__= $fromKey AND n.id IS NOT NULL AND __WHERE__
  AND ($cursor IS NULL OR __SORT__ __CMP__ $cursor.key OR (__SORT__ = $cursor.key AND n.id __CMP__ $cursor.id))
RETURN __SORT__ AS sortKey, n { .*, __typename: $label } AS node
ORDER BY __SORT__ __DIR__, n.id __DIR__
LIMIT toInteger($limit)
