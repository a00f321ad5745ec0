// Actors, projects and places per side (NONE where the sources give none), for dashboards.
CALL {
  MATCH (n:Actor) RETURN coalesce(n.side, 'NONE') AS key
  UNION ALL
  MATCH (n:Project) RETURN coalesce(n.side, 'NONE') AS key
  UNION ALL
  MATCH (n:Place) RETURN coalesce(n.side, 'NONE') AS key
}
RETURN key, count(*) AS count
ORDER BY key
