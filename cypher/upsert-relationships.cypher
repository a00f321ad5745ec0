// Creates or updates relationships of one type (__TYPE__), identified by (from, type, to, key).
// `SET r = row.properties` replaces their properties; stamps move only when a value changed. `written`
// counts the rows whose ends exist: the caller checks it against the rows it sent, so no link is dropped.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:__TYPE__ {key: row.key}]->(b)
WITH r, row, r.createdAt AS createdAt, r.updatedAt AS updatedAt, r.updatedBy AS updatedBy,
     r.createdAt IS NULL
       OR any(key IN keys(row.properties) WHERE r[key] IS NULL OR r[key] <> row.properties[key])
       OR any(key IN keys(r) WHERE NOT key IN keys(row.properties) AND NOT key IN ['createdAt', 'updatedAt', 'updatedBy']) AS changed
SET r = row.properties
SET r.createdAt = coalesce(createdAt, $now),
    r.updatedAt = CASE WHEN changed THEN $now ELSE updatedAt END,
    r.updatedBy = CASE WHEN changed THEN $by ELSE updatedBy END
RETURN sum(CASE WHEN createdAt IS NULL THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN createdAt IS NOT NULL AND changed THEN 1 ELSE 0 END) AS updated,
       sum(CASE WHEN changed THEN 0 ELSE 1 END) AS unchanged,
       count(*) AS written
