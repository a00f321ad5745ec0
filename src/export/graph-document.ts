/**
 * The graph document every export writes: entities and relationships as the GraphQL API returns them,
 * flattened to one shape, plus the attribute lists that GraphML keys and CSV columns are made from. The
 * explorer page (explorer/explorer.js) builds the same document from the same fields for its "view" exports.
 */

/** A source as exports cite it. */
export interface ExportSource {
  id: string;
  title: string;
  url: string | null;
}

/** An entity of an export. */
export interface ExportNode {
  id: string;
  /** The entity type (GraphQL `__typename`), e.g. `Actor`. */
  type: string;
  name: string;
  /** The type's own kind (ActorKind, AgreementKind, ...), where the type has one. */
  kind: string | null;
  /** EU, KZ or OTHER for actors, projects and places. */
  side: string | null;
  confidence: string;
  description: string | null;
  sources: ExportSource[];
}

/** A relationship of an export, with every property the API knows. */
export interface ExportEdge {
  id: string;
  type: string;
  from: string;
  to: string;
  title: string | null;
  role: string | null;
  date: string | null;
  validFrom: string | null;
  validTo: string | null;
  /** How the link holds on the export's asOf day (STATED, ATTESTED, UNCERTAIN); null without asOf. */
  validity: string | null;
  acting: boolean | null;
  amount: number | null;
  currency: string | null;
  share: number | null;
  topic: string | null;
  ratified: string | null;
  key: string | null;
  note: string | null;
  confidence: string;
  sources: ExportSource[];
}

/** What an export holds: the request it answers, its entities and its relationships. */
export interface GraphDocument {
  /** `neighborhood`, `path` (or `view` from the explorer page). */
  kind: string;
  /** The parameters the export was asked with. */
  query: Record<string, unknown>;
  /** True when a neighbourhood left out entities within reach (its `first` was too small). */
  truncated: boolean;
  nodes: ExportNode[];
  edges: ExportEdge[];
  /** For path exports: each path as the ids of its nodes and edges, shortest first. */
  paths?: { length: number; nodes: string[]; edges: string[] }[];
}

/** The value type of an attribute, as GraphML declares it. */
export type AttributeType = 'string' | 'boolean' | 'double';

/** One attribute of a node or edge: a GraphML key and a CSV column. */
export interface Attribute {
  name: string;
  type: AttributeType;
}

/** Node attributes in column order; `sources` are source ids and `sourceUrls` their URLs, space-separated. */
export const NODE_ATTRIBUTES: readonly Attribute[] = [
  { name: 'id', type: 'string' },
  { name: 'type', type: 'string' },
  { name: 'name', type: 'string' },
  { name: 'kind', type: 'string' },
  { name: 'side', type: 'string' },
  { name: 'confidence', type: 'string' },
  { name: 'description', type: 'string' },
  { name: 'sources', type: 'string' },
  { name: 'sourceUrls', type: 'string' },
];

/** Edge attributes in column order, as NODE_ATTRIBUTES. */
export const EDGE_ATTRIBUTES: readonly Attribute[] = [
  { name: 'id', type: 'string' },
  { name: 'type', type: 'string' },
  { name: 'from', type: 'string' },
  { name: 'to', type: 'string' },
  { name: 'title', type: 'string' },
  { name: 'role', type: 'string' },
  { name: 'date', type: 'string' },
  { name: 'validFrom', type: 'string' },
  { name: 'validTo', type: 'string' },
  { name: 'validity', type: 'string' },
  { name: 'acting', type: 'boolean' },
  { name: 'amount', type: 'double' },
  { name: 'currency', type: 'string' },
  { name: 'share', type: 'double' },
  { name: 'topic', type: 'string' },
  { name: 'ratified', type: 'string' },
  { name: 'key', type: 'string' },
  { name: 'note', type: 'string' },
  { name: 'confidence', type: 'string' },
  { name: 'sources', type: 'string' },
  { name: 'sourceUrls', type: 'string' },
];

/** A flat attribute value; null where the entity or link has none. */
export type AttributeValue = string | number | boolean | null;

/** A node or edge as one flat row of its attributes, sources joined into `sources` and `sourceUrls`. */
export function flatten(item: ExportNode | ExportEdge, attributes: readonly Attribute[]): AttributeValue[] {
  const record = item as unknown as Record<string, AttributeValue | ExportSource[]>;
  return attributes.map(({ name }) => {
    if (name === 'sources') return item.sources.map((source) => source.id).join(' ');
    if (name === 'sourceUrls') return item.sources.flatMap((source) => (source.url ? [source.url] : [])).join(' ');
    return (record[name] as AttributeValue | undefined) ?? null;
  });
}

/** GraphQL fragments selecting what an export needs; `kind` is aliased per type because the enums differ. */
export const EXPORT_FRAGMENTS = /* GraphQL */ `
  fragment ExportNode on Entity {
    __typename id name description confidence
    sources { id title url }
    ... on Actor { side actorKind: kind }
    ... on Project { side }
    ... on Place { side placeKind: kind }
    ... on Material { materialKind: kind }
    ... on FundingInstrument { instrumentKind: kind }
    ... on Agreement { agreementKind: kind }
    ... on Event { eventKind: kind }
  }
  fragment ExportEdge on Relationship {
    id type from to title role date validFrom validTo validity acting amount currency share topic ratified key note confidence
    sources { id title url }
  }
`;

/** An entity as EXPORT_FRAGMENTS selects it. */
export interface EntityData {
  __typename: string;
  id: string;
  name: string;
  description: string | null;
  confidence: string;
  sources: ExportSource[];
  side?: string | null;
  actorKind?: string;
  placeKind?: string;
  materialKind?: string;
  instrumentKind?: string;
  agreementKind?: string;
  eventKind?: string;
}

/** A relationship as EXPORT_FRAGMENTS selects it. */
export type RelationshipData = ExportEdge;

/** The export shape of an entity selected by the ExportNode fragment. */
export function toExportNode(entity: EntityData): ExportNode {
  const { actorKind, placeKind, materialKind, instrumentKind, agreementKind, eventKind } = entity;
  return {
    id: entity.id,
    type: entity.__typename,
    name: entity.name,
    kind: actorKind ?? placeKind ?? materialKind ?? instrumentKind ?? agreementKind ?? eventKind ?? null,
    side: entity.side ?? null,
    confidence: entity.confidence,
    description: entity.description,
    sources: entity.sources,
  };
}

/** The export shape of a relationship selected by the ExportEdge fragment (same fields, fixed order). */
export function toExportEdge(relationship: RelationshipData): ExportEdge {
  const edge = {} as Record<string, unknown>;
  for (const { name } of EDGE_ATTRIBUTES) {
    if (name !== 'sources' && name !== 'sourceUrls') edge[name] = relationship[name as keyof RelationshipData] ?? null;
  }
  edge.sources = relationship.sources;
  return edge as unknown as ExportEdge;
}
