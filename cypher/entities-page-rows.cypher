// The rows of one page of a collection for a planned request (src/planner/plan-collection.ts appends the
// selection's subqueries over `n` and the projection): as entities-page, entities of one label
// (__LABEL__) matching a compiled filter (__WHERE__) after a keyset cursor, in the order of the sort key
// (__SORT__) then id, both __DIR__, walking the (sortName, id) index and stopping at the limit; it leaves
// `n` and its `sortKey` bound instead of projecting every property.
MATCH (n:__LABEL__)
WHERE __SORT__ __CMP__= $fromKey AND n.id IS NOT NULL AND __WHERE__
  AND ($cursor IS NULL OR __SORT__ __CMP__ $cursor.key OR (__SORT__ = $cursor.key AND n.id __CMP__ $cursor.id))
WITH n, __SORT__ AS sortKey
ORDER BY sortKey __DIR__, n.id __DIR__
LIMIT toInteger($limit)
