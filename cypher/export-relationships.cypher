// Every relationship between entities with its properties, in a stable order (exports and reload checks).
MATCH (a:Entity)-[r]->(b:Entity)
RETURN a.id AS from, type(r) AS type, b.id AS to, properties(r) AS properties
ORDER BY from, type, to, r.key
