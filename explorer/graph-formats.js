/**
 * The server's export formats in the browser (src/export/graph-document.ts, write-csv.ts, write-graphml.ts):
 * the fields asked for, the document shape, the CSV columns and the GraphML keys, so that "Export view" writes
 * what GET /export/… writes. The end-to-end tests compare the two byte for byte.
 */

/** The fields every entity and relationship of the view carries; the same as the server's exports. */
export const FRAGMENTS = `
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
  }`;

export const NODE_ATTRIBUTES = ['id', 'type', 'name', 'kind', 'side', 'confidence', 'description', 'sources', 'sourceUrls'];
export const EDGE_ATTRIBUTES = ['id', 'type', 'from', 'to', 'title', 'role', 'date', 'validFrom', 'validTo', 'validity', 'acting', 'amount',
  'currency', 'share', 'topic', 'ratified', 'key', 'note', 'confidence', 'sources', 'sourceUrls'];
const GRAPHML_TYPES = { acting: 'boolean', amount: 'double', share: 'double' };

/** The export shape of an entity selected by ExportNode (as src/export/graph-document.ts). */
export function toNode(entity) {
  const { actorKind, placeKind, materialKind, instrumentKind, agreementKind, eventKind } = entity;
  return {
    id: entity.id, type: entity.__typename, name: entity.name,
    kind: actorKind ?? placeKind ?? materialKind ?? instrumentKind ?? agreementKind ?? eventKind ?? null,
    side: entity.side ?? null, confidence: entity.confidence, description: entity.description, sources: entity.sources,
  };
}

/** The export shape of a relationship selected by ExportEdge: its fields in column order, then sources. */
export function toEdge(relationship) {
  const edge = {};
  for (const name of EDGE_ATTRIBUTES.slice(0, -2)) edge[name] = relationship[name] ?? null;
  return { ...edge, sources: relationship.sources };
}

/** One row of attribute values, sources joined as src/export/graph-document.ts `flatten` does. */
function flatten(item, attributes) {
  return attributes.map((name) => {
    if (name === 'sources') return item.sources.map((source) => source.id).join(' ');
    if (name === 'sourceUrls') return item.sources.flatMap((source) => (source.url ? [source.url] : [])).join(' ');
    return item[name] ?? null;
  });
}

/** CSV as csv-stringify writes it: quoted only when a cell holds a comma, quote or line break. */
export function writeCsv(attributes, items) {
  const cell = (value) => {
    const text = value === null ? '' : String(value);
    return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return [attributes, ...items.map((item) => flatten(item, attributes))].map((row) => `${row.map(cell).join(',')}\n`).join('');
}

/** GraphML as src/export/write-graphml.ts writes it. */
export function writeGraphml(graph) {
  const isStructural = (element, name) => name === 'id' || (element === 'edge' && (name === 'from' || name === 'to'));
  const keyId = (element, name) => `${element === 'node' ? 'n' : 'e'}_${name}`;
  const keys = (element, attributes) => attributes.filter((name) => !isStructural(element, name))
    .map((name) => `  <key id="${keyId(element, name)}" for="${element}" attr.name="${name}" attr.type="${GRAPHML_TYPES[name] ?? 'string'}"/>`);
  const data = (element, attributes, item) => flatten(item, attributes).map((value, index) => {
    const name = attributes[index];
    if (value === null || value === '' || isStructural(element, name)) return '';
    return `<data key="${keyId(element, name)}">${escapeXml(String(value))}</data>`;
  }).join('');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
    '    xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...keys('node', NODE_ATTRIBUTES),
    ...keys('edge', EDGE_ATTRIBUTES),
    `  <graph id="${escapeXml(graph.kind)}" edgedefault="directed">`,
    ...graph.nodes.map((node) => `    <node id="${escapeXml(node.id)}">${data('node', NODE_ATTRIBUTES, node)}</node>`),
    ...graph.edges.map((edge) => `    <edge id="${escapeXml(edge.id)}" source="${escapeXml(edge.from)}" target="${escapeXml(edge.to)}">${data('edge', EDGE_ATTRIBUTES, edge)}</edge>`),
    '  </graph>', '</graphml>', '',
  ].join('\n');
}

const XML_ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };

function escapeXml(text) {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/[&<>"'\t\n\r]/g, (char) => XML_ESCAPES[char]);
}
