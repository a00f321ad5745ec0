// Value chains stage by stage: the chains with ids from $fromId to $toId (one id for one chain; the whole
// range for all), read through the id index. Per stage: materials and projects at it
// (AT_STAGE), the actors linked to it (at it; taking part in or funding its projects; producing,
// processing, supplying or holding deposits of its materials) and the funding of its projects.
MATCH (chain:ValueChain)
WHERE chain.id >= $fromId AND chain.id <= $toId
MATCH (stage:Stage)-[:PART_OF_CHAIN]->(chain)
CALL {
  WITH stage
  OPTIONAL MATCH (stage)<-[:AT_STAGE]-(member:Entity)
  WITH collect(DISTINCT member) AS members
  RETURN [m IN members WHERE m:Material] AS materials,
         [m IN members WHERE m:Project] AS projects,
         [m IN members WHERE m:Actor] AS atStage,
         size(members) AS memberCount
}
CALL {
  WITH projects
  UNWIND projects AS project
  MATCH (project)<-[:PARTICIPATES_IN|FUNDS]-(actor:Actor)
  RETURN collect(DISTINCT actor) AS viaProjects
}
CALL {
  WITH materials
  UNWIND materials AS material
  MATCH (material)<-[:PRODUCES|PROCESSES|SUPPLIES|HOLDS_DEPOSIT]-(actor:Actor)
  RETURN collect(DISTINCT actor) AS viaMaterials
}
CALL {
  WITH projects
  UNWIND projects AS project
  MATCH (project)<-[funds:FUNDS]-(funder:Entity)
  RETURN collect({ type: 'FUNDS', from: funder.id, to: project.id, properties: properties(funds) }) AS funding
}
WITH chain, stage, materials, projects, funding, memberCount,
     reduce(seen = [], actor IN atStage + viaProjects + viaMaterials | CASE WHEN actor IN seen THEN seen ELSE seen + [actor] END) AS actors
ORDER BY chain.id, stage.position
RETURN chain.id AS chainId,
       stage { .*, __typename: 'Stage' } AS stage,
       memberCount,
       [m IN materials | m { .*, __typename: 'Material' }] AS materials,
       [p IN projects | p { .*, __typename: 'Project' }] AS projects,
       [a IN actors WHERE a.side = 'EU' | a { .*, __typename: 'Actor' }] AS euActors,
       [a IN actors WHERE a.side = 'KZ' | a { .*, __typename: 'Actor' }] AS kzActors,
       funding
