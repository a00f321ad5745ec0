// Before a staged import writes these entities: one ImportUndo each with the stored properties (or
// `_created` when there is none), so a rollback can restore the graph as it was.
UNWIND $ids AS id
OPTIONAL MATCH (n:Entity {id: id})
CREATE (u:ImportUndo)
SET u = CASE WHEN n IS NULL THEN {} ELSE properties(n) END
SET u._run = $run, u._kind = 'entity', u._id = id, u._created = n IS NULL
RETURN count(u) AS journaled
