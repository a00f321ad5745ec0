// The stored state of entities by id with every relationship at them, for comparing a graph before and
// after a write (fuzz and fault checks; not on the request path). One row per id that exists.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN id, properties(n) AS node,
       [(n)-[r]-(m) | [type(r), startNode(r) = n, m.id, properties(r)]] AS links
ORDER BY id
