// Before a staged import writes these relationships of one type (__TYPE__): one ImportUndo each with the
// stored properties (or `_created`), keyed by from, to and key.
UNWIND $rows AS row
OPTIONAL MATCH (:Entity {id: row.from})-[r:__TYPE__ {key: row.key}]->(:Entity {id: row.to})
CREATE (u:ImportUndo)
SET u = CASE WHEN r IS NULL THEN {} ELSE properties(r) END
SET u._run = $run, u._kind = $type, u._from = row.from, u._to = row.to, u._key = row.key, u._created = r IS NULL
RETURN count(u) AS journaled
