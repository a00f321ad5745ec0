// Removes entities by id with all their relationships; returns how many were removed.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
DETACH DELETE n
RETURN count(*) AS deleted
