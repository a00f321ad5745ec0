/**
 * Test helpers: a database handle on the run's Neo4j, and the real server on a real HTTP port with a
 * statement counter, so integration tests go through HTTP exactly as clients do.
 */
import type { AddressInfo } from 'node:net';
import { expect, inject } from 'vitest';
import { createDatabase, type Database } from '../src/db/database.ts';
import { createLogger } from '../src/logger.ts';
import type { AuthOptions } from '../src/plugins/use-auth.ts';
import { createHttpServer, type HttpServerOptions } from '../src/create-http-server.ts';
import { createServer, type ServerOptions } from '../src/server.ts';
import type { TrustedDocumentOptions } from '../src/plugins/use-trusted-documents.ts';
import { exportGraph, type ExportedEntity, type ExportedRelationship } from '../src/records/export-graph.ts';

/** A database handle on the test run's Neo4j. Close it in afterAll. */
export function connectTestDatabase(): Database {
  return createDatabase({
    uri: inject('neo4jUri'),
    user: inject('neo4jUser'),
    password: inject('neo4jPassword'),
    database: process.env.NEO4J_DATABASE,
  });
}

/** A GraphQL response as JSON. */
export interface GraphQLResponse<T = Record<string, any>> {
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** The real server listening on a free port of 127.0.0.1. */
export interface TestServer {
  url: string;
  db: Database;
  /** Names of the Cypher statements run since the last reset, in order. */
  statements: string[];
  /** POSTs a query to /graphql and returns the parsed body (and the HTTP status). */
  query<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T> & { status: number }>;
  /** Like query, but expects no errors (failing the test with them) and returns `data`. */
  data<T = any>(query: string, variables?: Record<string, unknown>): Promise<T>;
  close(): Promise<void>;
}

/** Starts the server over its own database handle; call close() in afterAll. */
export async function startTestServer(
  options: {
    db?: Database;
    auth?: AuthOptions;
    http?: HttpServerOptions;
    planner?: boolean;
    trustedDocuments?: TrustedDocumentOptions;
    server?: Partial<Omit<ServerOptions, 'db' | 'auth'>>;
  } = {},
): Promise<TestServer> {
  const db = options.db ?? connectTestDatabase();
  const statements: string[] = [];
  db.onStatement(({ name }) => statements.push(name));
  const yoga = createServer({
    db,
    logger: createLogger('silent'),
    auth: options.auth ?? {},
    planner: options.planner,
    trustedDocuments: options.trustedDocuments,
    ...options.server,
  });
  const server = createHttpServer(yoga, options.http);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const testServer: TestServer = {
    url,
    db,
    statements,
    async query(query, variables, headers = {}) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as GraphQLResponse<any>) };
    },
    async data(query, variables) {
      const response = await testServer.query(query, variables);
      expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
      return response.data as never;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
  return testServer;
}

/** The curated graph as the database holds it, for computing expected answers. */
export interface GraphFixture {
  entities: ExportedEntity[];
  relationships: ExportedRelationship[];
  byId: Map<string, ExportedEntity>;
}

/** Reads the whole graph once (exportGraph) and indexes its entities by id. */
export async function readGraphFixture(db: Database): Promise<GraphFixture> {
  const { entities, relationships } = await exportGraph(db);
  return { entities, relationships, byId: new Map(entities.map((entity) => [entity.id, entity])) };
}
