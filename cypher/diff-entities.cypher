// What upsert-entities would do with these rows, without writing: how many it would create, change or
// leave unchanged (the same comparison as upsert-entities).
UNWIND $rows AS row
OPTIONAL MATCH (n:Entity {id: row.id})
WITH n IS NULL AS creates,
     n IS NOT NULL AND (
       any(key IN keys(row) WHERE n[key] IS NULL OR n[key] <> row[key])
       OR any(key IN keys(n) WHERE NOT key IN keys(row) AND NOT key IN ['createdAt', 'updatedAt', 'updatedBy'])) AS changes
RETURN sum(CASE WHEN creates THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN changes THEN 1 ELSE 0 END) AS updated,
       sum(CASE WHEN NOT creates AND NOT changes THEN 1 ELSE 0 END) AS unchanged
