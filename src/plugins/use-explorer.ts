/**
 * The graph explorer and the exports, as one Yoga plugin: GET /explore/ serves the page (the files of
 * explorer/, the export formats of src/export/graph-formats.js, and Cytoscape.js with the fCoSE layout from
 * node_modules; only the files listed here, so no path reaches anything else), and GET /export/… answers the export endpoints of src/export/handle-export.ts by running their
 * GraphQL operations through this same server.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'graphql-yoga';
import { invariant } from '../errors.ts';
import { EXPORT_PATH, handleExport, type GraphQLResult } from '../export/handle-export.ts';

/** Options of useExplorer. */
export interface ExplorerOptions {
  /** The folder holding index.html, explorer.js and explorer.css. @default the repository's explorer/ */
  assetsDir?: string;
}

/** The export formats, the same file the server's exports import (src/export/graph-formats.js). */
const GRAPH_FORMATS = fileURLToPath(new URL('../export/graph-formats.js', import.meta.url));

/** The page's own content security policy: everything from this origin; inline styles only because Cytoscape.js adds a style element. */
const PAGE_POLICY =
  "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Serves the explorer page under /explore/ and the export endpoints under /export/. */
export function useExplorer(options: ExplorerOptions = {}): Plugin {
  const { assetsDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../explorer') } = options;
  const files = listFiles(assetsDir);
  let yoga: YogaServer | undefined;
  return {
    onYogaInit(payload) {
      yoga = payload.yoga;
    },
    async onRequest({ request, url, serverContext, endResponse, fetchAPI }) {
      const isPage = url.pathname === '/explore' || url.pathname.startsWith('/explore/');
      const isExport = url.pathname.startsWith('/export/');
      if (!isPage && !isExport) return;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        endResponse(errorResponse(fetchAPI, 405, 'BAD_USER_INPUT', `${url.pathname} answers GET only, not ${request.method}.`, { allow: 'GET, HEAD' }));
      } else if (url.pathname === '/explore') {
        endResponse(new fetchAPI.Response(null, { status: 308, headers: { location: `/explore/${url.search}` } }));
      } else if (isPage) {
        const file = files.get(url.pathname);
        if (!file) {
          endResponse(errorResponse(fetchAPI, 404, 'NOT_FOUND', `No file "${url.pathname}"; the explorer is at /explore/.`));
          return;
        }
        const headers: Record<string, string> = { 'content-type': file.contentType, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' };
        if (file.contentType.startsWith('text/html')) headers['content-security-policy'] = PAGE_POLICY;
        endResponse(new fetchAPI.Response(await readFile(file.path), { headers }));
      } else if (!EXPORT_PATH.test(url.pathname)) {
        const message = `No export "${url.pathname}"; use /export/neighborhood.<format>?id=… or /export/path.<format>?from=…&to=…, where <format> is graphml, json, nodes.csv or edges.csv.`;
        endResponse(errorResponse(fetchAPI, 404, 'NOT_FOUND', message));
      } else {
        invariant(yoga, 'useExplorer answered a request before Yoga was initialised.');
        const server = yoga;
        endResponse(await handleExport(url, (operation) => executeAs(server, request, serverContext, operation)));
      }
    },
  };
}

/** The Yoga server a plugin is initialised with. */
type YogaServer = Parameters<NonNullable<Plugin['onYogaInit']>>[0]['yoga'];

/**
 * Runs a GraphQL operation as a POST /graphql carrying the caller's headers (Authorization included), through
 * Yoga's own handler: parsing, validation, limits, auth, masking and fresh loaders are those of any request.
 */
async function executeAs(
  yoga: YogaServer,
  caller: Request,
  serverContext: unknown,
  operation: { query: string; variables: Record<string, unknown> },
): Promise<GraphQLResult> {
  const headers = new yoga.fetchAPI.Headers(caller.headers);
  headers.set('content-type', 'application/json');
  headers.set('accept', 'application/json');
  headers.delete('content-length');
  const endpoint = new URL(yoga.graphqlEndpoint, caller.url);
  const request = new yoga.fetchAPI.Request(endpoint, { method: 'POST', headers, body: JSON.stringify(operation) });
  const response = await yoga.handle(request, serverContext as never);
  return (await response.json()) as GraphQLResult;
}

/** A file the explorer serves: where it is on disk and its content type. */
interface ServedFile {
  path: string;
  contentType: string;
}

// Private: the whitelist of URL path -> file; nothing outside it is ever read.
function listFiles(assetsDir: string): Map<string, ServedFile> {
  const require = createRequire(import.meta.url);
  const cytoscapeDist = dirname(require.resolve('cytoscape'));
  const script = (path: string): ServedFile => ({ path, contentType: 'text/javascript; charset=utf-8' });
  return new Map([
    ['/explore/', { path: join(assetsDir, 'index.html'), contentType: 'text/html; charset=utf-8' }],
    ['/explore/explorer.js', { path: join(assetsDir, 'explorer.js'), contentType: 'text/javascript; charset=utf-8' }],
    ['/explore/graph-formats.js', script(GRAPH_FORMATS)],
    ['/explore/explorer.css', { path: join(assetsDir, 'explorer.css'), contentType: 'text/css; charset=utf-8' }],
    ['/explore/vendor/cytoscape.esm.min.mjs', script(join(cytoscapeDist, 'cytoscape.esm.min.mjs'))],
    ['/explore/vendor/layout-base.js', script(require.resolve('layout-base'))],
    ['/explore/vendor/cose-base.js', script(require.resolve('cose-base'))],
    ['/explore/vendor/cytoscape-fcose.js', script(require.resolve('cytoscape-fcose'))],
  ]);
}

// Private: an error as the export endpoints answer them, `{ error: { code, message } }`.
function errorResponse(fetchAPI: { Response: typeof Response }, status: number, code: string, message: string, headers: Record<string, string> = {}): Response {
  return fetchAPI.Response.json({ error: { code, message } }, { status, headers });
}
