// What upsert-relationships would do with these rows of one type (__TYPE__), without writing.
UNWIND $rows AS row
OPTIONAL MATCH (:Entity {id: row.from})-[r:__TYPE__ {key: row.key}]->(:Entity {id: row.to})
WITH r IS NULL AS creates,
     r IS NOT NULL AND (
       any(key IN keys(row.properties) WHERE r[key] IS NULL OR r[key] <> row.properties[key])
       OR any(key IN keys(r) WHERE NOT key IN keys(row.properties) AND NOT key IN ['createdAt', 'updatedAt', 'updatedBy'])) AS changes
RETURN sum(CASE WHEN creates THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN changes THEN 1 ELSE 0 END) AS updated,
       sum(CASE WHEN NOT creates AND NOT changes THEN 1 ELSE 0 END) AS unchanged
