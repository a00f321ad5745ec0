/**
 * The export endpoints for scripts: GET /export/neighborhood.<format>?id=…&depth=…&types=…&first=… and
 * GET /export/path.<format>?from=…&to=…&maxHops=…&types=…&first=…, where <format> is graphml, json,
 * nodes.csv or edges.csv. Each runs the public `neighborhood` or `paths` query through the server itself,
 * so caps, error codes and loaders are the API's own, and writes the answer as a graph document.
 */
import { HTTP_STATUS, invariant, type ErrorCode } from '../errors.ts';
import { LIMITS } from '../limits.ts';
import { RELATIONSHIP_TYPE_NAMES } from '../model/vocabulary.ts';
import {
  EXPORT_FRAGMENTS,
  FORMATS,
  toExportEdge,
  toExportNode,
  type EntityData,
  type ExportEdge,
  type ExportNode,
  type Format,
  type GraphDocument,
  type RelationshipData,
} from './graph-formats.js';

/** A GraphQL response body as JSON. */
export interface GraphQLResult {
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: { code?: string; argument?: string } }[];
}

/** Runs one operation exactly as a client's POST /graphql would and returns the response body. */
export type ExecuteGraphQL = (operation: { query: string; variables: Record<string, unknown> }) => Promise<GraphQLResult>;

/** The export URLs: /export/<what>.<format>. */
export const EXPORT_PATH = /^\/export\/(neighborhood|path)\.(graphml|json|nodes\.csv|edges\.csv)$/;

/** A failed export: the HTTP status and the error body `{ error: { code, message, parameter? } }`. */
class ExportError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly parameter?: string,
  ) {
    super(message);
  }
}

/**
 * Answers a GET on an export URL (one EXPORT_PATH matches). Bad parameters are 400 BAD_USER_INPUT naming
 * the parameter, an unknown id (or no path within maxHops) is 404 NOT_FOUND, other API errors keep their code.
 */
export async function handleExport(url: URL, execute: ExecuteGraphQL): Promise<Response> {
  const [, what, format] = EXPORT_PATH.exec(url.pathname) ?? [];
  invariant(what && format, `handleExport was given "${url.pathname}", which is no export URL.`);
  try {
    const document = what === 'neighborhood' ? await exportNeighborhood(url.searchParams, execute) : await exportPaths(url.searchParams, execute);
    const { contentType, write } = FORMATS[format as Format];
    return new Response(write(document), {
      headers: {
        'content-type': contentType,
        'content-disposition': `attachment; filename="${fileName(document, format)}"`,
        'x-content-type-options': 'nosniff',
      },
    });
  } catch (error) {
    if (!(error instanceof ExportError)) throw error;
    const body = { error: { code: error.code, message: error.message, ...(error.parameter ? { parameter: error.parameter } : {}) } };
    return Response.json(body, { status: error.status });
  }
}

const NEIGHBORHOOD_QUERY = /* GraphQL */ `
  query ExportNeighborhood($id: ID!, $depth: Int, $types: [RelationshipType!], $first: Int, $asOf: Date, $includeUncertain: Boolean) {
    neighborhood(id: $id, depth: $depth, types: $types, first: $first, asOf: $asOf, includeUncertain: $includeUncertain) {
      truncated
      nodes { node { ...ExportNode } }
      relationships { ...ExportEdge }
    }
  }
  ${EXPORT_FRAGMENTS}
`;

const PATHS_QUERY = /* GraphQL */ `
  query ExportPaths($from: ID!, $to: ID!, $maxHops: Int, $types: [RelationshipType!], $first: Int, $asOf: Date, $includeUncertain: Boolean) {
    paths(from: $from, to: $to, maxHops: $maxHops, relationshipTypes: $types, first: $first, asOf: $asOf, includeUncertain: $includeUncertain) {
      length
      nodes { ...ExportNode }
      relationships { ...ExportEdge }
    }
  }
  ${EXPORT_FRAGMENTS}
`;

// Private: the neighbourhood of ?id as a graph document, in the API's order (centre first).
async function exportNeighborhood(params: URLSearchParams, execute: ExecuteGraphQL): Promise<GraphDocument> {
  const query = readParameters(
    params,
    '/export/neighborhood',
    { id: 'id', depth: 'integer', types: 'types', first: 'integer', asOf: 'date', includeUncertain: 'boolean' },
    ['id'],
  );
  const data = await run(execute, NEIGHBORHOOD_QUERY, query);
  const subgraph = data.neighborhood as { truncated: boolean; nodes: { node: EntityData }[]; relationships: RelationshipData[] };
  return {
    kind: 'neighborhood',
    query,
    truncated: subgraph.truncated,
    nodes: subgraph.nodes.map(({ node }) => toExportNode(node)),
    edges: subgraph.relationships.map(toExportEdge),
  };
}

