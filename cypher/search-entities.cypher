// Full-text search over names, spellings and descriptions (index entity_search, see schema.cypher), best first.
// $query is a Lucene query built by src/search/search-query.ts from letters and digits only. A hit whose name or
// one of its spellings is exactly the search text ($spellings, folded like foldedNames) comes before every other
// hit (its score doubled, plus the best other score): typing an entity's whole name finds it first, however long its other fields are.
// $types narrows the hits to these type labels (null: every type); $first caps them. Equal scores (prefix
// matches score a constant) go to the shortest name, then by id.
CALL db.index.fulltext.queryNodes('entity_search', $query) YIELD node, score
WHERE $types IS NULL OR any(label IN labels(node) WHERE label IN $types)
WITH node, score, any(spelling IN $spellings WHERE spelling IN node.foldedNames) AS exact
// An exact hit's score is doubled and raised by the best other score, so it ranks above every other hit and
// the scores still fall from the first hit to the last.
WITH collect({ node: node, score: score, exact: exact }) AS hits
WITH hits, reduce(top = 0.0, hit IN hits | CASE WHEN NOT hit.exact AND hit.score > top THEN hit.score ELSE top END) AS top
UNWIND hits AS hit
WITH hit.node AS node, CASE WHEN hit.exact THEN 2 * hit.score + top ELSE hit.score END AS score
ORDER BY score DESC, size(node.name), node.id
LIMIT toInteger($first)
// Each hit projected as the request selected it (__NODE__ over `n`), in the same order.
WITH node AS n, score
__NODE_SUBQUERIES__
WITH n, score, __NODE__ AS node
ORDER BY score DESC, size(n.name), n.id
RETURN node, score, n.name AS name, n.names AS names
