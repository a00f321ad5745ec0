// The entities about to be deleted and every link they have (which goes with them), for the change events.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n.id AS id, [label IN labels(n) WHERE label <> 'Entity'][0] AS type, n.sourceIds AS sourceIds,
       COLLECT {
         MATCH (a:Entity)-[r]->(b:Entity) WHERE a = n OR b = n
         RETURN { type: type(r), from: a.id, to: b.id, key: r.key, sourceIds: r.sourceIds,
                  fromType: [label IN labels(a) WHERE label <> 'Entity'][0], toType: [label IN labels(b) WHERE label <> 'Entity'][0] }
       } AS links
