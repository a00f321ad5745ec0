// Full-text search over names, spellings and descriptions (index entity_search, see schema.cypher), best first.
// $query is a Lucene query built by src/search/search-query.ts from letters and digits only. A hit whose name or
// one of its spellings is exactly the search text or its words ($spellings, folded like foldedNames) scores
// double. $types narrows the hits to these type labels (null: every type); $first caps them. Equal scores (prefix
// matches score a constant) go to the shortest name, then by id.
CALL db.index.fulltext.queryNodes('entity_search', $query) YIELD node, score
WHERE $types IS NULL OR any(label IN labels(node) WHERE label IN $types)
WITH node, CASE WHEN any(spelling IN $spellings WHERE spelling IN node.foldedNames) THEN 2 * score ELSE score END AS score
ORDER BY score DESC, size(node.name), node.id
LIMIT toInteger($first)
RETURN node { .*, __typename: [label IN labels(node) WHERE label <> 'Entity'][0] } AS node, score
