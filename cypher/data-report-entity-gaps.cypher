// The data report: entities (Sources aside, which are documents) with neither a Russian nor a German
// spelling in `names` (nameLangs holds each spelling's language), and entities with no link at all.
MATCH (n:Entity)
WHERE NOT n:Source
WITH n,
     NOT any(lang IN coalesce(n.nameLangs, []) WHERE lang IN ['ru', 'de']) AS withoutRuOrDe,
     NOT EXISTS { (n)--(:Entity) } AS unlinked
WHERE withoutRuOrDe OR unlinked
RETURN n.id AS id, withoutRuOrDe, unlinked
ORDER BY id
