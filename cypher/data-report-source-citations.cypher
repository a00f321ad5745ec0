// The data report: how many entities (other than Sources) and links cite each Source in their sourceIds,
// every Source listed, most cited first (ties by id).
CALL {
  MATCH (n:Entity) WHERE NOT n:Source
  UNWIND n.sourceIds AS sourceId
  RETURN sourceId
  UNION ALL
  MATCH (:Entity)-[r]->(:Entity)
  UNWIND r.sourceIds AS sourceId
  RETURN sourceId
}
WITH sourceId, count(*) AS citations
WITH collect({id: sourceId, citations: citations}) AS cited
MATCH (s:Source)
WITH s, [c IN cited WHERE c.id = s.id | c.citations][0] AS citations
RETURN s.id AS id, s.title AS title, coalesce(citations, 0) AS citations
ORDER BY citations DESC, id
