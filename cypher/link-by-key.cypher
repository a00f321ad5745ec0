// One link of one type (__TYPE__) by its ends and key, with its sources and the type labels of its ends,
// read before it is removed so that the change event can say what went.
MATCH (a:Entity {id: $from})-[r:__TYPE__ {key: $key}]->(b:Entity {id: $to})
RETURN type(r) AS type, a.id AS from, b.id AS to, r.key AS key, r.sourceIds AS sourceIds,
       [label IN labels(a) WHERE label <> 'Entity'][0] AS fromType, [label IN labels(b) WHERE label <> 'Entity'][0] AS toType
