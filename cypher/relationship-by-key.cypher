// One relationship of one type (__TYPE__) by its ends and key, as a Relationship row.
MATCH (a:Entity {id: $from})-[r:__TYPE__ {key: $key}]->(b:Entity {id: $to})
RETURN type(r) AS type, a.id AS from, b.id AS to, properties(r) AS properties
