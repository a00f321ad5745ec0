// Every entity with its stored properties and type label, in id order (exports and reload checks).
MATCH (n:Entity)
RETURN n { .*, __typename: [label IN labels(n) WHERE label <> 'Entity'][0] } AS node
ORDER BY n.id
