// Blocks until every index is online (after schema.cypher created them), at most 300 seconds.
CALL db.awaitIndexes(300)
