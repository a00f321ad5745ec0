// Removes one relationship of one type (__TYPE__) identified by its ends and key; returns how many went.
MATCH (a:Entity {id: $from})-[r:__TYPE__ {key: $key}]->(b:Entity {id: $to})
DELETE r
RETURN count(*) AS removed
