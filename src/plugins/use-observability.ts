/**
 * Observability as Yoga plugins: a request id per request (from X-Request-Id or new), echoed in the
 * response and in a structured JSON log line per request; Prometheus metrics on /metrics (Yoga's own
 * request, latency and error metrics plus errors by code and Neo4j statements by name); and a log line
 * for every statement slower than a threshold.
 *
 * Every metric label comes from a bounded set, so no caller can grow the series: operation names only
 * from `trustedOperations` (others count as "other"), never URLs, query strings or error paths.
 */
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { usePrometheus } from '@graphql-yoga/plugin-prometheus';
import { getOperationAST, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { Counter, Histogram, Registry } from 'prom-client';
import type { Database } from '../db/database.ts';
import type { Logger } from '../logger.ts';

/** Options of useObservability. */
export interface ObservabilityOptions {
  /** Statements slower than this are logged at warn. @default 500 */
  slowStatementMs?: number;
  /** Serve Prometheus metrics here; false serves none on this server (see metricsRegistry). @default '/metrics' */
  metricsPath?: string | false;
  /** When set, /metrics answers only `Authorization: Bearer <metricsToken>`. @default open */
  metricsToken?: string;
  /** Operation names counted under their own label; every other name counts as "other". @default none */
  trustedOperations?: readonly string[];
  /** The registry the metrics go to, e.g. to serve them on a port of their own. @default a new one */
  registry?: Registry;
}

const REQUEST_ID = /^[\w.-]{1,128}$/;

/** The observability plugins over `db`, logging to `logger`. */
export function useObservability(db: Database, logger: Logger, options: ObservabilityOptions = {}): Plugin[] {
  const { slowStatementMs = 500, metricsPath = '/metrics', metricsToken, trustedOperations = [], registry = new Registry() } = options;
  const trusted = new Set(trustedOperations);
  const operations = new Counter({
    name: 'vcg_graphql_operations_total',
    help: 'GraphQL operations executed, by operation name (trusted names only, others "other") and type.',
    labelNames: ['operation', 'type'],
    registers: [registry],
  });
  const statements = new Counter({
    name: 'vcg_neo4j_statements_total',
    help: 'Cypher statements run, by statement name and mode.',
    labelNames: ['statement', 'mode'],
    registers: [registry],
  });
  const statementSeconds = new Histogram({
    name: 'vcg_neo4j_statement_duration_seconds',
    help: 'Time per Cypher statement, by statement name.',
    labelNames: ['statement'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'vcg_graphql_errors_total',
    help: 'GraphQL errors in responses, by extensions.code.',
    labelNames: ['code'],
    registers: [registry],
  });
  db.onStatement(({ name, mode, durationMs }) => {
    statements.inc({ statement: name, mode });
    statementSeconds.observe({ statement: name }, durationMs / 1000);
    if (durationMs > slowStatementMs) logger.warn({ statement: name, mode, durationMs: Math.round(durationMs) }, 'Slow Cypher statement.');
  });

  const started = new WeakMap<Request, { id: string; at: number; operation?: string; codes: string[] }>();
  const requestLog: Plugin = {
    onRequest({ request }) {
      const given = request.headers.get('x-request-id');
      started.set(request, { id: given && REQUEST_ID.test(given) ? given : randomUUID(), at: performance.now(), codes: [] });
    },
    onContextBuilding({ context, extendContext }) {
      const entry = started.get((context as { request: Request }).request);
      if (entry) extendContext({ requestId: entry.id } as never);
    },
    onExecute({ args }) {
      const entry = started.get((args.contextValue as { request: Request }).request);
      if (entry) entry.operation = args.operationName ?? undefined;
      const type = getOperationAST(args.document, args.operationName)?.operation ?? 'query';
      operations.inc({ operation: args.operationName && trusted.has(args.operationName) ? args.operationName : 'other', type });
    },
    onResultProcess({ request, result }) {
      const entry = started.get(request);
      for (const single of (Array.isArray(result) ? result : [result]) as ExecutionResult[]) {
        for (const error of single?.errors ?? []) {
          const code = String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
          errors.inc({ code });
          entry?.codes.push(code);
        }
      }
    },
    onResponse({ request, response }) {
      const entry = started.get(request);
      if (!entry) return;
      response.headers.set('x-request-id', entry.id);
      const url = new URL(request.url);
      logger.info(
        {
          requestId: entry.id,
          method: request.method,
          path: url.pathname,
          status: response.status,
          durationMs: Math.round((performance.now() - entry.at) * 10) / 10,
          ...(entry.operation ? { operation: entry.operation } : {}),
          ...(entry.codes.length ? { errorCodes: entry.codes } : {}),
        },
        'request',
      );
    },
  };
  const plugins: Plugin[] = [
    requestLog,
    usePrometheus({
      endpoint: false,
      registry,
      // Bounded labels only: no operation names (counted above from the trusted set), URLs or error paths.
      labels: { operationName: false, url: false, path: false, fieldName: false, typeName: false, returnType: false },
      metrics: { graphql_envelop_deprecated_field: false, graphql_envelop_schema_change: false },
    }) as Plugin,
  ];
  if (metricsPath) plugins.unshift(useMetricsEndpoint(registry, metricsPath, metricsToken));
  return plugins;
}

/** Serves `registry` at `path`; with a token, only to `Authorization: Bearer <token>` (compared in constant time). */
export function useMetricsEndpoint(registry: Registry, path: string, token?: string): Plugin {
  const digest = token === undefined ? undefined : sha256(token);
  return {
    async onRequest({ url, request, endResponse, fetchAPI }) {
      if (url.pathname !== path) return;
      if (!bearerMatches(digest, request.headers.get('authorization'))) {
        endResponse(
          new fetchAPI.Response('Metrics need "Authorization: Bearer <METRICS_TOKEN>".\n', { status: 401, headers: { 'www-authenticate': 'Bearer' } }),
        );
        return;
      }
      endResponse(new fetchAPI.Response(await registry.metrics(), { headers: { 'content-type': registry.contentType } }));
    },
  };
}

/** True when no token is required (`digest` undefined) or `authorization` is "Bearer <the token>"; constant time. */
export function bearerMatches(digest: Buffer | undefined, authorization: string | null | undefined): boolean {
  if (!digest) return true;
  return timingSafeEqual(digest, sha256(/^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1] ?? ''));
}

/** SHA-256 of `text`, for comparing secrets in constant time. */
export function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
