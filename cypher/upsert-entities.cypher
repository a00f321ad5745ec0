// Creates or updates entities of one type label (__LABEL__). `SET n = row` replaces every stored property,
// so no stale value stays behind; createdAt is kept, and updatedAt / updatedBy move only when a value
// changed, so writing the same records again changes nothing.
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
WITH n, row, n.createdAt AS createdAt, n.updatedAt AS updatedAt, n.updatedBy AS updatedBy,
     n.createdAt IS NULL
       OR any(key IN keys(row) WHERE n[key] IS NULL OR n[key] <> row[key])
       OR any(key IN keys(n) WHERE NOT key IN keys(row) AND NOT key IN ['createdAt', 'updatedAt', 'updatedBy']) AS changed
SET n:__LABEL__
SET n = row
SET n.createdAt = coalesce(createdAt, $now),
    n.updatedAt = CASE WHEN changed THEN $now ELSE updatedAt END,
    n.updatedBy = CASE WHEN changed THEN $by ELSE updatedBy END
RETURN sum(CASE WHEN createdAt IS NULL THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN createdAt IS NOT NULL AND changed THEN 1 ELSE 0 END) AS updated,
       sum(CASE WHEN changed THEN 0 ELSE 1 END) AS unchanged
