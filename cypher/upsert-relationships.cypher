// Creates or updates relationships of one type (a slot filled from the model's whitelist). A link is
// identified by (from, type, to, key); `SET r = row.properties` replaces its properties.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:__TYPE__ {key: row.key}]->(b)
SET r = row.properties
RETURN count(r) AS written
