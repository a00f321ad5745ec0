// One page of a collection and its total in one pass, when the filter names a related entity by id: the
// anchor (__ANCHOR__, a MATCH compiled by src/filters) starts at that entity's id index and reaches the
// candidates `n` of one label (__LABEL__); the rest of the filter (__WHERE__) narrows them. The matched set
// is counted, then ordered by the sort key (__SORT__), then id, both __DIR__, and cut after the keyset
// cursor. No label is read in full: the candidates are the anchor's neighbours.
__ANCHOR__
WITH DISTINCT n
WHERE n.id IS NOT NULL AND __WHERE__
WITH collect(n) AS matched
CALL (matched) {
  UNWIND matched AS n
  WITH n, __SORT__ AS sortKey
  WHERE sortKey __CMP__= $fromKey
    AND ($cursor IS NULL OR sortKey __CMP__ $cursor.key OR (sortKey = $cursor.key AND n.id __CMP__ $cursor.id))
  ORDER BY sortKey __DIR__, n.id __DIR__
  LIMIT toInteger($limit)
  RETURN collect({ sortKey: sortKey, node: n { .*, __typename: $label } }) AS page
}
RETURN size(matched) AS total, page