// Private: the paths from ?from to ?to (the shortest one unless ?first says more), merged into one document.
async function exportPaths(params: URLSearchParams, execute: ExecuteGraphQL): Promise<GraphDocument> {
  const query = readParameters(
    params,
    '/export/path',
    { from: 'id', to: 'id', maxHops: 'integer', types: 'types', first: 'integer', asOf: 'date', includeUncertain: 'boolean' },
    ['from', 'to'],
  );
  const variables: Record<string, any> = { first: LIMITS.exportPathCount.default, ...query };
  const data = await run(execute, PATHS_QUERY, variables);
  const paths = data.paths as { length: number; nodes: EntityData[]; relationships: RelationshipData[] }[];
  if (paths.length === 0) {
    const hops = variables.maxHops ?? LIMITS.maxHops.default;
    throw new ExportError(
      HTTP_STATUS.NOT_FOUND,
      'NOT_FOUND',
      `No path links "${variables.from}" and "${variables.to}" within ${hops} hops; a larger "maxHops" (at most ${LIMITS.maxHops.max}) or other "types" may find one.`,
    );
  }
  const nodes = new Map<string, ExportNode>();
  const edges = new Map<string, ExportEdge>();
  for (const path of paths) {
    for (const node of path.nodes) if (!nodes.has(node.id)) nodes.set(node.id, toExportNode(node));
    for (const relationship of path.relationships) if (!edges.has(relationship.id)) edges.set(relationship.id, toExportEdge(relationship));
  }
  return {
    kind: 'path',
    query: variables,
    truncated: false,
    nodes: [...nodes.values()],
    edges: [...edges.values()],
    paths: paths.map((path) => ({
      length: path.length,
      nodes: path.nodes.map((node) => node.id),
      edges: path.relationships.map((relationship) => relationship.id),
    })),
  };
}

/** How a query parameter is read. */
type ParameterKind = 'id' | 'integer' | 'types' | 'date' | 'boolean';

// Private: the query parameters as GraphQL variables; unknown, repeated, missing or malformed ones are 400s.
function readParameters(params: URLSearchParams, route: string, kinds: Record<string, ParameterKind>, required: string[]): Record<string, any> {
  const variables: Record<string, unknown> = {};
  const known = Object.keys(kinds)
    .map((key) => `"${key}"`)
    .join(', ');
  for (const name of new Set(params.keys())) {
    const kind = Object.hasOwn(kinds, name) ? kinds[name] : undefined;
    if (!kind) throw badParameter(name, `Unknown parameter "${name}"; ${route} takes ${known}.`);
    const values = params.getAll(name);
    if (values.length > 1) throw badParameter(name, `Parameter "${name}" must be given once, but was given ${values.length} times.`);
    variables[name] = parseParameter(name, kind, values[0]!);
  }
  for (const name of required) {
    if (variables[name] === undefined) throw badParameter(name, `Parameter "${name}" is required, e.g. ?${name}=actor:maros-sefcovic.`);
  }
  return variables;
}

// Private: one parameter's value as its GraphQL variable.
function parseParameter(name: string, kind: ParameterKind, value: string): unknown {
  if (kind === 'integer') {
    if (!/^-?\d{1,9}$/.test(value.trim())) throw badParameter(name, `Parameter "${name}" must be an integer, but got "${value}".`);
    return Number(value);
  }
  if (kind === 'date') {
    // The API's Date scalar checks the value itself; its message names the argument, which is the parameter.
    if (value.trim() === '') throw badParameter(name, `Parameter "${name}" must be an ISO date such as 2023-05-19, but is empty.`);
    return value.trim();
  }
  if (kind === 'boolean') {
    if (value !== 'true' && value !== 'false') throw badParameter(name, `Parameter "${name}" must be true or false, but got "${value}".`);
    return value === 'true';
  }
  if (kind === 'types') {
    const types = value
      .split(',')
      .map((type) => type.trim())
      .filter(Boolean);
    const unknown = types.filter((type) => !(RELATIONSHIP_TYPE_NAMES as string[]).includes(type));
    if (types.length === 0 || unknown.length > 0) {
      const got = unknown.length > 0 ? `unknown ${unknown.map((type) => `"${type}"`).join(', ')}` : 'none';
      throw badParameter(
        name,
        `Parameter "${name}" must list relationship types separated by commas, e.g. MET,ATTENDED, but got ${got}. Known types: ${RELATIONSHIP_TYPE_NAMES.join(', ')}.`,
      );
    }
    return types;
  }
  if (value.trim() === '') throw badParameter(name, `Parameter "${name}" must be an entity id, e.g. actor:maros-sefcovic, but is empty.`);
  return value.trim();
}

function badParameter(parameter: string, message: string): ExportError {
  return new ExportError(HTTP_STATUS.BAD_USER_INPUT, 'BAD_USER_INPUT', message, parameter);
}

/** GraphQL argument names that the export URLs call differently. */
const PARAMETER_OF_ARGUMENT: Record<string, string> = { relationshipTypes: 'types' };

// Private: runs the operation and turns its first error into an ExportError with the API's code and message.
async function run(execute: ExecuteGraphQL, query: string, variables: Record<string, unknown>): Promise<Record<string, any>> {
  const result = await execute({ query, variables });
  const [error] = result.errors ?? [];
  if (error || !result.data) {
    const code = error?.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
    const status = HTTP_STATUS[code as ErrorCode] ?? HTTP_STATUS.INTERNAL_SERVER_ERROR;
    const argument = error?.extensions?.argument;
    const message = error?.message ?? 'Unexpected error.';
    throw new ExportError(
      status,
      status === HTTP_STATUS.INTERNAL_SERVER_ERROR ? 'INTERNAL_SERVER_ERROR' : code,
      message,
      argument && (PARAMETER_OF_ARGUMENT[argument] ?? argument),
    );
  }
  return result.data;
}

// Private: a download name from the export and its ids, e.g. neighborhood-actor_maros-sefcovic.graphml.
function fileName(document: GraphDocument, format: string): string {
  const ids = document.kind === 'path' ? [document.query.from, document.query.to] : [document.query.id];
  const slug = ids.map((id) => String(id).replace(/[^A-Za-z0-9._-]+/g, '_')).join('--');
  return `${document.kind}-${slug}.${format}`;
}
