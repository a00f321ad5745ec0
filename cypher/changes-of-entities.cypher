// What a committed write did to entities: of the ids written, those stamped with this write's time, with
// their type label, whether they were created by it, and the sources they cite.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
WHERE n.updatedAt = $at
RETURN n.id AS id, [label IN labels(n) WHERE label <> 'Entity'][0] AS type, n.createdAt = $at AS created, n.sourceIds AS sourceIds
