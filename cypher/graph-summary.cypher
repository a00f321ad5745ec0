// Nodes per type label and relationships per type, for the loader's summary.
CALL {
  MATCH (n:Entity)
  RETURN 'node' AS kind, [label IN labels(n) WHERE label <> 'Entity'][0] AS type, count(*) AS count
  UNION ALL
  MATCH (:Entity)-[r]->(:Entity)
  RETURN 'relationship' AS kind, type(r) AS type, count(*) AS count
}
RETURN kind, type, count
ORDER BY kind, type
