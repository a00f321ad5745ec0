// Removes entities by id with all their relationships; returns how many of each existed.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
WITH n, COUNT { (n)--() } AS links
DETACH DELETE n
RETURN count(n) AS entities, sum(links) AS relationships
