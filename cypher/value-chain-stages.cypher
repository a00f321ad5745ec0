// Value chains stage by stage: the chains with ids from $fromId to $toId (one id for one chain; the whole
// range for all), read through the id index. Per stage: materials and projects at it
// (AT_STAGE), the actors linked to it (at it; taking part in or funding its projects; producing,
// processing, supplying or holding deposits of its materials), the links that tie them to it, and the
// funding of its projects. Every link is kept only when it holds on $asOf (__HOLDS_ON__, the rule of
// src/model/validity.ts); the statement is given `dated: false` without asOf and then carries no date rule.
MATCH (chain:ValueChain)
WHERE chain.id >= $fromId AND chain.id <= $toId
MATCH (stage:Stage)-[:PART_OF_CHAIN]->(chain)
CALL {
  WITH stage
  OPTIONAL MATCH (stage)<-[r:AT_STAGE]-(member:Entity)
  WHERE __HOLDS_ON(r:AT_STAGE)__
  WITH collect(DISTINCT member) AS members,
       collect(CASE WHEN member:Actor THEN { type: 'AT_STAGE', from: member.id, to: stage.id, properties: properties(r), validity: __VALIDITY(r:AT_STAGE)__ } END) AS atStageLinks
  RETURN [m IN members WHERE m:Material] AS materials,
         [m IN members WHERE m:Project] AS projects,
         [m IN members WHERE m:Actor] AS atStage,
         atStageLinks,
         size(members) AS memberCount
}
CALL {
  WITH projects
  UNWIND projects AS project
  MATCH (project)<-[r:PARTICIPATES_IN|FUNDS]-(actor:Actor)
  WHERE __HOLDS_ON(r:PARTICIPATES_IN|FUNDS)__
  RETURN collect(DISTINCT actor) AS viaProjects,
         collect({ type: type(r), from: actor.id, to: project.id, properties: properties(r), validity: __VALIDITY(r:PARTICIPATES_IN|FUNDS)__ }) AS projectLinks
}
CALL {
  WITH materials
  UNWIND materials AS material
  MATCH (material)<-[r:PRODUCES|PROCESSES|SUPPLIES|HOLDS_DEPOSIT]-(actor:Actor)
  WHERE __HOLDS_ON(r:PRODUCES|PROCESSES|SUPPLIES|HOLDS_DEPOSIT)__
  RETURN collect(DISTINCT actor) AS viaMaterials,
         collect({ type: type(r), from: actor.id, to: material.id, properties: properties(r), validity: __VALIDITY(r:PRODUCES|PROCESSES|SUPPLIES|HOLDS_DEPOSIT)__ }) AS materialLinks
}
CALL {
  WITH projects
  UNWIND projects AS project
  MATCH (project)<-[r:FUNDS]-(funder:Entity)
  WHERE __HOLDS_ON(r:FUNDS)__
  RETURN collect({ type: 'FUNDS', from: funder.id, to: project.id, properties: properties(r), validity: __VALIDITY(r:FUNDS)__ }) AS funding
}
WITH chain, stage, materials, projects, funding, memberCount, atStageLinks + projectLinks + materialLinks AS links,
     reduce(seen = [], actor IN atStage + viaProjects + viaMaterials | CASE WHEN actor IN seen THEN seen ELSE seen + [actor] END) AS actors
ORDER BY chain.id, stage.position
RETURN chain.id AS chainId,
       stage { .*, __typename: 'Stage' } AS stage,
       memberCount,
       [m IN materials | m { .*, __typename: 'Material' }] AS materials,
       [p IN projects | p { .*, __typename: 'Project' }] AS projects,
       [a IN actors WHERE a.side = 'EU' | a { .*, __typename: 'Actor' }] AS euActors,
       [a IN actors WHERE a.side = 'KZ' | a { .*, __typename: 'Actor' }] AS kzActors,
       [link IN links WHERE link.from IN [a IN actors WHERE a.side IN ['EU', 'KZ'] | a.id]] AS links,
       funding
