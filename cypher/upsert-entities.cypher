// Creates or updates entities of one type label (a slot filled from the model's whitelist).
// `SET n = row` replaces every stored property, so a reload leaves no stale values behind.
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n:__LABEL__
SET n = row
RETURN count(n) AS written
