// Per material: projects involving it, actors and places linked to it, and what covers it; most linked first.
MATCH (m:Material)
WITH m,
     COUNT { (m)<-[:INVOLVES]-(:Project) } AS projects,
     COUNT { (m)<-[:PRODUCES|PROCESSES|SUPPLIES|DEMANDS|HOLDS_DEPOSIT]-(:Entity) } AS actors,
     COUNT { (m)<-[:COVERS]-(:Entity) } AS coveredBy
ORDER BY projects + actors + coveredBy DESC, m.sortName, m.id
LIMIT toInteger($limit)
RETURN m { .*, __typename: 'Material' } AS material, projects, actors, coveredBy
