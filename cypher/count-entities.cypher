// Whether the database holds any entity (answered from the label's count store).
MATCH (n:Entity)
RETURN count(n) AS entities
