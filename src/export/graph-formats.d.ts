/**
 * Types of graph-formats.js, the one copy of the export formats that the server and the explorer page share.
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
  readonly name: string;
  readonly type: AttributeType;
}

/** A flat attribute value; null where the entity or link has none. */
export type AttributeValue = string | number | boolean | null;

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

/** An export format by its file suffix. */
export type Format = 'graphml' | 'json' | 'nodes.csv' | 'edges.csv';

/** The GraphQL fragment `ExportNode` (on Entity). */
export const EXPORT_NODE_FRAGMENT: string;
/** The GraphQL fragment `ExportEdge` (on Relationship). */
export const EXPORT_EDGE_FRAGMENT: string;
/** Both fragments, `ExportNode` and `ExportEdge`. */
export const EXPORT_FRAGMENTS: string;
/** Node attributes in column order; `sources` are source ids and `sourceUrls` their URLs, space-separated. */
export const NODE_ATTRIBUTES: readonly Attribute[];
/** Edge attributes in column order. */
export const EDGE_ATTRIBUTES: readonly Attribute[];
/** The formats by suffix: content type and writer. */
export const FORMATS: Readonly<Record<Format, { contentType: string; write: (document: GraphDocument) => string }>>;

/** The export shape of an entity selected by the ExportNode fragment. */
export function toExportNode(entity: EntityData): ExportNode;
/** The export shape of a relationship selected by the ExportEdge fragment. */
export function toExportEdge(relationship: RelationshipData): ExportEdge;
/** A node or edge as one flat row of its attributes. */
export function flatten(item: ExportNode | ExportEdge, attributes: readonly Attribute[]): AttributeValue[];
/** The JSON text of a graph document. */
export function writeJson(document: GraphDocument): string;
/** The nodes of a graph document as CSV, formulas neutralised. */
export function writeNodesCsv(document: GraphDocument): string;
/** The edges of a graph document as CSV, formulas neutralised. */
export function writeEdgesCsv(document: GraphDocument): string;
/** One CSV cell: formula neutralised, quoted when it holds a comma, quote or line break. */
export function csvCell(value: AttributeValue | undefined): string;
/** `text` with a leading `'` when it starts with = + - @, a tab or a carriage return. */
export function neutraliseFormula(text: string): string;
/** The GraphML text of a graph document. */
export function writeGraphml(document: GraphDocument): string;
/** Text safe inside an XML 1.0 element or double-quoted attribute. */
export function escapeXml(text: string): string;
