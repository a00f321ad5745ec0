// Ids to suggest when an id is unknown (error path only): entities whose id or any name contains $word.
MATCH (n:Entity)
WHERE n.id CONTAINS $word OR any(name IN n.foldedNames WHERE name CONTAINS $word)
RETURN n.id AS id
ORDER BY size(n.id), n.id
LIMIT 3
