// Removes every entity and its relationships (seed --reset). Runs inside the load's transaction.
MATCH (n:Entity)
DETACH DELETE n
