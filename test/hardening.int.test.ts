/**
 * Production hardening over real HTTP: query limits, body size, batching, CSRF, introspection and GraphiQL
 * switches, request ids, metrics and logs, a Neo4j outage and recovery, and graceful shutdown.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase } from '../src/db/database.ts';
import { findFreePort, startEmbeddedNeo4j } from '../src/db/embedded-neo4j.ts';
import { createServer } from '../src/server.ts';
import { connectTestDatabase, startTestServer, type TestServer } from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('query limits', () => {
  const nested = (depth: number) => `{ entity(id: "place:kazakhstan") { ${'relationships(first: 1) { nodes { '.repeat(depth)}id${' } }'.repeat(depth)} } }`;

  it.each([
    ['depth', nested(8), /Query depth limit of 15 exceeded/],
    [
      'aliases',
      `{ ${Array.from({ length: 16 }, (_, index) => `a${index}: entity(id: "place:kazakhstan") { id }`).join(' ')} }`,
      /Aliases limit of 15 exceeded/,
    ],
    ['tokens', `{ ${'__typename '.repeat(5001)} }`, /Token limit of 5000 exceeded/],
    ['directives', `{ __typename ${'@include(if: true) '.repeat(21)} }`, /Directives limit of 20 exceeded/],
  ])('refuses a query over the %s limit with BAD_USER_INPUT, before any Cypher runs', async (_limit, query, message) => {
    server.statements.length = 0;
    const response = await server.query(query);
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toMatch(message);
    expect(server.statements).toEqual([]);
  });

  it('prices page sizes multiplied along the nesting', async () => {
    server.statements.length = 0;
    const expensive = '{ actors(first: 100) { nodes { relationships(first: 100) { nodes { relationships(first: 100) { totalCount } } } } } }';
    const response = await server.query(expensive);
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toMatch(
      /^The query costs \d+, over the limit of 50000 \(page sizes multiplied along the nesting\); lower "first" or nest less\.$/,
    );
    expect(server.statements).toEqual([]);
    const cheap = await server.query('{ actors(first: 10) { nodes { relationships(first: 10) { nodes { id } } } } }');
    expect(cheap.errors).toBeUndefined();
  });

  it('prices one document again for other page sizes and @include values, not for other ids', async () => {
    // The cost is kept per document and the values of the variables it reads (first, last, @skip, @include).
    const query = `query ($n: Int, $deep: Boolean!, $id: ID!) { node(id: $id) { id } actors(first: $n) { nodes { relationships(first: $n) {
      nodes { relationships(first: $n) @include(if: $deep) { totalCount } } } } } }`;
    const ask = (variables: Record<string, unknown>) => server.query(query, variables).then((response) => response.errors?.[0]?.extensions?.code ?? 'ok');
    expect(await ask({ n: 10, deep: true, id: 'actor:maros-sefcovic' })).toBe('ok');
    expect(await ask({ n: 100, deep: true, id: 'actor:maros-sefcovic' })).toBe('BAD_USER_INPUT');
    expect(await ask({ n: 100, deep: false, id: 'actor:maros-sefcovic' })).toBe('ok');
    expect(await ask({ n: 100, deep: true, id: 'agreement:epca' })).toBe('BAD_USER_INPUT');
    expect(await ask({ n: 10, deep: true, id: 'agreement:epca' })).toBe('ok');
  });

  it('refuses a body over the size limit with 413 before reading it', async () => {
    const response = await post(server.url, JSON.stringify({ query: `{ __typename } #${'x'.repeat(7 * 1024 * 1024)}` }));
    expect(response.status).toBe(413);
    expect(((await response.json()) as any).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('does not batch: an array of operations is refused', async () => {
    const response = await post(server.url, JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]));
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(await response.json())).not.toContain('"__typename":"Query"');
  });

  it('prevents CSRF: a simple GET without the CSRF header is refused, a JSON POST or a GET with the header is served', async () => {
    const simple = await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ __typename }')}`);
    expect(simple.status).toBe(403);
    const withHeader = await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, { headers: { 'x-graphql-yoga-csrf': '1' } });
    expect(await withHeader.json()).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('production switches', () => {
  it('turns off introspection and GraphiQL', async () => {
    const closed = await listen({ introspection: false, graphiql: false });
    try {
      const introspection = await post(closed.url, JSON.stringify({ query: '{ __schema { types { name } } }' }));
      expect(JSON.stringify(await introspection.json())).toMatch(/introspection/i);
      const page = await fetch(`${closed.url}/graphql`, { headers: { accept: 'text/html' } });
      expect(await page.text()).not.toMatch(/graphiql/i);
      const query = await post(closed.url, JSON.stringify({ query: '{ entity(id: "place:kazakhstan") { id } }' }));
      expect(await query.json()).toEqual({ data: { entity: { id: 'place:kazakhstan' } } });
    } finally {
      await closed.close();
    }
  });
});

describe('observability', () => {
  it('echoes or creates a request id, logs one JSON line per request, logs slow statements, and serves metrics', async () => {
    const lines: Record<string, unknown>[] = [];
    const observed = await listen({ logLines: lines, observability: { slowStatementMs: 0 } });
    try {
      const given = await post(observed.url, JSON.stringify({ query: 'query Place { entity(id: "place:kazakhstan") { id } }', operationName: 'Place' }), {
        'x-request-id': 'trace-42',
      });
      expect(given.headers.get('x-request-id')).toBe('trace-42');
      const fresh = await post(observed.url, JSON.stringify({ query: '{ actors(first: 500) { totalCount } }' }));
      expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

      expect(lines).toContainEqual(
        expect.objectContaining({
          msg: 'request',
          requestId: 'trace-42',
          method: 'POST',
          path: '/graphql',
          status: 200,
          operation: 'Place',
          durationMs: expect.any(Number),
        }),
      );
      expect(lines).toContainEqual(expect.objectContaining({ msg: 'request', requestId: fresh.headers.get('x-request-id'), errorCodes: ['BAD_USER_INPUT'] }));
      expect(lines).toContainEqual(expect.objectContaining({ msg: 'Slow Cypher statement.', statement: 'planner:nodes', level: 40 }));

      const metrics = await (await fetch(`${observed.url}/metrics`)).text();
      expect(metrics).toMatch(/vcg_neo4j_statements_total\{statement="planner:nodes",mode="read"\} [1-9]/);
      expect(metrics).toMatch(/vcg_graphql_errors_total\{code="BAD_USER_INPUT"\} [1-9]/);
      expect(metrics).toMatch(/vcg_neo4j_statement_duration_seconds_bucket/);
      expect(metrics).toMatch(/graphql_yoga_http_duration/);
    } finally {
      await observed.close();
    }
  });
});

describe('a Neo4j outage', () => {
  it('fails requests within 2 s with SERVICE_UNAVAILABLE, /readyz 503, and recovers without a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vcg-outage-'));
    const port = await findFreePort();
    let neo4j = await startEmbeddedNeo4j({ dataDir, port, heapMb: 512, pageCacheMb: 64, log: () => undefined });
    const outage = await startTestServer({ db: createDatabase({ uri: neo4j.uri }) });
    try {
      expect((await outage.query('{ actors(first: 1) { totalCount } }')).data).toEqual({ actors: { totalCount: 0 } });
      await neo4j.stop();

      const started = Date.now();
      const down = await outage.query('{ actors(first: 1) { totalCount } }');
      const elapsed = Date.now() - started;
      expect(down.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      expect(elapsed).toBeLessThan(2000);
      expect((await fetch(`${outage.url}/readyz`)).status).toBe(503);
      expect((await fetch(`${outage.url}/healthz`)).status).toBe(200);

      neo4j = await startEmbeddedNeo4j({ dataDir, port, heapMb: 512, pageCacheMb: 64, log: () => undefined });
      let ready = 503;
      for (let attempt = 0; attempt < 60 && ready !== 200; attempt++) {
        ready = (await fetch(`${outage.url}/readyz`)).status;
        if (ready !== 200) await new Promise((resolve) => setTimeout(resolve, 500));
      }
      expect(ready).toBe(200);
      expect((await outage.query('{ actors(first: 1) { totalCount } }')).data).toEqual({ actors: { totalCount: 0 } });
    } finally {
      await outage.close();
      await neo4j.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});

describe('graceful shutdown', () => {
  it('on SIGTERM stops accepting, finishes the request in flight, and exits 0', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/start.ts'], {
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: '0',
        NEO4J_URI: inject('neo4jUri'),
        NEO4J_USER: inject('neo4jUser'),
        NEO4J_PASSWORD: inject('neo4jPassword'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const match = /"url":"(http:\/\/[^"]+)\/graphql"/.exec(output);
          if (match?.[1]) resolve(match[1]);
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
      });
      const { port } = new URL(url);
      const body = JSON.stringify({ query: '{ entity(id: "place:kazakhstan") { id } }' });
      const socket = connect(Number(port), '127.0.0.1');
      await new Promise((resolve) => socket.once('connect', resolve));
      socket.write(
        `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`,
      );
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      await new Promise((resolve) => setTimeout(resolve, 300));
      child.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 500));
      const refused = await fetch(`${url}/healthz`).then(
        () => 'served',
        () => 'refused',
      );
      expect(refused).toBe('refused');

      let response = '';
      socket.on('data', (chunk: Buffer) => (response += chunk.toString()));
      const closed = new Promise((resolve) => socket.once('close', resolve));
      socket.write(body);
      await closed;
      expect(response).toMatch(/^HTTP\/1\.1 200/);
      expect(response).toContain('{"data":{"entity":{"id":"place:kazakhstan"}}}');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  }, 60_000);
});

/** The server with options on its own port, collecting its log lines when asked. */
async function listen(options: {
  introspection?: boolean;
  graphiql?: boolean;
  logLines?: Record<string, unknown>[];
  observability?: { slowStatementMs?: number };
}) {
  const db = connectTestDatabase();
  const lines = options.logLines;
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) if (line.trim()) lines?.push(JSON.parse(line));
      done();
    },
  });
  const yoga = createServer({
    db,
    logger: pino({ level: 'info' }, stream),
    introspection: options.introspection,
    graphiql: options.graphiql,
    observability: options.observability,
  });
  const http = createHttpServer(yoga);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    async close() {
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
      await db.close();
    },
  };
}
