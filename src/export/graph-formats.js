/**
 * The export formats, one copy for the server (src/export/handle-export.ts) and the explorer page (served
 * as /explore/graph-formats.js): the GraphQL fragments an export selects, the graph document built from
 * them, and its writers: GraphML, JSON, and CSV of nodes and of edges. Plain JavaScript with no imports so
 * that the browser loads this very file; its types are in graph-formats.d.ts.
 *
 * CSV cells that a spreadsheet would read as a formula (starting with = + - @, a tab or a carriage return)
 * are written with a leading single quote, as OWASP's "CSV Injection" advice says, whatever the data holds:
 * the writer makes the file safe, not the validator that let the value in.
 */

/** The GraphQL fragment `ExportNode` (on Entity): what an export holds of an entity; `kind` is aliased per type because the enums differ. */
export const EXPORT_NODE_FRAGMENT = `
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
`;

/** The GraphQL fragment `ExportEdge` (on Relationship): every property of a link and its sources. */
export const EXPORT_EDGE_FRAGMENT = `
  fragment ExportEdge on Relationship {
    id type from to title role date validFrom validTo validity acting amount currency share topic ratified key note confidence
    sources { id title url }
  }
`;

/** Both fragments, for an operation that spreads ExportNode and ExportEdge. */
export const EXPORT_FRAGMENTS = EXPORT_NODE_FRAGMENT + EXPORT_EDGE_FRAGMENT;

/** The GraphML value types of the attributes that are not strings; the others are strings. */
const ATTRIBUTE_TYPES = { acting: 'boolean', amount: 'double', share: 'double' };

/** Node attributes in column order; `sources` are source ids and `sourceUrls` their URLs, space-separated. */
export const NODE_ATTRIBUTES = Object.freeze(
  ['id', 'type', 'name', 'kind', 'side', 'confidence', 'description', 'sources', 'sourceUrls'].map((name) => attribute(name)),
);

/** Edge attributes in column order, as NODE_ATTRIBUTES. */
export const EDGE_ATTRIBUTES = Object.freeze(
  [
    'id',
    'type',
    'from',
    'to',
    'title',
    'role',
    'date',
    'validFrom',
    'validTo',
    'validity',
    'acting',
    'amount',
    'currency',
    'share',
    'topic',
    'ratified',
    'key',
    'note',
    'confidence',
    'sources',
    'sourceUrls',
  ].map((name) => attribute(name)),
);

