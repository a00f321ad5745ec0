// Brokers (see Query.brokers in schema.graphql): for every (EU actor, KZ actor) pair, all shortest paths
// of at most __HOPS__ links; each intermediate actor scores the share of the pair's shortest paths it lies
// on; scores are summed over pairs (betweenness restricted to EU–KZ pairs).
MATCH (eu:Actor {side: 'EU'})
MATCH (kz:Actor {side: 'KZ'})
MATCH p = ALL SHORTEST (eu)-[]-{1,__HOPS__}(kz)
WITH eu, kz, collect(p) AS shortest
WITH eu, kz, size(shortest) AS total, shortest
UNWIND shortest AS path
UNWIND nodes(path)[1..-1] AS broker
WITH eu, kz, total, broker
WHERE broker:Actor
WITH broker, eu, kz, total, count(*) AS through
WITH broker, toFloat(through) / total AS share
WITH broker, sum(share) AS score, count(*) AS pairs
ORDER BY score DESC, broker.sortName, broker.id
LIMIT toInteger($limit)
RETURN broker { .*, __typename: 'Actor' } AS actor, score, pairs
