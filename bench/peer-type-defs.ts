/**
 * Type definitions for the @neo4j/graphql contender (the peer): the same graph as this server's
 * schema.graphql, written the way that library wants it, restricted to what the query mix reads. Every
 * entity type maps to its type label plus `Entity`; relationship fields are the library's generated
 * lists and connections; shortest path, neighbourhood, search and an actor's links of any type (fanout)
 * are @cypher fields running the same
 * hand-written statements as the raw-Cypher contender (raw-statements.ts). `kind` is a String because the
 * stored values (`eu-institution`) are not GraphQL enum names; the answers are compared after folding.
 */
import { FANOUT_LINKS, NEIGHBORHOOD, SEARCH_NODES, SHORTEST_PATH } from './raw-statements.ts';

const entityType = (name: string, extra = '') => `
type ${name} implements Entity @node(labels: ["${name}", "Entity"]) {
  id: ID!
  name: String!
  sortName: String!
  ${extra}
}`;

/** The SDL handed to `new Neo4jGraphQL({ typeDefs })`. */
export const PEER_TYPE_DEFS = /* GraphQL */ `
interface Entity {
  id: ID!
  name: String!
}

enum Side {
  EU
  KZ
  OTHER
}

type Participation @relationshipProperties {
  role: String
}

${entityType(
  'Actor',
  `kind: String!
  side: Side
  participatesIn: [Project!]! @relationship(type: "PARTICIPATES_IN", direction: OUT, properties: "Participation")
  attended: [Event!]! @relationship(type: "ATTENDED", direction: OUT)
  links: [Link!]! @cypher(statement: """${FANOUT_LINKS}""", columnName: "link")`,
)}
${entityType('Project', 'participants: [Actor!]! @relationship(type: "PARTICIPATES_IN", direction: IN, properties: "Participation")')}
${entityType('Event')}
${entityType('Agreement')}
${entityType('Material')}
${entityType('FundingInstrument')}
${entityType('Place')}
${entityType('Source')}

type PathNode {
  id: ID!
  name: String!
}

type Link {
  type: String!
  id: ID!
  name: String!
}

type PathLink {
  type: String!
  from: ID!
  to: ID!
}

type Path {
  length: Int!
  nodes: [PathNode!]!
  relationships: [PathLink!]!
}

type SubgraphNode {
  distance: Int!
  node: PathNode!
}

type Subgraph {
  reachable: Int!
  truncated: Boolean!
  nodes: [SubgraphNode!]!
  relationships: [PathLink!]!
}

type Query {
  shortestPath(from: ID!, to: ID!): Path @cypher(statement: """${SHORTEST_PATH}""", columnName: "path")
  neighborhood(id: ID!): Subgraph @cypher(statement: """${NEIGHBORHOOD}""", columnName: "subgraph")
  search(lucene: String!, spellings: [String!]!): [Entity!]! @cypher(statement: """${SEARCH_NODES}""", columnName: "node")
}
`;
