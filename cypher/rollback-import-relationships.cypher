// Undoes up to $limit relationships of one type (__TYPE__) a staged import wrote: deletes those it created,
// restores the properties of those it changed, and drops their journal entries. Returns how many.
MATCH (u:ImportUndo {_run: $run, _kind: $type})
WITH u LIMIT toInteger($limit)
OPTIONAL MATCH (:Entity {id: u._from})-[r:__TYPE__ {key: u._key}]->(:Entity {id: u._to})
FOREACH (_ IN CASE WHEN r IS NOT NULL AND u._created THEN [1] ELSE [] END | DELETE r)
FOREACH (_ IN CASE WHEN r IS NOT NULL AND NOT u._created THEN [1] ELSE [] END |
  SET r = properties(u)
  REMOVE r._run, r._kind, r._from, r._to, r._key, r._created)
DELETE u
RETURN count(*) AS undone