/** The export shape of an entity selected by the ExportNode fragment. */
export function toExportNode(entity) {
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
export function toExportEdge(relationship) {
  const edge = {};
  for (const { name } of EDGE_ATTRIBUTES) {
    if (name !== 'sources' && name !== 'sourceUrls') edge[name] = relationship[name] ?? null;
  }
  edge.sources = relationship.sources;
  return edge;
}

/** A node or edge as one flat row of its attributes, sources joined into `sources` and `sourceUrls`. */
export function flatten(item, attributes) {
  return attributes.map(({ name }) => {
    if (name === 'sources') return item.sources.map((source) => source.id).join(' ');
    if (name === 'sourceUrls') return item.sources.flatMap((source) => (source.url ? [source.url] : [])).join(' ');
    return item[name] ?? null;
  });
}

/** The formats by their file suffix: how each is written and its content type. */
export const FORMATS = Object.freeze({
  graphml: { contentType: 'application/graphml+xml; charset=utf-8', write: writeGraphml },
  json: { contentType: 'application/json; charset=utf-8', write: writeJson },
  'nodes.csv': { contentType: 'text/csv; charset=utf-8; header=present', write: writeNodesCsv },
  'edges.csv': { contentType: 'text/csv; charset=utf-8; header=present', write: writeEdgesCsv },
});

/** The JSON text of a graph document: indented, sources kept as objects. */
export function writeJson(document) {
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** The nodes of a graph document as CSV: a header row, one row per node, `\n` line ends. */
export function writeNodesCsv(document) {
  return writeCsv(NODE_ATTRIBUTES, document.nodes);
}

/** The edges of a graph document as CSV, as writeNodesCsv. */
export function writeEdgesCsv(document) {
  return writeCsv(EDGE_ATTRIBUTES, document.edges);
}

/**
 * One CSV cell (RFC 4180): null is empty, a value a spreadsheet would run as a formula gets a leading
 * single quote, and a cell holding a comma, a double quote or a line break is quoted with quotes doubled.
 */
export function csvCell(value) {
  const text = neutraliseFormula(value === null || value === undefined ? '' : String(value));
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * `text` as a spreadsheet shows it rather than runs it: a leading `'` when it starts with = + - @, a tab or
 * a carriage return (OWASP, "CSV Injection"). Other text is returned as it is.
 */
export function neutraliseFormula(text) {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * The GraphML text (http://graphml.graphdrawing.org/) of a graph document: one declared key per node and
 * edge attribute, a directed graph, every value XML-escaped; null attributes are left out. Gephi, yEd,
 * Cytoscape desktop and networkx read it.
 */
export function writeGraphml(document) {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
    '    xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...declareKeys('node', NODE_ATTRIBUTES),
    ...declareKeys('edge', EDGE_ATTRIBUTES),
    `  <graph id="${escapeXml(document.kind)}" edgedefault="directed">`,
  ];
  for (const node of document.nodes) {
    lines.push(`    <node id="${escapeXml(node.id)}">${writeData('node', NODE_ATTRIBUTES, flatten(node, NODE_ATTRIBUTES))}</node>`);
  }
  for (const edge of document.edges) {
    const data = writeData('edge', EDGE_ATTRIBUTES, flatten(edge, EDGE_ATTRIBUTES));
    lines.push(`    <edge id="${escapeXml(edge.id)}" source="${escapeXml(edge.from)}" target="${escapeXml(edge.to)}">${data}</edge>`);
  }
  lines.push('  </graph>', '</graphml>', '');
  return lines.join('\n');
}

/**
 * Text safe inside an XML 1.0 element or double-quoted attribute: markup characters escaped, line breaks
 * and tabs as character references (attribute normalisation would turn them into spaces), and characters
 * XML 1.0 cannot carry at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF) dropped.
 */
export function escapeXml(text) {
  return text.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '').replace(/[&<>"'\t\n\r]/g, (char) => XML_ESCAPES[char]);
}

// Private: an attribute (GraphML key and CSV column) by name.
function attribute(name) {
  return Object.freeze({ name, type: ATTRIBUTE_TYPES[name] ?? 'string' });
}

// Private: the escapes of escapeXml.
const XML_ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };

// Private: a header row and one row per item.
function writeCsv(attributes, items) {
  const rows = [attributes.map(({ name }) => name), ...items.map((item) => flatten(item, attributes))];
  return rows.map((row) => `${row.map(csvCell).join(',')}\n`).join('');
}

// Private: the <key> declarations of one element kind; key ids are `n_<name>` / `e_<name>`.
function declareKeys(element, attributes) {
  return attributes
    .filter(({ name }) => !isStructural(element, name))
    .map(({ name, type }) => `  <key id="${keyId(element, name)}" for="${element}" attr.name="${name}" attr.type="${type}"/>`);
}

// Private: the <data> children of one node or edge.
function writeData(element, attributes, values) {
  return attributes
    .map(({ name }, index) => {
      const value = values[index];
      if (value === null || value === undefined || value === '' || isStructural(element, name)) return '';
      return `<data key="${keyId(element, name)}">${escapeXml(String(value))}</data>`;
    })
    .join('');
}

// Private: attributes GraphML carries as the element's own attributes (id, source, target), not as data.
function isStructural(element, name) {
  return name === 'id' || (element === 'edge' && (name === 'from' || name === 'to'));
}

// Private: the GraphML key id of an attribute.
function keyId(element, name) {
  return `${element === 'node' ? 'n' : 'e'}_${name}`;
}
