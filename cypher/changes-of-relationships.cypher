// What a committed write did to relationships: of the links written (ends, type, key), those stamped
// with this write's time, with the type labels of both ends, whether they were created, and their sources.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})-[r {key: row.key}]->(b:Entity {id: row.to})
WHERE type(r) = row.type AND r.updatedAt = $at
RETURN type(r) AS type, a.id AS from, b.id AS to, r.key AS key, r.createdAt = $at AS created, r.sourceIds AS sourceIds,
       [label IN labels(a) WHERE label <> 'Entity'][0] AS fromType, [label IN labels(b) WHERE label <> 'Entity'][0] AS toType
