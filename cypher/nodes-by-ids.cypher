// Entities by id, any type. One row per id that exists; the caller restores key order.
UNWIND $keys AS key
MATCH (n:Entity {id: key})
RETURN key, n { .*, __typename: [label IN labels(n) WHERE label <> 'Entity'][0] } AS node
