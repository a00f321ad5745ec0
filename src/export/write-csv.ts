/**
 * CSV of a graph document (RFC 4180 quoting by csv-stringify, `\n` line ends, a header row): one file of
 * nodes and one of edges, columns as NODE_ATTRIBUTES and EDGE_ATTRIBUTES. Empty cells are nulls; booleans
 * are `true` / `false`; sources are space-separated ids and URLs.
 */
import { stringify } from 'csv-stringify/sync';
import { EDGE_ATTRIBUTES, flatten, NODE_ATTRIBUTES, type Attribute, type ExportEdge, type ExportNode, type GraphDocument } from './graph-document.ts';

/** The nodes of `document` as CSV. */
export function writeNodesCsv(document: GraphDocument): string {
  return writeCsv(NODE_ATTRIBUTES, document.nodes);
}

/** The edges of `document` as CSV. */
export function writeEdgesCsv(document: GraphDocument): string {
  return writeCsv(EDGE_ATTRIBUTES, document.edges);
}

// Private: one header row and one row per item; every cell a string so csv-stringify casts nothing.
function writeCsv(attributes: readonly Attribute[], items: readonly (ExportNode | ExportEdge)[]): string {
  const rows = items.map((item) => flatten(item, attributes).map((value) => (value === null ? '' : String(value))));
  return stringify([attributes.map(({ name }) => name), ...rows]);
}
