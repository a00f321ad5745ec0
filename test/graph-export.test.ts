/**
 * The export writers on hand-made documents: GraphML stays well-formed and round-trips every value,
 * however hostile the text (markup, quotes, line breaks, characters XML cannot carry); CSV quotes as
 * RFC 4180 says, parses back to the same cells, and never starts a cell with a formula.
 */
import { parse } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import {
  EDGE_ATTRIBUTES,
  escapeXml,
  NODE_ATTRIBUTES,
  neutraliseFormula,
  writeEdgesCsv,
  writeGraphml,
  writeNodesCsv,
  type ExportEdge,
  type ExportNode,
  type GraphDocument,
} from '../src/export/graph-formats.js';

const HOSTILE = 'A & B <b>"quoted"</b> it\'s, line one\nline two\r\n\ttabbed \u0001bell\uFFFF end';
const HOSTILE_IN_XML = 'A & B <b>"quoted"</b> it\'s, line one\nline two\r\n\ttabbed bell end';

const node = (id: string, overrides: Partial<ExportNode> = {}): ExportNode => ({
  id,
  type: 'Actor',
  name: id,
  kind: 'PERSON',
  side: 'EU',
  confidence: 'HIGH',
  description: null,
  sources: [
    { id: 'source:a', title: 'A', url: 'https://example.org/a?x=1&y=2' },
    { id: 'source:b', title: 'B', url: null },
  ],
  ...overrides,
});

const edge: ExportEdge = {
  id: 'actor:a|FUNDS|project:"b"',
  type: 'FUNDS',
  from: 'actor:a',
  to: 'project:"b"',
  title: null,
  role: null,
  date: '2023-06',
  validFrom: null,
  validTo: null,
  validity: null,
  acting: false,
  amount: 1.5e9,
  currency: 'EUR',
  share: null,
  topic: null,
  ratified: null,
  key: null,
  note: HOSTILE,
  confidence: 'MEDIUM',
  sources: [{ id: 'source:a', title: 'A', url: 'https://example.org/a?x=1&y=2' }],
};

const document: GraphDocument = {
  kind: 'neighborhood',
  query: { id: 'actor:a' },
  truncated: false,
  nodes: [node('actor:a', { name: HOSTILE, description: 'Plain.' }), node('project:"b"', { type: 'Project', kind: null, side: null })],
  edges: [edge],
};

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name, _path, _leaf, isAttribute) => !isAttribute && ['key', 'node', 'edge', 'data'].includes(name),
  parseTagValue: false,
  trimValues: false,
  htmlEntities: true,
});

