// How many entities and relationships cite a Source in their sourceIds (before deleting it); write path only.
CALL {
  MATCH (n:Entity) WHERE $id IN n.sourceIds AND n.id <> $id RETURN count(n) AS entities
}
CALL {
  MATCH (:Entity)-[r]->(:Entity) WHERE $id IN r.sourceIds RETURN count(r) AS relationships
}
RETURN entities, relationships
