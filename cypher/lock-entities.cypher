// Locks the entities a write depends on (link ends, cited Sources) until its transaction ends and returns
// their types. A concurrent delete then waits for the write to commit, or the write finds the entity gone
// and reports it as a problem. Ids come sorted, so two writers lock in the same order. Write path only.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
SET n._lock = true
REMOVE n._lock
RETURN id AS key, [label IN labels(n) WHERE label <> 'Entity'][0] AS type
