/**
 * GraphML (http://graphml.graphdrawing.org/) of a graph document: one declared key per node and edge
 * attribute, a directed graph, every value XML-escaped. Gephi, yEd, Cytoscape desktop and networkx read it.
 */
import { EDGE_ATTRIBUTES, flatten, NODE_ATTRIBUTES, type Attribute, type GraphDocument } from './graph-document.ts';

/** The GraphML text of `document`. Null attributes are left out of a node or edge, as GraphML intends. */
export function writeGraphml(document: GraphDocument): string {
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
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/[&<>"'\t\n\r]/g, (char) => XML_ESCAPES[char]!);
}

// Private: the escapes of escapeXml.
const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

// Private: the <key> declarations of one element kind; key ids are `n_<name>` / `e_<name>`.
function declareKeys(element: 'node' | 'edge', attributes: readonly Attribute[]): string[] {
  return attributes
    .filter(({ name }) => !isStructural(element, name))
    .map(({ name, type }) => `  <key id="${keyId(element, name)}" for="${element}" attr.name="${name}" attr.type="${type}"/>`);
}

// Private: the <data> children of one node or edge.
function writeData(element: 'node' | 'edge', attributes: readonly Attribute[], values: readonly unknown[]): string {
  return attributes
    .map(({ name }, index) => {
      const value = values[index];
      if (value === null || value === undefined || value === '' || isStructural(element, name)) return '';
      return `<data key="${keyId(element, name)}">${escapeXml(String(value))}</data>`;
    })
    .join('');
}

// Private: attributes GraphML carries as the element's own attributes (id, source, target), not as data.
function isStructural(element: 'node' | 'edge', name: string): boolean {
  return name === 'id' || (element === 'edge' && (name === 'from' || name === 'to'));
}

function keyId(element: 'node' | 'edge', name: string): string {
  return `${element === 'node' ? 'n' : 'e'}_${name}`;
}