describe('escapeXml', () => {
  it('escapes markup and quotes, keeps line breaks and tabs as references, and drops what XML 1.0 cannot carry', () => {
    expect(escapeXml(`<a href="x">&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
    expect(escapeXml('a\nb\rc\td')).toBe('a&#10;b&#13;c&#9;d');
    expect(escapeXml('\u0000\u0008\u000B\u001F\uFFFE\uFFFF\uD800ok')).toBe('ok');
    expect(escapeXml('Šefčovič Смаилов 𝔸')).toBe('Šefčovič Смаилов 𝔸');
  });
});

describe('writeGraphml', () => {
  const text = writeGraphml(document);
  const graphml = xml.parse(text).graphml;

  it('is well-formed XML with a declared key for every attribute but the structural ones', () => {
    expect(XMLValidator.validate(text)).toBe(true);
    const keys = graphml.key.map((key: Record<string, string>) => `${key.for}:${key['attr.name']}:${key['attr.type']}`);
    expect(keys).toContain('node:type:string');
    expect(keys).toContain('node:name:string');
    expect(keys).toContain('node:side:string');
    expect(keys).toContain('node:sources:string');
    expect(keys).toContain('edge:amount:double');
    expect(keys).toContain('edge:acting:boolean');
    expect(keys).toHaveLength(NODE_ATTRIBUTES.length - 1 + EDGE_ATTRIBUTES.length - 3);
  });

  it('round-trips ids, names and notes through the escaping, and leaves out null attributes', () => {
    const [first, second] = graphml.graph.node;
    const data = (element: { data: { key: string; '#text': string }[] }) => Object.fromEntries(element.data.map((item) => [item.key, item['#text']]));
    expect(first.id).toBe('actor:a');
    expect(data(first).n_name).toBe(HOSTILE_IN_XML);
    expect(data(first).n_sources).toBe('source:a source:b');
    expect(data(first).n_sourceUrls).toBe('https://example.org/a?x=1&y=2');
    expect(second.id).toBe('project:"b"');
    expect(data(second)).not.toHaveProperty('n_side');
    expect(data(second)).not.toHaveProperty('n_kind');
    const [link] = graphml.graph.edge;
    expect([link.id, link.source, link.target]).toEqual(['actor:a|FUNDS|project:"b"', 'actor:a', 'project:"b"']);
    expect(data(link)).toMatchObject({ e_type: 'FUNDS', e_amount: '1500000000', e_acting: 'false', e_note: HOSTILE_IN_XML, e_date: '2023-06' });
  });
});

describe('writeNodesCsv and writeEdgesCsv', () => {
  it('write a header and one row per node, quoting only cells with commas, quotes or line breaks', () => {
    const text = writeNodesCsv(document);
    const rows = parse(text) as string[][];
    expect(rows[0]).toEqual(NODE_ATTRIBUTES.map((attribute) => attribute.name));
    expect(rows.slice(1).map((row) => row[0])).toEqual(['actor:a', 'project:"b"']);
    expect(rows[1]![2]).toBe(HOSTILE);
    expect(rows[2]).toEqual(['project:"b"', 'Project', 'project:"b"', '', '', 'HIGH', '', 'source:a source:b', 'https://example.org/a?x=1&y=2']);
    expect(text.trimEnd().split('\n').at(-1)).toBe('"project:""b""",Project,"project:""b""",,,HIGH,,source:a source:b,https://example.org/a?x=1&y=2');
  });

  it('write edges with every property column, booleans as true/false and numbers in full', () => {
    const rows = parse(writeEdgesCsv(document), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: edge.id,
      type: 'FUNDS',
      from: 'actor:a',
      to: 'project:"b"',
      acting: 'false',
      amount: '1500000000',
      note: HOSTILE,
      sources: 'source:a',
      share: '',
    });
    expect(Object.keys(rows[0]!)).toEqual(EDGE_ATTRIBUTES.map((attribute) => attribute.name));
  });
});

describe('CSV formula neutralisation (OWASP "CSV Injection")', () => {
  const FORMULAS = ["=cmd|' /C calc'!A0", '+SUM(A1:A9)', '-2+3', '@SUM(A1)', '\t=1+1', '\r=1+1', '=HYPERLINK("https://evil.example","x")'];

  it('prefixes a single quote to text starting with = + - @, a tab or a carriage return, and nothing else', () => {
    for (const formula of FORMULAS) expect(neutraliseFormula(formula)).toBe(`'${formula}`);
    for (const text of ['Plain', ' =not first', 'a=b', "'quoted", '2023-06', '', 'Šefčovič']) expect(neutraliseFormula(text)).toBe(text);
  });

  it('no cell of the nodes or edges CSV starts with a formula character, and each reads back as the text with the quote', () => {
    const hostile: GraphDocument = {
      ...document,
      nodes: FORMULAS.map((formula, index) => node(`actor:f${index}`, { name: formula, description: formula, kind: formula })),
      edges: FORMULAS.map((formula, index) => ({ ...edge, id: `e${index}`, note: formula, role: formula, title: formula })),
    };
    const nodes = parse(writeNodesCsv(hostile), { columns: true }) as Record<string, string>[];
    const edges = parse(writeEdgesCsv(hostile), { columns: true }) as Record<string, string>[];
    expect(nodes.map((row) => [row.name, row.description, row.kind])).toEqual(FORMULAS.map((formula) => [`'${formula}`, `'${formula}`, `'${formula}`]));
    expect(edges.map((row) => [row.note, row.role, row.title])).toEqual(FORMULAS.map((formula) => [`'${formula}`, `'${formula}`, `'${formula}`]));
    for (const row of [...nodes, ...edges]) {
      for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    }
  });

  it('leaves GraphML and JSON values as they are (no spreadsheet reads them as formulas)', () => {
    const text = writeGraphml({ ...document, nodes: [node('actor:f', { name: '=1+1' })], edges: [] });
    expect(text).toContain('<data key="n_name">=1+1</data>');
  });
});
