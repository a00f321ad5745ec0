// Undoes up to $limit entities a staged import wrote: deletes those it created (with their links),
// restores the properties of those it changed, and drops their journal entries. Returns how many.
MATCH (u:ImportUndo {_run: $run, _kind: 'entity'})
WITH u LIMIT toInteger($limit)
OPTIONAL MATCH (n:Entity {id: u._id})
FOREACH (_ IN CASE WHEN n IS NOT NULL AND u._created THEN [1] ELSE [] END | DETACH DELETE n)
FOREACH (_ IN CASE WHEN n IS NOT NULL AND NOT u._created THEN [1] ELSE [] END |
  SET n = properties(u)
  REMOVE n._run, n._kind, n._id, n._created)
DELETE u
RETURN count(*) AS undone
